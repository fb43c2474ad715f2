import Foundation
import JikunPolicy
import JikunSampling
import Testing
@testable import JikunSimulation

@Suite struct ReadingsTests {
    /// `deaths = "per_event"`: each death line's Monte Carlo mean is within 4 standard errors of
    /// its exact expectation n·(1 − (1 − p)^t) summed over cohorts (no factors in test-small, so
    /// the trials are i.i.d. and the standard error is the sample s.d. / √trials; a correct engine
    /// fails a line about once in 16,000).
    @Test func perEventDeathsMatchTheirExpectation() throws {
        let scenario = try loadScenario("test-small.toml").applying("[readings]\ndeaths = \"per_event\"\n")
        #expect(scenario.readings.deaths == .perEvent)
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 3000, seed: 17, threads: 2))
        let summary = SimulationSummary(result: result, scenario: scenario, population: engine.population)
        let analytic = AnalyticExpectation(engine: engine)
        let periods = scenario.edition.periods.count
        for line in [ClaimLine.accidentDeath, .diseaseDeath] {
            for p in 0..<periods {
                let stat = summary.claimsByLineAndPeriod[line.index * periods + p]
                let z = (stat.mean - analytic.claims[line.index][p]) / stat.standardError
                #expect(abs(z) < 4, "\(line.rawValue) P\(p + 1): MC \(stat.mean) analytic \(analytic.claims[line.index][p]) z \(z)")
            }
        }
        // The readings differ: for exposures t < 1 (entrants, the 2-month P2) 1 − (1 − x)^t is
        // convex in x, so the competing reading's pD/(pA + pD) share of the joint chance exceeds
        // the per-event chance of disease death alone (with t = 1 they are equal).
        let competing = try scenario.applying("[readings]\ndeaths = \"competing\"\n")
        let perEvent = AnalyticExpectation(engine: engine).claims[ClaimLine.diseaseDeath.index].reduce(0, +)
        let shared = AnalyticExpectation(engine: Engine(scenario: competing)).claims[ClaimLine.diseaseDeath.index].reduce(0, +)
        #expect(perEvent < shared)
        #expect(perEvent > 0.99 * shared)
    }

    /// Hand-computed: a fixed cohort of 1,000 for 12 months with p_a = 0.01, p_d = 0.03 expects
    /// 1000·0.01 accidental deaths per event, and 1000·(1 − 0.96)·0.25 = 10 competing.
    @Test func deathReadingsByHand() throws {
        let n = 1000.0, pA = 0.01, pD = 0.03
        let perEventAccidents = n * (1 - pow(1 - pA, 1))
        let competingAccidents = n * (1 - pow(1 - (pA + pD), 1)) * pA / (pA + pD)
        #expect(abs(perEventAccidents - 10) < 1e-9)
        #expect(abs(competingAccidents - 10) < 1e-9)
        // Over 6 months they differ: 1000·(1 − 0.99^0.5) = 5.0126 vs 1000·(1 − 0.96^0.5)/4 = 5.0510.
        #expect(abs(n * (1 - pow(1 - pA, 0.5)) - 5.012563) < 1e-6)
        #expect(abs(n * (1 - pow(1 - (pA + pD), 0.5)) / 4 - 5.051025) < 1e-6)
    }

    @Test func anUnknownReadingIsRefusedNamingItsKey() throws {
        let path = scenariosDirectory.appendingPathComponent("test-small.toml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "extends = \"edition-2020.toml\"", with: "extends = \"\(scenariosDirectory.path)/edition-2020.toml\"")
        text += "\n[readings]\ndeaths = \"both\"\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("readings-\(UUID().uuidString).toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try Scenario.load(file.path)
        } throws: { error in
            let message = String(describing: error)
            return message.contains("deaths") && message.contains("per_event") && message.contains("\"both\"")
        }
    }
}

@Suite struct CommonRandomNumberTests {
    /// A multiplier on one unit's student critical-illness frequency splits that line's groups,
    /// so it adds groups to the list; every other line's claims, in every unit, stay identical
    /// trial by trial (with streams keyed by list position, every later group moved).
    @Test func aOneUnitWhatIfOnOneLineLeavesEveryOtherLineAsItWas() throws {
        let base = try loadScenario("test-small.toml")
        let unit = base.edition.unitIndex("yuzhong")!
        let multiplier = base.events.studentCriticalIllness.unitMultipliers[unit] * 1.7
        let variant = try base.setting([(["events", "student_critical_illness", "unit_multipliers", "yuzhong"], .float(multiplier))],
                                       file: "test")
        #expect(variant.events.studentCriticalIllness.unitMultipliers[unit] == multiplier)
        let a = Engine(scenario: base), b = Engine(scenario: variant)
        let columns = a.columns
        var changedInUnit = 0, otherFen = 0.0
        for trial in 0..<200 {
            let x = a.sampledRow(seed: 23, trial: trial), y = b.sampledRow(seed: 23, trial: trial)
            for j in 0..<columns.count {
                let (u, _, line, _) = columns.components(of: j)
                if line == .studentCriticalIllness {
                    if u == unit && x[j] != y[j] { changedInUnit += 1 }
                } else {
                    #expect(x[j] == y[j], "trial \(trial) column \(j)")
                    otherFen += x[j]
                }
            }
        }
        // The check is not vacuous: the other lines have claims and the changed unit's differ.
        #expect(otherFen > 0)
        #expect(changedInUnit > 0)
    }
}

