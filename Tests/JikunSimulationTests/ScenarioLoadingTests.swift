import Foundation
import JikunPolicy
import JikunSampling
import Testing
@testable import JikunSimulation

/// Helpers of the scenario-loading suites, kept in one namespace so that they cannot clash with
/// the helpers of other test files in this target.
enum ScenarioFiles {
    /// The package root: two levels above this file's folder (`Tests/JikunSimulationTests/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // JikunSimulationTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root

    static func path(_ name: String) -> String {
        packageRoot.appendingPathComponent("scenarios").appendingPathComponent(name).path
    }

    static func load(_ name: String) throws -> Scenario {
        try Scenario.load(path(name))
    }

    /// The small test scenario every bad scenario of these tests `extends` (by absolute path).
    static let testSmallPath = path("test-small.toml")

    /// This test process's scratch folder, removed when the process exits.
    private static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jikun-scenario-loading-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScenarioFiles.scratch) }
        return url
    }()

    /// Writes `text` to a new file in a fresh directory and returns the file's path.
    static func write(_ text: String, name: String = "bad-scenario.toml") -> String {
        let directory = scratch.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    /// The text of the `PolicyInputError` that loading `path` throws, recording an issue when it
    /// throws nothing or another kind of error.
    static func errorText(loading path: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try Scenario.load(path)
            Issue.record("expected a PolicyInputError, but the scenario loaded", sourceLocation: sourceLocation)
            return nil
        } catch let error as PolicyInputError {
            return String(describing: error)
        } catch {
            Issue.record("expected a PolicyInputError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

// MARK: - The shipped scenarios

@Suite struct ScenarioLoadingTests {
    static let bandKeys = ["0-2", "3-14", "15-17", "18", "19-22", "23-44", "45-59", "60-69", "70-79", "80+"]

    @Test func defaultScenarioHeaderAndPeriods() throws {
        let s = try ScenarioFiles.load("chongqing-2020.toml")
        #expect(s.name == "chongqing-2020")
        #expect(s.defaultTrials == 10_000)
        #expect(s.defaultSeed == 20_201_101)
        #expect(s.edition.name == "2020")
        #expect(s.population.insuredAtStart == [1_100_000, 1_090_000])
        #expect(s.population.entrantsPerMonth == [6600, 6600])
        #expect(s.expenseRatios == [0.10, 0.10, 0.10, 0.10, 0.10])
    }

    @Test func defaultScenarioBandsRespectTheStudentAges() throws {
        let s = try ScenarioFiles.load("chongqing-2020.toml")
        #expect(s.ageBands.map(\.key) == Self.bandKeys)
        #expect(s.ageBands.last?.to == nil)
        let rule = s.edition.studentCriticalIllness
        for band in s.ageBands {
            let upper = band.to ?? Int.max
            let inside = band.from >= rule.minimumAge && upper <= rule.maximumAge
            // In-school shares only inside the benefit's ages 3–22.
            #expect(inside || band.inSchoolShare == 0, "\(band.key)")
            #expect(inside || s.events.studentCriticalIllness.byAge[s.ageBands.firstIndex(of: band)!] == 0, "\(band.key)")
        }
        #expect(s.ageBands.map(\.inSchoolShare) == [0, 0.90, 0.85, 0.60, 0.40, 0, 0, 0, 0, 0])
        #expect(s.ageBandIndex(age: 18) == 3)
        #expect(s.ageBandIndex(age: 104) == 9)
    }

    @Test func defaultScenarioWeighsAllUnitsAndCategories() throws {
        let s = try ScenarioFiles.load("chongqing-2020.toml")
        let e = s.edition
        #expect(e.units.count == 47)
        #expect(s.population.unitWeights.count == 47)
        #expect(s.population.unitWeights.allSatisfy { $0 > 0 })
        // The weights are written as expected insured persons at P1 start.
        #expect(s.population.unitWeights.reduce(0, +) == 1_100_000)
        #expect(s.population.unitWeights[e.unitIndex("wanzhou")!] == 58_222)
        #expect(s.population.unitWeights[e.unitIndex("veterans_rehabilitation_hospital")!] == 150)

        #expect(e.categories.map(\.key) == ["tekun", "orphan", "unsupported_child", "dibao", "youfu"])
        #expect(s.population.categoryShares == [0.090, 0.004, 0.005, 0.841, 0.060])
        #expect(abs(s.population.categoryShares.reduce(0, +) - 1) < 1e-12)
        for row in s.population.ageShares {
            #expect(row.count == 10)
            #expect(abs(row.reduce(0, +) - 1) < 1e-9)
        }
        // Unsupported children are under 18 by definition.
        #expect(s.population.ageShares[e.categoryIndex("unsupported_child")!][3...].allSatisfy { $0 == 0 })

        // The six directly-run institutions carry their own category mix.
        let institutions = e.units.indices.filter { e.units[$0].kind == .institution }
        #expect(institutions.count == 6)
        #expect(Set(s.population.unitCategoryShares.keys) == Set(institutions))
        #expect(s.population.unitCategoryShares[e.unitIndex("city_childrens_welfare_home")!] == [0, 0.85, 0.15, 0, 0])
        #expect(s.population.unitCategoryShares[e.unitIndex("city_first_welfare_institute")!] == [1, 0, 0, 0, 0])
        #expect(s.population.unitCategoryShares[e.unitIndex("veterans_rehabilitation_hospital")!] == [0, 0, 0, 0, 1])
    }

    @Test func defaultScenarioEvents() throws {
        let s = try ScenarioFiles.load("chongqing-2020.toml")
        let ev = s.events
        #expect(ev.hospitalisationSeverity == .spliced(body: .lognormal(mu: 4.883, sigma: 2.111), threshold: 20_000,
                                                       tailProbability: 0.00622, tailShape: 1.8))
        #expect(ev.accidentMedicalSeverity == .lognormal(mean: 1700, cv: 1.4))
        #expect(ev.disabilityGrades.count == 10)
        #expect(abs(ev.disabilityGrades.reduce(0, +) - 1) < 1e-12)
        #expect(ev.disabilityGrades.first == 0.050)
        #expect(ev.disabilityGrades.last == 0.453)
        #expect(ev.admission.month == 9)
        let levels = Dictionary(uniqueKeysWithValues: ev.admission.levels.map {
            (s.edition.admission.levels[$0.level].key, (s.ageBands[$0.band].key, $0.probability))
        })
        #expect(levels["bachelor"]! == ("18", 0.18))
        #expect(levels["junior_college"]! == ("18", 0.26))
        #expect(levels["postgraduate"]! == ("19-22", 0.006))
        #expect(ev.diseaseDeath.categoryMultipliers == [1.3, 1.5, 1.2, 1, 1])
    }

    @Test func defaultScenarioFactorsAndCorrelationAreAsWritten() throws {
        let s = try ScenarioFiles.load("chongqing-2020.toml")
        #expect(s.factors.map(\.key) == ["ci_calibration", "medical_trend", "epidemic_year",
                                         "accident_uptake", "death_reporting", "admission_rate"])
        #expect(s.factors.map(\.sigma) == [0.12, 0.06, 0.08, 0.15, 0.08, 0.10])
        #expect(s.factors[1].targets == [.severity(.hospitalisation), .severity(.accidentMedical)])
        #expect(s.factors[2].targets == [.frequency(.hospitalisation), .frequency(.diseaseDeath)])
        #expect(s.factors.allSatisfy { $0.units == nil })
        #expect(s.correlation == [
            [1.0, 0.2, 0.0, 0.4, 0.3, 0.0],
            [0.2, 1.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, -0.2, 0.0, 0.0],
            [0.4, 0.0, -0.2, 1.0, 0.4, 0.3],
            [0.3, 0.0, 0.0, 0.4, 1.0, 0.1],
            [0.0, 0.0, 0.0, 0.3, 0.1, 1.0],
        ])
    }

    /// The calibration targets written in the scenario's comments hold for the loaded values:
    /// critical-illness claimants ≈ 1.10 % of insured a year with mean payment ≈ 2,000 yuan,
    /// claimed deaths ≈ 0.70 % a year, premium 158,222,000 yuan and an expected loss ratio ≈ 80.7 %.
    @Test func defaultScenarioCalibrationTargets() throws {
        let s = try ScenarioFiles.load("chongqing-2020.toml")
        let severity = s.events.hospitalisationSeverity
        let schedule = s.edition.criticalIllnessSchedule(period: 0)
        let deductible = schedule.deductible.yuan
        let passing = severity.survival(deductible)
        #expect(abs(passing - 0.06717) < 2e-4)
        // E[B(X)] of the marginal 25/30/35 % schedule, capped at 150,000 (X ≈ 440,142.86).
        let capPoint = deductible + 50_000 + (150_000 - 0.25 * 10_000 - 0.30 * 40_000) / 0.35
        let edges = [deductible, deductible + 10_000, deductible + 50_000, capPoint]
        let rates = [0.25, 0.30, 0.35]
        var expectedBenefit = 0.0
        for i in rates.indices {
            expectedBenefit += rates[i] * (severity.limitedExpectedValue(edges[i + 1]) - severity.limitedExpectedValue(edges[i]))
        }
        #expect(abs(expectedBenefit / passing - 2000) < 5)

        // Rates over the P1 starting roster.
        let population = Population(scenario: s)
        var persons = 0.0, claimants = 0.0, deaths = 0.0
        for cohort in population.cohorts where cohort.period == 0 {
            guard case .fixed(let n, _, _) = cohort.size else { continue }
            let (u, c, b) = (cohort.unit, cohort.category, cohort.band)
            persons += Double(n)
            claimants += Double(n) * s.events.hospitalisation.rate(unit: u, category: c, band: b) * passing
            deaths += Double(n) * (s.events.accidentDeath.rate(unit: u, category: c, band: b)
                                   + s.events.diseaseDeath.rate(unit: u, category: c, band: b))
        }
        #expect(persons == 1_100_000)
        #expect(abs(claimants / persons - 0.0110) < 0.0002)
        #expect(abs(deaths / persons - 0.0070) < 0.0002)

        let engine = Engine(scenario: s)
        let premium = engine.population.premiumByInsurer(edition: s.edition).reduce(0, +)
        #expect(abs(premium - 158_222_000) < 1)
        let claims = AnalyticExpectation(engine: engine).claims.joined().reduce(0, +)
        #expect(abs(claims / premium - 0.807) < 0.01, "expected loss ratio \(claims / premium)")
    }

    @Test func testScenarioIsSmallAndWithoutFactors() throws {
        let s = try ScenarioFiles.load("test-small.toml")
        let e = s.edition
        #expect(s.name == "test-small")
        #expect(s.defaultTrials == 2000)
        #expect(s.factors.isEmpty)
        #expect(s.correlation.isEmpty)
        #expect(s.ageBands.map(\.key) == ["0-2", "3-17", "18-22", "23+"])
        #expect(s.population.insuredAtStart == [3000, 2900])
        #expect(s.population.unitWeights.count == 47)
        let weighted = Set(e.units.indices.filter { s.population.unitWeights[$0] > 0 }.map { e.units[$0].key })
        #expect(weighted == ["yuzhong", "city_childrens_welfare_home", "liangjiang", "qijiang", "nanan", "shapingba"])
        // Every insurer serves at least one weighted unit.
        for insurer in e.insurers {
            #expect(insurer.unitKeys.contains { weighted.contains($0) }, "\(insurer.key)")
        }
        #expect(abs(s.population.categoryShares.reduce(0, +) - 1) < 1e-12)
        #expect(s.events.hospitalisationSeverity == .lognormal(mu: 8.5, sigma: 1.6))
        #expect(s.expenseRatios == [0.08, 0.10, 0.10, 0.10, 0.10])
        // Plenty of hospitalised persons above the deductible, and some beyond the cap point.
        #expect(s.events.hospitalisationSeverity.survival(3000) > 0.5)
        #expect(s.events.hospitalisationSeverity.survival(440_143) > 0.001)
    }
}

