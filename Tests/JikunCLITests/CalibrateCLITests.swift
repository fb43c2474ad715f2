import Foundation
import Testing

/// `jikun calibrate` and `jikun sample-data --scenario` end to end, and the input errors the
/// issue lists (claims outside every period, a missing amount, a cell with claims but no
/// exposure, a roster and claims from different terms), each naming file, row and column.
@Suite struct CalibrateCLITests {
    static let header = "person_id,unit,category,birth_date,enrolled_from,student,poverty_insured,youfu_excluded\n"
    static let claimsHeader = "claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level\n"
    /// Three valid identities (check characters by ISO 7064 MOD 11-2): born 1990, 2015, 1940.
    static let roster = header + """
        500103199001010010,yuzhong,dibao,1990-01-01,2020-11-01,false,false,false
        500103201506010024,yuzhong,dibao,2015-06-01,2020-11-01,true,false,false
        500103194003030039,nanan,tekun,1940-03-03,2020-11-01,false,false,false

        """

    func calibrate(_ claims: String, extra: [String] = []) throws -> CLI.Result {
        let dir = CLI.temporaryDirectory()
        let r = CLI.write(Self.roster, to: "roster.csv", in: dir)
        let c = CLI.write(Self.claimsHeader + claims, to: "claims.csv", in: dir)
        return try CLI.run(["calibrate", "--roster", r, "--claims", c, "--base", "scenarios/test-small.toml",
                            "--as-of", "2022-03-31", "--out", dir.appendingPathComponent("fitted.toml").path] + extra)
    }

    /// Person 1's 2,000 and person 3's 1,500 + 1,000 in P1 are at most 3,000; person 2's
    /// 5,000 is above: two person-period totals are left out, and the run says so.
    @Test func totalsAtOrBelowTheReportingThresholdAreCounted() throws {
        let claims = """
            H1,500103199001010010,hospitalisation,2021-01-10,2000,,,,
            H2,500103201506010024,hospitalisation,2021-02-10,5000,,,,
            H3,500103194003030039,hospitalisation,2021-03-10,1500,,,,
            H4,500103194003030039,hospitalisation,2021-04-10,1000,,,,

            """
        let run = try calibrate(claims, extra: ["--reported-above", "3000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nnote: hospitalisation: 2 person-period totals of 0 or at most --reported-above 3,000 left out of the severity and the frequency\n"),
                "\(run.stdout)")
        #expect(run.stdout.contains("\nnote: hospitalisation: 1 claimants, fewer than 30; rates kept from the base\n"))
    }

    @Test func sampleCalibrateSimulate() throws {
        let dir = CLI.temporaryDirectory()
        let sample = try CLI.run(["sample-data", "--scenario", "scenarios/test-small.toml", "--persons", "3000", "--seed", "5", "--out", dir.path])
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(sample.stdout.contains("drawn from test-small"))
        let fitted = dir.appendingPathComponent("out/fitted.toml").path
        let report = dir.appendingPathComponent("calibration.md").path
        let run = try CLI.run(["calibrate", "--roster", dir.appendingPathComponent("roster.csv").path,
                               "--claims", dir.appendingPathComponent("claims.csv").path,
                               "--base", "scenarios/test-small.toml", "--as-of", "2022-03-31",
                               "--target-scenario", "scenarios/test-small.toml", "--trend", "0.05",
                               "--out", fitted, "--report", report])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Frequencies (per person-year; exact Poisson interval)"))
        #expect(run.stdout.contains("hospitalisation   lognormal ←"), "\(run.stdout)")
        #expect(run.stdout.contains("Fitted scenario written to \(fitted)"))
        let text = try CLI.read(fitted)
        // The base is found relative to the output's folder, wherever that is.
        let extends = try #require(text.split(separator: "\n").first { $0.hasPrefix("extends = ") })
        let relative = extends.dropFirst("extends = \"".count).dropLast()
        let resolved = URL(fileURLWithPath: String(relative), relativeTo: dir.appendingPathComponent("out", isDirectory: true)).standardizedFileURL.path
        #expect(resolved == CLI.packageRoot.appendingPathComponent("scenarios/test-small.toml").standardizedFileURL.path)
        #expect(text.contains("[events.hospitalisation.severity]\nreplace = true"))
        #expect(text.contains("key = \"fit_frequency_hospitalisation\""))
        // Same term, so the trend runs over 0 years.
        #expect(text.contains("# Trend: severities × 1.0 (5.0 % a year over 0.0 years)."))
        let md = try CLI.read(report)
        #expect(md.contains("QQ plot: hospitalisation"))
        #expect(md.contains("Observed vs fitted: hospitalisation"))
        #expect(md.contains("Unit credibility"))
        let simulate = try CLI.run(["simulate", fitted, "--trials", "20", "--roster", dir.appendingPathComponent("roster.csv").path])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(simulate.stdout.contains("Scenario fitted"))
    }

