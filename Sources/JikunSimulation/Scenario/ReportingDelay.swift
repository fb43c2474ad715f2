import Foundation
import JikunPolicy
import JikunSampling

/// How long a claim takes from its event to the insurer (`[events.<line>.reporting_delay]`),
/// in days. A line without one is reported on the day of its event.
///
/// The delay in whole days is ⌊X⌋ with X of the law below, so a claim whose event falls on day d
/// is known at the end of day a (the clearing date) when ⌊X⌋ ≤ a − d, i.e. with probability
/// P(X < a − d + 1).
public enum ReportingDelay: Sendable, Equatable {
    /// Exponential with this mean in days.
    case exponential(meanDays: Double)
    /// Lognormal with this median in days and σ of log X.
    case lognormal(medianDays: Double, sigma: Double)

    /// P(X < x), x in days.
    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        switch self {
        case .exponential(let mean): return -expm1(-x / mean)
        case .lognormal(let median, let sigma): return NormalDistribution.cdf(log(x / median) / sigma)
        }
    }

    /// The chance that a claim whose event falls on `event` is known by the end of `asOf`.
    public func knownProbability(event: CivilDate, asOf: CivilDate) -> Double {
        cdf(Double(Int(asOf.daysSinceEpoch) - Int(event.daysSinceEpoch) + 1))
    }

    /// Reads `law = "exponential"` with `mean_days`, or `law = "lognormal"` with `median_days`
    /// and `sigma`.
    static func read(_ t: ConfigReader) throws -> ReportingDelay {
        let law = try t.string("law")
        let delay: ReportingDelay
        func positive(_ key: String, _ what: String) throws -> Double {
            let x = try t.double(key)
            guard x.isFinite, x > 0 else { throw t.error(key, "expected \(what) > 0, got \(x)") }
            return x
        }
        switch law {
        case "exponential":
            delay = .exponential(meanDays: try positive("mean_days", "a mean delay in days"))
        case "lognormal":
            delay = .lognormal(medianDays: try positive("median_days", "a median delay in days"),
                               sigma: try positive("sigma", "a σ of the log delay"))
        default:
            throw t.error("law", "expected exponential or lognormal, got \"\(law)\"")
        }
        t.skip("source")
        try t.finish()
        return delay
    }
}
