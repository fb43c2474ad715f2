import Foundation
import Testing

/// `--report FILE.xlsx` on every command that has `--report`, read back and checked against
/// the command's own JSON or CSV output; and `--csv-bom` on every command that writes CSV.
@Suite struct ExcelReportTests {
    /// libxlsxwriter writes a number with 16 significant digits ("%.16G") and JSONEncoder the
    /// shortest text that reads back exactly, so the two agree to a relative 1e-15.
    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= 1e-15 * max(1, abs(b))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func stat(_ object: Any?) -> (mean: Double, se: Double, quantiles: [String: Double])? {
        guard let d = object as? [String: Any], let mean = d["mean"] as? Double, let se = d["standardError"] as? Double else { return nil }
        return (mean, se, d["quantiles"] as? [String: Double] ?? [:])
    }

    /// Runs `simulate --format json` with these trials and seed and returns the summary.
    static func simulateJSON(trials: Int, seed: Int) throws -> [String: Any] {
        let result = try CLI.run(["simulate", "--trials", String(trials), "--seed", String(seed), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try json(result.stdout)
    }

    /// The insurers, lines and settlement sheets hold the summary's numbers.
    static func expectSimulationSheets(_ book: XLSXReader, equal summary: [String: Any]) throws {
        let insurers = try #require(book["承保公司 Insurers"])
        #expect(insurers.texts(row: 1) == [
            "承保公司 Insurer", "保费 Premium (yuan)", "费用率 Expense ratio", "预期赔款 Expected claims (yuan)", "标准误 ± se",
            "赔付率 Loss ratio", "承保结果 Expected result (yuan)", "标准误 ± se", "结果 Result p5 (yuan)", "结果 Result p50 (yuan)",
            "结果 Result p95 (yuan)", "亏损概率 P(loss)",
        ])
        #expect(insurers.frozenRows == 1)
        let insurerStats = try #require(summary["insurers"] as? [[String: Any]])
        #expect(insurerStats.count == 5)
        for (i, stat) in insurerStats.enumerated() {
            let row = i + 2
            #expect(insurers.string("A\(row)") == stat["insurer"] as? String)
            #expect(Self.close(insurers.number("B\(row)"), stat["premium"] as? Double))
            #expect(insurers.cells["B\(row)"]?.format == "#,##0.00")
            #expect(Self.close(insurers.number("C\(row)"), stat["expenseRatio"] as? Double))
            let claims = try #require(Self.stat(stat["claims"])), result = try #require(Self.stat(stat["result"]))
            #expect(Self.close(insurers.number("D\(row)"), claims.mean))
            #expect(Self.close(insurers.number("E\(row)"), claims.se))
            #expect(Self.close(insurers.number("G\(row)"), result.mean))
            #expect(Self.close(insurers.number("H\(row)"), result.se))
            #expect(Self.close(insurers.number("I\(row)"), result.quantiles["p5"]))
            #expect(Self.close(insurers.number("K\(row)"), result.quantiles["p95"]))
            #expect(Self.close(insurers.number("L\(row)"), stat["probabilityOfLoss"] as? Double))
            #expect(insurers.cells["L\(row)"]?.format == "0.00%")
        }

        let lines = try #require(book["险种 Lines"])
        let lineStats = try #require(summary["claimsByLineAndPeriod"] as? [[String: Any]]) + (summary["claimsByLine"] as? [[String: Any]] ?? [])
        for (i, stat) in lineStats.enumerated() {
            let row = i + 2
            #expect(lines.string("A\(row)") == stat["line"] as? String)
            #expect(lines.string("B\(row)") == stat["labelZH"] as? String)
            #expect(lines.string("C\(row)") == stat["period"] as? String)
            #expect(Self.close(lines.number("D\(row)"), stat["mean"] as? Double))
            #expect(Self.close(lines.number("E\(row)"), stat["standardError"] as? Double))
        }
        let total = try #require(Self.stat(summary["totalClaims"]))
        #expect(Self.close(lines.number(column: "D", whereA: "total"), total.mean))

        let settlement = try #require(book["结算 Settlement"])
        let bands = try #require(summary["bandProbabilities"] as? [String: Double])
        for (band, zh) in [("refund", "返还"), ("neutral", "不调整"), ("shared", "共担"), ("excess", "超赔自担")] {
            #expect(Self.close(settlement.number(column: "B", whereA: "\(zh) \(band) band"), bands[band]), "\(band)")
        }
        let refund = try #require(Self.stat(summary["refund"]))
        #expect(Self.close(settlement.number(column: "C", whereA: "返还民政 Refund to the bureau"), refund.mean))
        #expect(Self.close(settlement.number(column: "B", whereA: "返还民政 Refund to the bureau"), summary["probabilityOfRefund"] as? Double))
        let cost = try #require(Self.stat(summary["bureauNetCost"]))
        #expect(Self.close(settlement.number(column: "C", whereA: "民政净成本 Bureau net cost (mean)"), cost.mean))
    }