@Suite struct OneUnitPairingTests {
    /// A multiplier on one unit's rate of every line moves that unit's cohorts out of the
    /// probability classes they shared with other units. Every other unit's claims, on every
    /// line, stay identical trial by trial, because each unit's cohorts draw from a stream of
    /// their own; the changed unit's claims do change (so the check is not vacuous).
    @Test(arguments: ["test-small.toml", "chongqing-2020.toml"])
    func aMultiplierOnOneUnitLeavesEveryOtherUnitsClaimsAsTheyWere(file: String) throws {
        let base = try loadScenario(file)
        // The unit with the most insured.
        let insured = Engine(scenario: base).population.cohorts.reduce(into: [Int: Int]()) { $0[$1.unit, default: 0] += $1.fixedCount ?? 0 }
        let unit = insured.max { $0.value < $1.value }!.key
        let key = base.edition.units[unit].key
        // Every line with a frequency table (admission has no unit multipliers).
        let lines = ["accident_death", "disease_death", "accident_disability", "accident_medical", "hospitalisation",
                     "student_critical_illness"]
        let variant = try base.setting(lines.map { (["events", $0, "unit_multipliers", key], .float(1.3)) }, file: "test")
        let a = Engine(scenario: base), b = Engine(scenario: variant)
        let columns = a.columns
        var changed = Set<ClaimLine>(), otherFen = Set<ClaimLine>()
        let trials = file == "test-small.toml" ? 300 : 20
        for trial in 0..<trials {
            let x = a.sampledRow(seed: 29, trial: trial), y = b.sampledRow(seed: 29, trial: trial)
            for j in 0..<columns.count {
                let (u, _, line, _) = columns.components(of: j)
                if u == unit {
                    if x[j] != y[j] { changed.insert(line) }
                } else {
                    #expect(x[j] == y[j], "trial \(trial) column \(j) (\(line.rawValue))")
                    if x[j] > 0 { otherFen.insert(line) }
                }
            }
        }
        // Every line has claims in the other units, and the changed unit's claims moved on the
        // frequent lines.
        #expect(otherFen.count == ClaimLine.allCases.count, "\(otherFen)")
        #expect(changed.isSuperset(of: [.accidentMedical, .hospitalisation, .diseaseDeath]), "\(changed)")
    }

    /// A unit stream is a hash of what it draws for, not of its place: adding a unit's
    /// multiplier leaves every stream's identity hash in place (the multiplied unit's hospital
    /// cohorts move to classes of their own, not to other streams).
    @Test func unitStreamsAreKeyedByIdentity() throws {
        let base = try loadScenario("chongqing-2020.toml")
        let key = base.edition.units[0].key
        let variant = try base.setting([(["events", "hospitalisation", "unit_multipliers", key], .float(2))], file: "test")
        let a = Engine(scenario: base).kernel.groupsStorage, b = Engine(scenario: variant).kernel.groupsStorage
        #expect(a.unitStreams.map(\.stream) == b.unitStreams.map(\.stream))
        #expect(Set(a.unitStreams.map(\.stream)).count == a.unitStreams.count)
        #expect(a.memberClass.count == b.memberClass.count)
        // Classes span units: some class has members in the streams of two units.
        var unitsOfClass: [Int32: Set<Int>] = [:]
        for s in a.unitStreams { for m in s.members { unitsOfClass[a.memberClass[m], default: []].insert(s.unit) } }
        #expect(unitsOfClass.values.contains { $0.count > 1 })
        #expect(b.groups.count > a.groups.count)
    }
}

@Suite struct ClaimColumnsTests {
    /// `ClaimLine.index` is each line's position in `allCases`, the order of the claim columns.
    @Test func lineIndexIsThePositionInAllCases() {
        for (i, line) in ClaimLine.allCases.enumerated() { #expect(line.index == i, "\(line.rawValue)") }
    }

    /// `components(of:)` inverts `column(unit:category:line:period:)` on every column.
    @Test func componentsInvertTheColumn() throws {
        let columns = ClaimColumns(edition: try loadScenario("test-small.toml").edition)
        for j in 0..<columns.count {
            let (u, c, line, p) = columns.components(of: j)
            #expect(columns.column(unit: u, category: c, line: line, period: p) == j)
        }
    }
}
