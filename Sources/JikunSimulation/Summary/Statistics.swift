import Foundation

/// Summary statistics of a sample of per-trial values (docs/model.md, "Summaries").
public struct SampleSummary: Sendable, Equatable {
    public struct Quantile: Sendable, Equatable {
        public var level: Double
        public var value: Double
        /// A distribution-free 95 % interval from the order statistics around n·level
        /// (binomial count ± 1.96 standard deviations).
        public var lower: Double
        public var upper: Double
    }
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double
    /// Monte Carlo standard error of the mean: sd / √n.
    public var standardError: Double { count > 0 ? standardDeviation / Double(count).squareRoot() : .nan }
    public var quantiles: [Quantile]
    public var minimum: Double
    public var maximum: Double

    public static let defaultLevels: [Double] = QuantileLevel.allCases.map(\.level)

    /// Summarises `values` (sorted internally; sums run in the given order, so the result is a
    /// function of the values alone).
    public init(_ values: [Double], levels: [Double] = SampleSummary.defaultLevels) {
        count = values.count
        guard !values.isEmpty else {
            mean = .nan; standardDeviation = .nan; quantiles = []; minimum = .nan; maximum = .nan
            return
        }
        var sum = 0.0
        for v in values { sum += v }
        let mean = sum / Double(values.count)
        var squares = 0.0
        for v in values { squares += (v - mean) * (v - mean) }
        self.mean = mean
        standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
        let sorted = values.sorted()
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        quantiles = levels.map { Self.quantile(sorted, $0) }
    }

    /// The empirical quantile (inverse of the empirical CDF, type 1) with its order-statistic CI.
    public static func quantile(_ sorted: [Double], _ level: Double) -> Quantile {
        let n = Double(sorted.count)
        func at(_ rank: Double) -> Double { sorted[min(sorted.count - 1, max(0, Int(rank.rounded(.up)) - 1))] }
        let half = 1.96 * (n * level * (1 - level)).squareRoot()
        return Quantile(level: level, value: at(n * level), lower: at(n * level - half), upper: at(n * level + half + 1))
    }

    public func quantile(_ level: Double) -> Quantile? { quantiles.first { $0.level == level } }

    /// The quantile at one of the default levels. A summary built at `defaultLevels` holds them
    /// all; asking another for a level it lacks is a programmer error, not a NaN on the page.
    public subscript(level: QuantileLevel) -> Quantile {
        guard let q = quantile(level.level) else {
            preconditionFailure("no \(level.label) in a summary at levels \(quantiles.map(\.level))")
        }
        return q
    }
}

/// Value at risk and tail value at risk of a cost: VaR is the `level` quantile, TVaR the mean
/// of the worst `1 − level` share of trials.
public struct TailRisk: Sendable, Equatable {
    public var level: Double
    public var valueAtRisk: Double
    public var tailValueAtRisk: Double

    public init(_ values: [Double], level: Double) {
        self.level = level
        let sorted = values.sorted()
        let n = sorted.count
        let k = min(n - 1, max(0, Int((Double(n) * level).rounded(.up)) - 1))
        valueAtRisk = sorted[k]
        var tail = 0.0
        for v in sorted[k...] { tail += v }
        tailValueAtRisk = tail / Double(n - k)
    }
}

/// The mean and its standard error of an exactly summed quantity (fen sums and squares).
struct ExactMoments {
    static func meanAndError(sum: Int64, squares: Int128, count: Int) -> (mean: Double, standardError: Double) {
        let n = Double(count)
        let mean = Double(sum) / n
        guard count > 1 else { return (mean / 100, 0) }
        // Var = (Σx² − (Σx)²/n)/(n − 1), from exact integers.
        let centered = Double(squares * Int128(count) - Int128(sum) * Int128(sum)) / n
        let variance = max(0, centered / (n - 1))
        return (mean / 100, (variance / n).squareRoot() / 100)
    }
}