    @Test func simulateWorkbookHoldsTheJSONSummary() throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("out/simulate.xlsx").path
        let result = try CLI.run(["simulate", "--trials", "200", "--seed", "11", "--format", "json", "--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.json(result.stdout)
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "承保公司 Insurers", "险种 Lines", "结算 Settlement", "相关性 Correlations", "来源 Provenance"])
        let s = try #require(book["摘要 Summary"])
        #expect(s.texts(row: 1) == ["项目 Item", "值 Value", "标准误 ± MC se"])
        #expect(s.string("B3") == "chongqing-2020")
        #expect(s.number(column: "B", whereA: "模拟次数 Trials") == 200)
        #expect(s.string("B\(s.rowNumber(whereA: "随机种子 Seed") ?? 0)") == "11")
        #expect(Self.close(s.number(column: "B", whereA: "已赚保费 Earned premium (yuan)"), summary["earnedPremium"] as? Double))
        #expect(Self.close(s.number(column: "B", whereA: "参保人月 Member-months"), summary["memberMonths"] as? Double))
        let lossRatio = try #require(Self.stat(summary["lossRatio"]))
        #expect(Self.close(s.number(column: "B", whereA: "赔付率 Loss ratio (mean)"), lossRatio.mean))
        #expect(Self.close(s.number(column: "C", whereA: "赔付率 Loss ratio (mean)"), lossRatio.se))
        #expect(Self.close(s.number(column: "B", whereA: "赔付率 Loss ratio p99.5"), lossRatio.quantiles["p99.5"]))
        #expect(s.cells["B\(s.rowNumber(whereA: "赔付率 Loss ratio (mean)") ?? 0)"]?.format == "0.00%")
        try Self.expectSimulationSheets(book, equal: summary)

        // The correlation sheet holds summary.json's correlations: a row per output, its matrix
        // row from column F on, empty where the JSON has null.
        let correlations = try #require(summary["correlations"] as? [String: Any])
        let outputs = try #require(correlations["outputs"] as? [[String: Any]])
        let matrix = try #require(correlations["matrix"] as? [[Any]])
        let sheet = try #require(book["相关性 Correlations"])
        #expect(outputs.count == 16 && sheet.string("C2") == "accident_death" && sheet.string("A14") == "total claims 赔款合计")
        for (i, output) in outputs.enumerated() {
            let row = i + 2
            #expect(sheet.string("B\(row)") == output["kind"] as? String)
            #expect(sheet.string("C\(row)") == output["key"] as? String)
            #expect(Self.close(sheet.number("D\(row)"), output["mean"] as? Double))
            #expect(Self.close(sheet.number("E\(row)"), output["standardDeviation"] as? Double))
            for (j, value) in matrix[i].enumerated() {
                let ref = String(UnicodeScalar(UInt8(ascii: "F") + UInt8(j))) + "\(row)"
                if value is NSNull { #expect(sheet.cells[ref] == nil, "\(ref)") } else { #expect(Self.close(sheet.number(ref), value as? Double), "\(ref)") }
            }
        }
    }

