#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A positive, continuous claim-size (severity) distribution.
///
/// Every case offers its mean, CDF, survival function, quantile and inverse survival
/// function, limited expected value E[min(X, L)], exact sampling and exact sampling
/// conditional on exceeding a threshold. Parameters are not checked on each call: call
/// `validate()` once (e.g. after parsing a scenario); with invalid parameters the other
/// methods return meaningless values.
public enum Severity: Sendable, Equatable {
    /// log X ~ Normal(mu, sigma²).
    case lognormal(mu: Double, sigma: Double)
    /// Gamma with density x^{shape−1} e^{−x/scale} / (Γ(shape) scale^{shape}).
    case gamma(shape: Double, scale: Double)
    /// Lomax (Pareto type II): S(x) = (1 + x/scale)^{−shape}.
    case lomax(shape: Double, scale: Double)
    /// A body below `threshold` spliced to a Pareto I tail above it.
    ///
    /// With probability 1 − `tailProbability` the claim is the body conditioned on
    /// X ≤ threshold; otherwise it is Pareto I above the threshold:
    /// S(x) = tailProbability·(x/threshold)^{−tailShape} for x > threshold.
    indirect case spliced(body: Severity, threshold: Double, tailProbability: Double, tailShape: Double)
    /// The piecewise-linear CDF through the points (xs[i], cdf[i]): cdf runs from 0 at
    /// xs[0] to 1 at the last point; xs strictly increasing (xs[0] ≥ 0), cdf nondecreasing.
    case empirical(xs: [Double], cdf: [Double])

    /// The lognormal with the given mean and coefficient of variation:
    /// σ² = log(1 + cv²), μ = log(mean) − σ²/2.
    ///
    /// Invalid input is not trapped: it yields parameters that `validate()` rejects (μ not
    /// finite when mean ≤ 0 or is not finite; σ ≤ 0 or not finite when cv is). Use
    /// `checkedLognormal(mean:cv:)` for an error that names mean or cv directly.
    public static func lognormal(mean: Double, cv: Double) -> Severity {
        let variance = log1p(cv * cv)
        // σ carries the sign of cv so that a negative cv is rejected rather than mirrored.
        let sigma = cv < 0 ? -variance.squareRoot() : variance.squareRoot()
        return .lognormal(mu: log(mean) - 0.5 * variance, sigma: sigma)
    }

    /// `lognormal(mean:cv:)` for untrusted input: throws a `SeverityError` naming the
    /// impossible parameter instead of stopping.
    public static func checkedLognormal(mean: Double, cv: Double) throws(SeverityError) -> Severity {
        try SeverityError.requirePositive(mean, "mean", in: "lognormal")
        try SeverityError.requirePositive(cv, "cv", in: "lognormal")
        return lognormal(mean: mean, cv: cv)
    }

    // MARK: - Distribution functions