    /// `--target-edition`: the fitted file runs on the target edition's single 12-month period
    /// (scenarios/edition-2022.toml), and the trend runs to its middle (2022-07-02) from the
    /// 2020–21 term's (2021-06-01½): 395.5 days ≈ 1.08284 years, × 1.05^1.08284 = 1.05425.
    @Test func targetEditionRunsOnItsPeriods() throws {
        let dir = CLI.temporaryDirectory()
        let sample = try CLI.run(["sample-data", "--scenario", "scenarios/test-small.toml", "--persons", "3000", "--seed", "5", "--out", dir.path])
        #expect(sample.status == 0, "\(sample.stderr)")
        let fitted = dir.appendingPathComponent("out/fitted.toml").path
        let run = try CLI.run(["calibrate", "--roster", dir.appendingPathComponent("roster.csv").path,
                               "--claims", dir.appendingPathComponent("claims.csv").path,
                               "--base", "scenarios/test-small.toml", "--as-of", "2022-03-31",
                               "--target-edition", "scenarios/edition-2022.toml", "--trend", "0.05", "--out", fitted])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try CLI.read(fitted)
        #expect(text.contains("# Trend: severities × 1.05425 (5.0 % a year over 1.08284 years)."), "\(text.prefix(600))")
        #expect(text.contains("[[periods]]\nkey = \"P1\"\nstart = 2022-01-01\nend = 2022-12-31"))
        #expect(text.contains("[population.periods.P1]\ninsured = 2900\nentrants_per_month = 20.0"))
        let simulate = try CLI.run(["simulate", fitted, "--trials", "20"])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(simulate.stdout.contains("Edition 2022; 20 trials"), "\(simulate.stdout)")
        #expect(simulate.stdout.contains("Insured at the start of each period: P1 2,900\n"), "\(simulate.stdout)")
        let both = try CLI.run(["calibrate", "--roster", "a.csv", "--claims", "c.csv", "--base", "scenarios/test-small.toml",
                                "--as-of", "2022-03-31", "--target-edition", "scenarios/edition-2022.toml",
                                "--target-scenario", "scenarios/chongqing-2022.toml", "--out", "x.toml"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("give --target-edition or --target-scenario, not both"), "\(both.stderr)")
    }

    /// `--development` reads develop's `--out`; a bad share names the file, row and column.
    @Test func developmentFileErrors() throws {
        let dir = CLI.temporaryDirectory()
        let ibnr = CLI.write("origin,latest,ultimate,ibnr,mack_se,reported_share\n2021-11,1.00,2.00,1.00,,0\n", to: "ibnr.csv", in: dir)
        let r = try calibrate("C1,500103199001010010,accident_death,2021-05-01,,,,,\n", extra: ["--development", ibnr])
        #expect(r.status != 0)
        #expect(r.stderr.contains("ibnr.csv: row 2, column reported_share: expected a reported share in (0, 1], got \"0\""), "\(r.stderr)")
    }

    @Test func claimOutsideEveryPeriod() throws {
        let r = try calibrate("C1,500103199001010010,accident_death,2021-05-01,,,,,\nC2,500103194003030039,disease_death,2022-02-01,,,,,\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("claims.csv: row 3, column event_date: 2022-02-01 lies outside every coverage period of the edition (2020-11-01 to 2021-12-31)"), "\(r.stderr)")
    }

    @Test func missingAmount() throws {
        let r = try calibrate("C1,500103199001010010,hospitalisation,2021-05-01,,,,,\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("claims.csv: row 2, column amount: missing value: line hospitalisation needs an amount"), "\(r.stderr)")
    }

    @Test func claimsWithoutExposure() throws {
        // test-small admits only from band 18-22; this person is 30.
        let r = try calibrate("C1,500103199001010010,admission,2021-09-10,,,,,bachelor\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("claims.csv: row 2, column level: admission at level bachelor for a person in age band 23+, but the base scenario admits that level only from band 18-22: a cell with claims but no exposure"), "\(r.stderr)")
    }

    @Test func differentTerms() throws {
        let r = try calibrate("C1,500103199001010010,accident_death,2019-05-01,,,,,\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("holds claims dated 2019-05-01 to 2019-05-01, none inside the term 2020-11-01 to 2021-12-31"), "\(r.stderr)")
        #expect(r.stderr.contains("the roster and the claims file are from different terms"))
    }

    @Test func claimAfterAsOf() throws {
        let r = try calibrate("C1,500103199001010010,accident_death,2021-05-01,,,,,\n", extra: ["--as-of", "2021-04-30"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("claims.csv: row 2, column event_date: 2021-05-01 is after --as-of 2021-04-30"), "\(r.stderr)")
    }

    /// The files a base extends are inputs too: writing the fit over its edition used to
    /// destroy the edition and then fail to load the fit.
    @Test func theFitMayNotReplaceAFileTheBaseExtends() throws {
        let dir = CLI.temporaryDirectory()
        let editionText = try CLI.read(CLI.packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path)
        let edition = CLI.write(editionText, to: "edition.toml", in: dir)
        let small = try CLI.read(CLI.packageRoot.appendingPathComponent("scenarios/test-small.toml").path)
            .replacingOccurrences(of: "extends = \"edition-2020.toml\"", with: "extends = \"edition.toml\"")
        #expect(small.contains("extends = \"edition.toml\""))
        let base = CLI.write(small, to: "base.toml", in: dir)
        let r = try CLI.run(["calibrate", "--roster", dir.path + "/roster.csv", "--claims", dir.path + "/claims.csv", "--base", base,
                             "--as-of", "2022-03-31", "--out", edition])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: --out \(edition) is the input --base's base \(edition): refusing to overwrite an input; choose another output file\n"),
                "\(r.stderr)")
        #expect(try CLI.read(edition) == editionText)
    }

    @Test func usageErrors() throws {
        let pairs = try CLI.run(["calibrate", "--roster", "a.csv", "--roster", "b.csv", "--claims", "c.csv",
                                 "--base", "scenarios/test-small.toml", "--as-of", "2022-03-31", "--out", "x.toml"])
        #expect(pairs.status == 64)
        #expect(pairs.stderr.hasPrefix("Error: --roster and --claims come in pairs: got 2 rosters and 1 claims files\n"), "\(pairs.stderr)")
        let terms = try CLI.run(["calibrate", "--roster", "a.csv", "--claims", "c.csv", "--term-edition", "e1.toml", "--term-edition", "e2.toml",
                                 "--base", "scenarios/test-small.toml", "--as-of", "2022-03-31", "--out", "x.toml"])
        #expect(terms.status == 64)
        #expect(terms.stderr.hasPrefix("Error: --term-edition: give one per --roster/--claims pair (1), got 2\n"), "\(terms.stderr)")
        let overwrite = try CLI.run(["calibrate", "--roster", "a.csv", "--claims", "c.csv",
                                     "--base", "scenarios/test-small.toml", "--as-of", "2022-03-31", "--out", "c.csv"])
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.hasPrefix("Error: --out c.csv is the input --claims c.csv: refusing to overwrite an input; choose another output file\n"),
                "\(overwrite.stderr)")
        let date = try CLI.run(["calibrate", "--roster", "a.csv", "--claims", "c.csv",
                                "--base", "scenarios/test-small.toml", "--as-of", "31/03/2022", "--out", "x.toml"])
        #expect(date.status == 64)
        #expect(date.stderr.hasPrefix("Error: --as-of: expected a date YYYY-MM-DD, got \"31/03/2022\"\n"), "\(date.stderr)")
        let censor = try CLI.run(["calibrate", "--roster", "a.csv", "--claims", "c.csv", "--base", "scenarios/test-small.toml",
                                  "--as-of", "2022-03-31", "--out", "x.toml", "--censored-at", "admission=5"])
        #expect(censor.status == 64)
        #expect(censor.stderr.contains("--censored-at: expected hospitalisation=YUAN or accident_medical=YUAN with YUAN > 0, got \"admission=5\""), "\(censor.stderr)")
    }
}
