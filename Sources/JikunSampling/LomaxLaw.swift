#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Lomax (Pareto II) formulas behind `Severity.lomax`: S(x) = (1 + x/λ)^{−α}.
///
/// Written with log1p/expm1 so that small x and α near 1 keep full precision.
struct LomaxLaw {
    let alpha: Double
    let lambda: Double

    /// λ/(α − 1) for α > 1, otherwise +∞.
    var mean: Double { alpha > 1 ? lambda / (alpha - 1) : .infinity }

    func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : -expm1(-alpha * log1p(x / lambda))
    }

    func survival(_ x: Double) -> Double {
        x <= 0 ? 1 : exp(-alpha * log1p(x / lambda))
    }

    /// λ((1 − u)^{−1/α} − 1).
    func quantile(_ u: Double) -> Double {
        if u <= 0 { return 0 }
        if u >= 1 { return .infinity }
        return lambda * expm1(-log1p(-u) / alpha)
    }

    /// λ(s^{−1/α} − 1).
    func inverseSurvival(_ s: Double) -> Double {
        if s >= 1 { return 0 }
        if s <= 0 { return .infinity }
        return lambda * expm1(-log(s) / alpha)
    }

    /// E[min(X, L)] = λ(1 − (1 + L/λ)^{1−α})/(α − 1), or λ log(1 + L/λ) when α = 1.
    ///
    /// Written as −λ·expm1(−(α − 1)ℓ)/(α − 1) with ℓ = log1p(L/λ), which is accurate for
    /// α arbitrarily close to 1.
    func limitedExpectedValue(_ limit: Double) -> Double {
        let l = log1p(limit / lambda)
        if alpha == 1 { return lambda * l }
        return -lambda * expm1(-(alpha - 1) * l) / (alpha - 1)
    }

    /// Inversion: λ·expm1(E/α), E = −log U exponential.
    func sample(using rng: inout RandomStream) -> Double {
        lambda * expm1(-log(rng.nextOpenDouble()) / alpha)
    }

    /// Given X > t, X + λ is Pareto I with scale t + λ and shape α, so
    /// X = t + (t + λ)·expm1(E/α) exactly (the next double above t if rounding gives x ≤ t).
    func sampleAbove(_ threshold: Double, using rng: inout RandomStream) -> Double {
        if !(threshold > 0) { return sample(using: &rng) }
        precondition(threshold.isFinite, "sampleAbove: no probability mass above \(threshold)")
        let x = threshold + (threshold + lambda) * expm1(-log(rng.nextOpenDouble()) / alpha)
        return x > threshold ? x : threshold.nextUp
    }
}
