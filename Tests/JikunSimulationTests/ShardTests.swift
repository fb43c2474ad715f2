import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples, and a multi-block UTF-8 text; the digests are Python's
    /// `hashlib.sha256(...).hexdigest()`.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "民政惠民济困保", count: 100), "dfda0367e74dc37107cafe29b5e30e778da708a1ed2501c68b92ee6dbab93b1f"),
    ])
    func knownDigests(text: String, digest: String) {
        #expect(SHA256.hex(text) == digest)
    }
}

@Suite struct ShardSpecTests {
    @Test func rangesOfTenTrialsInThreeShards() throws {
        // ⌊(i−1)·10/3⌋ … ⌊i·10/3⌋ − 1: 0…2, 3…5, 6…9.
        #expect(try ShardSpec(index: 1, count: 3).trials(of: 10) == 0..<3)
        #expect(try ShardSpec(index: 2, count: 3).trials(of: 10) == 3..<6)
        #expect(try ShardSpec(index: 3, count: 3).trials(of: 10) == 6..<10)
    }

    /// For every N ≤ 60 and k ≤ N the shards tile 0 ..< N in order, each of ⌊N/k⌋ or ⌈N/k⌉ trials.
    @Test func shardsTileTheRun() throws {
        for n in 1...60 {
            for k in 1...n {
                var next = 0
                for i in 1...k {
                    let r = try ShardSpec(index: i, count: k).trials(of: n)
                    #expect(r.lowerBound == next)
                    #expect(r.count == n / k || r.count == (n + k - 1) / k)
                    next = r.upperBound
                }
                #expect(next == n)
            }
        }
    }

    @Test func parsesExplicitAndSchedulerShards() throws {
        #expect(try ShardSpec.parse("2/4", environment: [:]) == ShardSpec(index: 2, count: 4))
        // --array=1-4: task 3 is shard 3; --array=0-3: task 2 is shard 3.
        let slurmFromOne = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"]
        #expect(try ShardSpec.parse("auto", environment: slurmFromOne) == ShardSpec(index: 3, count: 4))
        let slurmFromZero = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3"]
        #expect(try ShardSpec.parse("auto", environment: slurmFromZero) == ShardSpec(index: 3, count: 4))
        #expect(try ShardSpec.parse("auto/4", environment: slurmFromZero) == ShardSpec(index: 3, count: 4))
        // Kubernetes: JOB_COMPLETION_INDEX is 0-based, the count is stated.
        #expect(try ShardSpec.parse("auto/5", environment: ["JOB_COMPLETION_INDEX": "0"]) == ShardSpec(index: 1, count: 5))
        #expect(try ShardSpec.parse("auto/5", environment: ["JOB_COMPLETION_INDEX": "4"]) == ShardSpec(index: 5, count: 5))
    }

    @Test(arguments: [
        ("0/4", [String: String](), "--shard: the shard index must be in 1…4, got 0"),
        ("5/4", [:], "--shard: the shard index must be in 1…4, got 5"),
        ("1/0", [:], "--shard: the shard count must be at least 1, got 0"),
        ("2", [:], "--shard: expected i/k (e.g. 2/4), auto or auto/k, got \"2\""),
        ("a/b", [:], "--shard: expected a whole number of shards after '/', got \"b\""),
        ("auto/5", ["JOB_COMPLETION_INDEX": "5"], "--shard: the shard index must be in 1…5, got 6"),
        ("auto", ["JOB_COMPLETION_INDEX": "0"], "--shard: JOB_COMPLETION_INDEX is set but the shard count is not: use --shard auto/k with the Job's completions"),
        ("auto", ["SLURM_ARRAY_TASK_ID": "1"], "--shard: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not"),
        ("auto/3", ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4"], "--shard: --shard auto/3 states 3 shards but SLURM_ARRAY_TASK_COUNT is 4"),
        ("auto", ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "6"],
         "--shard: the Slurm array 0-6 has 4 tasks: use a contiguous --array=0-3"),
        ("auto", ["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "4"], "--shard: SLURM_ARRAY_TASK_ID should be a whole number from 0 to 10000000, got \"x\""),
    ])
    func refusesBadShards(text: String, environment: [String: String], message: String) {
        #expect(throws: ShardError.self) { try ShardSpec.parse(text, environment: environment) }
        do { _ = try ShardSpec.parse(text, environment: environment) } catch { #expect(String(describing: error) == message) }
    }

    @Test func autoWithoutAScheduler() {
        do {
            _ = try ShardSpec.parse("auto", environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error).hasPrefix("--shard: --shard auto needs SLURM_ARRAY_TASK_ID"))
        }
    }
}

@Suite struct ShardMergeTests {
    static func scratch() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-shards-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes shards 1…k of a run of `trials` into `directory`/s1…sk.
    static func writeShards(_ engine: Engine, trials: Int, seed: UInt64, count: Int, in directory: String) throws -> [String] {
        try (1...count).map { i in
            let spec = try ShardSpec(index: i, count: count)
            let range = spec.trials(of: trials)
            let result = engine.run(SimulationOptions(trials: range.count, seed: seed, threads: 2, blockSize: 16, firstTrial: range.lowerBound))
            let path = directory + "/s\(i)"
            try TrialShard.write(result, scenario: engine.scenario, population: engine.population, spec: spec, totalTrials: trials, to: path)
            return path
        }
    }

