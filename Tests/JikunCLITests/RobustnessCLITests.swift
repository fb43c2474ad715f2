import Foundation
import Testing

/// What the command line refuses, and how: values no programme reaches, outputs that would
/// overwrite inputs or cannot be written, and the usage errors found while a subcommand runs.
/// Each pins the exit code and the message; none may end in a signal.
@Suite struct RobustnessCLITests {
    static let usageCode: Int32 = 64   // ArgumentParser's validation failure (EX_USAGE)

    func expectRefused(_ arguments: [String], status: Int32, message: String, usage: String? = nil,
                       in directory: URL = CLI.packageRoot, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try CLI.run(arguments, in: directory, sourceLocation: sourceLocation)
        #expect(result.exited, "died of a signal: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("Error: " + message + "\n"), "\(result.stderr)", sourceLocation: sourceLocation)
        if let usage {
            #expect(result.stderr.contains("\nUsage: jikun \(usage) "), "\(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Bounds

    @Test func hugeTrialCountsAreRefusedBeforeAnyWork() throws {
        try expectRefused(["simulate", "--trials", "1000000000000"], status: Self.usageCode,
                          message: "--trials must be between 1 and 10000000 (what one run holds in memory), got 1000000000000",
                          usage: "simulate")
        // A negative value is read as the option's value, not as another option.
        try expectRefused(["budget", "--trials", "-5"], status: Self.usageCode,
                          message: "--trials must be between 1 and 10000000 (what one run holds in memory), got -5", usage: "budget")
        try expectRefused(["budget", "--growth", "1e12"], status: Self.usageCode,
                          message: "--growth must be above -1 (−100 %) and at most 10 (+1000 %), got 1000000000000.0", usage: "budget")
    }

    @Test(arguments: [
        ("[population.periods.P1]\ninsured = 9223372036854775807\n", "population.periods.P1.insured: expected at most 100000000 insured persons (beyond any relief programme), got 9223372036854775807"),
        ("[population.periods.P2]\nentrants_per_month = 1e20\n", "population.periods.P2.entrants_per_month: expected at most 10000000 entrants a month (beyond any relief programme), got 1e+20"),
        ("[scenario]\ntrials = 1000000000000\n", "scenario.trials: expected at most 10000000 trials (what one run holds in memory), got 1000000000000"),
    ])
    func scenarioBoundsNameKeyValueAndBound(_ toml: String, _ message: String) throws {
        let directory = CLI.temporaryDirectory()
        let path = CLI.write("extends = \"\(CLI.packageRoot.path)/scenarios/test-small.toml\"\n" + toml, to: "huge.toml", in: directory)
        try expectRefused(["simulate", path, "--trials", "2"], status: 1, message: "\(path): " + message)
    }

    /// A population without premium has no loss ratio: refused where it is given (the roster,
    /// the scenario's population table), never simulated into NaN.
    @Test func aPopulationThatInsuresNobodyIsRefused() throws {
        let directory = CLI.temporaryDirectory()
        let header = "person_id,unit,category,birth_date,enrolled_from,student,poverty_insured,youfu_excluded\n"
        let excluded = CLI.write(header + "\(CLITests.d),shapingba,youfu,1990-07-20,2020-11-01,false,true,false\n",
                                 to: "excluded.csv", in: directory)
        let late = CLI.write(header + "\(CLITests.a),yuzhong,dibao,1980-03-04,2022-01-01,false,false,false\n",
                             to: "late.csv", in: directory)
        try expectRefused(["simulate", "scenarios/test-small.toml", "--roster", excluded, "--trials", "2", "--format", "json"], status: 1,
                          message: "\(excluded): nobody is insured in the term: 0 listed persons have no cover before it ends (2021-12-31) and 1 are excluded, so there is no premium and no loss ratio to simulate")
        try expectRefused(["budget", "scenarios/test-small.toml", "--roster", late, "--trials", "2"], status: 1,
                          message: "\(late): nobody is insured in the term: 1 listed persons have no cover before it ends (2021-12-31) and 0 are excluded, so there is no premium and no loss ratio to simulate")
        let nobody = CLI.write("""
            extends = "\(CLI.packageRoot.path)/scenarios/test-small.toml"
            [population.periods.P1]
            insured = 0
            entrants_per_month = 0.0
            [population.periods.P2]
            insured = 0
            entrants_per_month = 0.0

            """, to: "nobody.toml", in: directory)
        try expectRefused(["simulate", nobody, "--trials", "2"], status: 1,
                          message: "\(nobody): population: the population insures nobody in the term (no insured person, and no entrant after a period's first month), so there is no premium and no loss ratio to simulate")
    }

    /// The calculator's amounts reach 10¹⁵ yuan each: its tier-by-tier table works wide, and
    /// stays that add up past the range of an amount are refused.
    @Test func theCriticalIllnessCalculatorTakesTheLargestAmounts() throws {
        let one = try CLI.run(["benefit", "critical-illness", "263524926911"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("B(X) = 150,000.00 → paid in the period: 150,000.00 yuan"), "\(one.stdout)")
        #expect(one.stdout.contains("above 50,000.00        263,524,873,911.00  35.0%  92,233,705,868.85"), "\(one.stdout)")
        try expectRefused(["benefit", "critical-illness"] + Array(repeating: "999999999999999.99", count: 93), status: Self.usageCode,
                          message: "the stays add up past 92,233,720,368,547,758.07 yuan, more than an amount can hold")
    }

    /// Severities whose samples overflow fen unless clamped at the benefit's cap: the run
    /// completes, and every accident-medical claimant is paid exactly the 5,000-yuan cap
    /// (E[claims] of that line is then the expected number of claimants × 5,000).
    @Test func heavySeveritiesAreClampedAtTheCap() throws {
        let directory = CLI.temporaryDirectory()
        let path = CLI.write("""
            extends = "\(CLI.packageRoot.path)/scenarios/test-small.toml"
            [events.accident_medical.severity]
            family = "lognormal"
            mean = 1e300
            cv = 1.0

            """, to: "heavy.toml", in: directory)
        let result = try CLI.run(["simulate", path, "--trials", "50", "--format", "csv"])
        #expect(result.exited, "\(result.stderr)")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == 51)
        let header = lines[0].split(separator: ",").map(String.init)
        let medical = header.indices.filter { header[$0].hasPrefix("claims_accident_medical") }
        #expect(!medical.isEmpty, "\(header)")
        var paid = 0.0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for j in medical {
                // Whole multiples of the cap: every claimant capped.
                let fen = try #require(Double(fields[j])).rounded() * 100
                #expect(fen.truncatingRemainder(dividingBy: 500_000) == 0, "\(fields[j])")
                paid += fen
            }
        }
        #expect(paid > 0)
    }

    /// Help paragraphs are one line in the source, so only the parser wraps them (here at the
    /// 200 columns `CLI.run` sets): no line breaks mid-sentence at the source's 100 columns.
    /// Help prose is one source line a paragraph, wrapped by the parser alone. A line break
    /// written inside a paragraph shows, at 80 columns, as a line broken before a word that
    /// would have fitted on it (as `settle --help` and six others did).
    @Test func helpParagraphsAreWrappedByTheParserOnly() throws {
        func subcommands(_ help: String) -> [String] {
            guard let list = help.components(separatedBy: "SUBCOMMANDS:").last, help.contains("SUBCOMMANDS:") else { return [] }
            return list.split(separator: "\n").compactMap { line in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                      name.allSatisfy({ $0.isLowercase || $0 == "-" }) else { return nil }
                return String(name)
            }
        }
        let narrow = ["COLUMNS": "80"]
        let top = try CLI.run(["--help"], environment: narrow).stdout
        var commands = [[String]()] + subcommands(top).map { [$0] }
        commands += subcommands(try CLI.run(["benefit", "--help"], environment: narrow).stdout).map { ["benefit", $0] }
        #expect(commands.count > 15, "\(commands)")
        for command in commands {
            let help = try CLI.run(command + ["--help"], environment: narrow).stdout
            let prose = help.components(separatedBy: "USAGE:")[0].split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(prose, prose.dropFirst())
            where !line.isEmpty && !next.isEmpty && line.first != " " && next.first != " " && !line.hasSuffix(":")
                && !line.contains("  ") {  // (aligned lists keep their lines)
                let word = next.split(separator: " ")[0]
                #expect(line.count + 1 + word.count >= 80, "jikun \(command.joined(separator: " ")) --help: \"\(line)\" ends before \"\(word)\"")
            }
        }
    }

    // MARK: - Usage errors found while running show the subcommand's usage

    @Test func unknownInsurerOrPeriodShowsTheSubcommandsUsage() throws {
        try expectRefused(["price", "--insurer", "pingan", "--trials", "10"], status: Self.usageCode,
                          message: "unknown insurer \"pingan\" (expected one of picc, ancheng, chinalife, continent, chinaunited)",
                          usage: "price")
        try expectRefused(["benefit", "critical-illness", "20000", "--period", "P3"], status: Self.usageCode,
                          message: "unknown period \"P3\" (expected one of P1, P2)", usage: "benefit critical-illness")
    }

    // MARK: - Outputs

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let directory = CLI.temporaryDirectory()
        let sample = try CLI.run(["sample-data", "--persons", "20", "--claims", "30", "--out", directory.path])
        #expect(sample.status == 0, "\(sample.stderr)")
        let roster = directory.appendingPathComponent("roster.csv").path
        let claims = directory.appendingPathComponent("claims.csv").path
        let before = try CLI.read(roster)
        try expectRefused(["adjudicate", "--roster", roster, "--claims", claims, "--out", "p.csv", "--rejects", roster], status: 1,
                          message: "--rejects \(roster) is the input --roster \(roster): refusing to overwrite an input; choose another output file",
                          in: directory)
        // Through a symlink and a relative path too.
        let link = directory.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: claims)
        try expectRefused(["adjudicate", "--roster", "roster.csv", "--claims", "./claims.csv", "--out", "link.csv"], status: 1,
                          message: "--out link.csv is the input --claims ./claims.csv: refusing to overwrite an input; choose another output file",
                          in: directory)
        #expect(try CLI.read(roster) == before)
        try expectRefused(["premium", "--roster", roster, "--out", roster], status: 1,
                          message: "--out \(roster) is the input --roster \(roster): refusing to overwrite an input; choose another output file")
        try expectRefused(["adjudicate", "--roster", roster, "--claims", claims, "--out", "p.csv", "--rejects", "p.csv"], status: 1,
                          message: "--rejects p.csv is also the output --out: give each output its own file", in: directory)
        #expect(try CLI.read(roster) == before)
    }

