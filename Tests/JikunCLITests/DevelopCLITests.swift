import Foundation
import Testing

/// `jikun develop` (and `settle` on ultimate claims) run as a subprocess.
@Suite struct DevelopCLITests {
    /// RAA (Mack 1993) in long format, cumulative.
    static let raa = "origin,development,value\n1981,1,5012\n1981,2,8269\n1981,3,10907\n1981,4,11805\n1981,5,13539\n1981,6,16181\n1981,7,18009\n1981,8,18608\n1981,9,18662\n1981,10,18834\n1982,1,106\n1982,2,4285\n1982,3,5396\n1982,4,10666\n1982,5,13782\n1982,6,15599\n1982,7,15496\n1982,8,16169\n1982,9,16704\n1983,1,3410\n1983,2,8992\n1983,3,13873\n1983,4,16141\n1983,5,18735\n1983,6,22214\n1983,7,22863\n1983,8,23466\n1984,1,5655\n1984,2,11555\n1984,3,15766\n1984,4,21266\n1984,5,23425\n1984,6,26083\n1984,7,27067\n1985,1,1092\n1985,2,9565\n1985,3,15836\n1985,4,22169\n1985,5,25955\n1985,6,26180\n1986,1,1513\n1986,2,6445\n1986,3,11702\n1986,4,12935\n1986,5,15852\n1987,1,557\n1987,2,4020\n1987,3,10946\n1987,4,12314\n1988,1,1351\n1988,2,6947\n1988,3,13112\n1989,1,3133\n1989,2,5395\n1990,1,2063\n"

    static let a = CLITests.a, c = CLITests.c
    static let roster = """
        person_id,unit,category,birth_date,enrolled_from,student,poverty_insured,youfu_excluded
        \(a),yuzhong,dibao,1980-03-04,2020-11-01,false,false,false
        \(c),dadukou,tekun,1950-01-01,2020-11-01,false,false,false

        """

    /// Accident-medical claims (paid 100 %, under the 5,000 cap) valued at 2021-03-31, monthly:
    /// 2021-01 [100, 300, 350], 2021-02 [300, 400], 2021-03 [400] (cumulative).
    /// f₀ = (300 + 400)/(100 + 300) = 1.75, f₁ = 350/300 = 7/6. Ultimates 350,
    /// 400·7/6 = 466.67, 400·1.75·7/6 = 816.67; IBNR 0, 66.67, 416.67, total 483.33 of 1,633.33.
    /// Counts [1, 2, 3], [1, 2], [1]: f₀ = 4/2, f₁ = 3/2, ultimates 3, 3, 3: 3 more claims.
    static let claims = """
        claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level,reported_date
        M1,\(a),accident_medical,2021-01-05,100,,,,,2021-01-10
        M2,\(a),accident_medical,2021-01-20,200,,,,,2021-02-03
        M3,\(c),accident_medical,2021-01-25,50,,,,,2021-03-01
        M4,\(c),accident_medical,2021-02-10,300,,,,,2021-02-11
        M5,\(a),accident_medical,2021-02-15,100,,,,,2021-03-20
        M6,\(c),accident_medical,2021-03-05,400,,,,,2021-03-06

        """

    func files() -> (URL, String, String) {
        let directory = CLI.temporaryDirectory()
        return (directory, CLI.write(Self.roster, to: "roster.csv", in: directory), CLI.write(Self.claims, to: "claims.csv", in: directory))
    }

    @Test func raaTriangleGivesMacksPublishedTotals() throws {
        let directory = CLI.temporaryDirectory()
        let triangle = CLI.write(Self.raa, to: "raa.csv", in: directory)
        let out = directory.appendingPathComponent("ibnr.csv").path
        let result = try CLI.run(["develop", "--triangle", triangle, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("52,135.23"))
        let csv = try CLI.read(out).split(separator: "\n")
        #expect(csv.first == "origin,latest,ultimate,ibnr,mack_se,reported_share")
        #expect(csv[1] == "1981,18834.00,18834.00,0.00,0.00,1.000000")
        // Mack (1993): total reserve 52,135, standard error 26,909; reported 160,987 of 213,122.
        #expect(csv.last == "TOTAL,160987.00,213122.23,52135.23,26909.01,0.755374")
    }

    @Test func claimsKnownAtTheValuationDateWorkedByHand() throws {
        let (directory, roster, claims) = files()
        let out = directory.appendingPathComponent("ibnr.csv").path
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31",
                                  "--method", "chain-ladder", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.read(out) == """
            origin,latest,ultimate,ibnr,mack_se,reported_share
            2021-01,350.00,350.00,0.00,,1.000000
            2021-02,400.00,466.67,66.67,,0.857143
            2021-03,400.00,816.67,416.67,,0.489796
            TOTAL,1150.00,1633.33,483.33,,0.704082

            """)
        #expect(result.stdout.contains("about 3 more claims are expected to be reported"), "\(result.stdout)")
    }