    /// A shard's trials are the same trials of a run from 0: each trial's streams come from
    /// (seed, trial index) alone.
    @Test func aShardRunsTheSameTrialsAsTheWholeRun() throws {
        let engine = Engine(scenario: try loadScenario("test-small.toml"))
        let whole = engine.run(SimulationOptions(trials: 50, seed: 3, threads: 2, blockSize: 7))
        let part = engine.run(SimulationOptions(trials: 20, seed: 3, threads: 1, blockSize: 3, firstTrial: 17))
        #expect(part.firstTrial == 17)
        #expect(Array(part.totalClaims) == Array(whole.totalClaims[17..<37]))
        #expect(Array(part.bureauCost) == Array(whole.bureauCost[17..<37]))
        let n = whole.insurerKeys.count
        #expect(Array(part.insurerResult) == Array(whole.insurerResult[(17 * n)..<(37 * n)]))
        // The trial column of trials.csv carries the run's index.
        let csv = String(decoding: SimulationReport.trialsCSV(part).bytes, as: UTF8.self).split(separator: "\n")
        #expect(csv[1].hasPrefix("17,"))
        #expect(csv[20].hasPrefix("36,"))
    }

    /// Three uneven shards (33, 33, 34 trials) merge to the bytes of one run of 100 trials.
    @Test func mergeEqualsTheSingleRunByteForByte() throws {
        let scenario = try loadScenario("test-small.toml")
        let engine = Engine(scenario: scenario)
        let single = engine.run(SimulationOptions(trials: 100, seed: 11, threads: 2, blockSize: 32))
        let singleSummary = SimulationSummary(result: single, scenario: scenario, population: engine.population)
        let directory = Self.scratch()
        let paths = try Self.writeShards(engine, trials: 100, seed: 11, count: 3, in: directory)
        // Given in any order.
        let merged = try TrialShard.merge([paths[2], paths[0], paths[1]])
        #expect(try SimulationReport.json(merged.summary) == SimulationReport.json(singleSummary))
        #expect(SimulationReport.trialsCSV(merged.result).bytes == SimulationReport.trialsCSV(single).bytes)
        #expect(merged.result.columnSums == single.columnSums)
        #expect(merged.result.categorySquares == single.categorySquares)
        #expect(merged.summary.provenance == singleSummary.provenance)
        #expect(merged.summary.provenance.trialCount == 100 && merged.summary.provenance.firstTrial == 0)
        #expect(merged.scenarioText == scenario.resolved.tomlText)
    }

    static func expectRefusal(_ paths: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try TrialShard.merge(paths)
            Issue.record("expected the merge to be refused", sourceLocation: sourceLocation)
        } catch {
            #expect(String(describing: error) == message, sourceLocation: sourceLocation)
        }
    }

