import Foundation
import JikunPolicy
import Testing

/// Values that loading once accepted and a later step crashed on, wrote over an input with, or
/// spent hours on: each is now refused with what was expected.
extension RobustnessCLITests {
    static func triangle(_ body: String, in directory: URL, name: String = "triangle.csv") -> String {
        CLI.write("origin,development,value\n" + body, to: name, in: directory)
    }

    @Test func triangleValuesBeyondTheArithmeticAreRefused() throws {
        let directory = CLI.temporaryDirectory()
        // Mack's variances square the values: 1e200 takes them to ∞.
        let huge = Self.triangle("1,0,100\n1,1,150\n1,2,1e200\n2,0,110\n2,1,160\n3,0,120\n", in: directory)
        try expectRefused(["develop", "--triangle", huge], status: 1,
                          message: "the estimates are not finite numbers: the triangle's values, --tail or --prior-lr lie beyond what the arithmetic holds")
        // Each origin's estimate finite, their sum not: the total used to print blank and -nan%.
        let sum = Self.triangle("a,1,1e308\na,2,1e308\nb,1,1e308\n", in: directory, name: "sum.csv")
        try expectRefused(["develop", "--triangle", sum, "--method", "chain-ladder"], status: 1,
                          message: "the estimates are not finite numbers: the triangle's values, --tail or --prior-lr lie beyond what the arithmetic holds")
        let late = Self.triangle("1,99999,100\n", in: directory, name: "late.csv")
        try expectRefused(["develop", "--triangle", late], status: 1,
                          message: "\(late): row 2, column development: expected a development period from 0 to 1200, got 99999")
        let hex = Self.triangle("1,0,0x10\n", in: directory, name: "hex.csv")
        try expectRefused(["develop", "--triangle", hex], status: 1, message: "\(hex): row 2, column value: expected a number, got \"0x10\"")
        // Two spellings of one origin sorted in no defined order before.
        let twice = Self.triangle("9,0,100\n9,1,150\n09,0,120\n", in: directory, name: "twice.csv")
        try expectRefused(["develop", "--triangle", twice, "--method", "chain-ladder"], status: 1,
                          message: "\(twice): row 4, column origin: origins \"9\" and \"09\" are the same number: write each origin one way")
        let ok = Self.triangle("1,0,100\n1,1,150\n2,0,110\n", in: directory, name: "ok.csv")
        try expectRefused(["develop", "--triangle", ok, "--bootstrap", "2000000"], status: Self.usageCode,
                          message: "--bootstrap must be between 1 and 1000000 replicates, got 2000000", usage: "develop")
        try expectRefused(["develop", "--triangle", ok, "--tail", "1e308"], status: Self.usageCode,
                          message: "The value '1e308' is invalid for '--tail <tail>'")
    }

