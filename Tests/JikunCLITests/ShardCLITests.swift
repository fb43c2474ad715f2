import Foundation
import Testing

/// `jikun simulate --shard` and `jikun merge` end to end, and the stamped version.
@Suite struct ShardCLITests {
    /// Four shards of 120 trials (30 each), given to merge out of order, give the bytes of one
    /// run of the 120 trials: summary.json and trials.csv.
    @Test func fourShardsMergeToTheSingleRunsBytes() throws {
        let dir = CLI.temporaryDirectory().path
        let common = ["simulate", "scenarios/test-small.toml", "--trials", "120", "--seed", "5"]
        let single = try CLI.run(common + ["--out", dir + "/single", "--format", "json", "--report", dir + "/single.md"])
        #expect(single.status == 0, "\(single.stderr)")
        for i in 1...4 {
            let shard = try CLI.run(common + ["--shard", "\(i)/4", "--out", dir + "/s\(i)", "--threads", "1", "--block-size", "7"])
            #expect(shard.status == 0, "\(shard.stderr)")
            let first = (i - 1) * 30
            #expect(shard.stdout == "Shard \(i)/4: trials \(first)–\(first + 29) of 120, seed 5, written to \(dir)/s\(i)\n")
        }
        let merge = try CLI.run(["merge", dir + "/s3", dir + "/s1", dir + "/s4", dir + "/s2", "--out", dir + "/merged", "--format", "json",
                                 "--report", dir + "/merged.md"])
        #expect(merge.status == 0, "\(merge.stderr)")
        // The report's correlation table (from the merged rows) is the single run's.
        func correlationSection(_ path: String) throws -> String {
            let text = try CLI.read(path)
            let start = try #require(text.range(of: "## How the outputs move together 相关性"))
            let rest = text[start.upperBound...]
            return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
        }
        let table = try correlationSection(dir + "/single.md")
        #expect(table.contains("(13) total claims 赔款合计") && table.contains("Shading: the size of the correlation"), "\(table)")
        #expect(try correlationSection(dir + "/merged.md") == table)
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

    /// With --roster the population comes from the roster; the manifests carry its totals, so
    /// the merge still matches the single run.
    @Test func rosterShardsMergeToTheSingleRun() throws {
        let dir = CLI.temporaryDirectory().path
        let data = try CLI.run(["sample-data", "--persons", "300", "--claims", "10", "--out", dir + "/example"])
        #expect(data.status == 0, "\(data.stderr)")
        let common = ["simulate", "scenarios/test-small.toml", "--roster", dir + "/example/roster.csv", "--trials", "30"]
        let single = try CLI.run(common + ["--out", dir + "/single"])
        #expect(single.status == 0, "\(single.stderr)")
        for i in 1...2 { _ = try CLI.run(common + ["--shard", "\(i)/2", "--out", dir + "/s\(i)"]) }
        let merge = try CLI.run(["merge", dir + "/s1", dir + "/s2", "--out", dir + "/merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        for file in ["summary.json", "trials.csv"] {
            #expect(try CLI.read(dir + "/single/" + file) == (try CLI.read(dir + "/merged/" + file)), "\(file) differs")
        }
        #expect(SummarySchema.violations(try CLI.read(dir + "/merged/summary.json")) == [])
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

/// `jikun sweep --shard` and `jikun sensitivity --shard`, merged by `jikun merge`.
@Suite struct DesignPartCLITests {
    /// A 3 × 2 grid in four parts (1, 2, 1, 2 points) merges to the single sweep's sweep.csv
    /// and text, whatever the order of the parts.
    @Test func sweepPartsMergeToTheSingleSweep() throws {
        let dir = CLI.temporaryDirectory().path
        let common = ["sweep", "scenarios/test-small.toml", "--set", "premium.per_person_month=9,10,11",
                      "--set", "corridor.refund_below=0.8,0.85", "--trials", "40"]
        let single = try CLI.run(common + ["--out", dir + "/single.csv"])
        #expect(single.status == 0, "\(single.stderr)")
        var lines: [String] = []
        for i in 1...4 {
            let part = try CLI.run(common + ["--shard", "\(i)/4", "--out", dir + "/p\(i)"])
            #expect(part.status == 0, "\(part.stderr)")
            lines.append(part.stdout)
        }
        // ⌊(i−1)·6/4⌋ … ⌊i·6/4⌋ − 1: points 0, 1–2, 3, 4–5.
        #expect(lines[1] == "Sweep part 2/4: grid points 1–2 of 0–5, written to \(dir)/p2\n")
        #expect(lines[2] == "Sweep part 3/4: grid points 3–3 of 0–5, written to \(dir)/p3\n")
        let merge = try CLI.run(["merge", dir + "/p3", dir + "/p1", dir + "/p4", dir + "/p2", "--out", dir + "/merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try CLI.read(dir + "/merged/sweep.csv") == (try CLI.read(dir + "/single.csv")))
        // sweep --out FILE.csv leaves FILE.provenance.json beside it.
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/single.provenance.json"))) as! [String: Any]
        #expect(sidecar["seed"] as? Int == 42)
        #expect(sidecar["trialCount"] as? Int == 40)
        #expect((sidecar["scenarioHash"] as? String)?.hasPrefix("sha256:") == true)
        #expect(merge.stdout == single.stdout)
        // A value changed after the run: the items no longer match the part's checksum.
        let p3 = dir + "/p3/part.json"
        var edited = try CLI.read(p3)
        edited.insert("1", at: edited.range(of: "\"mean\" : ")!.upperBound)
        try edited.write(toFile: dir + "/p3/part.json", atomically: true, encoding: .utf8)
        let changed = try CLI.run(["merge", dir + "/p1", dir + "/p2", dir + "/p3", dir + "/p4", "--out", dir + "/m1"])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("shard \(dir)/p3: the items of part.json do not match its itemsSHA256 (changed or damaged after the run?)"),
                "\(changed.stderr)")
        let missing = try CLI.run(["merge", dir + "/p1", dir + "/p2", dir + "/p4", "--out", dir + "/m2"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("shard \(dir)/p4: grid points 3 are missing before this shard's 4–5 (after \(dir)/p2)"))
        // Another design: a different grid.
        let other = try CLI.run(["sweep", "scenarios/test-small.toml", "--set", "premium.per_person_month=9,10,12",
                                 "--set", "corridor.refund_below=0.8,0.85", "--trials", "40", "--shard", "3/4", "--out", dir + "/q3"])
        #expect(other.status == 0)
        let mixed = try CLI.run(["merge", dir + "/p1", dir + "/p2", dir + "/q3", dir + "/p4", "--out", dir + "/m3"])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("shard \(dir)/q3: design premium.per_person_month=9,10,12; corridor.refund_below=0.8,0.85 differs from"))
    }

    /// Eleven model runs (base, 2 × 2 tornado, 6 samples) in three parts give the single
    /// analysis's tornado and coefficients to the last digit.
    @Test func sensitivityPartsMergeToTheSingleAnalysis() throws {
        let dir = CLI.temporaryDirectory().path
        let common = ["sensitivity", "scenarios/test-small.toml", "--trials", "30", "--samples", "6", "--trials-per-sample", "10",
                      "--parameter", "events.hospitalisation.by_age", "--parameter", "premium.per_person_month"]
        let single = try CLI.run(common)
        #expect(single.status == 0, "\(single.stderr)")
        for i in 1...3 {
            let part = try CLI.run(common + ["--shard", "\(i)/3", "--out", dir + "/s\(i)"])
            #expect(part.status == 0, "\(part.stderr)")
            if i == 2 { #expect(part.stdout == "Sensitivity part 2/3: model runs 3–6 of 0–10, written to \(dir)/s2\n") }
        }
        let merge = try CLI.run(["merge", dir + "/s1", dir + "/s2", dir + "/s3", "--out", dir + "/merged", "--report", dir + "/sens.md"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout == single.stdout)
        #expect(single.stdout.contains("Tornado — loss_ratio"))
        #expect(try CLI.read(dir + "/sens.md").contains("Provenance 来源"))
        let missing = try CLI.run(["merge", dir + "/s1", dir + "/s2", "--out", dir + "/m2"])
        #expect(missing.stderr.contains("shard \(dir)/s2: model runs 7–10 of the run's 11 are missing after this shard"))
        // A sweep part among sensitivity parts.
        _ = try CLI.run(["sweep", "scenarios/test-small.toml", "--set", "premium.per_person_month=9,10", "--trials", "5",
                         "--shard", "1/2", "--out", dir + "/sweep-1"])
        let wrongKind = try CLI.run(["merge", dir + "/s1", dir + "/sweep-1", "--out", dir + "/m3"])
        #expect(wrongKind.stderr.contains("shard \(dir)/sweep-1: is a sweep part, not a sensitivity part"))
    }
}
