import Foundation

/// How development beyond the triangle's last column is treated.
public enum TailFactor: Sendable, Equatable {
    /// The triangle's last development is taken as ultimate.
    case none
    /// `log(f_k − 1) = a + b·k` fitted by least squares over the factors above 1, then
    /// `∏_{k ≥ n−1} (1 + e^{a + b k})` (the product stops once a term is below 10⁻¹²).
    case exponential
    /// A given factor ≥ 1 applied after the last development.
    case factor(Double)
}

/// Volume-weighted chain-ladder development factors.
///
/// `f_k = Σ_j C_{j,k+1} / Σ_j C_{j,k}` over the origins observed at `k + 1` (Mack 1993, eq. 2);
/// a column whose denominator is 0 gets `f_k = 1` (no information on its development).
public struct DevelopmentFactors: Sendable, Equatable {
    /// Age-to-age factors `f_0 … f_{n−2}`.
    public let factors: [Double]
    /// The tail factor (1 when none).
    public let tail: Double
    /// Individual link ratios `C_{j,k+1} / C_{j,k}` of column `k`, for the origins with `C_{j,k} > 0`.
    public let linkRatios: [[Double]]
    /// `S_k = Σ_j C_{j,k}` over the origins observed at `k + 1`: the weight behind `f_k`.
    public let weights: [Double]

    public init(_ triangle: Triangle, tail: TailFactor = .none) throws {
        let n = triangle.developmentCount
        var factors: [Double] = [], ratios: [[Double]] = [], weights: [Double] = []
        for k in 0..<max(0, n - 1) {
            var numerator = 0.0, denominator = 0.0, column: [Double] = []
            for row in triangle.rows where row.count > k + 1 {
                numerator += row[k + 1]
                denominator += row[k]
                if row[k] > 0 { column.append(row[k + 1] / row[k]) }
            }
            factors.append(denominator > 0 ? numerator / denominator : 1)
            ratios.append(column)
            weights.append(denominator)
        }
        self.factors = factors
        self.linkRatios = ratios
        self.weights = weights
        switch tail {
        case .none: self.tail = 1
        case .factor(let f):
            guard f.isFinite, f >= 1 else { throw ReservingError.option("the tail factor must be a number ≥ 1, got \(f)") }
            self.tail = f
        case .exponential: self.tail = try Self.exponentialTail(factors)
        }
    }

    /// The exponential decay tail: least squares of `log(f_k − 1)` on `k` over the factors > 1.
    static func exponentialTail(_ factors: [Double]) throws -> Double {
        let points = factors.enumerated().filter { $0.element > 1 }.map { (Double($0.offset), log($0.element - 1)) }
        guard points.count >= 2 else {
            throw ReservingError.tooSmall(method: "exponential tail", message: "needs at least two development factors above 1, found \(points.count)")
        }
        let meanX = points.map(\.0).reduce(0, +) / Double(points.count)
        let meanY = points.map(\.1).reduce(0, +) / Double(points.count)
        let sxx = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
        let sxy = points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +)
        let slope = sxy / sxx, intercept = meanY - slope * meanX
        guard slope < 0 else {
            throw ReservingError.tooSmall(method: "exponential tail", message: "the factors do not decay (fitted slope of log(f − 1) is \(slope) ≥ 0); give a tail factor instead")
        }
        var tail = 1.0, k = Double(factors.count)
        for _ in 0..<10_000 {
            let term = exp(intercept + slope * k)
            if term < 1e-12 { return tail }
            tail *= 1 + term
            k += 1
        }
        throw ReservingError.tooSmall(method: "exponential tail", message: "the fitted decay of log(f − 1) (slope \(slope)) is too slow to reach 10⁻¹² within 10,000 periods; give a tail factor instead")
    }

    /// Cumulative development factor from development `k` to ultimate, tail included:
    /// `F_k = f_k · f_{k+1} ⋯ f_{n−2} · tail` (`F_{n−1} = tail`).
    public func toUltimate(from k: Int) -> Double {
        factors[k...].reduce(tail, *)
    }
}

/// Ultimate and reserve of one origin.
public struct OriginEstimate: Sendable, Equatable {
    public var origin: String
    /// The latest cumulative value (on the diagonal).
    public var latest: Double
    public var ultimate: Double
    /// `ultimate − latest`: what is still to come (IBNR, incurred but not reported).
    public var reserve: Double { ultimate - latest }
    /// Mack's standard error of the reserve, when computed.
    public var standardError: Double?
}

/// The chain-ladder projection: `Ĉ_{i,ult} = C_{i,I_i} · F_{I_i}`.
public struct ChainLadder: Sendable {
    public let triangle: Triangle
    public let development: DevelopmentFactors
    public let estimates: [OriginEstimate]

    public init(_ triangle: Triangle, tail: TailFactor = .none) throws {
        let development = try DevelopmentFactors(triangle, tail: tail)
        self.triangle = triangle
        self.development = development
        self.estimates = triangle.rows.enumerated().map { i, row in
            OriginEstimate(origin: triangle.origins[i], latest: row.last!,
                           ultimate: row.last! * development.toUltimate(from: row.count - 1))
        }
    }

    /// The projected cumulative value of origin `i` at development `k` (observed value for k < observed).
    public func projected(_ i: Int, _ k: Int) -> Double {
        let row = triangle.rows[i]
        if k < row.count { return row[k] }
        return development.factors[(row.count - 1)..<k].reduce(row.last!, *)
    }

    public var totalLatest: Double { estimates.map(\.latest).reduce(0, +) }
    public var totalUltimate: Double { estimates.map(\.ultimate).reduce(0, +) }
    public var totalReserve: Double { estimates.map(\.reserve).reduce(0, +) }
}
