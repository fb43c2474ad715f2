import Foundation
import JikunPolicy
import Testing
@testable import JikunCLI

/// Sweeps, sensitivity analyses and merges given what they used to accept and then ignore,
/// mislabel, or find wrong only after hours of simulation; and runs of one trial, whose
/// standard errors cannot be estimated.
extension RobustnessCLITests {
    static let small = "scenarios/test-small.toml"

    @Test func sweepKeysAreCheckedBeforeTheFirstPoint() throws {
        try expectRefused(["sweep", Self.small, "--set", "scenario.seed=1,2", "--trials", "2"], status: 1,
                          message: "--set scenario.seed: every run of a sweep or sensitivity analysis uses the one seed and trial count (common random numbers); give --seed or --trials instead")
        try expectRefused(["sweep", Self.small, "--set", "premium.per_person_month=9", "--set", "premium.per_person_month=10", "--trials", "2"], status: 1,
                          message: "--set premium.per_person_month is given twice: give all its values in one --set premium.per_person_month=v1,v2,…")
        // 10 × 10 × 10 × 10 × 10 × 10 points: the grid alone is refused, before any scenario is built.
        let ten = (1...10).map(String.init).joined(separator: ",")
        let keys = ["a", "b", "c", "d", "e", "f"].flatMap { ["--set", "premium.\($0)=" + ten] }
        try expectRefused(["sweep", Self.small] + keys + ["--trials", "2"], status: 1,
                          message: "--set: the grid has more than 100000 points (each a whole simulation); give fewer values, or split the sweep")
        // The bad value is the last one: found before the first two points run.
        try expectRefused(["sweep", Self.small, "--set", "premium.per_person_month=9,10,abc", "--trials", "2"], status: 1,
                          message: "--set premium.per_person_month=abc: expected an amount in yuan with at most two decimals")
        try expectRefused(["sweep", Self.small, "--set", "premium.nope=1", "--trials", "2"], status: 1,
                          message: "--set premium.nope=1: unknown key 'nope' (this table takes: per_person_month, source)")
        // An optional key the scenario leaves out is a key all the same.
        let basis = try CLI.run(["sweep", Self.small, "--set", "corridor.basis=term,per_period", "--trials", "2"])
        #expect(basis.status == 0, "\(basis.stderr)")
        #expect(basis.stdout.split(separator: "\n").filter { $0.hasPrefix("          term ") || $0.hasPrefix("    per_period ") }.count == 2, "\(basis.stdout)")
        // A rule tying the edited key to another is reported as the edit's doing.
        let edition = CLI.packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path
        try expectRefused(["sweep", Self.small, "--set", "corridor.refund_below=0.8,0.95", "--trials", "2"], status: 1,
                          message: "--set corridor.refund_below=0.95 leaves the scenario inconsistent: \(edition): corridor.shared_from: expected a loss ratio ≥ refund_below (0.95), got 0.9")
    }

