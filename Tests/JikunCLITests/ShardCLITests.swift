import Foundation
import Testing

/// `jikun simulate --shard` and `jikun merge` end to end, and the stamped version.
@Suite struct ShardCLITests {
    /// Four shards of 120 trials (30 each), given to merge out of order, give the bytes of one
    /// run of the 120 trials: summary.json and trials.csv.
    @Test func fourShardsMergeToTheSingleRunsBytes() throws {
        let dir = CLI.temporaryDirectory().path
        let common = ["simulate", "scenarios/test-small.toml", "--trials", "120", "--seed", "5"]
        let single = try CLI.run(common + ["--out", dir + "/single", "--format", "json"])
        #expect(single.status == 0, "\(single.stderr)")
        for i in 1...4 {
            let shard = try CLI.run(common + ["--shard", "\(i)/4", "--out", dir + "/s\(i)", "--threads", "1", "--block-size", "7"])
            #expect(shard.status == 0, "\(shard.stderr)")
            let first = (i - 1) * 30
            #expect(shard.stdout == "Shard \(i)/4: trials \(first)–\(first + 29) of 120, seed 5, written to \(dir)/s\(i)\n")
        }
        let merge = try CLI.run(["merge", dir + "/s3", dir + "/s1", dir + "/s4", dir + "/s2", "--out", dir + "/merged", "--format", "json"])
        #expect(merge.status == 0, "\(merge.stderr)")
        for file in ["summary.json", "trials.csv", "scenario.resolved.toml"] {
            let a = try #require(FileManager.default.contents(atPath: dir + "/single/" + file))
            let b = try #require(FileManager.default.contents(atPath: dir + "/merged/" + file))
            #expect(a == b, "\(file) differs")
        }
        #expect(merge.stdout == single.stdout)
        for summary in [dir + "/single/summary.json", dir + "/merged/summary.json"] {
            #expect(SummarySchema.violations(try CLI.read(summary)) == [], "\(summary)")
        }
        // The sidecar records the same provenance and the command that wrote it.
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/merged/provenance.json"))) as! [String: Any]
        #expect(sidecar["trialCount"] as? Int == 120)
        #expect(sidecar["firstTrial"] as? Int == 0)
        #expect((sidecar["command"] as? [String])?.dropFirst().first == "merge")
        #expect((sidecar["scenarioResolved"] as? String) == (try CLI.read(dir + "/single/scenario.resolved.toml")))
    }

    @Test func slurmArrayEnvironmentPicksTheShard() throws {
        let dir = CLI.temporaryDirectory().path
        let run = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "10", "--shard", "auto", "--out", dir + "/a"],
                              environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "3"])
        #expect(run.status == 0, "\(run.stderr)")
        // Shard 2 of 3 of 10 trials: ⌊10/3⌋ = 3 … ⌊20/3⌋ − 1 = 5.
        #expect(run.stdout.hasPrefix("Shard 2/3: trials 3–5 of 10, seed 42"))
        let k8s = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "10", "--shard", "auto/3", "--out", dir + "/b"],
                              environment: ["JOB_COMPLETION_INDEX": "2"])
        #expect(k8s.stdout.hasPrefix("Shard 3/3: trials 6–9 of 10"))
    }

    @Test func refusals() throws {
        let dir = CLI.temporaryDirectory().path
        let noOut = try CLI.run(["simulate", "scenarios/test-small.toml", "--shard", "1/2"])
        #expect(noOut.status == 64)
        #expect(noOut.stderr.contains("--shard needs --out DIR"))
        let tooMany = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "3", "--shard", "1/4", "--out", dir + "/x"])
        #expect(tooMany.status != 0)
        #expect(tooMany.stderr.contains("4 shards of 3 trials would leave some empty"))
        _ = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "10", "--shard", "1/2", "--out", dir + "/s1"])
        let missing = try CLI.run(["merge", dir + "/s1", "--out", dir + "/m"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("shard \(dir)/s1: trials 5–9 of the run's 10 are missing after this shard"))
        let overwrite = try CLI.run(["merge", dir + "/s1", "--out", dir + "/s1/"])
        #expect(overwrite.status == 64)
        #expect(overwrite.stderr.contains("is the shard folder"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/s1/summary.json"))
    }

    /// `--version` is stamped from git at build time, not a literal.
    @Test func versionIsStampedFromGit() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        let line = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let match = try #require(line.wholeMatch(of: /(\S+) \(commit ([0-9a-f]{40}|unknown)\)/))
        if FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent(".git").path) {
            // In a checkout: a commit hash, and the description starts with its abbreviation
            // (there are no tags) or is a tag description.
            #expect(match.output.2 != "unknown")
            #expect(match.output.1 != "0.1.0")
        }
        // summary.json carries the same version.
        let json = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "5", "--format", "json"])
        #expect(json.stdout.contains("\"version\" : \"\(match.output.1)\""))
        #expect(json.stdout.contains("\"commit\" : \"\(match.output.2)\""))
        #expect(SummarySchema.violations(json.stdout) == [])
    }
}

/// schemas/summary.schema.json against real and broken summaries.
@Suite struct SummarySchemaTests {
    /// The default scenario's summary (its five insurers, 47 units) and the own-experience
    /// corridor's validate.
    @Test(arguments: [["scenarios/chongqing-2020.toml", "--trials", "40"],
                      ["scenarios/whatif-own-experience.toml", "--trials", "40"]])
    func shippedScenariosValidate(arguments: [String]) throws {
        let run = try CLI.run(["simulate"] + arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SummarySchema.violations(run.stdout) == [])
    }

    /// Each edit breaks one rule of the schema, so the check can fail.
    @Test func brokenSummariesAreRefused() throws {
        let run = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "10", "--format", "json"])
        let valid = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(SummarySchema.validator.violations(of: valid) == [])
        var missing = valid
        missing["provenance"] = nil
        #expect(SummarySchema.validator.violations(of: missing) == ["$: the required key provenance is missing"])
        var extra = valid
        extra["note"] = "hello"
        #expect(SummarySchema.validator.violations(of: extra) == ["$.note: a key the schema does not allow"])
        var badHash = valid
        var provenance = valid["provenance"] as! [String: Any]
        provenance["scenarioHash"] = "md5:abc"
        badHash["provenance"] = provenance
        #expect(SummarySchema.validator.violations(of: badHash) == ["$.provenance.scenarioHash: \"md5:abc\" does not match ^sha256:[0-9a-f]{64}$"])
        var badProbability = valid
        badProbability["probabilityOfRefund"] = 1.5
        #expect(SummarySchema.validator.violations(of: badProbability) == ["$.probabilityOfRefund: 1.5 is above the maximum 1.0"])
        var badType = valid
        badType["trials"] = "ten"
        #expect(SummarySchema.validator.violations(of: badType) == ["$.trials: expected integer, got a string"])
    }
}
