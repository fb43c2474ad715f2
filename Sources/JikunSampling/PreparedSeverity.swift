#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A severity with the constants of its inversion computed once, for a hot loop that inverts
/// it millions of times (the simulation's claim amounts). Same formulas as `Severity`, so the
/// same values: only the per-call recomputation of, e.g., a spliced body's F(threshold) is gone.
public struct PreparedSeverity: Sendable {
    @usableFromInline enum Form: Sendable {
        case lognormal(mu: Double, sigma: Double)
        /// A lognormal body below `threshold`, Pareto tail above.
        case splicedLognormal(mu: Double, sigma: Double, threshold: Double, tailProbability: Double, tailShape: Double,
                              bodyCDFAtThreshold: Double, bodySurvivalAtThreshold: Double)
        case general(Severity)
    }
    @usableFromInline let form: Form
    public let severity: Severity

    public init(_ severity: Severity) {
        self.severity = severity
        switch severity {
        case let .lognormal(mu, sigma):
            form = .lognormal(mu: mu, sigma: sigma)
        case let .spliced(.lognormal(mu, sigma), threshold, tailProbability, tailShape):
            let body = Severity.lognormal(mu: mu, sigma: sigma)
            form = .splicedLognormal(mu: mu, sigma: sigma, threshold: threshold, tailProbability: tailProbability,
                                     tailShape: tailShape, bodyCDFAtThreshold: body.cdf(threshold),
                                     bodySurvivalAtThreshold: body.survival(threshold))
        default:
            form = .general(severity)
        }
    }

    /// S⁻¹(s), as `Severity.inverseSurvival`.
    @inlinable
    public func inverseSurvival(_ s: Double) -> Double { inverseSurvivalImplementation(s) }

    @usableFromInline
    func inverseSurvivalImplementation(_ s: Double) -> Double {
        switch form {
        case let .lognormal(mu, sigma):
            if s >= 1 { return 0 }
            return exp(mu + sigma * NormalDistribution.upperQuantile(max(s, 0)))
        case let .splicedLognormal(mu, sigma, threshold, tailProbability, tailShape, bodyCDF, bodySurvival):
            if s >= 1 { return 0 }
            if s <= 0 { return .infinity }
            if s < tailProbability { return threshold * exp(-log(s / tailProbability) / tailShape) }
            let w = (1 - s) / (1 - tailProbability)
            let target = w * bodyCDF
            let x = target <= 0.5
                ? exp(mu + sigma * NormalDistribution.quantile(target))
                : exp(mu + sigma * NormalDistribution.upperQuantile(bodySurvival + (1 - w) * bodyCDF))
            return min(x, threshold)
        case let .general(severity):
            return severity.inverseSurvival(s)
        }
    }

    /// A draw, as `Severity.sample(using:)` (the lognormal by its normal variate).
    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        if case let .lognormal(mu, sigma) = form { return rng.lognormal(mu: mu, sigma: sigma) }
        return severity.sample(using: &rng)
    }
}
