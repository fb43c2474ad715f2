import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

let scenariosDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")

func loadScenario(_ name: String) throws -> Scenario {
    try Scenario.load(scenariosDirectory.appendingPathComponent(name).path)
}

@Suite struct EngineDeterminismTests {
    /// Same scenario, seed and trial count → the same bytes, with 1 or 2 threads and any block size.
    @Test func identicalOutputWhateverTheThreadsAndBlocks() throws {
        let scenario = try loadScenario("test-small.toml")
        let engine = Engine(scenario: scenario)
        func csv(threads: Int, block: Int) -> [UInt8] {
            SimulationReport.trialsCSV(engine.run(SimulationOptions(trials: 300, seed: 99, threads: threads, blockSize: block))).bytes
        }
        let reference = csv(threads: 1, block: 300)
        #expect(csv(threads: 2, block: 7) == reference)
        #expect(csv(threads: 2, block: 64) == reference)
        #expect(csv(threads: 1, block: 1) == reference)
        let other = SimulationReport.trialsCSV(engine.run(SimulationOptions(trials: 300, seed: 100, threads: 2))).bytes
        #expect(other != reference)
    }

    /// The exact breakdown sums agree with the per-trial line totals.
    @Test func breakdownsReconcileWithTrialTotals() throws {
        let scenario = try loadScenario("test-small.toml")
        let r = Engine(scenario: scenario).run(SimulationOptions(trials: 200, seed: 5, threads: 2, blockSize: 33))
        let columnTotal = r.columnSums.reduce(0, +)
        let categoryTotal = r.categorySums.reduce(0, +)
        let trialTotal = r.totalClaims.reduce(0) { $0 + Int64(($1 * 100).rounded()) }
        #expect(columnTotal == categoryTotal)
        #expect(columnTotal == trialTotal)
        // Refund, top-up and bureau cost follow the corridor in every trial.
        for t in 0..<r.trials {
            #expect(abs(r.bureauCost[t] - (r.totalPremium - r.refund[t] + r.sharedTopUp[t])) < 1e-6)
            #expect(r.bureauCost[t] <= r.totalPremium * 1.05 + 1e-6)
        }
    }
}

@Suite struct AnalyticCheckTests {
    /// On a scenario without factors, every line's Monte Carlo mean is within 4 standard errors
    /// of its exact expectation (a correct engine fails this about once in 16,000 lines).
    @Test func monteCarloMeansAgreeWithTheAnalyticExpectation() throws {
        let scenario = try loadScenario("test-small.toml")
        #expect(scenario.factors.isEmpty)
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: scenario.defaultTrials, seed: scenario.defaultSeed, threads: 2))
        let summary = SimulationSummary(result: result, scenario: scenario, population: engine.population)
        let analytic = AnalyticExpectation(engine: engine)
        let periods = scenario.edition.periods.count
        for (l, line) in ClaimColumns.lines.enumerated() {
            for p in 0..<periods {
                let stat = summary.claimsByLineAndPeriod[l * periods + p]
                let expected = analytic.claims[l][p]
                if stat.standardError == 0 {
                    #expect(stat.mean == expected, "\(line.rawValue) \(p)")
                } else {
                    let z = (stat.mean - expected) / stat.standardError
                    #expect(abs(z) < 4, "\(line.rawValue) P\(p + 1): MC \(stat.mean) analytic \(expected) z \(z)")
                }
            }
        }
        // Every line pays something in this scenario, so the check is not vacuous.
        for l in ClaimColumns.lines.indices {
            #expect(analytic.claims[l].reduce(0, +) > 0)
        }
    }

    /// With systemic factors the quadrature-integrated expectation still matches.
    @Test func analyticExpectationIntegratesTheFactors() throws {
        let scenario = try loadScenario("chongqing-2020.toml")
        #expect(!scenario.factors.isEmpty)
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 400, seed: 11, threads: 2))
        let summary = SimulationSummary(result: result, scenario: scenario, population: engine.population)
        let analytic = AnalyticExpectation(engine: engine)
        let periods = scenario.edition.periods.count
        for l in ClaimColumns.lines.indices {
            for p in 0..<periods {
                let stat = summary.claimsByLineAndPeriod[l * periods + p]
                guard stat.standardError > 0 else { continue }
                #expect(abs((stat.mean - analytic.claims[l][p]) / stat.standardError) < 4.5)
            }
        }
    }
}

@Suite struct PopulationTests {
    @Test func cellsAddUpToThePeriodTotals() throws {
        let scenario = try loadScenario("chongqing-2020.toml")
        let population = Population(scenario: scenario)
        #expect(population.totalInsuredAtStart == scenario.population.insuredAtStart)
        // Premium = member-months × the rate.
        let premium = population.premiumByInsurer(edition: scenario.edition).reduce(0, +)
        #expect(abs(premium - population.memberMonths.reduce(0, +) * scenario.edition.premiumPerPersonMonth.yuan) < 1e-3)
    }

    @Test func largestRemainderIsExact() {
        #expect(Population.largestRemainder(total: 10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(Population.largestRemainder(total: 7, weights: [0.5, 0.25, 0.25, 0]) == [3, 2, 2, 0])  // 3.5, 1.75, 1.75: the two .75 remainders win
        #expect(Population.largestRemainder(total: 0, weights: [1, 2]) == [0, 0])
    }

    @Test func rosterPopulationGroupsPersonsByCellAndEntryMonth() throws {
        let scenario = try loadScenario("test-small.toml")
        let e = scenario.edition
        func id(_ birth: String, _ serial: Int) -> PersonID {
            let digits = "500101" + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", serial)
            return try! PersonID.parse(digits + String(PersonID.checkCharacter(for: digits))).get()
        }
        let unit = e.unitIndex("yuzhong")!
        let persons = [
            RosterPerson(id: id("1950-01-01", 1), unit: unit, insurer: e.insurerOfUnit[unit], category: 0,
                         birthDate: CivilDate(parsing: "1950-01-01")!, coverFrom: CivilDate(parsing: "2020-11-01")!, student: false),
            RosterPerson(id: id("1950-01-01", 2), unit: unit, insurer: e.insurerOfUnit[unit], category: 0,
                         birthDate: CivilDate(parsing: "1950-01-01")!, coverFrom: CivilDate(parsing: "2021-03-15")!, student: false),
        ]
        let population = try Population(roster: Roster(persons: persons), scenario: scenario)
        // P1: 12 + 8 months (March to October); P2: 2 + 2.
        #expect(population.memberMonths.reduce(0, +) == 24)
        #expect(population.cohorts.count == 3)
    }
}
