import Foundation
import JikunPolicy
import JikunSimulation
import Testing
@testable import JikunAnalysis

let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")

func small() throws -> Scenario { try Scenario.load(scenarios.appendingPathComponent("test-small.toml").path) }

@Suite struct ComparisonTests {
    /// Common random numbers: the paired difference of a rule change has a much smaller
    /// standard error than two independent runs. Raising the disease-death benefit from 2,000 to
    /// 3,000 leaves every draw as it was, so only the benefit paid per death differs.
    @Test func commonRandomNumbersReduceTheVariance() throws {
        let base = try small()
        let variant = try ScenarioEdits.setting(base, ["benefits", "disease_death", "amount"], to: .integer(3000))
        let options = SimulationOptions(trials: 400, seed: 3, threads: 2)
        let a = KeyOutputs(Engine(scenario: base).run(options)), b = KeyOutputs(Engine(scenario: variant).run(options))
        let comparison = Comparison(base: ("base", a), variants: [("death benefit 3000", b)], seed: 3)
        let claims = comparison.variants[0].differences.first { $0.output == "total_claims" }!
        let deaths = comparison.variants[0].differences.first { $0.output == "claims_disease_death" }!
        // Exactly half of the base's disease-death claims more, trial by trial.
        #expect(abs(deaths.difference.mean - deaths.base.mean / 2) < 1e-6 * deaths.base.mean)
        #expect(claims.varianceReduction > 20, "variance reduction only \(claims.varianceReduction)")
        // Lines the change does not touch are identical trial by trial.
        let hospital = comparison.variants[0].differences.first { $0.output == "claims_hospitalisation" }!
        #expect(hospital.difference.mean == 0 && hospital.difference.standardError == 0)
        // Independent runs (another seed for the variant) lose the pairing.
        var other = options
        other.seed = 4
        let independent = Comparison(base: ("base", a), variants: [("independent", KeyOutputs(Engine(scenario: variant).run(other)))], seed: 3)
        let noisy = independent.variants[0].differences.first { $0.output == "total_claims" }!
        #expect(noisy.difference.standardError > 4 * claims.difference.standardError)
    }

    /// A frequency change keeps the other events' draws: each group of cohorts has its own stream.
    @Test func aFrequencyChangeLeavesTheOtherLinesPaired() throws {
        let base = try small()
        let variant = try ScenarioEdits.scaling(base, ["events", "accident_medical", "by_age"], by: 1.2)
        let options = SimulationOptions(trials: 200, seed: 5, threads: 2)
        let comparison = Comparison(base: ("base", KeyOutputs(Engine(scenario: base).run(options))),
                                    variants: [("medical +20%", KeyOutputs(Engine(scenario: variant).run(options)))], seed: 5)
        let medical = comparison.variants[0].differences.first { $0.output == "claims_accident_medical" }!
        let hospital = comparison.variants[0].differences.first { $0.output == "claims_hospitalisation" }!
        #expect(medical.difference.mean > 0)
        #expect(hospital.difference.standardError == 0)
    }
}

@Suite struct BidPricingTests {
    /// A target reads as given: 3.25 % is not "3.2%", and a 99.5 % tail is not "99.5%" rounded.
    @Test func aTargetIsDescribedWithTheDecimalsItHas() {
        #expect(BidPricing.Target.margin(0.0325).description == "expected margin ≥ 3.25% of premium")
        #expect(BidPricing.Target.margin(0.03).description == "expected margin ≥ 3.0% of premium")
        #expect(BidPricing.Target.lossProbability(0.0025).description == "probability of a loss ≤ 0.25%")
        #expect(BidPricing.Target.tailLoss(limit: 0.1, level: 0.9999).description == "TVaR 99.99% of the loss ≤ 10.0% of premium")
    }

