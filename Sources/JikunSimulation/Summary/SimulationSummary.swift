import Foundation
import JikunPolicy

/// What a bureau actuary reads after a run (issue: `jikun simulate`): premium, expected claims
/// per line and period with standard errors, the loss ratio's distribution and corridor bands,
/// the refund and top-up, the bureau's net cost with VaR/TVaR, and each insurer's result.
public struct SimulationSummary: Codable, Sendable {
    public struct Stat: Codable, Sendable {
        public var mean: Double
        public var standardError: Double
        public var standardDeviation: Double
        public var quantiles: Quantiles<Double>
        /// Each quantile's 95 % order-statistic interval as [lower, upper].
        public var quantileIntervals: Quantiles<[Double]>

        /// From a summary at the default levels (`SampleSummary.defaultLevels`).
        init(_ s: SampleSummary) {
            mean = s.mean
            standardError = s.standardError
            standardDeviation = s.standardDeviation
            quantiles = Quantiles { s.quantiles[$0.rawValue].value }
            quantileIntervals = Quantiles { [s.quantiles[$0.rawValue].lower, s.quantiles[$0.rawValue].upper] }
        }
    }
    public struct LineStat: Codable, Sendable {
        public var line: String
        public var labelZH: String
        public var period: String
        public var mean: Double
        public var standardError: Double
    }
    public struct Breakdown: Codable, Sendable {
        public var key: String
        public var mean: Double
        public var standardError: Double?
    }
    public struct Tail: Codable, Sendable {
        public var level: Double
        public var valueAtRisk: Double
        public var tailValueAtRisk: Double
    }
    public struct InsurerStat: Codable, Sendable {
        public var insurer: String
        public var premium: Double
        public var expenseRatio: Double
        public var claims: Stat
        public var result: Stat
        public var probabilityOfLoss: Double
    }
    /// What the run sampled (deterministic; the timings are in `SimulationResult`).
    public struct Cost: Codable, Sendable {
        public var claimantsSampled: Int
        public var cellEvents: Int
    }

    public var scenario: String
    public var edition: String
    public var trials: Int
    public var seed: UInt64
    public var insuredAtStart: [String: Int]
    public var memberMonths: Double
    public var earnedPremium: Double
    public var claimsByLineAndPeriod: [LineStat]
    public var claimsByLine: [LineStat]
    public var claimsByCategory: [Breakdown]
    public var claimsByUnit: [Breakdown]
    public var totalClaims: Stat
    public var lossRatio: Stat
    public var bandProbabilities: BandProbabilities
    public var refund: Stat
    public var probabilityOfRefund: Double
    public var sharedTopUp: Stat
    public var probabilityOfTopUp: Double
    public var bureauNetCost: Stat
    public var bureauNetCostTail: [Tail]
    public var insurers: [InsurerStat]
    /// The correlations of the claims by line and insurer, total claims and the corridor's transfers.
    public var correlations: Correlations
    public var cost: Cost
    public var provenance: Provenance
    /// `simulate --as-of`: the claims known at the clearing date and the corridor on them.
    public var asOf: KnownClaimsSummary?

    public init(result r: SimulationResult, scenario: Scenario, population: Population) {
        self.init(result: r, scenario: scenario, insuredAtStart: population.totalInsuredAtStart,
                  memberMonths: population.memberMonths.reduce(0, +))
    }

    /// From the population's totals alone (a merge of shards has no population).
    public init(result r: SimulationResult, scenario: Scenario, insuredAtStart: [Int], memberMonths: Double) {
        self.scenario = scenario.name
        edition = scenario.edition.name
        trials = r.trials
        seed = r.seed
        self.insuredAtStart = Dictionary(uniqueKeysWithValues: zip(r.periodKeys, insuredAtStart))
        self.memberMonths = memberMonths
        provenance = Provenance(scenarioText: scenario.resolved.tomlText, seed: r.seed,
                                firstTrial: r.firstTrial, trialCount: r.trials)
        earnedPremium = r.totalPremium
        let lp = r.lines.count * r.periodKeys.count
        var byLinePeriod: [LineStat] = [], byLine: [LineStat] = []
        for (l, line) in r.lines.enumerated() {
            var lineTotals = [Double](repeating: 0, count: r.trials)
            for (p, period) in r.periodKeys.enumerated() {
                let values = (0..<r.trials).map { r.linePeriodClaims[$0 * lp + l * r.periodKeys.count + p] }
                for t in 0..<r.trials { lineTotals[t] += values[t] }
                let s = SampleSummary(values, levels: [])
                byLinePeriod.append(LineStat(line: line.rawValue, labelZH: line.labelZH, period: period, mean: s.mean, standardError: s.standardError))
            }
            let s = SampleSummary(lineTotals, levels: [])
            byLine.append(LineStat(line: line.rawValue, labelZH: line.labelZH, period: "term", mean: s.mean, standardError: s.standardError))
        }
        claimsByLineAndPeriod = byLinePeriod
        claimsByLine = byLine

        // Categories: exact sums and squares of each category's trial totals.
        claimsByCategory = r.categoryKeys.enumerated().map { c, key in
            let (mean, error) = ExactMoments.meanAndError(sum: r.categorySums[c], squares: r.categorySquares[c], count: r.trials)
            return Breakdown(key: key, mean: mean, standardError: error)
        }
        var unitSums = [Int64](repeating: 0, count: r.unitKeys.count)
        for (j, sum) in r.columnSums.enumerated() { unitSums[r.columns.components(of: j).unit] += sum }
        claimsByUnit = zip(r.unitKeys, unitSums).map { Breakdown(key: $0, mean: Double($1) / Double(r.trials) / 100, standardError: nil) }

        totalClaims = Stat(SampleSummary(r.totalClaims))
        lossRatio = Stat(SampleSummary(r.lossRatio))
        bandProbabilities = BandProbabilities(r.band)
        refund = Stat(SampleSummary(r.refund))
        probabilityOfRefund = Double(r.refund.lazy.filter { $0 > 0 }.count) / Double(r.trials)
        sharedTopUp = Stat(SampleSummary(r.sharedTopUp))
        probabilityOfTopUp = Double(r.sharedTopUp.lazy.filter { $0 > 0 }.count) / Double(r.trials)
        bureauNetCost = Stat(SampleSummary(r.bureauCost))
        bureauNetCostTail = [0.9, 0.95, 0.99, 0.995].map {
            let t = TailRisk(r.bureauCost, level: $0)
            return Tail(level: $0, valueAtRisk: t.valueAtRisk, tailValueAtRisk: t.tailValueAtRisk)
        }
        let n = r.insurerKeys.count
        insurers = r.insurerKeys.enumerated().map { i, key in
            let claims = (0..<r.trials).map { r.insurerClaims[$0 * n + i] }
            let results = (0..<r.trials).map { r.insurerResult[$0 * n + i] }
            return InsurerStat(insurer: key, premium: r.premiumByInsurer[i], expenseRatio: r.expenseRatios[i],
                               claims: Stat(SampleSummary(claims)), result: Stat(SampleSummary(results)),
                               probabilityOfLoss: Double(results.lazy.filter { $0 < 0 }.count) / Double(r.trials))
        }
        correlations = Correlations(r)
        cost = Cost(claimantsSampled: r.claimantsSampled, cellEvents: r.cellEvents)
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
