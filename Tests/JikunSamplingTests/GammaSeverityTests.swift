import Foundation
import Testing
@testable import JikunSampling

@Suite("Severity.gamma")
struct GammaSeverityTests {
    static let law = Severity.gamma(shape: 2.5, scale: 400)
    static let smallShape = Severity.gamma(shape: 0.5, scale: 1000)

    @Test(arguments: [0.5, 2.5, 50.0])
    func samplesFollowCDF(shape: Double) {
        SeverityChecks.expectSamplesFollowCDF(.gamma(shape: shape, scale: 400), seed: 201)
    }

    /// Thresholds below the mean (rejection from the unconditional), above it (optimal
    /// exponential proposal) and at survival 1e−12.
    @Test(arguments: [0.2, 0.5, 0.9, 0.999])
    func sampleAboveQuantile(level: Double) {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: Self.law.quantile(level), seed: 202)
    }

    @Test func sampleAboveFarTail() {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: Self.law.inverseSurvival(1e-12),
                                                              seed: 203)
    }

    /// Shape < 1 uses the two-piece envelope: thresholds with t/scale < 1 (both pieces) and
    /// ≥ 1 (exponential piece only); shape 1 is the memoryless case; shape 50 the large one.
    @Test(arguments: [
        (0.5, 0.01), (0.5, 0.3), (0.5, 0.95), (0.5, 0.99999),
        (1.0, 0.5), (50.0, 0.3), (50.0, 0.99),
    ])
    func sampleAboveOtherShapes(shape: Double, level: Double) {
        let law = Severity.gamma(shape: shape, scale: 1000)
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(law, threshold: law.quantile(level), seed: 204)
    }

    /// Thresholds where S underflows to 0 still give draws above them, without spinning.
    @Test func sampleAboveBeyondUnderflow() {
        var rng = RandomStream(seed: 206, stream: 0)
        for law in [Self.law, Self.smallShape, Severity.gamma(shape: 1, scale: 1)] {
            for t in [1e6, 1e20, 1e300] {
                let x = law.sampleAbove(t, using: &rng)
                #expect(x > t && x.isFinite)
            }
        }
    }

    @Test func roundTrips() {
        SeverityChecks.expectRoundTrips(Self.law, points: [1, 100, 1000, 5000, 20_000])
        SeverityChecks.expectRoundTrips(Self.smallShape, points: [1e-6, 1, 100, 1000, 20_000])
    }

    @Test func limitedExpectedValue() {
        SeverityChecks.expectLEVMatchesIntegral(Self.law, limits: [50, 1000, 5000, 50_000])
        SeverityChecks.expectLEVMatchesIntegral(Self.smallShape, limits: [10, 1000, 20_000])
    }

    @Test func meanMatchesSampleMean() {
        #expect(Self.law.mean == 1000)
        SeverityChecks.expectMeanMatchesSampleMean(Self.law, seed: 205)
    }
}