// MARK: - Bad scenarios

/// Bad scenario files: each case `extends` the shipped `scenarios/test-small.toml` (by absolute
/// path) and breaks one thing; the error text is pinned exactly. In the expected texts `{O}`
/// stands for the bad file's path and `{S}` for test-small.toml's.
///
/// An error about a whole table (no key of its own, e.g. an impossible severity) names the file
/// that last changed the table: for a table that the bad file patches, the bad file.
@Suite struct ScenarioLoadingErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var toml: String
        var expected: String
        var testDescription: String { name }
    }

    static let factors3 = """
        [[systemic.factors]]
        key = "a"
        sigma = 0.1
        targets = ["frequency.hospitalisation"]

        [[systemic.factors]]
        key = "b"
        sigma = 0.1
        targets = ["severity.hospitalisation"]

        [[systemic.factors]]
        key = "c"
        sigma = 0.1
        targets = ["frequency.disease_death"]

        """

    static let cases: [Case] = [
        // Unknown keys.
        Case(name: "unknown key in [scenario]", toml: "[scenario]\ntrails = 5\n",
             expected: "{O}: scenario.trails: unknown key 'trails' (this table takes: name, seed, source, title, trials)"),
        Case(name: "unknown key in an event", toml: "[events.hospitalisation]\nfrequency = 0.2\n",
             expected: "{O}: events.hospitalisation.frequency: unknown key 'frequency' (this table takes: by_age, category_multipliers, reporting_delay, severity, severity_overrides, source, unit_multipliers)"),
        // A key of the base left under a what-if's table: the message says how to replace it.
        Case(name: "another severity family merged over the base's", toml: "[events.hospitalisation.severity]\nfamily = \"gamma\"\nshape = 0.5\nscale = 20000\n",
             expected: "{S}: events.hospitalisation.severity.mu: unknown key 'mu' (this table takes: family, period_scale, scale, shape, source); it comes from {S}, which {O} merges into key by key: start the table in {O} with replace = true to replace it whole"),
        // Optional keys read only when present are listed too (P2 was left out).
        Case(name: "unknown period in period_scale", toml: "[events.hospitalisation.severity.period_scale]\nP1 = 1.1\nP3 = 0.5\n",
             expected: "{O}: events.hospitalisation.severity.period_scale.P3: unknown key 'P3' (this table takes: P1, P2, source)"),
        Case(name: "unknown category in multipliers", toml: "[events.accident_death.category_multipliers]\nwidow = 2\n",
             expected: "{O}: events.accident_death.category_multipliers.widow: unknown key 'widow' (expected one of tekun, orphan, unsupported_child, dibao, youfu)"),

        // A what-if's own value is named, with the key that breaks the bound.
        Case(name: "category multiplier above what the rate allows", toml: "[events.accident_death.category_multipliers]\ntekun = 1000\n",
             expected: "{O}: events.accident_death.category_multipliers.tekun: a probability times its multipliers exceeds 1: by_age 0.01 (band 23+) × category_multipliers.tekun 1000 = 10; lower the rate or the multipliers"),
        Case(name: "rate and both multipliers", toml: "[events.accident_death]\nby_age = [0.002, 0.002, 0.5, 0.01]\n[events.accident_death.unit_multipliers]\nwushan = 2\n",
             expected: "{O}: events.accident_death.unit_multipliers.wushan: a probability times its multipliers exceeds 1: by_age 0.5 (band 18-22) × category_multipliers.tekun 1.5 × unit_multipliers.wushan 2 = 1.5; lower the rate or the multipliers"),
        Case(name: "a cv too small for a σ", toml: "[events.accident_medical.severity]\nmean = 2000\ncv = 1e-300\n",
             expected: "{O}: events.accident_medical.severity.cv: expected a coefficient of variation from 1e-150 (below it σ rounds to 0), got 1e-300"),

        // Probabilities and shares outside [0, 1].
        Case(name: "probability above 1", toml: "[events.accident_death]\nby_age = [0.002, 0.002, 1.5, 0.01]\n",
             expected: "{O}: events.accident_death.by_age: expected probabilities in [0, 1], got 1.5 for band 18-22"),
        Case(name: "negative admission probability", toml: "[events.admission.levels.bachelor]\nprobability = -0.1\n",
             expected: "{O}: events.admission.levels.bachelor.probability: expected a probability in [0, 1], got -0.1"),
        Case(name: "admission levels of one band above 1",
             toml: "[events.admission.levels.junior_college]\nprobability = 0.5\n[events.admission.levels.bachelor]\nprobability = 0.5\n[events.admission.levels.postgraduate]\nprobability = 0.25\n",
             expected: "{O}: events.admission.levels: admission probabilities of band 18-22 add up to 1.25; a person is admitted at one level at most"),
        Case(name: "admission from an unknown band", toml: "[events.admission.levels.bachelor]\nband = \"17\"\n",
             expected: "{O}: events.admission.levels.bachelor.band: unknown age band \"17\" (expected one of 0-2, 3-17, 18-22, 23+)"),

        // Counts.
        Case(name: "negative insured count", toml: "[population.periods.P1]\ninsured = -5\n",
             expected: "{O}: population.periods.P1.insured: expected a count ≥ 0, got -5"),
        Case(name: "negative entrants", toml: "[population.periods.P2]\nentrants_per_month = -1.5\n",
             expected: "{O}: population.periods.P2.entrants_per_month: expected a count ≥ 0, got -1.5"),
        Case(name: "negative unit weight", toml: "[population.unit_weights]\nwushan = -1\n",
             expected: "{O}: population.unit_weights.wushan: expected a weight ≥ 0, got -1.0"),

        // Correlation.
        Case(name: "correlation not positive definite",
             toml: "[systemic]\ncorrelation = [[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]\n\n" + factors3,
             expected: "{O}: systemic.correlation: the correlation matrix is not symmetric positive definite: The matrix is not positive definite: its leading minor of order 3 is not positive."),
        Case(name: "correlation not symmetric",
             toml: "[systemic]\ncorrelation = [[1.0, 0.5, 0.0], [0.2, 1.0, 0.0], [0.0, 0.0, 1.0]]\n\n" + factors3,
             expected: "{O}: systemic.correlation: the correlation matrix is not symmetric positive definite: The matrix is not symmetric: entry [0, 1] differs from entry [1, 0]."),
        Case(name: "correlation of the wrong size",
             toml: "[systemic]\ncorrelation = [[1.0, 0.0], [0.0, 1.0]]\n\n" + factors3,
             expected: "{O}: systemic.correlation: expected a 3×3 matrix (one row and column per factor, in the order of [[systemic.factors]])"),
        Case(name: "severity target of a line without a severity",
             toml: "[[systemic.factors]]\nkey = \"a\"\nsigma = 0.1\ntargets = [\"severity.disease_death\"]\n",
             expected: "{O}: systemic.factors[0].targets: \"severity.disease_death\": only accident_medical and hospitalisation have a severity"),

        // Severities.
        Case(name: "lognormal sigma = -1", toml: "[events.hospitalisation.severity]\nsigma = -1\n",
             expected: "{O}: events.hospitalisation.severity: impossible severity: lognormal: sigma must be > 0, got -1"),
        Case(name: "lognormal cv = 0", toml: "[events.accident_medical.severity]\ncv = 0\n",
             expected: "{O}: events.accident_medical.severity.cv: expected a coefficient of variation > 0, got 0.0"),
        Case(name: "unknown severity family", toml: "[events.hospitalisation.severity]\nfamily = \"weibull\"\n",
             expected: "{O}: events.hospitalisation.severity.family: expected one of lognormal, gamma, lomax, spliced, empirical, got \"weibull\""),

        // Age bands (arrays of tables are replaced whole, so one bad band is the whole list).
        // A band may straddle the student ages (its share of ages inside counts); an open band
        // reaching them needs the end its share is taken over.
        Case(name: "open band reaching the student ages without eligibility_to",
             toml: "[[population.age_bands]]\nkey = \"0-2\"\nfrom = 0\nto = 2\nin_school = 0.0\n\n[[population.age_bands]]\nkey = \"3+\"\nfrom = 3\nin_school = 0.5\n",
             expected: "{O}: population.age_bands[1]: the open-ended band 3+ reaches the student critical-illness ages 3–22: give eligibility_to, the age taken as its upper end for the share of its ages inside them"),
        Case(name: "eligibility_to on a closed band",
             toml: "[[population.age_bands]]\nkey = \"0-2\"\nfrom = 0\nto = 2\nin_school = 0.0\neligibility_to = 5\n",
             expected: "{O}: population.age_bands[0].eligibility_to: only an open-ended band (no 'to') takes eligibility_to"),
        Case(name: "in-school share above 1",
             toml: "[[population.age_bands]]\nkey = \"0-2\"\nfrom = 0\nto = 2\nin_school = 1.5\n",
             expected: "{O}: population.age_bands[0].in_school: expected a share in [0, 1], got 1.5"),
    ]

    @Test(arguments: cases)
    func badScenarioIsRefusedWithItsReason(_ c: Case) {
        let path = ScenarioFiles.write("extends = \"\(ScenarioFiles.testSmallPath)\"\n\n" + c.toml)
        let expected = c.expected
            .replacingOccurrences(of: "{O}", with: path)
            .replacingOccurrences(of: "{S}", with: ScenarioFiles.testSmallPath)
        #expect(ScenarioFiles.errorText(loading: path) == expected)
    }

    /// A patch cannot remove a key, so the missing-weight case is a whole scenario: test-small
    /// without its `wushan` line, extending the edition directly.
    @Test func missingUnitWeight() throws {
        var text = try String(contentsOfFile: ScenarioFiles.testSmallPath, encoding: .utf8)
        let edition = ScenarioFiles.path("edition-2020.toml")
        #expect(text.contains("extends = \"edition-2020.toml\"\n"))
        #expect(text.contains("\nwushan = 0\n"))
        text = text.replacingOccurrences(of: "extends = \"edition-2020.toml\"\n", with: "extends = \"\(edition)\"\n")
            .replacingOccurrences(of: "\nwushan = 0\n", with: "\n")
        let path = ScenarioFiles.write(text)
        #expect(ScenarioFiles.errorText(loading: path)
                == "\(path): population.unit_weights: missing weight for unit 'wushan' (every unit of the edition needs one; 0 is allowed)")
    }

    /// The same whole-file route loads cleanly when nothing is removed (the base case of the
    /// test above).
    @Test func testSmallCopiedBesideTheEditionLoads() throws {
        let text = try String(contentsOfFile: ScenarioFiles.testSmallPath, encoding: .utf8)
            .replacingOccurrences(of: "extends = \"edition-2020.toml\"\n",
                                  with: "extends = \"\(ScenarioFiles.path("edition-2020.toml"))\"\n")
        let s = try Scenario.load(ScenarioFiles.write(text))
        #expect(s.name == "test-small")
    }
}
