import Foundation
import Testing
@testable import JikunSampling

@Suite("Severity.lomax")
struct LomaxSeverityTests {
    static let law = Severity.lomax(shape: 2.5, scale: 1000)

    @Test(arguments: [0.8, 2.5])
    func samplesFollowCDF(shape: Double) {
        SeverityChecks.expectSamplesFollowCDF(.lomax(shape: shape, scale: 1000), seed: 301)
    }

    @Test(arguments: [1.0, 500.0, 1e6, 1e12])
    func sampleAbove(threshold: Double) {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: threshold, seed: 302)
    }

    @Test func roundTrips() {
        SeverityChecks.expectRoundTrips(Self.law, points: [1e-3, 1, 500, 1000, 1e5, 1e9])
    }

    /// Covers α > 1, α = 1 (logarithmic form), α just above 1 (the expm1 form) and α < 1.
    @Test(arguments: [2.5, 1.0, 1.000001, 0.8])
    func limitedExpectedValue(shape: Double) {
        let law = Severity.lomax(shape: shape, scale: 1000)
        SeverityChecks.expectLEVMatchesIntegral(law, limits: [10, 1000, 1e5])
    }

    @Test func meanIsInfiniteForHeavyTails() {
        #expect(Severity.lomax(shape: 1, scale: 10).mean == .infinity)
        #expect(Severity.lomax(shape: 0.5, scale: 10).mean == .infinity)
        #expect(abs(Self.law.mean - 1000 / 1.5) < 1e-9)
    }

    /// α = 5 has a finite fourth moment, so the sample sd is a stable standard error.
    @Test func meanMatchesSampleMean() {
        SeverityChecks.expectMeanMatchesSampleMean(.lomax(shape: 5, scale: 1000), seed: 303)
    }
}