    @Test func aReportBeforeTheEventIsAnInputErrorNamingRowAndColumn() throws {
        let directory = CLI.temporaryDirectory()
        let roster = CLI.write(Self.roster, to: "roster.csv", in: directory)
        let claims = CLI.write(Self.claims.replacingOccurrences(of: "2021-02-03", with: "2021-01-19"), to: "claims.csv", in: directory)
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(claims): row 3, column reported_date: 2021-01-19 is before the event_date 2021-01-20\n")
    }

    @Test func aReportAfterTheValuationDateIsAnInputError() throws {
        let (_, roster, claims) = files()
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-15"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(claims): row 6, column reported_date: 2021-03-20 is after the valuation date --as-of 2021-03-15\n")
    }

    @Test func aHoleInTheTriangleIsAnInputError() throws {
        let directory = CLI.temporaryDirectory()
        let triangle = CLI.write("origin,development,value\n1,1,10\n1,2,12\n1,3,13\n2,2,5\n3,1,4\n", to: "t.csv", in: directory)
        let result = try CLI.run(["develop", "--triangle", triangle])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(triangle): row 5, column development: origin 2 has no value at development 1 (a hole in the triangle); every development up to the diagonal needs a value\n")
    }

    @Test func anOutputOverAnInputIsRefused() throws {
        let directory = CLI.temporaryDirectory()
        let triangle = CLI.write(Self.raa, to: "raa.csv", in: directory)
        let result = try CLI.run(["develop", "--triangle", triangle, "--out", triangle])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: --out \(triangle) is the input --triangle \(triangle): refusing to overwrite an input; choose another output file\n"), "\(result.stderr)")
        #expect(try CLI.read(triangle) == Self.raa)
        // The claims form reads an edition (the shipped one when none is given) and what it extends.
        let base = try CLI.read(CLI.packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path)
        let edition = CLI.write(base, to: "edition.toml", in: directory)
        let whatIf = CLI.write("extends = \"edition.toml\"\n", to: "whatif.toml", in: directory)
        let claimsForm = try CLI.run(["develop", "--roster", "r.csv", "--claims", "c.csv", "--as-of", "2021-06-30", "--edition", whatIf, "--out", edition])
        #expect(claimsForm.status == 1)
        #expect(claimsForm.stderr.hasPrefix("Error: --out \(edition) is the input --edition's base \(edition): refusing to overwrite an input; choose another output file\n"),
                "\(claimsForm.stderr)")
        #expect(try CLI.read(edition) == base)
    }

    @Test(arguments: [
        (["develop"], "Error: give --roster FILE --claims FILE --as-of DATE, or --triangle FILE\n"),
        (["develop", "--triangle", "t.csv", "--method", "bf", "--prior-lr", "0.8"],
         "Error: --method bf needs each origin's premium, which a --triangle file does not give; use --roster, --claims and --as-of\n"),
        (["develop", "--triangle", "t.csv", "--method", "bf"], "Error: --method bf needs --prior-lr, the a-priori loss ratio (e.g. --prior-lr 0.8), or --prior-scenario FILE\n"),
        (["develop", "--triangle", "t.csv", "--method", "bf", "--prior-lr", "0.8", "--prior-scenario", "s.toml"],
         "Error: give either --prior-lr or --prior-scenario, not both\n"),
        (["develop", "--triangle", "t.csv", "--bootstrap", "0"], "Error: --bootstrap must be between 1 and 1000000 replicates, got 0\n"),
        (["develop", "--triangle", "t.csv", "--report", "r.pdf"], "Error: --report must end in .html or .md, got \"r.pdf\"\n"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    @Test func bootstrapIsTheSameAtOneAndTwoThreadsAndWritesAReport() throws {
        let directory = CLI.temporaryDirectory()
        let triangle = CLI.write(Self.raa, to: "raa.csv", in: directory)
        var outputs: [String] = []
        for threads in ["1", "2"] {
            let out = directory.appendingPathComponent("ibnr-\(threads).csv").path
            let result = try CLI.run(["develop", "--triangle", triangle, "--bootstrap", "500", "--seed", "3", "--threads", threads,
                                      "--out", out, "--report", directory.appendingPathComponent("d.md").path])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try CLI.read(out))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].hasPrefix("origin,latest,ultimate,ibnr,mack_se,reported_share,boot_mean,boot_sd,boot_p75,boot_p95\n"))
        let report = try CLI.read(directory.appendingPathComponent("d.md").path)
        #expect(report.contains("Distribution of the reserve"))
        #expect(report.contains("Development factors"))
    }

    @Test func helpStatesMacksRuleForTheLastVarianceParameter() throws {
        let result = try CLI.run(["develop", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("σ²(n−1) = min(σ⁴(n−2)/σ²(n−3), σ²(n−3)"), "\(result.stdout)")
    }

    // MARK: - Settling on ultimate claims

    func adjudicated() throws -> (URL, String, String, String) {
        let (directory, roster, claims) = files()
        let payments = directory.appendingPathComponent("payments.csv").path
        let result = try CLI.run(["adjudicate", "--roster", roster, "--claims", claims, "--out", payments])
        #expect(result.status == 0, "\(result.stderr)")
        return (directory, roster, claims, payments)
    }

    /// A total IBNR of 483.33 split pro rata to reported claims, picc 400 and chinalife 750:
    /// 48,333 fen × 400/1,150 = 16,811.48 and × 750/1,150 = 31,521.52; the fen left over goes
    /// to the larger remainder (chinalife): 168.11 and 315.22; ultimate 568.11 and 1,065.22.
    @Test func settleOnUltimateSplitsAnUnsegmentedIBNRProRataToReportedClaims() throws {
        let (directory, roster, _, payments) = try adjudicated()
        let ibnr = CLI.write("origin,latest,ultimate,ibnr,mack_se\nTOTAL,1150.00,1633.33,483.33,\n", to: "ibnr.csv", in: directory)
        let out = directory.appendingPathComponent("ultimate.csv").path
        let result = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--ibnr", ibnr, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("picc 400.00 168.11 568.11"), "\(result.stdout)")
        #expect(lines.contains("chinalife 750.00 315.22 1,065.22"), "\(result.stdout)")
        let statement = try CLI.read(out)
        #expect(statement.contains("picc,") && statement.contains(",568.11,"), "\(statement)")
        // Its latest is these payments' 1,150.00: nothing to say.
        #expect(!result.stderr.contains("Note:"), "\(result.stderr)")
    }

    /// An IBNR developed from other claims than the payments (a paid basis, another date) is
    /// still added as given, with a note naming both amounts.
    @Test func anIBNROfOtherClaimsIsNoted() throws {
        let (directory, roster, _, payments) = try adjudicated()
        let total = CLI.write("origin,latest,ultimate,ibnr,mack_se\nTOTAL,900.00,1383.33,483.33,\n", to: "paid.csv", in: directory)
        let run = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--ibnr", total])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Note: \(total) was developed from 900.00 yuan of claims, but the payments give 1150.00: its IBNR belongs to other claims"),
                "\(run.stderr)")
        let byInsurer = CLI.write("insurer,origin,latest,ultimate,ibnr,mack_se\npicc,TOTAL,400,500,100.05,\nchinalife,TOTAL,700,760,10.00,\n,TOTAL,1100,1260,110.05,\n",
                                  to: "by.csv", in: directory)
        let insurers = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--ibnr", byInsurer])
        #expect(insurers.status == 0, "\(insurers.stderr)")
        #expect(insurers.stderr.contains("Note: \(byInsurer) was developed from 700.00 yuan of insurer chinalife's claims, but the payments give 750.00"),
                "\(insurers.stderr)")
    }

    @Test func settleWithIBNRRowsPerInsurerTakesThemAsWritten() throws {
        let (directory, roster, _, payments) = try adjudicated()
        let ibnr = CLI.write("insurer,origin,latest,ultimate,ibnr,mack_se\npicc,TOTAL,400,500,100.05,\nchinalife,TOTAL,750,760,10.00,\n,TOTAL,1150,1260,110.05,\n",
                             to: "ibnr.csv", in: directory)
        let result = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--ibnr", ibnr])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Note:"), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("picc 400.00 100.05 500.05"), "\(result.stdout)")
        #expect(lines.contains("chinalife 750.00 10.00 760.00"), "\(result.stdout)")
    }

    /// Inline, by insurer: picc's triangle is 2021-01 [100, 300, 300], 2021-02 [0, 100],
    /// 2021-03 [0], so f₀ = 400/100 = 4, f₁ = 1 and nothing is still to come (0 × 4 = 0);
    /// chinalife's 2021-01 [0, 0, 50], 2021-02 [300, 300], 2021-03 [400] gives f₀ = 300/300 = 1
    /// and f₁ = 1 (its denominator is 0): no IBNR either.
    @Test func settleDevelopsInlineAndSettlesEachReplicate() throws {
        let (_, roster, claims, payments) = try adjudicated()
        let result = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--develop", "--claims", claims,
                                  "--as-of", "2021-03-31", "--method", "chain-ladder"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("picc 400.00 0.00 400.00"), "\(result.stdout)")
        #expect(lines.contains("chinalife 750.00 0.00 750.00"), "\(result.stdout)")
    }

    @Test(arguments: [
        (["settle", "--input", "i.csv", "--ibnr", "x.csv"], "Error: --ibnr and --develop apply with --roster and --payments only\n"),
        (["settle", "--roster", "r.csv", "--payments", "p.csv", "--develop"], "Error: --develop needs --claims FILE and --as-of DATE\n"),
        (["settle", "--roster", "r.csv", "--payments", "p.csv", "--ibnr", "x.csv", "--develop", "--claims", "c.csv", "--as-of", "2021-01-01"],
         "Error: give either --ibnr FILE or --develop, not both\n"),
        (["settle", "--roster", "r.csv", "--payments", "p.csv", "--out", "p.csv"],
         "Error: --out p.csv is the input --payments p.csv: refusing to overwrite an input; choose another output file\n"),
    ])
    func settleUsageErrors(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == (arguments.contains("--out") ? 1 : 64))
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    /// On sample data with reporting delays: the band probabilities add up to 100 % and the
    /// bootstrap settlement is the same at one and two threads.
    @Test func bootstrapSettlementOfSampleData() throws {
        let directory = CLI.temporaryDirectory()
        let sample = directory.appendingPathComponent("ex").path
        #expect(try CLI.run(["sample-data", "--reporting-delay", "60", "--as-of", "2021-09-30", "--out", sample]).status == 0)
        let roster = sample + "/roster.csv", claims = sample + "/claims.csv", payments = sample + "/payments.csv"
        #expect(try CLI.run(["adjudicate", "--roster", roster, "--claims", claims, "--out", payments]).status == 0)
        var outputs: [String] = []
        for threads in ["1", "2"] {
            let result = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--develop", "--claims", claims,
                                      "--as-of", "2021-09-30", "--grain", "quarter", "--bootstrap", "300", "--seed", "5", "--threads", threads])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(result.stdout)
        }
        #expect(outputs[0] == outputs[1])
        let probabilities = outputs[0].split(separator: "\n").compactMap { line -> Double? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, ["refund", "neutral", "shared", "excess"].contains(String(parts[0])), parts[1].hasSuffix("%") else { return nil }
            return Double(parts[1].dropLast())
        }
        #expect(probabilities.count == 4)
        #expect(abs(probabilities.reduce(0, +) - 100) < 0.05)
    }

    /// BF with the prior from a scenario's exact expectation on the roster: the run succeeds and
    /// states the ratio it used. The default scenario is priced near its corridor: its expected
    /// loss ratio on this two-person roster lies between 50 % and 150 %.
    @Test func bfPriorFromAScenario() throws {
        let (_, roster, claims) = files()
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31",
                                  "--method", "bf", "--prior-scenario", "scenarios/chongqing-2020.toml"])
        #expect(result.status == 0, "\(result.stderr)")
        let match = try #require(result.stdout.firstMatch(of: /loss ratio used ([0-9.]+)%/), "\(result.stdout)")
        let percent = try #require(Double(match.output.1))
        #expect(percent > 50 && percent < 150, "\(percent)")
    }
}
