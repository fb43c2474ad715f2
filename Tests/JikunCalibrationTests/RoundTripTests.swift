import Foundation
import JikunPolicy
import JikunSampling
import JikunSimulation
import Testing
@testable import JikunCalibration

/// Round trip: a roster and claims history drawn from `scenarios/test-small.toml`'s own model
/// (`ScenarioSample`, 30,000 persons, seed 2026) are calibrated against the same scenario, and
/// every fitted rate and severity parameter must lie within 4 standard errors of the value it
/// was drawn from. Basis: the SEs are the Fisher-information SEs of the fit; a correct
/// estimator misses by more than 4 SE with probability 6·10⁻⁵ per parameter (about 80
/// parameters here, so ≈ 0.5 % for the whole set), and the seed is fixed, so the test is
/// deterministic. test-small is used because its high rates give every line claims at a size
/// a debug test can afford (≈ 31,000 claims).
@Suite struct RoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(persons: Int, seed: UInt64) throws -> (Scenario, CalibrationResult) {
        let scenario = try Scenario.load(root.appendingPathComponent("scenarios/test-small.toml").path)
        let files = try ScenarioSample(scenario: scenario, persons: persons, seed: seed).make()
        let roster = try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "roster.csv"), edition: scenario.edition)
        let claims = try ClaimsFile.read(CSVDocument(bytes: Array(files.claims.text.utf8), path: "claims.csv"), edition: scenario.edition)
        let result = try Calibrator.calibrate([ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)],
                                              base: scenario, options: CalibrationOptions(asOf: CivilDate(year: 2022, month: 3, day: 31)!))
        return (scenario, result)
    }

    static func within(_ estimate: Double, _ truth: Double, _ se: Double, _ what: String) {
        #expect(se > 0, "\(what): no standard error")
        #expect(abs(estimate - truth) <= 4 * se, "\(what): \(estimate) vs \(truth), SE \(se) (\((estimate - truth) / se) SE)")
    }

    @Test func recoversTheScenario() throws {
        let (scenario, result) = try Self.run(persons: 30_000, seed: 2026)
        // Every line has enough claimants to be fitted.
        #expect(result.frequencies.count == FrequencyLine.allCases.count)
        var checked = 0
        for line in FrequencyLine.allCases {
            let fit = try #require(result.frequencies[line])
            let truth = scenario.events.table(line)
            for b in truth.byAge.indices where truth.byAge[b] > 0 {
                Self.within(fit.byAge[b], truth.byAge[b], fit.byAgeStandardErrors[b], "\(line) band \(scenario.ageBands[b].key)")
                checked += 1
            }
            for c in truth.categoryMultipliers.indices where fit.categoryFitted[c] {
                Self.within(fit.categoryMultipliers[c], truth.categoryMultipliers[c], fit.categoryStandardErrors[c],
                            "\(line) category \(scenario.edition.categories[c].key)")
                checked += 1
            }
        }
        for line in [ClaimLine.hospitalisation, .accidentMedical] {
            let sev = try #require(result.severities[line])
            let truth = line == .hospitalisation ? scenario.events.hospitalisationSeverity : scenario.events.accidentMedicalSeverity
            guard case let .lognormal(mu, sigma) = truth else { Issue.record("test-small's severities are lognormal"); continue }
            let fit = try #require(sev.fits.first { $0.family == .lognormal })
            #expect(sev.chosen.family == .lognormal, "AIC should pick the family the data came from")
            Self.within(fit.parameters[0].value, mu, fit.parameters[0].standardError, "\(line) mu")
            Self.within(fit.parameters[1].value, sigma, fit.parameters[1].standardError, "\(line) sigma")
            checked += 2
        }
        for a in result.admissions {
            let truth = scenario.events.admission.levels.first { $0.level == a.level }!.probability
            Self.within(a.probability, truth, a.standardError, "admission level \(a.level)")
            checked += 1
        }
        let grades = try #require(result.grades)
        for (g, share) in scenario.events.disabilityGrades.enumerated() {
            Self.within(grades.shares[g], share, grades.standardErrors[g], "grade \(g + 1)")
            checked += 1
        }
        #expect(checked >= 40)
        // The model has no unit effects: a credibility multiplier lies between 1 and the unit's
        // raw ratio, whose Poisson SE is 1/√(fitted claimants), so within 4 of those SEs of 1
        // (a little slack for the rescaling to the fitted total).
        for cred in result.credibility.values {
            for (i, m) in cred.multipliers.enumerated() {
                #expect(abs(m - 1) <= 4 / cred.expected[i].squareRoot() + 0.02, "\(cred.line) unit \(cred.units[i]): \(m), fitted claimants \(cred.expected[i])")
            }
        }
    }

    /// The default scenario (spliced hospitalisation severity, ten bands, 47 units), 30,000
    /// persons, seed 2020: every line with at least 30 claimants is fitted and must recover its
    /// rates and multipliers within 4 SE, and the spliced fit its four parameters.
    @Test func recoversTheDefaultScenario() throws {
        let scenario = try Scenario.load(Self.root.appendingPathComponent("scenarios/chongqing-2020.toml").path)
        let files = try ScenarioSample(scenario: scenario, persons: 30_000, seed: 2020).make()
        let roster = try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "roster.csv"), edition: scenario.edition)
        let claims = try ClaimsFile.read(CSVDocument(bytes: Array(files.claims.text.utf8), path: "claims.csv"), edition: scenario.edition)
        let result = try Calibrator.calibrate([ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)],
                                              base: scenario, options: CalibrationOptions(asOf: CivilDate(year: 2022, month: 3, day: 31)!))
        #expect(result.frequencies[.hospitalisation] != nil && result.frequencies[.accidentMedical] != nil && result.frequencies[.diseaseDeath] != nil)
        for (line, fit) in result.frequencies {
            let truth = scenario.events.table(line)
            for b in truth.byAge.indices where truth.byAge[b] > 0 {
                Self.within(fit.byAge[b], truth.byAge[b], fit.byAgeStandardErrors[b], "\(line) band \(scenario.ageBands[b].key)")
            }
            for c in truth.categoryMultipliers.indices where fit.categoryFitted[c] {
                Self.within(fit.categoryMultipliers[c], truth.categoryMultipliers[c], fit.categoryStandardErrors[c], "\(line) category \(c)")
            }
        }
        let hospital = try #require(result.severities[.hospitalisation]?.fits.first { $0.family == .spliced })
        guard case let .spliced(.lognormal(mu, sigma), _, p, alpha) = scenario.events.hospitalisationSeverity else {
            Issue.record("the default hospitalisation severity is spliced lognormal + Pareto"); return
        }
        for (parameter, truth) in zip(hospital.parameters, [mu, sigma, p, alpha]) {
            Self.within(parameter.value, truth, parameter.standardError, "hospitalisation \(parameter.name)")
        }
        let medical = try #require(result.severities[.accidentMedical]?.fits.first { $0.family == .lognormal })
        guard case let .lognormal(mu, sigma) = scenario.events.accidentMedicalSeverity else { Issue.record("lognormal"); return }
        Self.within(medical.parameters[0].value, mu, medical.parameters[0].standardError, "accident_medical mu")
        Self.within(medical.parameters[1].value, sigma, medical.parameters[1].standardError, "accident_medical sigma")
        for a in result.admissions {
            let truth = scenario.events.admission.levels.first { $0.level == a.level }!.probability
            Self.within(a.probability, truth, a.standardError, "admission level \(a.level)")
        }
    }

    /// The same draw seen through an incomplete claims file: hospitalisation totals filed only
    /// above 3,000 (left truncation, the frequency corrected by the fitted S(3,000)) and accident-
    /// medical totals known only as "≥ 5,000" at or above 5,000 (right censoring). The rates
    /// and the lognormal parameters must still come back within 4 SE.
    @Test func recoversThroughTruncationAndCensoring() throws {
        let scenario = try Scenario.load(Self.root.appendingPathComponent("scenarios/test-small.toml").path)
        let files = try ScenarioSample(scenario: scenario, persons: 30_000, seed: 2026).make()
        let roster = try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "roster.csv"), edition: scenario.edition)
        let claims = try ClaimsFile.read(CSVDocument(bytes: Array(files.claims.text.utf8), path: "claims.csv"), edition: scenario.edition)
        var options = CalibrationOptions(asOf: CivilDate(year: 2022, month: 3, day: 31)!)
        options.reportedAbove = 3000
        options.censoredAt = [.accidentMedical: 5000]
        let result = try Calibrator.calibrate([ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)],
                                              base: scenario, options: options)
        let hospital = try #require(result.severities[.hospitalisation])
        #expect(hospital.observations.truncation == 3000 && hospital.leftOut > 1000)
        #expect(result.hospitalReported > 0.5 && result.hospitalReported < 0.7)   // S(3,000) ≈ 0.62 for lognormal(8.5, 1.6)
        let medical = try #require(result.severities[.accidentMedical])
        #expect(medical.observations.censored.count > 100)
        for (line, truth) in [(ClaimLine.hospitalisation, scenario.events.hospitalisationSeverity), (.accidentMedical, scenario.events.accidentMedicalSeverity)] {
            guard case let .lognormal(mu, sigma) = truth else { Issue.record("lognormal"); continue }
            let fit = try #require(result.severities[line]?.fits.first { $0.family == .lognormal })
            Self.within(fit.parameters[0].value, mu, fit.parameters[0].standardError, "\(line) mu")
            Self.within(fit.parameters[1].value, sigma, fit.parameters[1].standardError, "\(line) sigma")
        }
        let frequency = try #require(result.frequencies[.hospitalisation])
        for b in frequency.byAge.indices {
            Self.within(frequency.byAge[b], scenario.events.hospitalisation.byAge[b], frequency.byAgeStandardErrors[b], "hospitalisation band \(b)")
        }
    }

    /// Two terms: the 2020–21 draw under the base edition and a 2022 draw under a 12-month
    /// edition (`ExperienceSource.edition`). Exposure and claims add up across the terms, the
    /// periods are numbered term after term, and the pooled fit still recovers the rates.
    @Test func twoTerms() throws {
        let base = try Scenario.load(Self.root.appendingPathComponent("scenarios/test-small.toml").path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-two-terms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let nextPath = folder.appendingPathComponent("test-small-2022.toml").path
        try """
            extends = "\(Self.root.appendingPathComponent("scenarios/test-small.toml").path)"
            [[periods]]
            key = "P1"
            start = 2022-01-01
            end = 2022-12-31
            [population.periods]
            replace = true
            [population.periods.P1]
            insured = 3000
            entrants_per_month = 20.0
            """.write(toFile: nextPath, atomically: true, encoding: .utf8)
        let next = try Scenario.load(nextPath)
        func source(_ scenario: Scenario, seed: UInt64, term: Edition?) throws -> ExperienceSource {
            let files = try ScenarioSample(scenario: scenario, persons: 15_000, seed: seed).make()
            return ExperienceSource(
                rosterPath: "roster-\(seed).csv", claimsPath: "claims-\(seed).csv",
                roster: try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "r"), edition: scenario.edition),
                claims: try ClaimsFile.read(CSVDocument(bytes: Array(files.claims.text.utf8), path: "c"), edition: scenario.edition),
                edition: term)
        }
        let sources = [try source(base, seed: 1, term: nil), try source(next, seed: 2, term: next.edition)]
        let result = try Calibrator.calibrate(sources, base: base, options: CalibrationOptions(asOf: CivilDate(year: 2023, month: 3, day: 31)!))
        #expect(result.experience.periodCount == 3)
        #expect(result.experience.persons == sources[0].roster.persons.count + sources[1].roster.persons.count)
        #expect(Set(result.experience.cells.keys.map(\.period)) == [0, 1, 2])
        #expect(result.experience.claimsUsed == sources.reduce(0) { $0 + $1.claims.claims.count } - result.experience.claimsNotUsed.values.reduce(0, +))
        for line in [FrequencyLine.hospitalisation, .accidentMedical, .diseaseDeath] {
            let fit = try #require(result.frequencies[line])
            let truth = base.events.table(line)
            for b in truth.byAge.indices where truth.byAge[b] > 0 {
                Self.within(fit.byAge[b], truth.byAge[b], fit.byAgeStandardErrors[b], "\(line) band \(b)")
            }
        }
    }

    @Test func theFittedFileLoadsAndExtendsTheBase() throws {
        let (scenario, result) = try Self.run(persons: 6_000, seed: 7)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-roundtrip-\(UUID().uuidString)/out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let out = folder.appendingPathComponent("fitted.toml").path
        let base = Self.root.appendingPathComponent("scenarios/test-small.toml").path
        let file = FittedScenarioFile(result: result, base: scenario, basePath: base, outPath: out, keepBaseFactors: false)
        try file.render().write(toFile: out, atomically: true, encoding: .utf8)
        let fitted = try Scenario.load(out)
        #expect(fitted.events.hospitalisation.byAge == result.frequencies[.hospitalisation]!.byAge.map { Double(FittedScenarioFile.number($0))! })
        #expect(fitted.factors.map(\.key).contains("fit_frequency_hospitalisation"))
        #expect(fitted.factors.count == fitted.correlation.count)
        // What was not fitted is the base's.
        #expect(fitted.population == scenario.population)
        #expect(fitted.expenseRatios == scenario.expenseRatios)
        #expect(FittedScenarioFile.relativePath(to: "/a/b/scenarios/x.toml", fromFileIn: "/a/c/d/out.toml") == "../../b/scenarios/x.toml")
    }

    /// The rates are fitted to every unit alike, so a base's hand-set unit multipliers must not
    /// survive in the fitted file on top of them (a base with yuzhong × 2 used to leave the
    /// fitted accident-death claims 30 % high when the data showed no unit effect). Each fitted
    /// line's unit multipliers are the fitted ones, and 1 for every other unit.
    @Test func theBasesUnitMultipliersDoNotStayOnTheFittedRates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = Self.root.appendingPathComponent("scenarios/test-small.toml").path
        let basePath = folder.appendingPathComponent("base.toml").path
        try """
            extends = "\(small)"
            [events.accident_death.unit_multipliers]
            yuzhong = 2.0
            [events.hospitalisation.unit_multipliers]
            yuzhong = 2.0

            """.write(toFile: basePath, atomically: true, encoding: .utf8)
        let truth = try Scenario.load(small), base = try Scenario.load(basePath)
        let yuzhong = base.edition.unitIndex("yuzhong")!
        #expect(base.events.accidentDeath.unitMultipliers[yuzhong] == 2)
        let files = try ScenarioSample(scenario: truth, persons: 6_000, seed: 7).make()
        let roster = try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "roster.csv"), edition: base.edition)
        let claims = try ClaimsFile.read(CSVDocument(bytes: Array(files.claims.text.utf8), path: "claims.csv"), edition: base.edition)
        let result = try Calibrator.calibrate([ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)],
                                              base: base, options: CalibrationOptions(asOf: CivilDate(year: 2022, month: 3, day: 31)!))
        let out = folder.appendingPathComponent("fitted.toml").path
        try FittedScenarioFile(result: result, base: base, basePath: basePath, outPath: out, keepBaseFactors: false)
            .render().write(toFile: out, atomically: true, encoding: .utf8)
        let fitted = try Scenario.load(out)
        #expect(result.frequencies[.accidentDeath] != nil && result.frequencies[.hospitalisation] != nil)
        for line in FrequencyLine.allCases where result.frequencies[line] != nil {
            var expected = Array(repeating: 1.0, count: base.edition.units.count)
            if let cred = result.credibility[line], let model = cred.model, model.betweenVariance > 0 {
                for (i, u) in cred.units.enumerated() { expected[u] = Double(FittedScenarioFile.number(cred.multipliers[i]))! }
            }
            #expect(fitted.events.table(line).unitMultipliers == expected, "\(line)")
        }
    }

    @Test func sampleIsDeterministic() throws {
        let scenario = try Scenario.load(Self.root.appendingPathComponent("scenarios/test-small.toml").path)
        let a = try ScenarioSample(scenario: scenario, persons: 500, seed: 3).make()
        let b = try ScenarioSample(scenario: scenario, persons: 500, seed: 3).make()
        #expect(a.roster.text == b.roster.text && a.claims.text == b.claims.text)
        #expect(try ScenarioSample(scenario: scenario, persons: 500, seed: 4).make().claims.text != a.claims.text)
    }
}
