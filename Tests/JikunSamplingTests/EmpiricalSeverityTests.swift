import Foundation
import Testing
@testable import JikunSampling

@Suite("Severity.empirical")
struct EmpiricalSeverityTests {
    /// Includes a flat stretch (no mass on (500, 1000]) and a positive lower end.
    static let law = Severity.empirical(xs: [50, 100, 500, 1000, 5000, 20_000],
                                        cdf: [0, 0.2, 0.5, 0.5, 0.9, 1])

    @Test func samplesFollowCDF() {
        SeverityChecks.expectSamplesFollowCDF(Self.law, seed: 501)
        var rng = RandomStream(seed: 502, stream: 0)
        for _ in 0..<10_000 {
            let x = Self.law.sample(using: &rng)
            #expect(x >= 50 && x <= 20_000)
            #expect(!(x > 500 && x < 1000))
        }
    }

    @Test(arguments: [10.0, 75.0, 700.0, 4000.0, 19_999.0])
    func sampleAbove(threshold: Double) {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: threshold, seed: 503)
    }

    @Test func distributionFunctions() {
        #expect(Self.law.cdf(0) == 0)
        #expect(Self.law.cdf(50) == 0)
        #expect(abs(Self.law.cdf(75) - 0.1) < 1e-15)
        #expect(Self.law.cdf(700) == 0.5)
        #expect(abs(Self.law.survival(12_500) - 0.05) < 1e-15)
        #expect(Self.law.cdf(30_000) == 1)
        #expect(Self.law.quantile(0.5) == 500)  // the lower end of the flat stretch
        #expect(abs(Self.law.quantile(0.95) - 12_500) < 1e-9)
        #expect(abs(Self.law.inverseSurvival(0.01) - 18_500) < 1e-9)
    }

    @Test func roundTrips() {
        // Points in the flat stretch (500, 1000) are excluded: F is not invertible there.
        // Near x = 50 and x = 20 000 a quantile is only resolved to ulp(x), i.e. to about
        // ulp(50)·f(50) ≈ 3e−17 in probability, hence the absolute allowance 1e−16.
        SeverityChecks.expectRoundTrips(Self.law, points: [51, 75, 100, 499, 1001, 4000, 19_999], absolute: 1e-16)
    }

    /// The LEV is exact for a piecewise-linear S; the mean by hand:
    /// 50 + 50·0.9 + 400·0.65 + 500·0.5 + 4000·0.3 + 15000·0.05 = 2555.
    @Test func limitedExpectedValueAndMean() {
        SeverityChecks.expectLEVMatchesIntegral(Self.law, limits: [30, 75, 700, 4000, 20_000, 1e5],
                                                kinks: [50, 100, 500, 1000, 5000, 20_000])
        #expect(abs(Self.law.mean - 2555) < 1e-9)
        SeverityChecks.expectMeanMatchesSampleMean(Self.law, seed: 504)
    }
}
