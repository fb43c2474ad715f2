import Foundation
import JikunPolicy
import JikunSimulation

/// The bureau's question: next year's budget (issue "The bureau: jikun budget").
public struct BudgetAnalysis: Sendable {
    public struct Level: Sendable, Codable {
        public var confidence: Double
        /// The net cost not exceeded in `confidence` of the simulated years.
        public var budget: Double
        /// 95 % interval of that quantile from the order statistics (its Monte Carlo error).
        public var lower: Double
        public var upper: Double
        public var tailValueAtRisk: Double
    }
    public var scenario: String
    public var trials: Int
    public var growth: Double
    /// Premium outlay `[period][insurer]`, yuan.
    public var premiumByPeriodAndInsurer: [[Double]]
    public var periodKeys: [String]
    public var insurerKeys: [String]
    public var totalPremium: Double
    public var expectedClaims: Estimate
    public var refund: SampleSummary
    public var probabilityOfRefund: Double
    public var sharedTopUp: SampleSummary
    public var probabilityOfTopUp: Double
    public var netCost: SampleSummary
    public var levels: [Level]
    public var lossRatio: SampleSummary

    public init(scenario: Scenario, population: Population, result r: SimulationResult, growth: Double, confidences: [Double]) {
        self.scenario = scenario.name
        trials = r.trials
        self.growth = growth
        let e = scenario.edition
        periodKeys = e.periods.map(\.key)
        insurerKeys = e.insurers.map(\.key)
        premiumByPeriodAndInsurer = population.memberMonthsByPeriodAndInsurer(edition: e).map { row in
            row.map { $0 * e.premiumPerPersonMonth.yuan }
        }
        totalPremium = r.totalPremium
        expectedClaims = Estimate(r.totalClaims)
        refund = SampleSummary(r.refund)
        probabilityOfRefund = Double(r.refund.lazy.filter { $0 > 0 }.count) / Double(r.trials)
        sharedTopUp = SampleSummary(r.sharedTopUp)
        probabilityOfTopUp = Double(r.sharedTopUp.lazy.filter { $0 > 0 }.count) / Double(r.trials)
        netCost = SampleSummary(r.bureauCost)
        lossRatio = SampleSummary(r.lossRatio)
        levels = confidences.map { level in
            let q = SampleSummary.quantile(r.bureauCost.sorted(), level)
            return Level(confidence: level, budget: q.value, lower: q.lower, upper: q.upper,
                         tailValueAtRisk: TailRisk(r.bureauCost, level: level).tailValueAtRisk)
        }
    }

    /// "A budget of X million yuan covers the net cost in 95 % of simulated years (…)".
    public func sentence(_ level: Level) -> String {
        String(format: "A budget of %.2f million yuan covers the bureau's net cost in %@ of simulated years (Monte Carlo 95%% interval of that figure: %.2f–%.2f million; %d trials).",
               level.budget / 1e6, percent(level.confidence), level.lower / 1e6, level.upper / 1e6, trials)
    }

    func percent(_ x: Double) -> String {
        let p = x * 100
        return p == p.rounded() ? String(format: "%.0f %%", p) : String(format: "%.1f %%", p)
    }
}

