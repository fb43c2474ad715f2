/// The formulas behind `Severity.empirical`: the piecewise-linear CDF through
/// (xs[i], cdf[i]), i.e. a mixture of uniforms on the segments with masses
/// cdf[i+1] − cdf[i].
///
/// Survival values are formed as S_i = 1 − cdf[i], which is exact for cdf[i] ≥ ½
/// (Sterbenz), so the upper tail is searched and interpolated in S directly and keeps full
/// relative precision.
struct EmpiricalLaw {
    let xs: [Double]
    let cdf: [Double]

    /// The index j ≥ 1 of the segment [xs[j−1], xs[j]) containing x, for xs[0] ≤ x < xs.last.
    @inline(__always)
    func segment(containing x: Double) -> Int {
        var lo = 1
        var hi = xs.count - 1
        while lo < hi {  // smallest j with xs[j] > x
            let mid = (lo + hi) / 2
            if xs[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    func cdf(_ x: Double) -> Double {
        if x <= xs[0] { return 0 }
        if x >= xs[xs.count - 1] { return 1 }
        let j = segment(containing: x)
        let fraction = (x - xs[j - 1]) / (xs[j] - xs[j - 1])
        return cdf[j - 1] + fraction * (cdf[j] - cdf[j - 1])
    }

    func survival(_ x: Double) -> Double {
        if x <= xs[0] { return 1 }
        if x >= xs[xs.count - 1] { return 0 }
        let j = segment(containing: x)
        let fraction = (x - xs[j - 1]) / (xs[j] - xs[j - 1])
        let upper = 1 - cdf[j - 1], lower = 1 - cdf[j]
        return upper - fraction * (upper - lower)
    }

    /// F⁻¹(u): lower half by search in F, upper half by search in S at s = 1 − u (exact).
    func quantile(_ u: Double) -> Double {
        if u <= 0 { return xs[0] }
        if u >= 1 { return xs[xs.count - 1] }
        if u > 0.5 { return inverseSurvivalInS(1 - u) }
        return quantileInF(u)
    }

    func inverseSurvival(_ s: Double) -> Double {
        if s >= 1 { return xs[0] }
        if s <= 0 { return xs[xs.count - 1] }
        if s > 0.5 { return quantileInF(1 - s) }
        return inverseSurvivalInS(s)
    }

    /// The smallest j with cdf[j] ≥ u has cdf[j−1] < u ≤ cdf[j]; interpolate linearly.
    func quantileInF(_ u: Double) -> Double {
        var lo = 1
        var hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] >= u { hi = mid } else { lo = mid + 1 }
        }
        let i = lo - 1
        let fraction = (u - cdf[i]) / (cdf[lo] - cdf[i])
        return min(xs[i] + fraction * (xs[lo] - xs[i]), xs[lo])
    }

    /// The smallest j with S_j ≤ s has S_{j−1} > s ≥ S_j; interpolate linearly in S.
    func inverseSurvivalInS(_ s: Double) -> Double {
        var lo = 1
        var hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if 1 - cdf[mid] <= s { hi = mid } else { lo = mid + 1 }
        }
        let i = lo - 1
        let upper = 1 - cdf[i], lower = 1 - cdf[lo]
        let fraction = (upper - s) / (upper - lower)
        return min(xs[i] + fraction * (xs[lo] - xs[i]), xs[lo])
    }

    /// ∫₀^L S: 1 on [0, xs[0]], then exact trapezoids of the linear S on each segment.
    func limitedExpectedValue(_ limit: Double) -> Double {
        var total = min(limit, xs[0])
        for j in 1..<xs.count {
            let left = xs[j - 1]
            if left >= limit { break }
            let right = min(xs[j], limit)
            let upper = 1 - cdf[j - 1]
            let lowerAtRight = right == xs[j] ? 1 - cdf[j]
                : upper - (right - left) / (xs[j] - left) * (upper - (1 - cdf[j]))
            total += (right - left) * 0.5 * (upper + lowerAtRight)
        }
        return total
    }

    var mean: Double { limitedExpectedValue(xs[xs.count - 1]) }

    /// Inversion of S on (0, S(t)): s = V·S(t), x = S⁻¹(s), which is exactly X | X > t.
    func sampleAbove(_ t: Double, using rng: inout RandomStream) -> Double {
        if t < xs[0] { return quantile(rng.nextOpenDouble()) }
        let above = survival(t)
        precondition(above > 0, "sampleAbove: no probability mass above \(t)")
        let x = inverseSurvivalInS(rng.nextOpenDouble() * above)
        return x > t ? x : t.nextUp
    }
}
