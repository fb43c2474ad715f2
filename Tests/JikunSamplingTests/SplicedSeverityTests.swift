import Foundation
import Testing
@testable import JikunSampling

@Suite("Severity.spliced")
struct SplicedSeverityTests {
    /// Lognormal body with F_B(T) ≈ 0.97 (plain rejection nearly always succeeds).
    static let law = Severity.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 20_000,
                                      tailProbability: 0.04, tailShape: 1.8)
    /// Gamma body with the threshold below the body's mean (F_B(T) ≈ 0.44), which sends
    /// about 10% of body draws to the inversion fallback.
    static let lowThreshold = Severity.spliced(body: .gamma(shape: 2, scale: 1000), threshold: 1500,
                                               tailProbability: 0.3, tailShape: 2.5)

    @Test func samplesFollowCDF() {
        SeverityChecks.expectSamplesFollowCDF(Self.law, seed: 401)
        SeverityChecks.expectSamplesFollowCDF(Self.lowThreshold, seed: 402, count: 20_000)
    }

    /// The CDF is continuous at the threshold with value 1 − π.
    @Test func cdfAtThreshold() {
        #expect(abs(Self.law.cdf(20_000) - 0.96) < 1e-15)
        #expect(abs(Self.law.cdf(20_000 * (1 + 1e-12)) - 0.96) < 1e-11)
        #expect(abs(Self.law.survival(20_000) - 0.04) < 1e-15)
    }

    /// Below the threshold (mixing body and tail), just below it (the body part almost
    /// always needs the inversion fallback) and above it (pure Pareto).
    @Test(arguments: [1000.0, 5000.0, 19_900.0, 50_000.0, 1e8])
    func sampleAbove(threshold: Double) {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: threshold, seed: 403)
    }

    @Test(arguments: [500.0, 1400.0, 3000.0])
    func sampleAboveWithGammaBody(threshold: Double) {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.lowThreshold, threshold: threshold, seed: 404,
                                                              count: 10_000)
    }

    @Test func roundTrips() {
        SeverityChecks.expectRoundTrips(Self.law, points: [10, 3000, 19_999, 20_001, 1e6])
        SeverityChecks.expectRoundTrips(Self.lowThreshold, points: [10, 1000, 1499, 1501, 1e5])
    }

    @Test func limitedExpectedValue() {
        SeverityChecks.expectLEVMatchesIntegral(Self.law, limits: [1000, 20_000, 1e5, 1e7], kinks: [20_000])
        SeverityChecks.expectLEVMatchesIntegral(Self.lowThreshold, limits: [1000, 1500, 1e5], kinks: [1500])
        let unitShape = Severity.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 20_000,
                                         tailProbability: 0.04, tailShape: 1)
        SeverityChecks.expectLEVMatchesIntegral(unitShape, limits: [1e5, 1e7], kinks: [20_000])
    }

    @Test func mean() {
        #expect(Severity.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 20_000,
                                 tailProbability: 0.04, tailShape: 1).mean == .infinity)
        // tailShape 4.5 keeps the fourth moment finite for a stable standard error.
        let light = Severity.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 20_000,
                                     tailProbability: 0.04, tailShape: 4.5)
        SeverityChecks.expectMeanMatchesSampleMean(light, seed: 405)
        SeverityChecks.expectMeanMatchesSampleMean(Self.lowThreshold, seed: 406)
    }
}
