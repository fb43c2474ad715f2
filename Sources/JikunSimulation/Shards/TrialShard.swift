import Foundation
import JikunPolicy

/// What a shard folder's `manifest.json` says: which run, which trials, the exact integer sums
/// of the shard and the population totals the summary needs. `trials.f64` beside it holds the
/// per-trial rows (see `TrialShard.rowLayout`), so a merge recomputes every quantile exactly.
public struct ShardManifest: Codable, Sendable, Equatable {
    public static let currentFormat = "jikun-shard/2"

    public var format: String
    /// Build, scenario hash, seed and this shard's trials.
    public var provenance: Provenance
    public var scenario: String
    public var edition: String
    /// Trials of the whole run that the shard is part of.
    public var totalTrials: Int
    public var shard: ShardSpec
    /// Doubles per trial in `trials.f64`.
    public var rowWidth: Int
    public var premiumByInsurer: [Double]
    public var insuredAtStart: [Int]
    public var memberMonths: Double
    /// Exact sums in fen over the shard's trials (`SimulationResult`'s layout).
    public var columnSums: [Int64]
    public var categorySums: [Int64]
    /// Sums of squares in fen², as decimal text (they exceed 64 bits).
    public var categorySquares: [String]
    public var claimantsSampled: Int
    public var cellEvents: Int
    /// `simulate --as-of`: the clearing date; the same trials seen at that date are a shard of
    /// their own in the `known/` folder beside this manifest. Absent without `--as-of`.
    public var asOf: String?
    /// SHA-256 of `trials.f64`: a value changed after the run would merge unseen otherwise.
    public var rowsSHA256: String
}

/// A shard of a run on disk: `manifest.json`, `trials.f64` and `scenario.resolved.toml`.
public enum TrialShard {
    public static let manifestFile = "manifest.json"
    public static let rowsFile = "trials.f64"
    public static let scenarioFile = "scenario.resolved.toml"
    /// The folder of a shard's claims known at the clearing date (`simulate --as-of`).
    public static let knownFolder = "known"

    /// Per-trial row, little-endian IEEE doubles: claims by line × period, claims by insurer,
    /// total claims, loss ratio, refund, shared top-up, bureau cost, result by insurer, band
    /// (`Band.shardCode`: the `CorridorBand` index, 255 for `.mixed`).
    static func rowWidth(lines: Int, periods: Int, insurers: Int) -> Int { lines * periods + 2 * insurers + 6 }

