import Foundation
import Testing

/// Every output says where it came from: the `NAME.provenance.json` sidecars of adjudicate,
/// settle and premium, sample-data's `provenance.json`, and merge's reports (xlsx included).
@Suite struct ProvenanceCLITests {
    /// `sha256sum FILE`, from coreutils: a hash computed by other code than jikun's.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return "sha256:" + String(decoding: data, as: UTF8.self).prefix { $0 != " " }
    }

    static func object(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The version and commit `jikun --version` prints.
    static func build() throws -> (version: String, commit: String) {
        let line = try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let match = try #require(line.wholeMatch(of: /(\S+) \(commit (\S+)\)/))
        return (String(match.output.1), String(match.output.2))
    }

    /// Checks a record: the build, the subcommand, the edition, each input's hash and the outputs.
    static func expectRecord(_ path: String, command: String, inputs: [String: String], outputs: [String],
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let record = try object(path)
        let build = try build()
        #expect(record["version"] as? String == build.version, sourceLocation: sourceLocation)
        #expect(record["commit"] as? String == build.commit, sourceLocation: sourceLocation)
        #expect(record["edition"] as? String == "2020", sourceLocation: sourceLocation)
        #expect((record["command"] as? [String])?.dropFirst().first == command, sourceLocation: sourceLocation)
        #expect(record["outputs"] as? [String] == outputs, sourceLocation: sourceLocation)
        let recorded = try #require(record["inputs"] as? [[String: String]], sourceLocation: sourceLocation)
        #expect(Dictionary(uniqueKeysWithValues: recorded.map { ($0["option"]!, $0["path"]!) }) == inputs, sourceLocation: sourceLocation)
        for input in recorded {
            #expect(input["sha256"] == (try sha256sum(input["path"]!)), "\(input["option"]!)", sourceLocation: sourceLocation)
        }
    }

    @Test func commandsOnInputFilesWriteTheirProvenance() throws {
        let d = CLI.temporaryDirectory().path
        let edition = CLI.packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path
        let sample = try CLI.run(["sample-data", "--persons", "60", "--claims", "90", "--seed", "3", "--out", d])
        #expect(sample.status == 0, "\(sample.stderr)")
        try Self.expectRecord(d + "/provenance.json", command: "sample-data", inputs: ["--edition": "scenarios/edition-2020.toml"],
                              outputs: ["roster.csv", "claims.csv", "insurers.csv"].map { d + "/" + $0 })
        #expect(try Self.object(d + "/provenance.json")["seed"] as? Int == 3)

        let adjudicate = try CLI.run(["adjudicate", "--roster", d + "/roster.csv", "--claims", d + "/claims.csv", "--edition", edition,
                                      "--out", d + "/payments.csv", "--rejects", d + "/rejects.csv"])
        #expect(adjudicate.status == 0, "\(adjudicate.stderr)")
        try Self.expectRecord(d + "/payments.provenance.json", command: "adjudicate",
                              inputs: ["--roster": d + "/roster.csv", "--claims": d + "/claims.csv", "--edition": edition],
                              outputs: [d + "/payments.csv", d + "/rejects.csv"])

        let settle = try CLI.run(["settle", "--roster", d + "/roster.csv", "--payments", d + "/payments.csv", "--out", d + "/settlement.csv"])
        #expect(settle.status == 0, "\(settle.stderr)")
        try Self.expectRecord(d + "/settlement.provenance.json", command: "settle",
                              inputs: ["--roster": d + "/roster.csv", "--payments": d + "/payments.csv", "--edition": "scenarios/edition-2020.toml"],
                              outputs: [d + "/settlement.csv"])

        let premium = try CLI.run(["premium", "--roster", d + "/roster.csv", "--out", d + "/premium.csv"])
        #expect(premium.status == 0, "\(premium.stderr)")
        try Self.expectRecord(d + "/premium.provenance.json", command: "premium",
                              inputs: ["--roster": d + "/roster.csv", "--edition": "scenarios/edition-2020.toml"],
                              outputs: [d + "/premium.csv"])
    }

    /// A sidecar that would overwrite an input is refused before anything is written.
    @Test func aSidecarNeverOverwritesAnInput() throws {
        let d = CLI.temporaryDirectory().path
        #expect(try CLI.run(["sample-data", "--persons", "20", "--claims", "20", "--out", d]).status == 0)
        try FileManager.default.copyItem(atPath: d + "/roster.csv", toPath: d + "/premium.provenance.json")
        let run = try CLI.run(["premium", "--roster", d + "/premium.provenance.json", "--out", d + "/premium.csv"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("provenance sidecar"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: d + "/premium.csv"))
    }

    /// merge --report FILE.xlsx: the simulation's sheets and a provenance sheet naming the
    /// merged run's scenario hash; FILE.md ends with the same provenance.
    @Test func mergeWritesWorkbookAndMarkdownReports() throws {
        let d = CLI.temporaryDirectory().path
        let common = ["simulate", "scenarios/test-small.toml", "--trials", "60", "--seed", "4"]
        for i in 1...2 {
            #expect(try CLI.run(common + ["--shard", "\(i)/2", "--out", d + "/s\(i)"]).status == 0)
        }
        let merge = try CLI.run(["merge", d + "/s1", d + "/s2", "--out", d + "/merged", "--report", d + "/merged.xlsx"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let book = try XLSXReader(path: d + "/merged.xlsx")
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "承保公司 Insurers", "险种 Lines", "结算 Settlement", "相关性 Correlations", "来源 Provenance"])
        let summary = try Self.object(d + "/merged/summary.json")
        let hash = try #require((summary["provenance"] as? [String: Any])?["scenarioHash"] as? String)
        #expect(hash == (try Self.sha256sum(d + "/merged/scenario.resolved.toml")))
        let provenance = try #require(book["来源 Provenance"])
        #expect(provenance.cells.values.contains { $0.value == .string("test-small: scenario \(hash); seed 4; trials 0–59.") })
        #expect(book["摘要 Summary"]?.number(column: "B", whereA: "模拟次数 Trials") == 60)

        let markdown = try CLI.run(["merge", d + "/s1", d + "/s2", "--out", d + "/merged-md", "--report", d + "/merged.md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let text = try CLI.read(d + "/merged.md")
        #expect(text.contains("Provenance 来源"))
        #expect(text.contains("scenario \(hash); seed 4; trials 0–59."))
    }
}
