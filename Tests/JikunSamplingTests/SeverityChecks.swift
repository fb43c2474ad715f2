import Foundation
import Testing
@testable import JikunSampling

/// Checks shared by the per-case severity suites.
enum SeverityChecks {
    /// KS of `count` draws of `sample` against `severity.cdf`; p-value > 1e−4.
    static func expectSamplesFollowCDF(_ severity: Severity, seed: UInt64, count: Int = 50_000,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        var rng = RandomStream(seed: seed, stream: 0)
        let samples = (0..<count).map { _ in severity.sample(using: &rng) }
        #expect(samples.allSatisfy { $0 >= 0 && $0.isFinite }, sourceLocation: sourceLocation)
        let p = StatisticalChecks.ksPValue(samples) { severity.cdf($0) }
        #expect(p > StatisticalChecks.minimumPValue, "KS p-value \(p)", sourceLocation: sourceLocation)
    }

    /// KS of draws from `sampleAbove(t)` against the conditional CDF 1 − S(x)/S(t)
    /// (= (F(x) − F(t))/(1 − F(t)), written with S so that far-tail thresholds keep
    /// precision); every draw must exceed t.
    static func expectSampleAboveFollowsConditionalCDF(_ severity: Severity, threshold t: Double, seed: UInt64,
                                                       count: Int = 20_000,
                                                       sourceLocation: SourceLocation = #_sourceLocation) {
        var rng = RandomStream(seed: seed, stream: 1)
        let samples = (0..<count).map { _ in severity.sampleAbove(t, using: &rng) }
        #expect(samples.allSatisfy { $0 > t && $0.isFinite }, "a draw was not above \(t)", sourceLocation: sourceLocation)
        let tail = severity.survival(t)
        #expect(tail > 0, sourceLocation: sourceLocation)
        let p = StatisticalChecks.ksPValue(samples) { 1 - severity.survival($0) / tail }
        #expect(p > StatisticalChecks.minimumPValue, "KS p-value \(p) above \(t)", sourceLocation: sourceLocation)
    }

    /// Round trips of the distribution functions and their inverses.
    ///
    /// For each point x, the well-conditioned direction is checked: quantile(cdf(x)) ≈ x
    /// where F(x) ≤ ½ and inverseSurvival(survival(x)) ≈ x where S(x) < ½ (the other
    /// direction, e.g. quantile of an F rounded to 1 − 1e−13, cannot resolve x). Then
    /// cdf(quantile(p)) ≈ p and survival(inverseSurvival(p)) ≈ p on a log grid of p from
    /// 1e−12 to 0.3. Relative tolerance 1e−9: the functions are accurate to ~1e−14, but
    /// x ↦ F(x) amplifies errors by its condition number x f(x)/F(x); `absolute` allows for
    /// x itself being rounded (|Δp| ≈ ulp(x)·f(x)) when the support starts above 0.
    static func expectRoundTrips(_ severity: Severity, points: [Double], tolerance: Double = 1e-9,
                                 absolute: Double = 0, sourceLocation: SourceLocation = #_sourceLocation) {
        for x in points {
            if severity.cdf(x) <= 0.5 {
                let back = severity.quantile(severity.cdf(x))
                #expect(abs(back - x) <= tolerance * x, "quantile(cdf(\(x))) = \(back)", sourceLocation: sourceLocation)
            } else {
                let back = severity.inverseSurvival(severity.survival(x))
                #expect(abs(back - x) <= tolerance * x, "inverseSurvival(survival(\(x))) = \(back)",
                        sourceLocation: sourceLocation)
            }
        }
        for exponent in stride(from: -12.0, through: -0.5, by: 0.5) {
            let p = pow(10, exponent)
            let u = severity.cdf(severity.quantile(p))
            let s = severity.survival(severity.inverseSurvival(p))
            #expect(abs(u - p) <= tolerance * p + absolute, "cdf(quantile(\(p))) = \(u)", sourceLocation: sourceLocation)
            #expect(abs(s - p) <= tolerance * p + absolute, "survival(inverseSurvival(\(p))) = \(s)",
                    sourceLocation: sourceLocation)
        }
    }

    /// limitedExpectedValue(L) against adaptive Simpson of ∫₀^L S(x) dx (absolute tolerance
    /// 1e−11·L, breakpoints at 0, at 0.1%, 1%, 10%, 30% of L, at the given kinks and at L);
    /// agreement to 1e−7 relative, far above the quadrature error.
    static func expectLEVMatchesIntegral(_ severity: Severity, limits: [Double], kinks: [Double] = [],
                                         sourceLocation: SourceLocation = #_sourceLocation) {
        for limit in limits {
            var breakpoints = [0.0]
            for fraction in [1e-3, 1e-2, 0.1, 0.3] { breakpoints.append(fraction * limit) }
            breakpoints.append(contentsOf: kinks.filter { $0 > 0 && $0 < limit })
            breakpoints.append(limit)
            breakpoints.sort()
            let integral = StatisticalChecks.integrate({ severity.survival($0) }, breakpoints: breakpoints,
                                                       tolerance: 1e-11 * limit)
            let lev = severity.limitedExpectedValue(limit)
            #expect(abs(lev - integral) <= 1e-7 * integral, "LEV(\(limit)) = \(lev), integral \(integral)",
                    sourceLocation: sourceLocation)
            #expect(lev <= limit && lev <= severity.mean * (1 + 1e-12), sourceLocation: sourceLocation)
        }
        #expect(severity.limitedExpectedValue(0) == 0, sourceLocation: sourceLocation)
        let mean = severity.mean
        if mean.isFinite {
            #expect(abs(severity.limitedExpectedValue(.infinity) - mean) <= 1e-12 * mean, sourceLocation: sourceLocation)
        }
    }

    /// The sample mean of 10⁵ draws is within 4 standard errors (sample sd/√n) of `mean`.
    /// Only used for laws with a finite fourth moment, so that the sd estimate is stable.
    static func expectMeanMatchesSampleMean(_ severity: Severity, seed: UInt64, count: Int = 100_000,
                                            sourceLocation: SourceLocation = #_sourceLocation) {
        var rng = RandomStream(seed: seed, stream: 2)
        let samples = (0..<count).map { _ in severity.sample(using: &rng) }
        let sampleMean = StatisticalChecks.mean(samples)
        let standardError = (StatisticalChecks.variance(samples) / Double(count)).squareRoot()
        #expect(abs(sampleMean - severity.mean) < 4 * standardError,
                "sample mean \(sampleMean), mean \(severity.mean), SE \(standardError)", sourceLocation: sourceLocation)
    }
}
