import JikunPolicy
import JikunSimulation

/// The outputs every analysis speaks of, one value per trial, by name.
public struct KeyOutputs: Sendable {
    public struct Output: Sendable {
        public var key: String
        public var label: String
        /// Money in yuan, or a ratio.
        public var isRatio: Bool
        public var values: [Double]
    }
    public var outputs: [Output]
    public var trials: Int

    public init(_ r: SimulationResult) {
        trials = r.trials
        var outputs: [Output] = [
            Output(key: "total_claims", label: "Claims 赔款", isRatio: false, values: r.totalClaims),
            Output(key: "loss_ratio", label: "Loss ratio 赔付率", isRatio: true, values: r.lossRatio),
            Output(key: "refund", label: "Refund to the bureau 返还", isRatio: false, values: r.refund),
            Output(key: "shared_topup", label: "Shared top-up 共担", isRatio: false, values: r.sharedTopUp),
            Output(key: "bureau_net_cost", label: "Bureau net cost 民政局净成本", isRatio: false, values: r.bureauCost),
        ]
        let n = r.insurerKeys.count
        outputs.append(Output(key: "insurers_result", label: "Insurers' result 保险公司经营结果", isRatio: false,
                              values: (0..<r.trials).map { t in (0..<n).reduce(0) { $0 + r.insurerResult[t * n + $1] } }))
        let periods = r.periodKeys.count, lp = r.lines.count * periods
        for (l, line) in r.lines.enumerated() {
            outputs.append(Output(key: "claims_\(line.rawValue)", label: "\(line.rawValue) \(line.labelZH)", isRatio: false,
                                  values: (0..<r.trials).map { t in (0..<periods).reduce(0) { $0 + r.linePeriodClaims[t * lp + l * periods + $1] } }))
        }
        self.outputs = outputs
    }

    public subscript(key: String) -> Output? { outputs.first { $0.key == key } }
}

/// Mean, standard error and a 95 % interval of a sample.
public struct Estimate: Sendable, Equatable, Codable {
    public var mean: Double
    public var standardError: Double
    public var lower: Double { mean - 1.959964 * standardError }
    public var upper: Double { mean + 1.959964 * standardError }

    public init(mean: Double, standardError: Double) {
        self.mean = mean
        self.standardError = standardError
    }

    public init(_ values: [Double]) {
        let s = SampleSummary(values, levels: [])
        self.init(mean: s.mean, standardError: s.standardError)
    }
}
