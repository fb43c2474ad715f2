import Foundation
@testable import JikunSampling

/// Goodness-of-fit helpers shared by the suites.
///
/// Every statistical test uses a fixed seed, so a run is deterministic; the thresholds are
/// chosen so that a *correct* sampler would fail with probability about 1e−4 per check
/// (p-value > 1e−4), i.e. the checks are robust to the choice of seed yet catch real
/// errors: with 10⁵ draws a KS test detects a CDF error of about 0.007 and a chi-square
/// test a relative pmf error of a few percent in any bin with ≥ 500 expected draws.
enum StatisticalChecks {
    /// The minimum p-value a correct sampler is expected to exceed.
    static let minimumPValue = 1e-4

    /// Kolmogorov–Smirnov statistic D = sup |F_n − F| of `samples` against `cdf`.
    static func ksStatistic(_ samples: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    /// Asymptotic KS p-value with Stephens' small-sample correction:
    /// λ = (√n + 0.12 + 0.11/√n)·D, p = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}.
    static func ksPValue(d: Double, n: Int) -> Double {
        let rootN = Double(n).squareRoot()
        let lambda = (rootN + 0.12 + 0.11 / rootN) * d
        if lambda < 0.2 { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? term : -term)
            if term < 1e-18 { break }
        }
        return min(1, max(0, 2 * sum))
    }

    /// KS p-value of `samples` against `cdf`.
    static func ksPValue(_ samples: [Double], cdf: (Double) -> Double) -> Double {
        ksPValue(d: ksStatistic(samples, cdf: cdf), n: samples.count)
    }

    /// Pearson chi-square test of integer `samples` against `pmf` on [lo, hi].
    ///
    /// Values below lo (above hi) are counted in the first (last) bin, which also receives
    /// the pmf mass outside [lo, hi]; adjacent bins are pooled left to right until each
    /// expects at least 5 draws (the usual validity rule). Returns the statistic, the
    /// degrees of freedom (bins − 1) and the upper-tail p-value Q(df/2, X²/2).
    static func chiSquare(_ samples: [Int], lo: Int, hi: Int, pmf: (Int) -> Double)
        -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        let n = Double(samples.count)
        var observed = [Double](repeating: 0, count: hi - lo + 1)
        for k in samples { observed[min(max(k, lo), hi) - lo] += 1 }
        var expected = (lo...hi).map { n * pmf($0) }
        let missing = n - expected.reduce(0, +)
        if missing > 0 { expected[expected.count - 1] += missing }
        var bins: [(expected: Double, observed: Double)] = []
        var current = (expected: 0.0, observed: 0.0)
        for i in expected.indices {
            current.expected += expected[i]
            current.observed += observed[i]
            if current.expected >= 5 {
                bins.append(current)
                current = (0, 0)
            }
        }
        if current.expected > 0 || current.observed > 0 {
            if bins.isEmpty { bins.append(current) } else {
                bins[bins.count - 1].expected += current.expected
                bins[bins.count - 1].observed += current.observed
            }
        }
        let statistic = bins.reduce(0.0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
        let df = bins.count - 1
        let p = df > 0 ? SpecialFunctions.regularizedGammaQ(Double(df) / 2, statistic / 2) : 1
        return (statistic, df, p)
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Unbiased sample variance (two-pass).
    static func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    }

    /// ∫_a^b f by adaptive Simpson with absolute tolerance `tolerance`.
    static func integrate(_ f: (Double) -> Double, from a: Double, to b: Double, tolerance: Double = 1e-10) -> Double {
        func simpson(_ a: Double, _ b: Double, _ fa: Double, _ fm: Double, _ fb: Double) -> Double {
            (b - a) / 6 * (fa + 4 * fm + fb)
        }
        func recurse(_ a: Double, _ b: Double, _ fa: Double, _ fm: Double, _ fb: Double,
                     _ whole: Double, _ tolerance: Double, _ depth: Int) -> Double {
            let m = 0.5 * (a + b)
            let lm = 0.5 * (a + m), rm = 0.5 * (m + b)
            let flm = f(lm), frm = f(rm)
            let left = simpson(a, m, fa, flm, fm), right = simpson(m, b, fm, frm, fb)
            if depth <= 0 || abs(left + right - whole) <= 15 * tolerance {
                return left + right + (left + right - whole) / 15
            }
            return recurse(a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
                + recurse(m, b, fm, frm, fb, right, tolerance / 2, depth - 1)
        }
        let fa = f(a), fb = f(b), fm = f(0.5 * (a + b))
        return recurse(a, b, fa, fm, fb, simpson(a, b, fa, fm, fb), tolerance, 40)
    }

    /// ∫ f over consecutive breakpoints (so kinks and scale changes are respected).
    static func integrate(_ f: (Double) -> Double, breakpoints: [Double], tolerance: Double = 1e-10) -> Double {
        var total = 0.0
        for i in 1..<breakpoints.count {
            total += integrate(f, from: breakpoints[i - 1], to: breakpoints[i], tolerance: tolerance)
        }
        return total
    }

    /// log of the binomial pmf via lgamma, as an independent reference.
    static func binomialLogPMF(_ k: Int, n: Int, p: Double) -> Double {
        if p == 0 { return k == 0 ? 0 : -.infinity }
        if p == 1 { return k == n ? 0 : -.infinity }
        return lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
            + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// log of the Poisson pmf via lgamma.
    static func poissonLogPMF(_ k: Int, mean: Double) -> Double {
        -mean + Double(k) * log(mean) - lgamma(Double(k) + 1)
    }
}