    /// A pipe has no size to read up to: it used to be refused as "permission denied".
    @Test func anInputMayBeAPipe() throws {
        let binary = try #require(CLI.executable)
        let directory = CLI.temporaryDirectory()
        let roster = CLI.write(CLITests.roster, to: "roster.csv", in: directory)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "cat '\(roster)' | '\(binary.path)' premium --roster /dev/stdin > '\(directory.path)/piped.txt' 2>&1"]
        try shell.run()
        shell.waitUntilExit()
        let direct = try CLI.run(["premium", "--roster", roster])
        let piped = try CLI.read(directory.appendingPathComponent("piped.txt").path)
        #expect(shell.terminationStatus == 0, "\(piped)")
        #expect(piped == direct.stdout + direct.stderr)
    }

    @Test func textOriginsSortByTheirNumbers() throws {
        let directory = CLI.temporaryDirectory()
        // As text 2021-10 sorted before 2021-3, and this complete triangle was refused.
        let months = Self.triangle("2021-3,0,100\n2021-3,1,150\n2021-10,0,120\n", in: directory)
        let run = try CLI.run(["develop", "--triangle", months, "--method", "chain-ladder"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("2021-") }.map { String($0.prefix(8)) }
        #expect(rows == ["2021-3  ", "2021-10 "], "\(run.stdout)")
        // 120 × 150/100 = 180.
        #expect(run.stdout.contains("2021-10  120.00    180.00  60.00"), "\(run.stdout)")
    }

    @Test func mackWithoutAVarianceNamesTheMethodThatNeedsNone() throws {
        let directory = CLI.temporaryDirectory()
        // Every origin opens at 0: no first-development ratio, so no σ², while the chain ladder
        // still develops origin 2 by 160/150.
        let zeros = Self.triangle("1,0,0\n1,1,150\n1,2,160\n2,0,0\n2,1,160\n3,0,0\n", in: directory)
        try expectRefused(["develop", "--triangle", zeros], status: 1,
                          message: "Mack: the first development needs at least two origins with a value > 0 to estimate σ²; --method chain-ladder gives the estimate without standard errors")
        let chainLadder = try CLI.run(["develop", "--triangle", zeros, "--method", "chain-ladder"])
        #expect(chainLadder.status == 0, "\(chainLadder.stderr)")
        #expect(chainLadder.stdout.contains("2       160.00    170.67  10.67"), "\(chainLadder.stdout)")
    }

    @Test func budgetGrowthMayNotTakeAPeriodPastThePopulationBound() throws {
        let directory = CLI.temporaryDirectory()
        let big = CLI.write("extends = \"\(CLI.packageRoot.path)/scenarios/test-small.toml\"\n[population.periods.P1]\ninsured = 60000000\n",
                            to: "big.toml", in: directory)
        try expectRefused(["budget", big, "--trials", "1", "--growth", "1"], status: Self.usageCode,
                          message: "--growth 1.0 takes P1's insured from 60,000,000 to 120,000,000, above the 100,000,000 a period may hold",
                          usage: "budget")
    }

    @Test func outputsMayNotReplaceTheCellsFileAScenarioNames() throws {
        let directory = CLI.temporaryDirectory()
        let roster = CLI.write(CLITests.roster, to: "roster.csv", in: directory)
        let cells = directory.appendingPathComponent("population.csv").path
        let small = CLI.packageRoot.appendingPathComponent("scenarios/test-small.toml").path
        #expect(try CLI.run(["population", "--roster", roster, "--scenario", small, "--out", cells]).status == 0)
        let bands = [("0-2", "from = 0\nto = 2"), ("3-17", "from = 3\nto = 17"), ("18-22", "from = 18\nto = 22"), ("23+", "from = 23")]
            .map { "[[population.age_bands]]\nkey = \"\($0.0)\"\n\($0.1)\nin_school = 0.5\n" }.joined()
        let scenario = CLI.write("extends = \"\(small)\"\n[population]\nreplace = true\ncells_file = \"population.csv\"\n" + bands,
                                 to: "cells.toml", in: directory)
        let before = try CLI.read(cells)
        #expect(try CLI.run(["simulate", scenario, "--trials", "2"]).status == 0)
        for arguments in [["price", scenario, "--trials", "2", "--out", cells],
                          ["sweep", scenario, "--set", "premium.per_person_month=9,10", "--trials", "2", "--out", cells],
                          ["population", "--roster", roster, "--scenario", scenario, "--out", cells]] {
            try expectRefused(arguments, status: 1,
                              message: "--out \(cells) is the input \(arguments[0] == "population" ? "--scenario" : "scenario")'s population.cells_file \(cells): refusing to overwrite an input; choose another output file")
        }
        #expect(try CLI.read(cells) == before)
    }

    @Test func outputsMayNotReplaceADeviceOrTheFilesAScenarioExtends() throws {
        let directory = CLI.temporaryDirectory()
        let roster = CLI.write(CLITests.roster, to: "roster.csv", in: directory)
        try expectRefused(["premium", "--roster", roster, "--out", "/dev/full"], status: 1,
                          message: "/dev/full: is not a regular file (a device, pipe or socket): outputs are written as files; name a file")
        let base = CLI.write("extends = \"\(CLI.packageRoot.path)/scenarios/test-small.toml\"\n", to: "base.md", in: directory)
        let variant = CLI.write("extends = \"base.md\"\n", to: "variant.toml", in: directory)
        try expectRefused(["simulate", variant, "--trials", "2", "--report", base], status: 1,
                          message: "--report \(base) is the input scenario's base \(base): refusing to overwrite an input; choose another output file")
        #expect(try CLI.read(base).hasPrefix("extends"))
        // settle's provenance sidecar beside --out must not land on --ibnr either.
        let payments = CLI.write("claim_id,person_id,insurer,period,line,payable,reason\n", to: "payments.csv", in: directory)
        let ibnr = CLI.write("origin,ibnr\nTOTAL,10.00\n", to: "st.provenance.json", in: directory)
        let out = directory.appendingPathComponent("st.csv").path
        try expectRefused(["settle", "--roster", roster, "--payments", payments, "--ibnr", ibnr, "--out", out], status: 1,
                          message: "--out's provenance sidecar \(ibnr) is the input --ibnr \(ibnr): refusing to overwrite an input; choose another output file")
        // The folder `jikun notebook` confines its commands' files to.
        let outside = directory.appendingPathComponent("premium.csv").path
        let inside = directory.appendingPathComponent("out").path
        let result = try CLI.run(["premium", "--roster", roster, "--out", outside], environment: ["JIKUN_NOTEBOOK_OUTPUTS": inside])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: \(outside): is outside \(inside): a notebook's commands write their files there"), "\(result.stderr)")
    }

    @Test func optionValuesThatUsedToPassAreRefused() throws {
        try expectRefused(["benefit", "critical-illness", "20000,5"], status: Self.usageCode,
                          message: "expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"20000,5\"")
        let grouped = try CLI.run(["benefit", "critical-illness", "20,000"])
        #expect(grouped.stdout.contains("paid in the period: 4,600.00 yuan"), "\(grouped.stdout)")
        try expectRefused(["budget", "--confidence", "0.9,,0.95", "--trials", "2"], status: Self.usageCode,
                          message: "--confidence takes levels between 0 and 1 such as 0.9,0.95, got \"\"", usage: "budget")
        try expectRefused(["price", "--range", "6:inf", "--trials", "2"], status: Self.usageCode,
                          message: "--range takes LOW:HIGH in yuan per person-month, to the fen, with 0 < LOW < HIGH ≤ 1000, e.g. 6:16; got \"6:inf\"",
                          usage: "price")
        try expectRefused(["price", "--target-margin=nan", "--trials", "2"], status: Self.usageCode,
                          message: "--target-margin must be a share of premium between -1 and 1 such as 0.03, got nan", usage: "price")
        let shard = try CLI.run(["simulate", "scenarios/test-small.toml", "--trials", "4", "--shard", "auto", "--out", CLI.temporaryDirectory().path],
                                environment: ["SLURM_ARRAY_TASK_ID": "9223372036854775807", "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(shard.exited && shard.status == 1, "\(shard.stderr)")
        #expect(shard.stderr.hasPrefix("Error: --shard: SLURM_ARRAY_TASK_ID should be a whole number from 0 to 10000000, got \"9223372036854775807\""),
                "\(shard.stderr)")
    }
}

/// Every simulated term is settled as a statement is (docs/rules.md §5): the 2020 corridor's
/// refund (0.85·P − C) and top-up (0.5·(C − 0.9·P)) rounded half-up to the fen, and each row of
/// trials.csv adding up. Trials whose top-up ended in half a fen were written a fen off before.
extension RobustnessCLITests {
    @Test func everyTrialIsSettledToTheFen() throws {
        let out = CLI.temporaryDirectory().appendingPathComponent("sim").path
        let run = try CLI.run(["simulate", "--trials", "300", "--seed", "20201101", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try CLI.read(out + "/trials.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let (cClaims, cPremium, cBand) = (try column("claims_total"), try column("premium"), try column("band"))
        let (cRefund, cTopUp, cCost) = (try column("refund"), try column("shared_topup"), try column("bureau_net_cost"))
        func fen(_ text: String) -> Int64 { Money(parsing: text)!.fen }
        var shared = 0, halfFen = 0
        for row in lines.dropFirst() {
            let (c, p, refund, topUp) = (fen(row[cClaims]), fen(row[cPremium]), fen(row[cRefund]), fen(row[cTopUp]))
            #expect(p - refund + topUp == fen(row[cCost]), "\(row[0])")
            switch row[cBand] {
            case "refund":
                let hundredths = 85 * p - 100 * c  // in 1/100 fen
                #expect(refund == (hundredths + 50) / 100, "\(row[0])")
            case "shared":
                shared += 1
                let twentieths = 10 * c - 9 * p  // 0.5·(C − 0.9P) in 1/20 fen
                if twentieths % 20 == 10 { halfFen += 1 }
                #expect(topUp == (twentieths + 10) / 20, "\(row[0])")
            default: break
            }
        }
        #expect(shared >= 10 && halfFen >= 5, "shared \(shared), half a fen \(halfFen)")
    }
}
