/// Mack's (1993) distribution-free standard errors of the chain-ladder reserves.
///
/// Variance parameters, for each development `k` with `r_k ≥ 2` origins having `C_{j,k} > 0`
/// and observed at `k + 1`:
///
///     σ²_k = 1/(r_k − 1) · Σ_j C_{j,k} (C_{j,k+1}/C_{j,k} − f_k)²
///
/// **Mack's rule for the last parameter** (or any column with a single link ratio):
/// `σ²_k = min(σ⁴_{k−1} / σ²_{k−2}, σ²_{k−2}, σ²_{k−1})` (Mack 1993, p. 219), 0 when either is 0;
/// with only one earlier parameter, that one is repeated.
///
/// The mean squared error of origin `i`'s reserve (`I_i` its latest development):
///
///     mse(R̂_i) = Ĉ²_{i,ult} Σ_{k=I_i}^{n−2} σ²_k / f²_k · (1/Ĉ_{i,k} + 1/S_k)
///
/// and of the total, `Σ_i mse(R̂_i) + 2 Σ_{i<j} Ĉ_{i,ult} Ĉ_{j,ult} Σ_{k=I_i}^{n−2} σ²_k / f²_k / S_k`
/// (origin `i` the older). With a tail factor the standard errors are those of the development
/// inside the triangle scaled by the tail factor: the tail itself is taken as known.
public struct MackChainLadder: Sendable {
    public let chainLadder: ChainLadder
    /// `σ²_0 … σ²_{n−2}`.
    public let sigmaSquared: [Double]
    /// Which parameters came from Mack's extrapolation rule rather than from data.
    public let extrapolated: [Bool]
    /// The estimates with `standardError` filled in.
    public let estimates: [OriginEstimate]
    /// Mack's standard error of the total reserve.
    public let totalStandardError: Double

    public init(_ triangle: Triangle, tail: TailFactor = .none) throws {
        let cl = try ChainLadder(triangle, tail: tail)
        let n = triangle.developmentCount, m = triangle.originCount
        let f = cl.development.factors, weights = cl.development.weights
        var sigma: [Double] = [], extrapolated: [Bool] = []
        for k in 0..<max(0, n - 1) {
            let ratios = triangle.rows.filter { $0.count > k + 1 && $0[k] > 0 }
            if ratios.count >= 2 {
                let sum = ratios.map { $0[k] * ($0[k + 1] / $0[k] - f[k]) * ($0[k + 1] / $0[k] - f[k]) }.reduce(0, +)
                sigma.append(sum / Double(ratios.count - 1))
                extrapolated.append(false)
            } else if k >= 2 {
                let a = sigma[k - 2], b = sigma[k - 1]
                sigma.append(a > 0 && b > 0 ? min(b * b / a, a, b) : 0)
                extrapolated.append(true)
            } else if k == 1 {
                sigma.append(sigma[0])
                extrapolated.append(true)
            } else {
                throw ReservingError.tooSmall(method: "Mack", message: "the first development needs at least two origins with a value > 0 to estimate σ²")
            }
        }
        // Ultimates without the tail; the tail scales the standard errors at the end.
        let untailed = (0..<m).map { i in cl.projected(i, n - 1) }
        func term(_ k: Int) -> Double { f[k] > 0 ? sigma[k] / (f[k] * f[k]) : 0 }
        var mse = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var sum = 0.0
            for k in (triangle.observed(i) - 1)..<max(triangle.observed(i) - 1, n - 1) {
                let c = cl.projected(i, k)
                sum += term(k) * ((c > 0 ? 1 / c : 0) + (weights[k] > 0 ? 1 / weights[k] : 0))
            }
            mse[i] = untailed[i] * untailed[i] * sum
        }
        var total = mse.reduce(0, +)
        for i in 0..<m {
            var parameter = 0.0
            for k in (triangle.observed(i) - 1)..<max(triangle.observed(i) - 1, n - 1) where weights[k] > 0 {
                parameter += term(k) / weights[k]
            }
            let younger = untailed[(i + 1)...].reduce(0, +)
            total += 2 * untailed[i] * younger * parameter
        }
        let t = cl.development.tail
        self.chainLadder = cl
        self.sigmaSquared = sigma
        self.extrapolated = extrapolated
        self.estimates = zip(cl.estimates, mse).map { estimate, mse in
            var e = estimate
            e.standardError = t * mse.squareRoot()
            return e
        }
        self.totalStandardError = t * total.squareRoot()
    }
}