    @Test func refusesGapsOverlapsAndMixedRuns() throws {
        let scenario = try loadScenario("test-small.toml")
        let engine = Engine(scenario: scenario)
        let directory = Self.scratch()
        let four = try Self.writeShards(engine, trials: 40, seed: 11, count: 4, in: directory + "/four")
        let two = try Self.writeShards(engine, trials: 40, seed: 11, count: 2, in: directory + "/two")
        let otherSeed = try Self.writeShards(engine, trials: 40, seed: 12, count: 4, in: directory + "/seed12")
        let longer = try Self.writeShards(engine, trials: 80, seed: 11, count: 4, in: directory + "/eighty")

        // Shard 3 of 4 (trials 20–29) missing.
        Self.expectRefusal([four[0], four[1], four[3]],
                           "shard \(four[3]): trials 20–29 are missing before this shard's 30–39 (after \(four[1]))")
        Self.expectRefusal([four[1], four[2], four[3]], "shard \(four[1]): trials 0–9 are missing before this shard's 10–19")
        Self.expectRefusal([four[0], four[1], four[2]], "shard \(four[2]): trials 30–39 of the run's 40 are missing after this shard")
        // Shard 1 of 2 (0–19) overlaps shard 2 of 4 (10–19).
        Self.expectRefusal([two[0], four[1], four[2], four[3]], "shard \(four[1]): trials 10–19 overlap trials up to 19 of \(two[0])")
        Self.expectRefusal([four[0], four[0]], "shard \(four[0]): trials 0–9 overlap trials up to 9 of \(four[0])")
        Self.expectRefusal([four[0], four[1], otherSeed[2], four[3]], "shard \(otherSeed[2]): seed 12 differs from 11 of \(four[0])")
        Self.expectRefusal([four[0], longer[1]], "shard \(longer[1]): belongs to a run of 80 trials differs from 40 trials of \(four[0])")

        // Another scenario: the expense ratios changed.
        let edited = try loadScenario("test-small.toml").applying("[expenses]\ndefault_ratio = 0.11\n", file: "edit.toml")
        let otherScenario = try Self.writeShards(Engine(scenario: edited), trials: 40, seed: 11, count: 4, in: directory + "/other")
        do {
            _ = try TrialShard.merge([four[0], otherScenario[1], four[2], four[3]])
            Issue.record("expected a refusal")
        } catch {
            #expect(String(describing: error).hasPrefix("shard \(otherScenario[1]): scenario sha256:"))
            #expect(String(describing: error).contains("differs from sha256:"))
        }
    }

    @Test func refusesDamagedShards() throws {
        let engine = Engine(scenario: try loadScenario("test-small.toml"))
        let directory = Self.scratch()
        let paths = try Self.writeShards(engine, trials: 30, seed: 1, count: 2, in: directory)
        let fm = FileManager.default

        // Truncated rows: 15 trials × 26 values × 8 bytes expected.
        let rows = paths[1] + "/trials.f64"
        let data = try #require(fm.contents(atPath: rows))
        let width = TrialShard.rowWidth(lines: ClaimColumns.lines.count, periods: 2, insurers: engine.scenario.edition.insurers.count)
        #expect(data.count == 15 * width * 8)
        try data.dropLast(8).write(to: URL(fileURLWithPath: rows))
        Self.expectRefusal(paths, "shard \(paths[1]): trials.f64 has \(data.count - 8) bytes, expected 15 trials × \(width) values × 8 = \(data.count)")
        try data.write(to: URL(fileURLWithPath: rows))
        _ = try TrialShard.merge(paths)

        // One value changed after the run: the size is right, the checksum is not.
        var changed = [UInt8](data)
        changed[100] ^= 0x01
        try Data(changed).write(to: URL(fileURLWithPath: rows))
        Self.expectRefusal(paths, "shard \(paths[1]): trials.f64 does not match the manifest's SHA-256 (changed or damaged after the run?)")
        try data.write(to: URL(fileURLWithPath: rows))
        _ = try TrialShard.merge(paths)

        // Another build.
        let manifestPath = paths[1] + "/manifest.json"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        let version = try JSONDecoder().decode(ShardManifest.self, from: Data(manifest.utf8)).provenance.version
        try manifest.replacingOccurrences(of: "\"version\" : \"\(version)\"", with: "\"version\" : \"other\"")
            .write(toFile: manifestPath, atomically: true, encoding: .utf8)
        do {
            _ = try TrialShard.merge(paths)
            Issue.record("expected a refusal")
        } catch {
            #expect(String(describing: error).hasPrefix("shard \(paths[1]): was written by jikun other ("))
        }
        try "{}".write(toFile: manifestPath, atomically: true, encoding: .utf8)
        do {
            _ = try TrialShard.merge(paths)
            Issue.record("expected a refusal")
        } catch {
            #expect(String(describing: error).hasPrefix("shard \(paths[1]): manifest.json is not a shard manifest"))
        }
        Self.expectRefusal([directory], "shard \(directory): no manifest.json (is this a folder written by `jikun simulate --shard`?)")

        // The scenario text edited after the run.
        try manifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        _ = try TrialShard.merge(paths)
        let text = paths[0] + "/scenario.resolved.toml"
        try (String(contentsOfFile: text, encoding: .utf8) + "\n# edited\n").write(toFile: text, atomically: true, encoding: .utf8)
        Self.expectRefusal(paths, "shard \(paths[0]): scenario.resolved.toml does not match the manifest's scenario hash (edited after the run?)")
    }
}
