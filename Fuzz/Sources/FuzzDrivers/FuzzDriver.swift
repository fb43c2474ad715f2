import Foundation
import JikunPolicy
import JikunTables
import JikunSimulation

/// A reader of user input driven by a fuzzer: bytes in, a clean error or a consistent value out.
///
/// A thrown input error is the expected outcome for most mutated inputs and only has to
/// describe itself; a value read must pass the driver's checks, else `run` throws an
/// `Inconsistency`. A trap in a reader is what libFuzzer looks for. The libFuzzer harnesses
/// (Fuzz/Sources/Harnesses) and the seeded mutation test of `swift test`
/// (Tests/JikunSimulationTests/FuzzDriver.swift is a link to this file) share these drivers.
public enum FuzzDriver: String, CaseIterable, Sendable {
    case csv, roster, claims, edition, scenario, settlement

    /// A value a reader returned that breaks one of its invariants.
    public struct Inconsistency: Error, CustomStringConvertible {
        public var description: String
    }

    public func run(_ bytes: [UInt8]) throws(Inconsistency) {
        do {
            switch self {
            case .csv: try Self.csv(bytes)
            case .roster: try Self.roster(bytes)
            case .claims: try Self.claims(bytes)
            case .edition: try Self.edition(bytes)
            case .scenario: try Self.scenario(bytes)
            case .settlement: try Self.settlement(bytes)
            }
        } catch let inconsistency as Inconsistency {
            throw inconsistency
        } catch {
            try Self.check(!String(describing: error).isEmpty, "an error without a message")
        }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws(Inconsistency) {
        if !condition { throw Inconsistency(description: message()) }
    }

    // MARK: - Fixed context

    /// The repository root: the nearest folder above this file that holds the shipped edition
    /// (this file is reached from Fuzz/ and, through a link, from Tests/).
    public static let repositoryRoot: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenarios/edition-2020.toml").path) {
            precondition(folder.path != "/", "no scenarios/edition-2020.toml above \(#filePath)")
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    /// The shipped 2020 edition, as a table (the base a fuzzed scenario is laid over) and loaded.
    static let editionTable = try! ConfigFile.load(repositoryRoot.appendingPathComponent("scenarios/edition-2020.toml").path)
    static let shippedEdition = try! Edition(config: editionTable)

    /// A small roster for adjudicating fuzzed claims against (Fuzz/corpus/roster/sample.csv).
    static let sampleRoster: Roster = {
        let path = repositoryRoot.appendingPathComponent("Fuzz/corpus/roster/sample.csv").path
        return try! Roster.read(CSVDocument(path: path), edition: shippedEdition)
    }()

    // MARK: - Drivers

    /// Every record has the header's width, and writing the records back reads back the same.
    static func csv(_ bytes: [UInt8]) throws {
        let document = try CSVDocument(bytes: bytes, path: "fuzz.csv")
        var records: [[String]] = []
        try document.forEachRecord { record in
            records.append((0..<document.header.count).map { record.string($0) })
        }
        // A one-column record holding only an empty field is written as a blank line, which
        // reading skips: such records are not expected back.
        if document.header.count == 1 { records.removeAll { $0 == [""] } }
        var writer = CSVWriter(header: document.header)
        for record in records { writer.writeRow(record) }
        let again = try CSVDocument(bytes: writer.bytes, path: "again.csv")
        try check(again.header == document.header, "the header does not survive a round trip")
        var index = 0
        try again.forEachRecord { record in
            let fields = (0..<again.header.count).map { record.string($0) }
            try check(index < records.count && fields == records[index], "record \(index) does not survive a round trip")
            index += 1
        }
        try check(index == records.count, "records lost in a round trip")
    }

    /// A strict read that succeeds sets nothing aside and agrees with the collecting read.
    static func roster(_ bytes: [UInt8]) throws {
        let document = try CSVDocument(bytes: bytes, path: "roster.csv")
        let lenient = try Roster.read(document, edition: shippedEdition, collectingRejects: true)
        for (i, person) in lenient.persons.enumerated() {
            try check(lenient.index(of: person.id) == i, "a person is not found under their own ID")
        }
        try check(lenient.rowsMerged >= 0, "more persons than rows")
        guard let strict = try? Roster.read(document, edition: shippedEdition) else {
            try check(!lenient.rejected.isEmpty, "the strict read fails but nothing is rejected")
            return
        }
        try check(lenient.rejected.isEmpty && strict.persons == lenient.persons, "strict and collecting reads differ")
    }

    /// Claims read strictly agree with the collecting read; adjudication pays each claim once,
    /// never a negative amount.
    static func claims(_ bytes: [UInt8]) throws {
        let document = try CSVDocument(bytes: bytes, path: "claims.csv")
        let lenient = try ClaimsFile.read(document, edition: shippedEdition, collectingRejects: true)
        let payments = Adjudicator(edition: shippedEdition).adjudicate(lenient.claims, roster: sampleRoster)
        try check(payments.count == lenient.claims.count, "a claim without a payment row")
        for payment in payments {
            try check(payment.payable >= .zero, "a negative payment")
            try check(payment.reason.isPayable || payment.payable == .zero, "an amount paid with a refusal reason")
        }
        guard let strict = try? ClaimsFile.read(document, edition: shippedEdition) else {
            try check(!lenient.rejected.isEmpty, "the strict read fails but nothing is rejected")
            return
        }
        try check(lenient.rejected.isEmpty && strict.claims.count == lenient.claims.count, "strict and collecting reads differ")
    }

    /// An edition file on its own (no `extends`: a fuzzed file names no other file).
    static func edition(_ bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        var table = try ConfigFile.parse(text, file: "edition.toml")
        table.entries.removeValue(forKey: "extends")
        _ = try Edition(config: table)
    }

    /// A scenario laid over the shipped edition, as `extends = "edition-2020.toml"` does.
    static func scenario(_ bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        var patch = try ConfigFile.parse(text, file: "scenario.toml")
        patch.entries.removeValue(forKey: "extends")
        _ = try Scenario(config: editionTable.merging(patch))
    }

    /// The settlement of a year: the insurers' rows add up to the total, to the fen.
    static func settlement(_ bytes: [UInt8]) throws {
        let document = try CSVDocument(bytes: bytes, path: "insurers.csv")
        let inputs = try SettlementInput.read(document, edition: shippedEdition)
        for allocation in [CorridorAllocation.proRataPremium, .ownExperience] {
            let settlement = try shippedEdition.corridor.settle(inputs, allocation: allocation)
            let refund = settlement.rows.reduce(Money.zero) { $0 + $1.refund }
            let topUp = settlement.rows.reduce(Money.zero) { $0 + $1.sharedTopUp }
            try check(refund == settlement.total.refund && topUp == settlement.total.sharedTopUp, "rows do not add up to the total")
            for row in settlement.rows {
                try check(row.refund >= .zero && row.sharedTopUp >= .zero, "a negative transfer")
                try check(row.refund == .zero || row.sharedTopUp == .zero, "a refund and a top-up on one row")
            }
        }
    }
}
