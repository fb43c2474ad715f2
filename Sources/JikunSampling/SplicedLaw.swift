#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The formulas behind `Severity.spliced`: body B conditioned on X ≤ T with probability
/// 1 − π, Pareto I above T with probability π.
///
/// F(x) = (1 − π) F_B(x)/F_B(T) for x ≤ T, and S(x) = π (x/T)^{−α} for x > T.
struct SplicedLaw {
    let body: Severity
    let threshold: Double
    let tailProbability: Double
    let tailShape: Double

    /// The Pareto I tail's x with π(x/T)^{−α} = s, for 0 < s ≤ π.
    func tailInverseSurvival(_ s: Double) -> Double {
        threshold * exp(-log(s / tailProbability) / tailShape)
    }

    /// (1 − π)·E[B | B ≤ T] + π·αT/(α − 1), with E[B | B ≤ T] = (LEV_B(T) − T·S_B(T))/F_B(T);
    /// +∞ when α ≤ 1.
    var mean: Double {
        if tailShape <= 1 { return .infinity }
        let bodyBelow = (body.limitedExpectedValue(threshold) - threshold * body.survival(threshold)) / body.cdf(threshold)
        return (1 - tailProbability) * bodyBelow + tailProbability * tailShape * threshold / (tailShape - 1)
    }

    func cdf(_ x: Double) -> Double {
        if x <= threshold { return (1 - tailProbability) * body.cdf(x) / body.cdf(threshold) }
        return 1 - survival(x)
    }

    func survival(_ x: Double) -> Double {
        if x <= threshold {
            return tailProbability + (1 - tailProbability) * body.mass(from: x, to: threshold) / body.cdf(threshold)
        }
        return tailProbability * exp(-tailShape * log(x / threshold))
    }

    func quantile(_ u: Double) -> Double {
        if u <= 0 { return body.quantile(0) }
        if u >= 1 { return .infinity }
        if 1 - u < tailProbability { return tailInverseSurvival(1 - u) }
        return bodyQuantile(lowerFraction: u / (1 - tailProbability))
    }

    func inverseSurvival(_ s: Double) -> Double {
        if s >= 1 { return body.quantile(0) }
        if s <= 0 { return .infinity }
        if s < tailProbability { return tailInverseSurvival(s) }
        return bodyQuantile(lowerFraction: (1 - s) / (1 - tailProbability))
    }

    /// The body's quantile at the fraction w ∈ [0, 1] of its mass below T, i.e. the x ≤ T
    /// with F_B(x) = w·F_B(T); inverted through S_B when that is above the body's median.
    func bodyQuantile(lowerFraction w: Double) -> Double {
        let bodyCDFAtThreshold = body.cdf(threshold)
        let target = w * bodyCDFAtThreshold
        let x: Double
        if target <= 0.5 {
            x = body.quantile(target)
        } else {
            x = body.inverseSurvival(body.survival(threshold) + (1 - w) * bodyCDFAtThreshold)
        }
        return min(x, threshold)
    }

    /// For L ≤ T: L − (1 − π)(L − LEV_B(L))/F_B(T), because ∫₀^L F_B = L − LEV_B(L).
    /// For L > T: LEV(T) + πT∫₁^{L/T} y^{−α} dy.
    func limitedExpectedValue(_ limit: Double) -> Double {
        let bodyCDFAtThreshold = body.cdf(threshold)
        func belowThreshold(_ l: Double) -> Double {
            l - (1 - tailProbability) * (l - body.limitedExpectedValue(l)) / bodyCDFAtThreshold
        }
        if limit <= threshold { return belowThreshold(limit) }
        let logRatio = log(limit / threshold)
        let integral = tailShape == 1 ? logRatio : expm1((1 - tailShape) * logRatio) / (1 - tailShape)
        return belowThreshold(threshold) + tailProbability * threshold * integral
    }

    /// Pareto I above `from` (≥ T): from·U^{−1/α} (the next double above `from` if
    /// rounding gives x ≤ from).
    func sampleTail(above from: Double, using rng: inout RandomStream) -> Double {
        // U^{−1/α} = e^{E/α} with E a standard exponential.
        let x = from * exp(rng.standardExponential() / tailShape)
        return x > from ? x : from.nextUp
    }

    /// Tail with probability π, else the body conditioned on X ≤ T: up to four plain body
    /// draws (accepting the first ≤ T), then inversion. Either route yields exactly the
    /// conditional law, so the mixture of the two does too.
    func sample(using rng: inout RandomStream) -> Double {
        if rng.nextDouble() < tailProbability { return sampleTail(above: threshold, using: &rng) }
        for _ in 0..<4 {
            let x = body.sample(using: &rng)
            if x <= threshold { return x }
        }
        return body.sampleBetween(0, threshold, using: &rng)
    }

    /// Above T: Pareto I above t. Below T: the tail with probability π/S(t), else the body
    /// on (t, T] (rejection from the body's `sampleAbove`, then inversion, as in `sample`).
    /// (`ConditionalSeverity` draws the same law with its constants prepared, for the engine.)
    func sampleAbove(_ t: Double, using rng: inout RandomStream) -> Double {
        if !(t > 0) { return sample(using: &rng) }
        precondition(t.isFinite, "sampleAbove: no probability mass above \(t)")
        if t >= threshold { return sampleTail(above: t, using: &rng) }
        if rng.nextDouble() * survival(t) < tailProbability { return sampleTail(above: threshold, using: &rng) }
        for _ in 0..<4 {
            let x = body.sampleAbove(t, using: &rng)
            if x <= threshold { return x }
        }
        return body.sampleBetween(t, threshold, using: &rng)
    }
}