    @Test func sensitivityParametersAreCheckedBeforeTheBaseRun() throws {
        let common = ["sensitivity", Self.small, "--trials", "2", "--samples", "4", "--trials-per-sample", "1"]
        try expectRefused(common + ["--parameter", "scenario.trials"], status: 1,
                          message: "--parameter scenario.trials: every run of a sweep or sensitivity analysis uses the one seed and trial count (common random numbers); give --seed or --trials instead")
        try expectRefused(common + ["--parameter", "premium.per_person_month", "--parameter", "premium.per_person_month"], status: 1,
                          message: "--parameter premium.per_person_month is named twice: name each parameter once")
        try expectRefused(common + ["--parameter", "scenario.name"], status: 1,
                          message: "--parameter scenario.name: expected a number or a list of numbers to scale, got a string")
        let edition = CLI.packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path
        // refund_below 0.85 × 1.5 passes shared_from 0.9; the message says which scaling did it.
        try expectRefused(common + ["--parameter", "corridor.refund_below", "--delta", "0.5"], status: 1,
                          message: "--parameter corridor.refund_below scaled by 1.5 is 1.275, which leaves the scenario inconsistent: \(edition): corridor.shared_from: expected a loss ratio ≥ refund_below (1.275), got 0.9")
        // An integer that scaling takes past 2⁶³ used to trap.
        let directory = CLI.temporaryDirectory()
        let big = CLI.write("extends = \"\(CLI.packageRoot.path)/\(Self.small)\"\n[benefits.accident]\nshared_worst_grade_raise = 9000000000000000000\n",
                            to: "big.toml", in: directory)
        try expectRefused(["sensitivity", big, "--trials", "2", "--samples", "4", "--trials-per-sample", "1",
                           "--parameter", "benefits.accident.shared_worst_grade_raise"], status: 1,
                          message: "--parameter benefits.accident.shared_worst_grade_raise: 9000000000000000000 scaled by 1.1 is beyond the integers a scenario holds")
        try expectRefused(common + ["--parameter", "premium.nope", "--shard", "1/2", "--out", directory.appendingPathComponent("p").path], status: 1,
                          message: "--parameter premium.nope: no such key in the scenario (check the spelling; see scenario.resolved.toml from `jikun simulate --out`)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p").path))
    }

    @Test func mergeChecksItsOutputsBeforeWritingAny() throws {
        let directory = CLI.temporaryDirectory()
        let path = { directory.appendingPathComponent($0).path }
        for i in 1...2 {
            let r = try CLI.run(["simulate", Self.small, "--trials", "6", "--shard", "\(i)/2", "--out", path("s\(i)")])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // A link to a shard folder is that folder.
        try FileManager.default.createSymbolicLink(atPath: path("link"), withDestinationPath: path("s1"))
        try expectRefused(["merge", path("s1"), path("s2"), "--out", path("link")], status: Self.usageCode,
                          message: "--out \(path("link")) is the shard folder \(path("s1")): write the merge elsewhere, so no input is overwritten")
        // A report name with no format used to be refused after --out was written.
        try expectRefused(["merge", path("s1"), path("s2"), "--out", path("m"), "--report", path("m.json")], status: 1,
                          message: "Cannot tell the report format from '\(path("m.json"))': use a file name ending in .html (or .htm) for a web page, .md for Markdown, or .xlsx for an Excel workbook.")
        #expect(!FileManager.default.fileExists(atPath: path("m")))
        // A workbook may not replace a device either (libxlsxwriter renames on its own).
        try FileManager.default.createSymbolicLink(atPath: path("null.xlsx"), withDestinationPath: "/dev/null")
        try expectRefused(["merge", path("s1"), path("s2"), "--out", path("m"), "--report", path("null.xlsx")], status: 1,
                          message: "\(path("null.xlsx")): is not a regular file (a device, pipe or socket): outputs are written as files; name a file")
        #expect(!FileManager.default.fileExists(atPath: path("m/summary.json")))
    }

    @Test func oneTrialShowsNoStandardErrorsAsEstimates() throws {
        let note = "One trial: a standard error needs at least two trials, so every ± figure below reads 0 and tells nothing."
        let check = try CLI.run(["simulate", Self.small, "--trials", "1", "--check"])
        #expect(check.status == 0, "\(check.stderr)")
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1] == "Edition 2020; 1 trial, seed 42")
        #expect(lines[2] == note)
        let rows = lines.drop { !$0.hasPrefix("Analytic check") }.dropFirst(3)
        #expect(rows.count == 14)
        #expect(rows.allSatisfy { $0.hasSuffix("   n/a  n/a") }, "\(rows)")
        for (command, heading) in [("budget", "; 1 trial"), ("price", "; 1 trial re-settled per candidate premium")] {
            let run = try CLI.run([command, Self.small, "--trials", "1"])
            let head = run.stdout.split(separator: "\n").prefix(2).map(String.init)
            #expect(head.count == 2, "\(command): \(run.stderr)")
            #expect(head.first?.hasSuffix(heading) == true, "\(command): \(head)")
            #expect(head.last == note, "\(command): \(head)")
        }
        let report = CLI.temporaryDirectory().appendingPathComponent("one.md").path
        #expect(try CLI.run(["sweep", Self.small, "--set", "premium.per_person_month=9,10", "--trials", "1", "--report", report]).status == 0)
        #expect(try CLI.read(report).contains("\n*" + note + "*\n"))
        let compare = try CLI.run(["compare", Self.small, "scenarios/chongqing-2020.toml", "--trials", "1"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("base test-small; 1 trial, seed 42."))
        let claims = compare.stdout.split(separator: "\n").first { $0.hasPrefix("Claims 赔款") }.map(String.init) ?? ""
        #expect(claims.hasSuffix("n/a     n/a                  n/a                 n/a"), "\(claims)")
        // The report says the same: no spread columns of 0 and no interval chart.
        let compareReport = CLI.temporaryDirectory().appendingPathComponent("compare.md").path
        #expect(try CLI.run(["compare", Self.small, "scenarios/chongqing-2020.toml", "--trials", "1", "--report", compareReport]).status == 0)
        let markdown = try CLI.read(compareReport)
        #expect(markdown.contains("\n*One trial: a standard error needs at least two trials, so the columns that need one read n/a.*\n"))
        #expect(!markdown.contains(note))
        let claimsRow = markdown.split(separator: "\n").first { $0.hasPrefix("| Claims 赔款") }.map(String.init) ?? ""
        #expect(claimsRow.hasSuffix("| n/a | n/a | n/a | n/a |"), "\(claimsRow)")
        #expect(!markdown.contains("Differences: "))
    }

    @Test func anUnmetBidTargetSaysWhetherAWiderRangeWouldHelp() throws {
        let common = ["price", Self.small, "--trials", "50"]
        let narrow = try CLI.run(common + ["--target-margin", "0.03", "--range", "100:150"])
        #expect(narrow.status == 0, "\(narrow.stderr)")
        let wide = try CLI.run(common + ["--target-margin", "0.03", "--range", "100:1000"])
        let bid = try #require(wide.stdout.split(separator: "\n").last.map(String.init))
        #expect(bid.hasPrefix("Bid 185.83 yuan per person-month"), "\(bid)")
        #expect(narrow.stdout.hasSuffix("No premium up to 150.00 yuan per person-month meets the target (expected margin ≥ 3.0% of premium); 185.83 yuan does (margin 3.0%): widen --range to include it.\n"),
                "\(narrow.stdout)")
        // Above the refund threshold's reach the margin is 15 % less expenses at any premium.
        let ceiling = try CLI.run(common + ["--target-margin", "0.2", "--range", "100:1000"])
        #expect(ceiling.stdout.hasSuffix("nor does any up to 4000.00: at 1000.00 yuan margin 5.7%, at 4000.00 yuan margin 5.7%. The margin has levelled off: once the loss ratio is below the corridor's refund threshold (85%), that share of each further yuan of premium goes back to the bureau, so no premium reaches this margin.\n"),
                "\(ceiling.stdout)")
    }

    @Test func aVariantsOwnSeedAndTrialsAreSaidToBeUnused() throws {
        let directory = CLI.temporaryDirectory()
        let variant = CLI.write("extends = \"\(CLI.packageRoot.path)/\(Self.small)\"\n[scenario]\nname = \"v\"\nseed = 7\ntrials = 30\n",
                                to: "v.toml", in: directory)
        let run = try CLI.run(["compare", Self.small, variant, "--trials", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Note: v sets seed 7, but every scenario runs with the base's seed 42 and 3 trials (common random numbers); give --seed or --trials to choose them.\n"),
                "\(run.stderr)")
        // Chosen on the command line: nothing to say.
        let chosen = try CLI.run(["compare", Self.small, variant, "--trials", "3", "--seed", "9"])
        #expect(!chosen.stderr.contains("Note:"), "\(chosen.stderr)")
    }

    /// The curve's points sat between fen before, so six rows of a narrow range read 10.00, each
    /// with another premium: every point is now a rate to the fen, and no two are the same.
    @Test func theBidCurveIsOnTheFen() throws {
        #expect(Jikun.Price.curveRates(low: Money(fen: 999), high: Money(fen: 1001)) == [9.99, 10.00, 10.01])
        #expect(Jikun.Price.curveRates(low: Money(yuan: 6), high: Money(yuan: 16)) == (0...20).map { 6 + Double($0) / 2 })
        // 4.01 over 20 steps: 20.05 fen a step, rounded half up.
        let odd = Jikun.Price.curveRates(low: Money(yuan: 6), high: Money(fen: 1001))
        #expect(odd.count == 21 && odd.first == 6 && odd.last == 10.01 && odd[1] == 6.20 && odd[10] == 8.01)
        #expect(Set(odd.map { Money(roundingYuan: $0) }).count == 21)
        let bid = CLI.temporaryDirectory().appendingPathComponent("bid.csv").path
        let narrow = try CLI.run(["price", Self.small, "--trials", "3", "--range", "9.99:10.01", "--out", bid])
        #expect(narrow.status == 0, "\(narrow.stderr)")
        let rates = try CLI.read(bid).split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(rates == ["9.99", "10.00", "10.01"])
        try expectRefused(["price", Self.small, "--trials", "2", "--range", "9.995:10"], status: Self.usageCode,
                          message: "--range takes LOW:HIGH in yuan per person-month, to the fen, with 0 < LOW < HIGH ≤ 1000, e.g. 6:16; got \"9.995:10\"")
    }

    @Test(arguments: ["6:x:16", "6::16", "6:16:", "0x6:16"])
    func aPriceRangeWithAPartThatIsNoNumberIsRefused(_ range: String) throws {
        // Parts that were not numbers used to be dropped, so "6:x:16" ran as 6:16.
        try expectRefused(["price", Self.small, "--trials", "2", "--range", range], status: Self.usageCode,
                          message: "--range takes LOW:HIGH in yuan per person-month, to the fen, with 0 < LOW < HIGH ≤ 1000, e.g. 6:16; got \"\(range)\"")
    }

    /// A level given twice was two identical rows; a fine level was rounded to 100.0%.
    @Test func confidenceAndTailLevelsAreShownAsGivenAndOnce() throws {
        try expectRefused(["budget", Self.small, "--trials", "2", "--confidence", "0.9,0.95,0.9"], status: Self.usageCode,
                          message: "--confidence gives the level 0.9 twice")
        let fine = try CLI.run(["budget", Self.small, "--trials", "20", "--confidence", "0.9,0.999999"])
        #expect(fine.status == 0, "\(fine.stderr)")
        let rows = fine.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.contains { $0.hasPrefix("90.0% ") }, "\(fine.stdout)")
        #expect(rows.contains { $0.hasPrefix("99.9999% ") }, "\(fine.stdout)")
        let tail = try CLI.run(["price", Self.small, "--trials", "20", "--tvar-level", "0.995"])
        #expect(tail.status == 0, "\(tail.stderr)")
        #expect(tail.stdout.contains("TVaR99.5 loss / premium"), "\(tail.stdout)")
        try expectRefused(["calibrate", "--roster", "r.csv", "--claims", "c.csv", "--base", Self.small, "--as-of", "2022-03-31", "--out", "x.toml",
                           "--censored-at", "hospitalisation=50000", "--censored-at", "hospitalisation=80000"], status: Self.usageCode,
                          message: "--censored-at gives hospitalisation twice: one censoring point a line")
    }
}