    @Test func anUnwritableOutputFolderFailsBeforeTheRun() throws {
        try expectRefused(["simulate", "--out", "/proc/jikun-x", "--trials", "10"], status: 1,
                          message: "/proc/jikun-x/summary.json: cannot create the folder /proc/jikun-x")
        try expectRefused(["budget", "--report", "budget.pdf", "--trials", "10"], status: 1,
                          message: "Cannot tell the report format from 'budget.pdf': use a file name ending in .html (or .htm) for a web page, .md for Markdown, or .xlsx for an Excel workbook.")
    }

    @Test func writesLeaveNoTemporaryFiles() throws {
        let directory = CLI.temporaryDirectory()
        let result = try CLI.run(["sample-data", "--persons", "5", "--claims", "5", "--out", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["claims.csv", "insurers.csv", "provenance.json", "roster.csv"])
    }

    // MARK: - sample-data and settle end to end

    /// sample-data's insurers.csv is what its roster and claims settle to: `settle --input`
    /// and `settle --roster --payments` give the same statement.
    @Test func sampleDataInsurersSettleAsTheRosterAndPayments() throws {
        let directory = CLI.temporaryDirectory()
        let sample = try CLI.run(["sample-data", "--persons", "300", "--claims", "900", "--seed", "3", "--out", directory.path])
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(sample.stdout == "Wrote \(directory.path)/roster.csv (300 persons), \(directory.path)/claims.csv (900 claims) and \(directory.path)/insurers.csv (5 insurers)\n")
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let adjudicated = try CLI.run(["adjudicate", "--roster", path("roster.csv"), "--claims", path("claims.csv"), "--out", path("payments.csv")])
        #expect(adjudicated.status == 0, "\(adjudicated.stderr)")
        let fromInput = try CLI.run(["settle", "--input", path("insurers.csv"), "--out", path("a.csv")])
        let fromFiles = try CLI.run(["settle", "--roster", path("roster.csv"), "--payments", path("payments.csv"), "--out", path("b.csv")])
        #expect(fromInput.status == 0, "\(fromInput.stderr)")
        #expect(fromFiles.status == 0, "\(fromFiles.stderr)")
        #expect(try CLI.read(path("a.csv")) == CLI.read(path("b.csv")))
        #expect(try CLI.read(path("insurers.csv")).hasPrefix("insurer,earned_premium,claims\npicc,"))
    }

    @Test func sampleDataRefusesSizesBeyondItsUse() throws {
        try expectRefused(["sample-data", "--persons", "-1", "--out", "x"], status: Self.usageCode,
                          message: "--persons must be at least 1 and --claims at least 0", usage: "sample-data")
        try expectRefused(["sample-data", "--persons", "1000000000000", "--out", "x"], status: Self.usageCode,
                          message: "--persons must be at most 10000000, got 1000000000000", usage: "sample-data")
    }

    /// L = 522.50 / 500.00 = 104.5 %, above 100 %: the bureau adds 5 % × 500 = 25.00. Both
    /// figures of the sentence are percentages.
    @Test func settleStatesTheLossRatioAsAPercentage() throws {
        let directory = CLI.temporaryDirectory()
        let input = CLI.write("""
            insurer,earned_premium,claims
            picc,100,100
            ancheng,100,100
            chinalife,100,100
            continent,100,100
            chinaunited,100,122.50

            """, to: "insurers.csv", in: directory)
        let result = try CLI.run(["settle", "--input", input])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Combined loss ratio 104.5% is above 100%: the bureau adds 25.00; the insurers bear everything above 100%."), "\(result.stdout)")
    }

    @Test func settleInputMissingAnInsurerIsAnError() throws {
        let directory = CLI.temporaryDirectory()
        let input = CLI.write("insurer,earned_premium,claims\npicc,100,100\n", to: "insurers.csv", in: directory)
        try expectRefused(["settle", "--input", input], status: 1,
                          message: "\(input): row 1, column insurer: no row for insurers ancheng, chinalife, continent, chinaunited of edition 2020: the corridor settles every insurer of the edition together")
    }

    /// The corridor needs premium: a roster without it, or an insurer paid without it, is
    /// refused naming the file, on either basis.
    @Test func settleRefusesClaimsWithoutPremium() throws {
        let directory = CLI.temporaryDirectory()
        let header = "person_id,unit,category,birth_date,enrolled_from,student,poverty_insured,youfu_excluded\n"
        let empty = CLI.write(header, to: "empty.csv", in: directory)
        let picc = CLI.write(header + "\(CLITests.a),yuzhong,dibao,1980-03-04,2020-11-01,false,false,false\n", to: "picc.csv", in: directory)
        let payments = CLI.write("claim_id,person_id,insurer,period,line,payable,reason\nX1,\(CLITests.b),ancheng,P1,accident_medical,50.00,paid\n",
                                 to: "payments.csv", in: directory)
        for (basis, during) in [("term", "the term"), ("per_period", "period P1")] {
            try expectRefused(["settle", "--roster", empty, "--payments", payments, "--basis", basis], status: 1,
                              message: "\(empty): nobody is insured in \(during), so there is no earned premium to settle against")
        }
        try expectRefused(["settle", "--roster", picc, "--payments", payments], status: 1,
                          message: "\(payments): insurer ancheng is paid 50.00 yuan in the term, but \(picc) gives it no earned premium there")
        try expectRefused(["settle", "--roster", picc, "--payments", payments, "--basis", "per_period"], status: 1,
                          message: "\(payments): insurer ancheng is paid 50.00 yuan in period P1, but \(picc) gives it no earned premium there")
    }

    // MARK: - sensitivity end to end

    @Test func sensitivityRunsEndToEndOnASmallDesign() throws {
        let result = try CLI.run(["sensitivity", "scenarios/test-small.toml", "--trials", "20", "--samples", "5",
                                  "--trials-per-sample", "5", "--parameter", "events.hospitalisation.by_age",
                                  "--parameter", "premium.per_person_month"])
        #expect(result.exited)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Sensitivity: each parameter ±10%; tornado on 20 trials per run; global design 5 samples × 5 trials\n"), "\(result.stdout)")
        #expect(result.stdout.contains("Tornado — loss_ratio"), "\(result.stdout)")
        #expect(result.stdout.contains("premium.per_person_month"), "\(result.stdout)")
    }

    @Test func sensitivityRefusesBadDesigns() throws {
        try expectRefused(["sensitivity", "--delta", "1.5"], status: Self.usageCode,
                          message: "--delta must be between 0 and 1, got 1.5", usage: "sensitivity")
        try expectRefused(["sensitivity", "--trials-per-sample", "100000000"], status: Self.usageCode,
                          message: "--trials-per-sample must be between 1 and 10000000 (what one run holds in memory), got 100000000",
                          usage: "sensitivity")
        try expectRefused(["sensitivity", "scenarios/test-small.toml", "--samples", "3", "--trials", "5",
                           "--parameter", "premium.per_person_month", "--parameter", "expenses.default_ratio"],
                          status: Self.usageCode,
                          message: "--samples must exceed the number of parameters + 1 (3) for the regression", usage: "sensitivity")
    }

    // MARK: - adjudicate: the claims of rejected roster rows

    @Test func claimsOfARejectedRosterRowAreCountedAndSetAside() throws {
        let directory = CLI.temporaryDirectory()
        let a = "500101198003040013", b = "500101195001010036"
        let roster = CLI.write("""
            person_id,unit,category,birth_date,enrolled_from,student,poverty_insured
            \(a),yuzhong,dibao,1980-03-04,2020-11-01,false,false
            \(b),atlantis,dibao,1950-01-01,2020-11-01,false,false

            """, to: "roster.csv", in: directory)
        let claims = CLI.write("""
            claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level
            C1,\(a),disease_death,2021-05-01,,,,,
            C2,\(b),hospitalisation,2021-05-01,50000,,,,

            """, to: "claims.csv", in: directory)
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let result = try CLI.run(["adjudicate", "--roster", roster, "--claims", claims, "--out",
                                  directory.appendingPathComponent("payments.csv").path, "--rejects", rejects])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Claims: 2 rows → 1 adjudicated, 1 rows rejected (1 of them because their person's roster row was rejected)"), "\(result.stdout)")
        let text = try CLI.read(rejects)
        #expect(text.contains("\(claims),3,person_id,\"the person's roster row (\(roster) row 3) was rejected, so the claim cannot be adjudicated; correct that row and run again\""), "\(text)")
        #expect(!(try CLI.read(directory.appendingPathComponent("payments.csv").path)).contains("C2"))
    }
}