    @Test func budgetWorkbookHoldsTheSameRunAsSimulate() throws {
        let summary = try Self.simulateJSON(trials: 200, seed: 5)
        let path = CLI.temporaryDirectory().appendingPathComponent("budget.xlsx").path
        let result = try CLI.run(["budget", "--trials", "200", "--seed", "5", "--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "预算 Budget", "保费 Premium", "承保公司 Insurers", "险种 Lines", "结算 Settlement", "来源 Provenance"])
        try Self.expectSimulationSheets(book, equal: summary)
        // The premium outlay's grand total is the earned premium of the run.
        let premium = try #require(book["保费 Premium"])
        #expect(premium.texts(row: 1) == ["承保公司 Insurer", "P1 (yuan)", "P2 (yuan)", "合计 Total (yuan)"])
        #expect(Self.close(premium.number(column: "D", whereA: "合计 total"), summary["earnedPremium"] as? Double))
        // Premiums are whole fen, and the insurers' rows add up to the total row to the fen.
        let totalRow = try #require(premium.rowNumber(whereA: "合计 total"))
        #expect(totalRow == 7, "five insurers")
        for column in ["B", "C", "D"] {
            var fenSum = 0.0
            for row in 2..<totalRow {
                let yuan = try #require(premium.number("\(column)\(row)"))
                #expect(abs(yuan * 100 - (yuan * 100).rounded()) < 1e-4, "\(column)\(row): \(yuan)")
                fenSum += (yuan * 100).rounded()
            }
            #expect(fenSum == (try #require(premium.number("\(column)\(totalRow)")) * 100).rounded(), "column \(column)")
        }
        // Budgets at 90 %, 95 %, 99 %: increasing, each inside its Monte Carlo interval.
        let levels = try #require(book["预算 Budget"])
        var previous = -Double.infinity
        for (row, confidence) in [(2, 0.9), (3, 0.95), (4, 0.99)] {
            #expect(levels.number("A\(row)") == confidence)
            let budget = try #require(levels.number("B\(row)"))
            #expect(budget >= previous)
            #expect(try #require(levels.number("C\(row)")) <= budget && budget <= (try #require(levels.number("D\(row)"))))
            previous = budget
        }
        #expect(result.stdout.contains("Budget for scenario chongqing-2020"))
    }

    @Test func priceWorkbookHoldsTheBidCurveOfTheCSV() throws {
        let directory = CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("bid.xlsx").path, csv = directory.appendingPathComponent("curve.csv").path
        let result = try CLI.run(["price", "--trials", "200", "--seed", "5", "--target-margin", "0.03", "--out", csv, "--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "报价曲线 Bid curve", "承保公司 Insurers", "险种 Lines", "结算 Settlement", "来源 Provenance"])
        let curve = try #require(book["报价曲线 Bid curve"])
        let rows = try CLI.read(csv).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        #expect(rows.count == 21)
        // The CSV has 2 decimals for money and 6 for fractions: agreement to half a unit of those.
        for (i, fields) in rows.enumerated() {
            let row = i + 2
            for (column, value, tolerance) in [("A", fields[0], 0.005), ("B", fields[1], 0.005), ("C", fields[2], 0.005), ("D", fields[3], 0.005),
                                               ("E", fields[4], 5e-7), ("F", fields[5], 5e-7), ("G", fields[6], 5e-7), ("H", fields[7], 0.005),
                                               ("I", fields[8], 5e-7)] {
                let cell = try #require(curve.number("\(column)\(row)"), "\(column)\(row)")
                #expect(abs(cell - value) <= tolerance, "\(column)\(row): \(cell) vs \(value)")
            }
        }
        #expect(curve.number("A2") == 6 && curve.number("A22") == 16)
        let s = try #require(book["摘要 Summary"])
        #expect(s.string("B\(s.rowNumber(whereA: "目标 Target") ?? 0)") == "expected margin ≥ 3.0% of premium")
        let bid = try #require(s.number(column: "B", whereA: "报价 Bid (yuan a person-month)"))
        #expect(result.stdout.contains(String(format: "Bid %.2f yuan per person-month", bid)), "\(result.stdout)")
        #expect(try #require(s.number(column: "B", whereA: "利润率 Margin")) >= 0.03)
    }

    @Test func compareWorkbookHoldsThePairedDifferences() throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("compare.xlsx").path
        let result = try CLI.run(["compare", "scenarios/chongqing-2020.toml", "scenarios/whatif-premium-130.toml",
                                  "--trials", "100", "--seed", "5", "--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "方案比较 Comparison", "来源 Provenance"])
        let sheet = try #require(book["方案比较 Comparison"])
        #expect(sheet.texts(row: 1).prefix(5) == ["方案 Variant", "指标 Output", "基准 Base", "方案 Variant value", "差异 Difference"])
        // Every row: difference = variant − base, and the 95 % bounds straddle it.
        var row = 2
        while let base = sheet.number("C\(row)") {
            let variant = try #require(sheet.number("D\(row)")), difference = try #require(sheet.number("E\(row)"))
            #expect(abs(difference - (variant - base)) <= 1e-9 * max(1, abs(base)), "row \(row)")
            #expect(try #require(sheet.number("G\(row)")) <= difference && difference <= (try #require(sheet.number("H\(row)"))))
            row += 1
        }
        #expect(row > 3)
    }

    @Test func sweepWorkbookHoldsTheGridOfTheCSV() throws {
        let directory = CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("sweep.xlsx").path, csv = directory.appendingPathComponent("sweep.csv").path
        let result = try CLI.run(["sweep", "--set", "premium.per_person_month=10,12", "--trials", "100", "--seed", "5",
                                  "--out", csv, "--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "参数扫描 Sweep", "来源 Provenance"])
        let sheet = try #require(book["参数扫描 Sweep"])
        let lines = try CLI.read(csv).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = lines[0]
        for (i, fields) in lines.dropFirst().enumerated() {
            let row = i + 2
            func field(_ name: String) -> Double { Double(fields[header.firstIndex(of: name)!])! }
            #expect(sheet.number("A\(row)") == field("premium.per_person_month"))
            // The CSV has 6 decimals.
            #expect(abs(try #require(sheet.number("B\(row)")) - field("loss_ratio_mean")) <= 5e-7)
            #expect(abs(try #require(sheet.number("H\(row)")) - field("bureau_net_cost_mean")) <= 5e-7)
        }
        #expect(lines.count == 3)
    }

    @Test func sensitivityWorkbookHoldsTheTornadoAndTheRegression() throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("sensitivity.xlsx").path
        let result = try CLI.run(["sensitivity", "--parameter", "events.accident_death.by_age", "--parameter", "expenses.default_ratio",
                                  "--trials", "100", "--samples", "6", "--trials-per-sample", "20", "--seed", "5", "--report", path])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try XLSXReader(path: path)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "龙卷风图 Tornado", "回归 Regression", "来源 Provenance"])
        let tornado = try #require(book["龙卷风图 Tornado"])
        #expect(tornado.texts(row: 1) == ["指标 Output", "参数 Parameter", "基准 Base", "下调 At −δ", "上调 At +δ", "摆幅 Swing"])
        var row = 2
        while let low = tornado.number("D\(row)") {
            let high = try #require(tornado.number("E\(row)"))
            // The swing is |high − low| of the unrounded run values; the cells hold those values,
            // so the difference of the cells may miss it by a few ulps of the values themselves.
            let swing = try #require(tornado.number("F\(row)"))
            #expect(abs(swing - abs(high - low)) <= 4 * max(abs(high), abs(low)).ulp, "row \(row)")
            row += 1
        }
        #expect(row == 2 + 2 * 3, "two parameters × three outputs")
        #expect(book["回归 Regression"]?.string("B2") != nil)
    }

    @Test func anUnknownReportExtensionNamesTheThreeFormats() throws {
        let result = try CLI.run(["simulate", "--trials", "10", "--report", CLI.temporaryDirectory().appendingPathComponent("r.pdf").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(".html (or .htm) for a web page, .md for Markdown, or .xlsx for an Excel workbook"), "\(result.stderr)")
    }

    // MARK: - --csv-bom

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func everyCSVWrittenStartsWithTheByteOrderMarkWhenAsked() throws {
        let d = CLI.temporaryDirectory()
        func p(_ name: String) -> String { d.appendingPathComponent(name).path }
        // Sample data with the mark, then read back by the other commands: the reader skips it.
        let runs: [([String], [(String, String)])] = [
            (["sample-data", "--persons", "50", "--claims", "80", "--out", d.path], [(p("roster.csv"), "person_id,"), (p("claims.csv"), "claim_id,")]),
            (["adjudicate", "--roster", p("roster.csv"), "--claims", p("claims.csv"), "--out", p("payments.csv"), "--rejects", p("rejects.csv")],
             [(p("payments.csv"), "claim_id,"), (p("rejects.csv"), "file,")]),
            (["settle", "--roster", p("roster.csv"), "--payments", p("payments.csv"), "--out", p("settlement.csv")], [(p("settlement.csv"), "insurer,")]),
            (["premium", "--roster", p("roster.csv"), "--out", p("premium.csv")], [(p("premium.csv"), "period,")]),
            (["simulate", "--trials", "10", "--out", p("sim")], [(p("sim/trials.csv"), "trial,")]),
            (["price", "--trials", "10", "--out", p("curve.csv")], [(p("curve.csv"), "rate,")]),
            (["sweep", "--set", "premium.per_person_month=10,11", "--trials", "10", "--out", p("sweep.csv")], [(p("sweep.csv"), "premium.per_person_month,")]),
            (["develop", "--triangle", CLI.write(DevelopCLITests.raa, to: "raa.csv", in: d), "--out", p("ibnr.csv")], [(p("ibnr.csv"), "origin,")]),
            (["population", "--roster", p("roster.csv"), "--out", p("cells.csv")], [(p("cells.csv"), "unit,")]),
        ]
        for (arguments, files) in runs {
            let result = try CLI.run(arguments + ["--csv-bom"])
            #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
            for (path, start) in files {
                let bytes = try Self.bytes(path)
                #expect(Array(bytes.prefix(3)) == Self.bom, "\(path)")
                #expect(bytes.dropFirst(3).starts(with: Array(start.utf8)), "\(path)")
            }
        }
        // Without the flag: no mark.
        let plain = try CLI.run(["premium", "--roster", p("roster.csv"), "--out", p("plain.csv")])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try Self.bytes(p("plain.csv")).starts(with: Array("period,".utf8)))
    }

    /// A shard holds no CSV: the mark is the merge's to add, and then the merged files are the
    /// bytes of one marked run.
    @Test func mergedShardsTakeTheMarkAsOneRunDoes() throws {
        let d = CLI.temporaryDirectory()
        func p(_ name: String) -> String { d.appendingPathComponent(name).path }
        let refused = try CLI.run(["simulate", "--trials", "6", "--shard", "1/2", "--out", p("s1"), "--csv-bom"])
        #expect(refused.status == 64)
        #expect(refused.stderr.hasPrefix("Error: --csv-bom marks the merged trials.csv: give it to `jikun merge` (a shard folder holds no CSV)\n"), "\(refused.stderr)")
        let sweepRefused = try CLI.run(["sweep", "--set", "premium.per_person_month=10,11", "--trials", "4", "--shard", "1/2", "--out", p("w1"), "--csv-bom"])
        #expect(sweepRefused.status == 64)
        #expect(sweepRefused.stderr.hasPrefix("Error: --csv-bom marks the merged sweep.csv: give it to `jikun merge` (a part folder holds no CSV)\n"), "\(sweepRefused.stderr)")
        for i in 1...2 {
            let shard = try CLI.run(["simulate", "--trials", "6", "--shard", "\(i)/2", "--out", p("s\(i)")])
            #expect(shard.status == 0, "\(shard.stderr)")
            let part = try CLI.run(["sweep", "--set", "premium.per_person_month=10,11", "--trials", "4", "--shard", "\(i)/2", "--out", p("w\(i)")])
            #expect(part.status == 0, "\(part.stderr)")
        }
        #expect(try CLI.run(["merge", p("s1"), p("s2"), "--out", p("merged"), "--csv-bom"]).status == 0)
        #expect(try CLI.run(["simulate", "--trials", "6", "--out", p("one"), "--csv-bom"]).status == 0)
        #expect(try Self.bytes(p("merged/trials.csv")) == Self.bytes(p("one/trials.csv")))
        #expect(Array(try Self.bytes(p("merged/trials.csv")).prefix(3)) == Self.bom)
        #expect(try CLI.run(["merge", p("w1"), p("w2"), "--out", p("wm"), "--csv-bom"]).status == 0)
        #expect(try CLI.run(["sweep", "--set", "premium.per_person_month=10,11", "--trials", "4", "--out", p("w.csv"), "--csv-bom"]).status == 0)
        #expect(try Self.bytes(p("wm/sweep.csv")) == Self.bytes(p("w.csv")))
    }

    @Test func csvOnStandardOutputStartsWithTheMarkWhenAsked() throws {
        let marked = try CLI.run(["simulate", "--trials", "5", "--format", "csv", "--csv-bom"])
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdoutBytes.starts(with: Self.bom + Array("trial,".utf8)))
        let plain = try CLI.run(["simulate", "--trials", "5", "--format", "csv"])
        #expect(plain.stdoutBytes.starts(with: Array("trial,".utf8)))
        #expect(Array(marked.stdoutBytes.dropFirst(3)) == plain.stdoutBytes)
    }
}
