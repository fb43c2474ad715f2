#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import JikunSampling

/// A two-sided confidence interval for a rate or a probability.
public struct ConfidenceInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    /// Coverage, e.g. 0.95.
    public var level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}

/// Exact (conservative) intervals: Garwood's for a Poisson count, Clopper–Pearson's for a
/// binomial proportion. Both invert the distribution function at α/2 in each tail.
public enum ExactInterval {
    /// Garwood (1936): for `events` D over `exposure` E, the rate interval
    /// [G⁻¹(α/2; D, 1), G⁻¹(1 − α/2; D + 1, 1)] / E with G the gamma law (so χ²(α/2; 2D)/2E …),
    /// lower bound 0 when D = 0.
    public static func poisson(events: Int, exposure: Double, level: Double = 0.95) -> ConfidenceInterval {
        precondition(events >= 0 && exposure > 0 && level > 0 && level < 1)
        let alpha = 1 - level
        let lower = events == 0 ? 0 : gammaQuantile(Double(events), upperTail: 1 - alpha / 2)
        let upper = gammaQuantile(Double(events + 1), upperTail: alpha / 2)
        return ConfidenceInterval(lower: lower / exposure, upper: upper / exposure, level: level)
    }

    /// The x with Q(a, x) = q (upper-tail probability q of the unit-scale gamma law): the
    /// sampling module's inverse, which handles large shapes (a = 3687 at q = 0.025 is
    /// ExactIntervalTests' 3686-event case).
    static func gammaQuantile(_ a: Double, upperTail q: Double) -> Double {
        SpecialFunctions.inverseRegularizedGammaQ(a, q)
    }

    /// Clopper–Pearson (1934): for x successes in n trials,
    /// [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)], with 0 when x = 0 and 1 when x = n.
    public static func binomial(successes x: Int, trials n: Int, level: Double = 0.95) -> ConfidenceInterval {
        precondition(n >= 1 && x >= 0 && x <= n && level > 0 && level < 1)
        let alpha = 1 - level
        let lower = x == 0 ? 0 : BetaFunction.inverseRegularized(alpha / 2, a: Double(x), b: Double(n - x + 1))
        let upper = x == n ? 1 : BetaFunction.inverseRegularized(1 - alpha / 2, a: Double(x + 1), b: Double(n - x))
        return ConfidenceInterval(lower: lower, upper: upper, level: level)
    }
}

/// The regularised incomplete beta function I_x(a, b) and its inverse in x.
public enum BetaFunction {
    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(b) - SpecialFunctions.logGamma(a + b)
    }

    /// I_x(a, b) by the continued fraction (modified Lentz), applied directly for
    /// x < (a + 1)/(a + b + 2) and through I_x(a, b) = 1 − I_{1−x}(b, a) above it.
    public static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(a * log(x) + b * log1p(-x) - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a, b) / a
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The x in (0, 1) with I_x(a, b) = p, by bisection (I is increasing in x) to the last bit.
    public static func inverseRegularized(_ p: Double, a: Double, b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if regularized(mid, a: a, b: b) < p { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }
}