    /// E[X]; +∞ where the mean does not exist (lomax or spliced tail with shape ≤ 1).
    public var mean: Double {
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).mean
        case let .gamma(shape, scale): return shape * scale
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).mean
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape).mean
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).mean
        }
    }

    /// F(x) = P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).cdf(x)
        case let .gamma(shape, scale): return x <= 0 ? 0 : SpecialFunctions.regularizedGamma(shape, x / scale).p
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).cdf(x)
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape).cdf(x)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).cdf(x)
        }
    }

    /// S(x) = P(X > x), computed directly (not as 1 − F) so tail values keep their precision.
    public func survival(_ x: Double) -> Double {
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).survival(x)
        case let .gamma(shape, scale): return x <= 0 ? 1 : SpecialFunctions.regularizedGamma(shape, x / scale).q
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).survival(x)
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape).survival(x)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).survival(x)
        }
    }

    /// F⁻¹(u), the u-quantile, for u in (0, 1). Returns the lower end of the support for
    /// u = 0 and the upper end for u = 1.
    ///
    /// Internally the upper half (u > ½) is computed as the inverse survival function of
    /// 1 − u (exact in floating point), so both tails are accurate.
    public func quantile(_ u: Double) -> Double {
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).quantile(u)
        case let .gamma(shape, scale):
            if u <= 0 { return 0 }
            if u >= 1 { return .infinity }
            return scale * (u <= 0.5
                ? SpecialFunctions.inverseRegularizedGammaP(shape, u)
                : SpecialFunctions.inverseRegularizedGammaQ(shape, 1 - u))
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).quantile(u)
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape).quantile(u)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).quantile(u)
        }
    }

    /// S⁻¹(s): the x with P(X > x) = s, for s in (0, 1). Accurate for tiny s, where
    /// `quantile(1 − s)` would lose the digits of s.
    public func inverseSurvival(_ s: Double) -> Double {
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).inverseSurvival(s)
        case let .gamma(shape, scale):
            if s >= 1 { return 0 }
            if s <= 0 { return .infinity }
            return scale * (s <= 0.5
                ? SpecialFunctions.inverseRegularizedGammaQ(shape, s)
                : SpecialFunctions.inverseRegularizedGammaP(shape, 1 - s))
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).inverseSurvival(s)
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape).inverseSurvival(s)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).inverseSurvival(s)
        }
    }

    /// P(lo < X ≤ hi) = F(hi) − F(lo), from whichever side of the median keeps precision.
    func mass(from lo: Double, to hi: Double) -> Double {
        let lower = cdf(lo)
        if lower < 0.5 { return cdf(hi) - lower }
        return survival(lo) - survival(hi)
    }

    /// The limited expected value E[min(X, limit)] = ∫₀^limit S(x) dx (for limit ≥ 0; for
    /// limit ≤ 0 it is `limit` itself, since X ≥ 0; for limit = +∞ it is the mean).
    ///
    /// Closed forms: lognormal e^{μ+σ²/2} Φ((ln L − μ − σ²)/σ) + L·(1 − Φ((ln L − μ)/σ));
    /// gamma kθ·P(k + 1, L/θ) + L·Q(k, L/θ); lomax λ(1 − (1 + L/λ)^{1−α})/(α − 1)
    /// (λ log(1 + L/λ) for α = 1); empirical by exact trapezoids of the piecewise-linear
    /// S; spliced from the body's own LEV and the Pareto integral.
    public func limitedExpectedValue(_ limit: Double) -> Double {
        if limit.isNaN { return .nan }
        if limit <= 0 { return limit }
        if limit == .infinity { return mean }
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).limitedExpectedValue(limit)
        case let .gamma(shape, scale):
            let y = limit / scale
            return shape * scale * SpecialFunctions.regularizedGamma(shape + 1, y).p
                + limit * SpecialFunctions.regularizedGamma(shape, y).q
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).limitedExpectedValue(limit)
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape)
                .limitedExpectedValue(limit)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).limitedExpectedValue(limit)
        }
    }

    // MARK: - Sampling

    /// One claim size, drawn exactly (inversion with an exact quantile, or rejection).
    ///
    /// Lognormal exp(μ + σZ) with a ziggurat normal; gamma by Marsaglia–Tsang; lomax by
    /// inversion λ(U^{−1/α} − 1); empirical by inversion of the piecewise-linear CDF;
    /// spliced by choosing body or tail with their probabilities, the tail by inversion and
    /// the body conditioned on X ≤ threshold by rejection with an inversion fallback.
    public func sample(using rng: inout RandomStream) -> Double {
        switch self {
        case let .lognormal(mu, sigma): return exp(mu + sigma * rng.standardNormal())
        case let .gamma(shape, scale): return scale * rng.standardGamma(shape: shape)
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).sample(using: &rng)
        case let .spliced(body, threshold, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: threshold, tailProbability: tailProbability, tailShape: tailShape)
                .sample(using: &rng)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).quantile(rng.nextOpenDouble())
        }
    }

    /// One claim size drawn from the distribution conditioned on X > threshold, exactly.
    ///
    /// Lognormal: a truncated normal for log X (`standardNormal(above:)`, exact at any
    /// depth, e.g. beyond the 1 − 10⁻¹⁰⁰ quantile). Gamma: rejection with envelopes adapted
    /// to the threshold. Lomax and the Pareto tail: closed-form inversion (both are again
    /// Pareto-type above a threshold). Empirical: inversion of the survival function on
    /// (0, S(t)). Spliced body: rejection from the body's own `sampleAbove`, with an
    /// inversion fallback on (F_b(t), F_b(threshold)). A threshold below the support gives
    /// an unconditional draw.
    ///
    /// - Precondition: P(X > threshold) > 0 (always true except above an empirical
    ///   distribution's last positive-mass point).
    public func sampleAbove(_ threshold: Double, using rng: inout RandomStream) -> Double {
        precondition(!threshold.isNaN, "sampleAbove: threshold is nan")
        switch self {
        case let .lognormal(mu, sigma): return LognormalLaw(mu: mu, sigma: sigma).sampleAbove(threshold, using: &rng)
        case let .gamma(shape, scale):
            if !(threshold > 0) { return scale * rng.standardGamma(shape: shape) }
            precondition(threshold.isFinite, "sampleAbove: no probability mass above \(threshold)")
            let x = scale * rng.standardGammaAbove(shape: shape, threshold: threshold / scale)
            return x > threshold ? x : threshold.nextUp
        case let .lomax(shape, scale): return LomaxLaw(alpha: shape, lambda: scale).sampleAbove(threshold, using: &rng)
        case let .spliced(body, threshold: splice, tailProbability, tailShape):
            return SplicedLaw(body: body, threshold: splice, tailProbability: tailProbability, tailShape: tailShape)
                .sampleAbove(threshold, using: &rng)
        case let .empirical(xs, cdf): return EmpiricalLaw(xs: xs, cdf: cdf).sampleAbove(threshold, using: &rng)
        }
    }

    /// A draw conditioned on lo < X ≤ hi, by inversion (for bodies of spliced laws).
    ///
    /// The uniform is placed on the side of the median that the interval touches and
    /// inverted with `quantile` below the median and `inverseSurvival` above it, so an
    /// interval deep in either tail is resolved with full relative precision. The result
    /// is clamped into (lo, hi] against rounding.
    @usableFromInline
    func sampleBetween(_ lo: Double, _ hi: Double, using rng: inout RandomStream) -> Double {
        let lowerCDF = cdf(lo)
        let upperCDF = cdf(hi)
        var x: Double
        if upperCDF <= 0.5 {
            x = quantile(lowerCDF + rng.nextOpenDouble() * (upperCDF - lowerCDF))
        } else if lowerCDF >= 0.5 {
            let lowerSurvival = survival(lo)
            let upperSurvival = survival(hi)
            x = inverseSurvival(upperSurvival + rng.nextOpenDouble() * (lowerSurvival - upperSurvival))
        } else {
            let belowMedian = 0.5 - lowerCDF
            let upperSurvival = survival(hi)
            let aboveMedian = 0.5 - upperSurvival
            if rng.nextDouble() * (belowMedian + aboveMedian) < belowMedian {
                x = quantile(lowerCDF + rng.nextOpenDouble() * belowMedian)
            } else {
                x = inverseSurvival(upperSurvival + rng.nextOpenDouble() * aboveMedian)
            }
        }
        if !(x > lo) { x = lo.nextUp }
        if x > hi { x = hi }
        return x
    }
}
