import Foundation
import Testing

/// `jikun simulate --as-of DATE`: the claims known at a clearing date beside the ultimate ones.
@Suite struct SimulateAsOfCLITests {
    static let arguments = ["simulate", "scenarios/whatif-reporting-delays.toml", "--trials", "40", "--as-of", "2022-01-31"]

    @Test func jsonCarriesTheKnownClaimsAndValidates() throws {
        let run = try CLI.run(Self.arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SummarySchema.violations(run.stdout) == [])
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let asOf = try #require(json["asOf"] as? [String: Any])
        #expect(asOf["date"] as? String == "2022-01-31")
        // A month after the term, part of the claims is still to be reported, and none is
        // known that the ultimate run does not have.
        let share = try #require(asOf["knownShare"] as? Double)
        #expect(share > 0.5 && share < 1, "\(share)")
        let known = (asOf["totalClaims"] as! [String: Any])["mean"] as! Double
        let ultimate = (json["totalClaims"] as! [String: Any])["mean"] as! Double
        #expect(known < ultimate)
    }

    @Test func withoutAsOfTheSummaryHasNoAsOf() throws {
        let run = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "20", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\"asOf\""))
    }

    /// The workbook of an `--as-of` run has a sheet of the known claims, each cell the JSON's
    /// figure (to the last digit the workbook writes, `ExcelReportTests.close`).
    @Test func workbookHoldsTheKnownClaims() throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("simulation.xlsx").path
        let run = try CLI.run(Self.arguments + ["--format", "json", "--report", path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let asOf = try #require(json["asOf"] as? [String: Any])
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name).contains("已报告 Known at clearing date"))
        let sheet = try #require(book["已报告 Known at clearing date"])
        let total = (asOf["totalClaims"] as! [String: Any])
        #expect(ExcelReportTests.close(sheet.number(column: "C", whereA: "total"), total["mean"] as? Double))
        #expect(ExcelReportTests.close(sheet.number(column: "D", whereA: "total"), total["standardError"] as? Double))
        #expect(ExcelReportTests.close(sheet.number(column: "E", whereA: "total"), (json["totalClaims"] as! [String: Any])["mean"] as? Double))
        #expect(ExcelReportTests.close(sheet.number(column: "F", whereA: "total"), asOf["knownShare"] as? Double))
        for line in asOf["claimsByLine"] as! [[String: Any]] {
            let key = line["line"] as! String
            #expect(ExcelReportTests.close(sheet.number(column: "C", whereA: key), line["mean"] as? Double), "\(key)")
        }
        let refund = (asOf["refund"] as! [String: Any])["mean"] as? Double
        #expect(ExcelReportTests.close(sheet.number(column: "C", whereA: "返还民政 Refund to the bureau"), refund))
    }

    @Test func textAndReportShowBothSettlements() throws {
        let directory = CLI.temporaryDirectory()
        let report = directory.appendingPathComponent("simulation.md").path
        let run = try CLI.run(Self.arguments + ["--report", report])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Claims known at the clearing date 2022-01-31 (reported by the end of that day) beside the ultimate ones (million yuan)"), "\(run.stdout)")
        #expect(run.stdout.contains("The corridor settled on the known claims and on the ultimate ones"))
        let markdown = try CLI.read(report)
        #expect(markdown.contains("## At the clearing date 2022-01-31 清算日已报告赔款"))
    }

    /// Shards of an `--as-of` run carry the known claims in their `known/` folders; merged, they
    /// give the single run's text, summary.json (with its `asOf`) and trials.csv byte for byte.
    /// Shards at different clearing dates are refused, naming the shard and both dates.
    @Test func shardsOfAnAsOfRunMergeToTheSingleRun() throws {
        let dir = CLI.temporaryDirectory().path
        let single = try CLI.run(Self.arguments + ["--out", dir + "/single"])
        #expect(single.status == 0, "\(single.stderr)")
        for i in 1...3 {
            let shard = try CLI.run(Self.arguments + ["--shard", "\(i)/3", "--out", dir + "/s\(i)", "--threads", "1"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir + "/s\(i)/known/trials.f64"))
        }
        let merge = try CLI.run(["merge", dir + "/s2", dir + "/s3", dir + "/s1", "--out", dir + "/merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout == single.stdout)
        #expect(merge.stdout.contains("Claims known at the clearing date 2022-01-31"))
        for file in ["summary.json", "trials.csv"] {
            #expect(try CLI.read(dir + "/merged/" + file) == (try CLI.read(dir + "/single/" + file)), "\(file) differs")
        }
        #expect(try CLI.read(dir + "/merged/summary.json").contains("\"asOf\""))

        let other = try CLI.run(["simulate", "scenarios/whatif-reporting-delays.toml", "--trials", "40", "--as-of", "2022-03-31",
                                 "--shard", "3/3", "--out", dir + "/late"])
        #expect(other.status == 0, "\(other.stderr)")
        let mixed = try CLI.run(["merge", dir + "/s1", dir + "/s2", dir + "/late", "--out", dir + "/mixed"])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("shard \(dir)/late: clearing date (--as-of) 2022-03-31 differs from 2022-01-31 of \(dir)/s1"), "\(mixed.stderr)")
    }

    @Test(arguments: [
        (["simulate", "--as-of", "2022-02-30"], "Error: --as-of expects a date YYYY-MM-DD, got \"2022-02-30\"\n"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    }
}
