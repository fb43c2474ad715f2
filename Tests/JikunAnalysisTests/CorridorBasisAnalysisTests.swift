import Foundation
import JikunPolicy
import JikunSimulation
import Testing
@testable import JikunAnalysis

/// `price`, `budget` and `compare` read the corridor basis of the scenario they run.
@Suite struct CorridorBasisAnalysisTests {
    func runs(trials: Int, seed: UInt64) throws -> (term: (Scenario, Engine, SimulationResult), perPeriod: (Scenario, Engine, SimulationResult)) {
        // At 180 yuan a person-month the loss ratio sits near the corridor (see
        // CorridorBasisSimulationTests), so the two bases settle differently.
        let term = try small().applying("[premium]\nper_person_month = 180.00\n")
        let perPeriod = try term.applying("[corridor]\nbasis = \"per_period\"\n")
        let options = SimulationOptions(trials: trials, seed: seed, threads: 2)
        let a = Engine(scenario: term), b = Engine(scenario: perPeriod)
        return ((term, a, a.run(options)), (perPeriod, b, b.run(options)))
    }

    /// Re-settling at the edition's rate period by period reproduces the run's per-period
    /// settlement (its bureau cost and insurers' results), and differs from the term's.
    @Test func pricingResettlesEachPeriod() throws {
        let (term, perPeriod) = try runs(trials: 200, seed: 9)
        let (scenario, engine, result) = perPeriod
        let pricing = BidPricing(result: result, scenario: scenario, population: engine.population, insurer: nil, others: .current)
        let point = pricing.evaluate(rate: scenario.edition.premiumPerPersonMonth.yuan)
        let n = result.insurerKeys.count
        let direct = (0..<result.trials).reduce(0.0) { s, t in s + (0..<n).reduce(0.0) { $0 + result.insurerResult[t * n + $1] } }
            / Double(result.trials)
        #expect(abs(point.expectedResult - direct) < 1e-6 * max(1, abs(direct)))
        let bureau = result.bureauCost.reduce(0, +) / Double(result.trials)
        #expect(abs(point.bureauCost - bureau) < 1e-3)
        let termPoint = BidPricing(result: term.2, scenario: term.0, population: term.1.population, insurer: nil, others: .current)
            .evaluate(rate: scenario.edition.premiumPerPersonMonth.yuan)
        #expect(abs(termPoint.bureauCost - point.bureauCost) > 1)
        // Another rate re-settles too: per-period premium scales with the rate.
        let higher = pricing.evaluate(rate: 2 * scenario.edition.premiumPerPersonMonth.yuan)
        #expect(higher.premium > 1.99 * point.premium && higher.premium < 2.01 * point.premium)
    }

    /// The budget's refund and net cost are the run's per-trial settlement under its basis, and
    /// the comparison's refund output too.
    @Test func budgetAndCompareUseTheRunsBasis() throws {
        let (term, perPeriod) = try runs(trials: 300, seed: 4)
        let budgetTerm = BudgetAnalysis(scenario: term.0, population: term.1.population, result: term.2, growth: 0, confidences: [0.9])
        let budgetPeriods = BudgetAnalysis(scenario: perPeriod.0, population: perPeriod.1.population, result: perPeriod.2,
                                           growth: 0, confidences: [0.9])
        #expect(abs(budgetPeriods.netCost.mean - perPeriod.2.bureauCost.reduce(0, +) / 300) < 1e-6 * budgetPeriods.netCost.mean)
        #expect(budgetPeriods.refund.mean >= budgetTerm.refund.mean)
        #expect(budgetPeriods.netCost.mean != budgetTerm.netCost.mean)
        let outputs = KeyOutputs(perPeriod.2)
        #expect(outputs["refund"]!.values == perPeriod.2.refund)
        #expect(KeyOutputs(term.2)["refund"]!.values != perPeriod.2.refund)
    }
}
