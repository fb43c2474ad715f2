import Foundation
import JikunPolicy
import JikunSampling
import JikunSimulation
import Testing

/// The fuzzers' drivers (FuzzDriver.swift, linked from Fuzz/) over a few thousand seeded
/// mutations of each seed corpus: every variant must give a clean input error or a value that
/// passes the driver's checks. A trap would end the test process, so this runs only inputs
/// the readers must survive: the mutations below are what a hand-edited or damaged file holds.
@Suite struct InputMutationTests {
    /// The engine's seeded stream, so that a failing variant can be re-made from its seed.
    typealias Generator = RandomStream

    /// Bytes and tokens that matter to the readers: separators, quotes, line ends, signs, digits,
    /// a byte-order mark, invalid UTF-8, TOML punctuation, and numbers at the edges.
    static let tokens: [[UInt8]] = [
        ",", "\"", "\n", "\r\n", "\r", ";", "-", ".", "0", "9", "X", "=", "[", "]", "[[", "{", "}", "#", " ",
        "true", "false", "nan", "inf", "-1", "1e308", "-0.0", "0.001", "99999999999999999999",
        "9223372036854775807", "-9223372036854775808", "2020-02-30", "2021-12-31", "0000-01-01",
        "500100197702140004", "50010019770214000X", "P1", "P2", "picc", "yuzhong", "tekun",
    ].map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0x00], [0xE4, 0xB8]]

    /// One mutation of `input`: replace, insert or delete a few bytes, put in a token, repeat,
    /// drop or swap lines, or cut the file short.
    static func mutate(_ input: [UInt8], _ rng: inout Generator) -> [UInt8] {
        var bytes = input
        let rounds = 1 + rng.below(3)
        for _ in 0..<rounds {
            let at = bytes.isEmpty ? 0 : rng.below(bytes.count)
            switch rng.below(8) {
            case 0 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: bytes.insert(contentsOf: tokens[rng.below(tokens.count)], at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.below(8)))
            case 3 where !bytes.isEmpty:
                // A token in place of the field or value around `at`.
                let stops: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "="), UInt8(ascii: " ")]
                var start = at, end = at
                while start > 0, !stops.contains(bytes[start - 1]) { start -= 1 }
                while end < bytes.count, !stops.contains(bytes[end]) { end += 1 }
                bytes.replaceSubrange(start..<end, with: tokens[rng.below(tokens.count)])
            case 4, 5:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                let i = rng.below(lines.count), j = rng.below(lines.count)
                switch rng.below(3) {
                case 0: lines.insert(lines[i], at: j)
                case 1: lines.remove(at: i)
                default: lines.swapAt(i, j)
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 6 where !bytes.isEmpty: bytes.removeSubrange(at...)
            default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            }
        }
        return bytes
    }

    static func corpus(_ driver: FuzzDriver) throws -> [[UInt8]] {
        let folder = FuzzDriver.repositoryRoot.appendingPathComponent("Fuzz/corpus/\(driver.rawValue)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Variants per driver: 3,000 for the CSV readers, fewer for the TOML readers, whose seeds are
    /// larger and whose loading builds a whole edition or scenario (each variant ≈ 1–5 ms here).
    @Test(arguments: [(FuzzDriver.csv, 3000), (.roster, 3000), (.claims, 3000), (.settlement, 3000),
                      (.edition, 1000), (.scenario, 600)])
    func mutatedInputsGiveACleanErrorOrAConsistentValue(driver: FuzzDriver, variants: Int) throws {
        let seeds = try Self.corpus(driver)
        #expect(!seeds.isEmpty)
        // Every seed itself reads cleanly and consistently.
        for seed in seeds { #expect(throws: Never.self) { try driver.run(seed) } }
        var rng = Generator(seed: 0x6A69_6B75_6E00, stream: UInt64(driver.rawValue.utf8.count))
        var failures = 0
        for variant in 0..<variants {
            let bytes = Self.mutate(seeds[variant % seeds.count], &rng)
            do {
                try driver.run(bytes)
            } catch {
                failures += 1
                if failures <= 3 {
                    Issue.record("\(driver) variant \(variant): \(error)\n\(String(decoding: bytes.prefix(2000), as: UTF8.self))")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(variants) variants gave an inconsistent value")
    }

    /// The seeds are valid files, so that mutations start from values rather than errors.
    @Test func theSeedsReadAsValues() throws {
        let edition = FuzzDriver.shippedEdition
        for seed in try Self.corpus(.roster) {
            let roster = try Roster.read(CSVDocument(bytes: seed, path: "roster seed"), edition: edition)
            #expect(roster.persons.count >= 1)
        }
        for seed in try Self.corpus(.claims) {
            #expect(try ClaimsFile.read(CSVDocument(bytes: seed, path: "claims seed"), edition: edition).claims.count >= 10)
        }
        for seed in try Self.corpus(.settlement) {
            #expect(try SettlementInput.read(CSVDocument(bytes: seed, path: "settlement seed"), edition: edition).count == 5)
        }
        for seed in try Self.corpus(.edition) {
            #expect(try Edition(config: ConfigFile.parse(String(decoding: seed, as: UTF8.self), file: "edition seed")).insurers.count == 5)
        }
        for seed in try Self.corpus(.scenario) {
            let patch = try ConfigFile.parse(String(decoding: seed, as: UTF8.self), file: "scenario seed")
            #expect(try Scenario(config: FuzzDriver.editionTable.merging(patch)).defaultTrials >= 1)
        }
        #expect(FuzzDriver.sampleRoster.persons.count >= 10)
    }
}

private extension RandomStream {
    /// A whole number in 0 ..< n (the modulo bias is irrelevant for choosing mutations).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