    @Test func marginTargetIsMetAtTheQuotedPremiumAndNotBelow() throws {
        let scenario = try small()
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 300, seed: 8, threads: 2))
        let pricing = BidPricing(result: result, scenario: scenario, population: engine.population, insurer: nil, others: .same)
        let solution = try #require(pricing.solve(.margin(0.03), in: 1...200))
        #expect(solution.margin >= 0.03)
        #expect(pricing.evaluate(rate: solution.rate - 0.01).margin < 0.03)
        // Quoted to the fen.
        #expect(abs(solution.rate * 100 - (solution.rate * 100).rounded()) < 1e-9)
    }

    /// Far above the claims every trial is in the refund band, where the pool keeps
    /// (1 − refund_below)·P less expenses: its margin is 0.15 − Σ eᵢPᵢ / P whatever the premium,
    /// so a higher target is unmet however wide the range, and the outcome says so.
    @Test func aMarginAboveTheCorridorsCeilingIsUnmetAndExplained() throws {
        let scenario = try small()
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 300, seed: 8, threads: 2))
        let pricing = BidPricing(result: result, scenario: scenario, population: engine.population, insurer: nil, others: .same)
        let expenses = zip(pricing.memberMonths, pricing.expenseRatios).reduce(0) { $0 + $1.0 * $1.1 } / pricing.memberMonths.reduce(0, +)
        let ceiling = 0.15 - expenses
        guard case .unmet(let shortfall) = pricing.outcome(.margin(ceiling + 0.01), in: 1...1000) else {
            Issue.record("a margin above the ceiling was met"); return
        }
        #expect(shortfall.beyond == nil)
        #expect(shortfall.far.rate == 4000)
        #expect(abs(shortfall.top.margin - ceiling) < 1e-9)
        #expect(abs(shortfall.far.margin - ceiling) < 1e-9)
        #expect(shortfall.refundBelow == 0.85)
        // Met above a range that is too narrow: the bid the wider range finds.
        let wide = try #require(pricing.solve(.margin(0.03), in: 1...200))
        guard case .unmet(let narrow) = pricing.outcome(.margin(0.03), in: 1...(wide.rate - 1)) else {
            Issue.record("met below its lowest rate"); return
        }
        #expect(narrow.beyond?.rate == wide.rate)
    }

    /// Re-settling at the edition's own rate reproduces the simulation's insurer results.
    @Test func resettlementAtTheCurrentRateMatchesTheRun() throws {
        let scenario = try small()
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 200, seed: 9, threads: 1))
        let pricing = BidPricing(result: result, scenario: scenario, population: engine.population, insurer: nil, others: .current)
        let point = pricing.evaluate(rate: scenario.edition.premiumPerPersonMonth.yuan)
        let n = result.insurerKeys.count
        var direct = 0.0
        for t in 0..<result.trials {
            for i in 0..<n { direct += result.insurerResult[t * n + i] }
        }
        direct /= Double(result.trials)
        let tolerance = 1e-6 * max(1, abs(direct))
        #expect(abs(point.expectedResult - direct) < tolerance)
        #expect(abs(point.bureauCost - result.bureauCost.reduce(0, +) / Double(result.trials)) < 1e-3)
    }
}

@Suite struct BudgetTests {
    @Test func budgetLevelsAreQuantilesOfTheNetCost() throws {
        let scenario = try small()
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 500, seed: 2, threads: 2))
        let budget = BudgetAnalysis(scenario: scenario, population: engine.population, result: result, growth: 0, confidences: [0.9, 0.99])
        let sorted = result.bureauCost.sorted()
        #expect(budget.levels[0].budget == sorted[449])     // ⌈500 × 0.9⌉ − 1
        #expect(budget.levels[1].budget == sorted[494])
        #expect(budget.levels[0].lower <= budget.levels[0].budget && budget.levels[0].budget <= budget.levels[0].upper)
        #expect(abs(budget.totalPremium - budget.premiumByPeriodAndInsurer.joined().reduce(0, +)) < 1e-6)
        #expect(budget.sentence(budget.levels[0]).contains("90 % of simulated years"))
    }

    @Test func growthScalesThePopulationExactly() throws {
        let scenario = try small()
        let population = Population(scenario: scenario)
        let grown = population.grown(by: 0.1)
        for (a, b) in zip(population.totalInsuredAtStart, grown.totalInsuredAtStart) {
            #expect(b == Int((Double(a) * 1.1).rounded()))
        }
        let ratio: Double = grown.memberMonths.reduce(0, +) / population.memberMonths.reduce(0, +)
        #expect(abs(ratio - 1.1) < 0.001)
    }
}