    /// Writes `result` (the trials `spec` takes of `totalTrials`) into `directory`, and with
    /// `known` (a run of `Engine.knownClaims(asOf:)` on the same trials) that run into its
    /// `known/` folder.
    public static func write(_ result: SimulationResult, scenario: Scenario, population: Population,
                             spec: ShardSpec, totalTrials: Int, known: (asOf: CivilDate, result: SimulationResult)? = nil,
                             to directory: String) throws {
        let text = scenario.resolved.tomlText
        let lp = result.lines.count * result.periodKeys.count, n = result.insurerKeys.count
        let width = rowWidth(lines: result.lines.count, periods: result.periodKeys.count, insurers: n)
        var manifest = ShardManifest(
            format: ShardManifest.currentFormat,
            provenance: Provenance(scenarioText: text, seed: result.seed, firstTrial: result.firstTrial, trialCount: result.trials),
            scenario: scenario.name, edition: scenario.edition.name, totalTrials: totalTrials, shard: spec,
            rowWidth: width, premiumByInsurer: result.premiumByInsurer,
            insuredAtStart: population.totalInsuredAtStart, memberMonths: population.memberMonths.reduce(0, +),
            columnSums: result.columnSums, categorySums: result.categorySums,
            categorySquares: result.categorySquares.map { String($0) },
            claimantsSampled: result.claimantsSampled, cellEvents: result.cellEvents, asOf: known?.asOf.description,
            rowsSHA256: "")

        var bytes = [UInt8]()
        bytes.reserveCapacity(result.trials * width * 8)
        func put(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        for t in 0..<result.trials {
            for j in 0..<lp { put(result.linePeriodClaims[t * lp + j]) }
            for i in 0..<n { put(result.insurerClaims[t * n + i]) }
            put(result.totalClaims[t]); put(result.lossRatio[t]); put(result.refund[t])
            put(result.sharedTopUp[t]); put(result.bureauCost[t])
            for i in 0..<n { put(result.insurerResult[t * n + i]) }
            put(result.band[t].shardCode)
        }
        manifest.rowsSHA256 = SHA256.hex(bytes)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(encoder.encode(manifest), to: directory + "/" + manifestFile)
        try OutputFile.write(bytes, to: directory + "/" + rowsFile)
        try OutputFile.write(text, to: directory + "/" + scenarioFile)
        if let known {
            try write(known.result, scenario: scenario, population: population, spec: spec, totalTrials: totalTrials,
                      to: directory + "/" + knownFolder)
        }
    }

    /// A merged run: the scenario as it ran, the result of all its trials and the population
    /// totals for the summary.
    public struct Merged: Sendable {
        public var scenario: Scenario
        /// The resolved scenario text exactly as the shards wrote it.
        public var scenarioText: String
        public var result: SimulationResult
        public var insuredAtStart: [Int]
        public var memberMonths: Double

        /// The build that computed the trials (the shards'), not the one that merged them.
        public var provenance: Provenance
        /// Shards of `simulate --as-of`: the clearing date and the merged run of known claims.
        public var known: (asOf: CivilDate, result: SimulationResult)?

        public var summary: SimulationSummary {
            var s = SimulationSummary(result: result, scenario: scenario, insuredAtStart: insuredAtStart, memberMonths: memberMonths)
            s.provenance = provenance
            if let known {
                let knownSummary = SimulationSummary(result: known.result, scenario: scenario, insuredAtStart: insuredAtStart,
                                                     memberMonths: memberMonths)
                s.asOf = KnownClaimsSummary(asOf: known.asOf, known: knownSummary, ultimate: s)
            }
            return s
        }
    }

    /// Reads the shard folders and joins them into one run of trials 0 ..< N. Refuses shards of
    /// different builds, scenarios, seeds or runs, and trial ranges that overlap or leave a gap,
    /// naming the shard at fault.
    public static func merge(_ directories: [String]) throws -> Merged {
        guard !directories.isEmpty else { throw ShardError.set("no shard folders given") }
        let decoder = JSONDecoder()
        var shards: [(path: String, manifest: ShardManifest)] = []
        for path in directories {
            let url = URL(fileURLWithPath: path + "/" + manifestFile)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ShardError.shard(path: path, message: "no \(manifestFile) (is this a folder written by `jikun simulate --shard`?)")
            }
            let manifest: ShardManifest
            do { manifest = try decoder.decode(ShardManifest.self, from: data) } catch {
                throw ShardError.shard(path: path, message: "\(manifestFile) is not a shard manifest (\(error))")
            }
            guard manifest.format == ShardManifest.currentFormat else {
                throw ShardError.shard(path: path, message: "format \"\(manifest.format)\", expected \"\(ShardManifest.currentFormat)\"")
            }
            shards.append((path, manifest))
        }
        let first = shards[0]
        let reference = first.manifest.provenance
        for (path, m) in shards.dropFirst() {
            let p = m.provenance
            func differs(_ what: String, _ mine: String, _ theirs: String) -> ShardError {
                .shard(path: path, message: "\(what) \(mine) differs from \(theirs) of \(first.path)")
            }
            if let (what, mine, theirs) = p.mismatch(with: reference) { throw differs(what, mine, theirs) }
            if m.totalTrials != first.manifest.totalTrials {
                throw differs("belongs to a run of", "\(m.totalTrials) trials", "\(first.manifest.totalTrials) trials")
            }
            if m.premiumByInsurer != first.manifest.premiumByInsurer || m.insuredAtStart != first.manifest.insuredAtStart
                || m.memberMonths != first.manifest.memberMonths {
                throw differs("population (premium, insured, member-months)", "", "that")
            }
            if m.asOf != first.manifest.asOf {
                throw differs("clearing date (--as-of)", m.asOf ?? "none", first.manifest.asOf ?? "none")
            }
        }
        // The ranges, in order, must tile 0 ..< N.
        let total = first.manifest.totalTrials
        let ordered = shards.sorted { $0.manifest.provenance.firstTrial < $1.manifest.provenance.firstTrial }
        try ShardError.checkTiling(ordered.map { ($0.path, $0.manifest.provenance.firstTrial..<($0.manifest.provenance.firstTrial + $0.manifest.provenance.trialCount)) },
                                   total: total, noun: "trials")

        // The scenario as it ran, from the first shard's text (its hash checked).
        let scenarioPath = first.path + "/" + scenarioFile
        guard let textData = FileManager.default.contents(atPath: scenarioPath) else {
            throw ShardError.shard(path: first.path, message: "no \(scenarioFile)")
        }
        let text = String(decoding: textData, as: UTF8.self)
        guard Provenance.hash(text) == reference.scenarioHash else {
            throw ShardError.shard(path: first.path, message: "\(scenarioFile) does not match the manifest's scenario hash (edited after the run?)")
        }
        let scenario = try Scenario(config: ConfigFile.parse(text, file: scenarioPath))
        let columns = ClaimColumns(edition: scenario.edition)
        var merged = SimulationResult(scenario: scenario, columns: columns, premiumByInsurer: first.manifest.premiumByInsurer,
                                      trials: total, seed: reference.seed, firstTrial: 0)
        let lp = merged.lines.count * merged.periodKeys.count, n = merged.insurerKeys.count
        let width = rowWidth(lines: merged.lines.count, periods: merged.periodKeys.count, insurers: n)
        merged.columnSums = Array(repeating: 0, count: columns.count)
        merged.categorySums = Array(repeating: 0, count: columns.categories)
        merged.categorySquares = Array(repeating: 0, count: columns.categories)
        for (path, m) in ordered {
            guard m.rowWidth == width, m.columnSums.count == columns.count, m.categorySums.count == columns.categories,
                  m.categorySquares.count == columns.categories, m.premiumByInsurer.count == n else {
                throw ShardError.shard(path: path, message: "its layout (\(m.rowWidth) values a trial, \(m.columnSums.count) claim columns) does not fit the scenario (\(width), \(columns.count))")
            }
            for j in 0..<columns.count { merged.columnSums[j] &+= m.columnSums[j] }
            for c in 0..<columns.categories {
                guard let square = Int128(m.categorySquares[c]) else {
                    throw ShardError.shard(path: path, message: "categorySquares[\(c)] is not a whole number: \"\(m.categorySquares[c])\"")
                }
                merged.categorySums[c] &+= m.categorySums[c]
                merged.categorySquares[c] &+= square
            }
            merged.claimantsSampled += m.claimantsSampled
            merged.cellEvents += m.cellEvents

            let rowsPath = path + "/" + rowsFile
            guard let data = FileManager.default.contents(atPath: rowsPath) else {
                throw ShardError.shard(path: path, message: "no \(rowsFile)")
            }
            let count = m.provenance.trialCount
            guard data.count == count * width * 8 else {
                throw ShardError.shard(path: path, message: "\(rowsFile) has \(data.count) bytes, expected \(count) trials × \(width) values × 8 = \(count * width * 8)")
            }
            guard SHA256.hex(data) == m.rowsSHA256 else {
                throw ShardError.shard(path: path, message: "\(rowsFile) does not match the manifest's SHA-256 (changed or damaged after the run?)")
            }
            let start = m.provenance.firstTrial
            // The first trial whose band is not a band index (nil when all are).
            let badBand: (trial: Int, band: Double)? = data.withUnsafeBytes { raw in
                var offset = 0
                func take() -> Double {
                    let bits = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    offset += 8
                    return Double(bitPattern: UInt64(littleEndian: bits))
                }
                for local in 0..<count {
                    let t = start + local
                    for j in 0..<lp { merged.linePeriodClaims[t * lp + j] = take() }
                    for i in 0..<n { merged.insurerClaims[t * n + i] = take() }
                    merged.totalClaims[t] = take(); merged.lossRatio[t] = take(); merged.refund[t] = take()
                    merged.sharedTopUp[t] = take(); merged.bureauCost[t] = take()
                    for i in 0..<n { merged.insurerResult[t * n + i] = take() }
                    let band = take()
                    guard let decoded = Band(shardCode: band) else { return (t, band) }
                    merged.band[t] = decoded
                }
                return nil
            }
            if let badBand {
                throw ShardError.shard(path: path, message: "\(rowsFile): trial \(badBand.trial) has band \(badBand.band), expected 0…\(CorridorBand.allCases.count - 1) or 255")
            }
        }
        let provenance = Provenance(scenarioText: text, seed: reference.seed, firstTrial: 0, trialCount: total,
                                    version: reference.version, commit: reference.commit)
        var known: (asOf: CivilDate, result: SimulationResult)? = nil
        if let date = first.manifest.asOf {
            guard let asOf = CivilDate(parsing: date) else {
                throw ShardError.shard(path: first.path, message: "asOf \"\(date)\" is not a date YYYY-MM-DD")
            }
            // The known claims are shards of their own, of the same trials and scenario.
            let knownShards = try merge(ordered.map { $0.path + "/" + knownFolder })
            guard knownShards.known == nil, knownShards.scenarioText == text else {
                throw ShardError.shard(path: first.path + "/" + knownFolder, message: "is not the known-claims run of this shard")
            }
            known = (asOf, knownShards.result)
        }
        return Merged(scenario: scenario, scenarioText: text, result: merged,
                      insuredAtStart: first.manifest.insuredAtStart, memberMonths: first.manifest.memberMonths,
                      provenance: provenance, known: known)
    }

}

extension ShardError {
    /// Refuses parts whose ranges, sorted by their start, overlap or leave a gap in 0 ..< `total`;
    /// names the part at fault. `noun` says what is counted ("trials", "points", "runs").
    public static func checkTiling(_ parts: [(path: String, range: Range<Int>)], total: Int, noun: String) throws(ShardError) {
        let ordered = parts.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var next = 0
        var previous: String? = nil
        for (path, range) in ordered {
            if range.lowerBound < next {
                throw ShardError.shard(path: path, message: "\(noun) \(describe(range)) overlap \(noun) up to \(next - 1) of \(previous!)")
            }
            if range.lowerBound > next {
                throw ShardError.shard(path: path, message: "\(noun) \(describe(next..<range.lowerBound)) are missing before this shard's \(describe(range))"
                                       + (previous.map { " (after \($0))" } ?? ""))
            }
            next = range.upperBound
            previous = path
        }
        if next != total, let previous {
            throw ShardError.shard(path: previous, message: "\(noun) \(describe(next..<total)) of the run's \(total) are missing after this shard")
        }
    }

    static func describe(_ range: Range<Int>) -> String {
        range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound - 1)"
    }
}
