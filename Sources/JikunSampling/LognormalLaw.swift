#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lognormal formulas behind `Severity.lognormal`: log X ~ N(μ, σ²).
@usableFromInline
struct LognormalLaw: Sendable {
    @usableFromInline let mu: Double
    @usableFromInline let sigma: Double

    @usableFromInline
    init(mu: Double, sigma: Double) {
        self.mu = mu
        self.sigma = sigma
    }

    /// z = (log x − μ)/σ.
    @inline(__always)
    func standardized(_ x: Double) -> Double { (log(x) - mu) / sigma }

    /// E[X] = exp(μ + σ²/2).
    var mean: Double { exp(mu + 0.5 * sigma * sigma) }

    func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : NormalDistribution.cdf(standardized(x))
    }

    func survival(_ x: Double) -> Double {
        x <= 0 ? 1 : NormalDistribution.survival(standardized(x))
    }

    /// exp(μ + σΦ⁻¹(u)).
    func quantile(_ u: Double) -> Double {
        if u <= 0 { return 0 }
        return exp(mu + sigma * NormalDistribution.quantile(min(u, 1)))
    }

    /// exp(μ − σΦ⁻¹(s)), accurate for tiny s.
    func inverseSurvival(_ s: Double) -> Double {
        if s >= 1 { return 0 }
        return exp(mu + sigma * NormalDistribution.upperQuantile(max(s, 0)))
    }

    /// E[min(X, L)] = e^{μ+σ²/2} Φ(z − σ) + L (1 − Φ(z)), z = (ln L − μ)/σ, L > 0.
    func limitedExpectedValue(_ limit: Double) -> Double {
        let z = standardized(limit)
        return mean * NormalDistribution.cdf(z - sigma) + limit * NormalDistribution.survival(z)
    }

    /// exp(μ + σZ) with Z conditioned on Z > (log t − μ)/σ. In the rounding-only event
    /// that exp(·) lands on or below t, the next double above t is returned.
    func sampleAbove(_ threshold: Double, using rng: inout RandomStream) -> Double {
        if !(threshold > 0) { return exp(mu + sigma * rng.standardNormal()) }
        precondition(threshold.isFinite, "sampleAbove: no probability mass above \(threshold)")
        let x = exp(mu + sigma * NormalTail(above: standardized(threshold)).sample(using: &rng))
        return x > threshold ? x : threshold.nextUp
    }
}