@Suite struct ScenarioEditTests {
    @Test func setAndScaleValidateLikeAFile() throws {
        let base = try small()
        let raised = try ScenarioEdits.setting(base, ["premium", "per_person_month"], to: ScenarioEdits.parseValue("10.83"))
        #expect(raised.edition.premiumPerPersonMonth == Money(fen: 1083))
        #expect(throws: PolicyInputError.self) { try ScenarioEdits.setting(base, ["premium", "per_month"], to: .integer(11)) }
        #expect(throws: PolicyInputError.self) {
            try ScenarioEdits.setting(base, ["corridor", "bureau_share"], to: .float(1.5))
        }
        let scaled = try ScenarioEdits.scaling(base, ["benefits", "critical_illness", "deductible"], by: 0.5)
        #expect(scaled.edition.criticalIllness.deductible == Money(yuan: 1500))
        let (path, values) = try ScenarioEdits.parseAssignment("corridor.refund_below=0.8,0.85")
        #expect(path == ["corridor", "refund_below"])
        let expected: [ConfigValue] = [.float(0.8), .float(0.85)]
        #expect(values == expected)
    }
}

@Suite struct SensitivityTests {
    /// The tornado moves the bureau's cost with the premium (claims are unchanged on common
    /// random numbers), and the global fit runs on a Latin hypercube.
    @Test func tornadoAndGlobalViewOnTheSmallScenario() throws {
        let scenario = try small()
        let parameters = [Sensitivity.Parameter("premium.per_person_month"), Sensitivity.Parameter("events.hospitalisation.by_age")]
        let result = try Sensitivity.run(scenario: scenario, parameters: parameters, delta: 0.1, trials: 60,
                                         samples: 8, trialsPerSample: 10, seed: 1, threads: 2)
        let cost = result.tornadoes.first { $0.output == "bureau_net_cost" }!
        let premium = cost.bars.first { $0.parameter == "premium.per_person_month" }!
        #expect(premium.high > cost.base && premium.low < cost.base)
        let lossRatio = result.tornadoes.first { $0.output == "loss_ratio" }!
        #expect(lossRatio.bars.first { $0.parameter == "events.hospitalisation.by_age" }!.high > lossRatio.base)
        #expect(zip(lossRatio.bars, lossRatio.bars.dropFirst()).allSatisfy { $0.swing >= $1.swing })
        #expect(result.regressions.count == Sensitivity.outputs.count)
        #expect(Sensitivity.defaultParameters(for: scenario).contains(Sensitivity.Parameter("premium.per_person_month")))
    }

    @Test func scaledValuesKeepTheirKeysPrecision() {
        #expect(ScenarioEdits.tidy(3000 * 0.973421, like: 3000) == 2920.26)
        #expect(ScenarioEdits.tidy(0.85 * 1.0123456, like: 0.85) == 0.860494)
        #expect(ScenarioEdits.tidy(0.0002 * 1.1, like: 0.0002) == 0.0002 * 1.1)
    }

    /// The regression recovers known standardised coefficients from an exact linear response.
    @Test func regressionRecoversAKnownLinearModel() throws {
        var design: [[Double]] = [], response: [Double] = []
        var state: UInt64 = 1
        func u() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        for _ in 0..<50 {
            let x = [0.9 + 0.2 * u(), 0.9 + 0.2 * u()]
            design.append(x)
            response.append(3 * x[0] - 1 * x[1])
        }
        let r = try Sensitivity.regress(output: "y", design: design, response: response, names: ["a", "b"])
        #expect(abs(r.rSquared - 1) < 1e-9)
        // With y = 3a − b exactly, SRC_j = β_j · sd(x_j) / sd(y), from the sample's own
        // standard deviations (not through the least-squares solver).
        func sd(_ v: [Double]) -> Double {
            let mean = v.reduce(0, +) / Double(v.count)
            return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
        }
        let sy = sd(response)
        #expect(r.coefficients.map(\.parameter) == ["a", "b"])
        #expect(abs(r.coefficients[0].standardised - 3 * sd(design.map { $0[0] }) / sy) < 1e-9)
        #expect(abs(r.coefficients[1].standardised - (-1) * sd(design.map { $0[1] }) / sy) < 1e-9)
    }
}
