import Foundation
import Testing

/// `jikun compare --shard`, merged by `jikun merge`.
@Suite struct CompareShardCLITests {
    /// 41 trials of a base and two variants in three parts (13, 14, 14 trials) merge, in any
    /// order, to the single comparison's text byte for byte.
    @Test func comparePartsMergeToTheSingleComparison() throws {
        let folder = CLI.temporaryDirectory(), dir = folder.path
        let small = CLI.packageRoot.appendingPathComponent("scenarios/test-small.toml").path
        let premium = CLI.write("extends = \"\(small)\"\n[scenario]\nname = \"premium-13\"\n[premium]\nper_person_month = 13\n",
                                to: "premium.toml", in: folder)
        let death = CLI.write("extends = \"\(small)\"\n[scenario]\nname = \"death-3000\"\n[benefits.disease_death]\namount = 3000\n",
                              to: "death.toml", in: folder)
        let common = ["compare", "scenarios/test-small.toml", premium, death, "--trials", "41", "--seed", "9"]
        let single = try CLI.run(common)
        #expect(single.status == 0, "\(single.stderr)")
        for i in 1...3 {
            let part = try CLI.run(common + ["--shard", "\(i)/3", "--out", dir + "/c\(i)"])
            #expect(part.status == 0, "\(part.stderr)")
            // ⌊(i−1)·41/3⌋ … ⌊i·41/3⌋ − 1: trials 0–12, 13–26, 27–40.
            if i == 2 { #expect(part.stdout == "Compare part 2/3: trials 13–26 of 0–40, written to \(dir)/c2\n") }
        }
        let merge = try CLI.run(["merge", dir + "/c3", dir + "/c1", dir + "/c2", "--out", dir + "/merged", "--report", dir + "/compare.md"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout == single.stdout)
        #expect(single.stdout.contains("premium-13 − test-small") && single.stdout.contains("death-3000 − test-small"))
        #expect(FileManager.default.fileExists(atPath: dir + "/merged/provenance.json"))
        #expect(try CLI.read(dir + "/compare.md").contains("Provenance 来源"))

        let missing = try CLI.run(["merge", dir + "/c1", dir + "/c3", "--out", dir + "/m2"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("shard \(dir)/c3: trials 13–26 are missing before this shard's 27–40 (after \(dir)/c1)"))
        // A part of another comparison: one variant fewer.
        let other = try CLI.run(["compare", "scenarios/test-small.toml", premium, "--trials", "41", "--seed", "9",
                                 "--shard", "2/3", "--out", dir + "/d2"])
        #expect(other.status == 0, "\(other.stderr)")
        let mixed = try CLI.run(["merge", dir + "/c1", dir + "/d2", dir + "/c3", "--out", dir + "/m3"])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("shard \(dir)/d2: design "))
        // Another seed.
        _ = try CLI.run(Array(common.dropLast(2)) + ["--seed", "10", "--shard", "2/3", "--out", dir + "/e2"])
        let seeds = try CLI.run(["merge", dir + "/c1", dir + "/e2", dir + "/c3", "--out", dir + "/m4"])
        #expect(seeds.stderr.contains("shard \(dir)/e2: seed 10 differs from 9 of \(dir)/c1"))
    }

    @Test func shardNeedsAPartFolder() throws {
        let noOut = try CLI.run(["compare", "scenarios/test-small.toml", "scenarios/test-small.toml", "--shard", "1/2"])
        #expect(noOut.status != 0)
        #expect(noOut.stderr.contains("--shard needs --out DIR"))
        let noShard = try CLI.run(["compare", "scenarios/test-small.toml", "scenarios/test-small.toml", "--out", "x"])
        #expect(noShard.stderr.contains("--out is the part folder of --shard"))
    }
}
