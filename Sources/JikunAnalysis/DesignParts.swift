import Foundation
import JikunPolicy
import JikunSimulation

/// A part of a sweep, a sensitivity analysis or a comparison, computed by one task: the items
/// (grid points, model runs, or trials) `first ..< first + items.count` of `total`, in `part.json` with the base
/// scenario beside it. Parts of one analysis must agree on the build, the base scenario, the
/// seed, the trials and the design, and tile 0 ..< total, as trial shards do.
public struct DesignPart<Item: Codable & Sendable>: Codable, Sendable {
    public static var currentFormat: String { "jikun-part/2" }
    public static var file: String { "part.json" }

    public var format: String
    /// `sweep`, `sensitivity` or `compare`.
    public var kind: String
    /// The build, the base scenario's hash, the seed and the trials of each model run.
    public var provenance: Provenance
    /// What defines the analysis besides the scenario and seed (the `--set` assignments, or the
    /// parameters, δ and sample counts), one entry per line.
    public var design: [String]
    public var total: Int
    public var shard: ShardSpec
    public var first: Int
    public var items: [Item]
    /// SHA-256 of the items' compact JSON (sorted keys): a value changed after the run would
    /// merge unseen otherwise.
    public var itemsSHA256: String

    public init(kind: String, provenance: Provenance, design: [String], total: Int, shard: ShardSpec, first: Int, items: [Item]) throws {
        format = Self.currentFormat
        self.kind = kind
        self.provenance = provenance
        self.design = design
        self.total = total
        self.shard = shard
        self.first = first
        self.items = items
        itemsSHA256 = try Self.itemsHash(items)
    }

    static func itemsHash(_ items: [Item]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hex(try encoder.encode(items))
    }

    public func write(to directory: String, scenarioText: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(encoder.encode(self), to: directory + "/" + Self.file)
        try OutputFile.write(scenarioText, to: directory + "/" + TrialShard.scenarioFile)
    }

    /// Reads the parts and returns the first part's header, every item in order, and the base
    /// scenario's text; refuses mismatched or incomplete parts, naming the one at fault.
    public static func merge(_ directories: [String], kind: String) throws -> (header: DesignPart, items: [Item], scenarioText: String) {
        guard !directories.isEmpty else { throw ShardError.set("no part folders given") }
        var parts: [(path: String, part: DesignPart)] = []
        for path in directories {
            guard let data = FileManager.default.contents(atPath: path + "/" + file) else {
                throw ShardError.shard(path: path, message: "no \(file) (is this a folder written by `jikun \(kind) --shard`?)")
            }
            if let other = DesignParts.kind(in: path), other != kind {
                throw ShardError.shard(path: path, message: "is a \(other) part, not a \(kind) part")
            }
            let part: DesignPart
            do { part = try JSONDecoder().decode(DesignPart.self, from: data) } catch {
                throw ShardError.shard(path: path, message: "\(file) is not a \(kind) part (\(error))")
            }
            guard part.format == currentFormat else {
                throw ShardError.shard(path: path, message: "format \"\(part.format)\", expected \"\(currentFormat)\"")
            }
            guard part.kind == kind else { throw ShardError.shard(path: path, message: "is a \(part.kind) part, not a \(kind) part") }
            guard (try? itemsHash(part.items)) == part.itemsSHA256 else {
                throw ShardError.shard(path: path, message: "the items of \(file) do not match its itemsSHA256 (changed or damaged after the run?)")
            }
            parts.append((path, part))
        }
        let (firstPath, reference) = parts[0]
        let r = reference.provenance
        for (path, part) in parts.dropFirst() {
            let p = part.provenance
            func differs(_ what: String, _ mine: String, _ theirs: String) -> ShardError {
                .shard(path: path, message: "\(what) \(mine) differs from \(theirs) of \(firstPath)")
            }
            if let (what, mine, theirs) = p.mismatch(with: r) { throw differs(what, mine, theirs) }
            if p.trialCount != r.trialCount { throw differs("trials", String(p.trialCount), String(r.trialCount)) }
            if part.design != reference.design {
                throw differs("design", part.design.joined(separator: "; "), reference.design.joined(separator: "; "))
            }
            if part.total != reference.total { throw differs("total", String(part.total), String(reference.total)) }
        }
        let noun = ["sweep": "grid points", "compare": "trials"][kind] ?? "model runs"
        try ShardError.checkTiling(parts.map { ($0.path, $0.part.first..<($0.part.first + $0.part.items.count)) }, total: reference.total, noun: noun)
        let items = parts.sorted { $0.part.first < $1.part.first }.flatMap(\.part.items)
        let scenarioPath = firstPath + "/" + TrialShard.scenarioFile
        guard let text = FileManager.default.contents(atPath: scenarioPath).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw ShardError.shard(path: firstPath, message: "no \(TrialShard.scenarioFile)")
        }
        guard Provenance.hash(text) == r.scenarioHash else {
            throw ShardError.shard(path: firstPath, message: "\(TrialShard.scenarioFile) does not match the part's scenario hash (edited after the run?)")
        }
        return (reference, items, text)
    }
}

/// What kind of folder a merge was given.
public enum DesignParts {
    private struct Kind: Decodable { var kind: String }

    /// The kind of part in `directory` (`sweep`, `sensitivity`, `compare`), or nil when it holds no `part.json`.
    public static func kind(in directory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: directory + "/part.json") else { return nil }
        return (try? JSONDecoder().decode(Kind.self, from: data))?.kind
    }
}

/// A model run's output means in a part file, each as the hexadecimal bit pattern of the
/// double, so the merge's regression sees exactly the values one process would have.
public struct ExactMeans: Codable, Sendable, Equatable {
    public var bits: [String: String]

    public init(_ means: [String: Double]) {
        bits = means.mapValues { String($0.bitPattern, radix: 16) }
    }

    /// The means, or nil when a value is not a bit pattern.
    public var means: [String: Double]? {
        var result: [String: Double] = [:]
        for (key, text) in bits {
            guard let pattern = UInt64(text, radix: 16) else { return nil }
            result[key] = Double(bitPattern: pattern)
        }
        return result
    }
}
