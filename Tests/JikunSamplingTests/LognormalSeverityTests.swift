import Foundation
import Testing
@testable import JikunSampling

@Suite("Severity.lognormal")
struct LognormalSeverityTests {
    static let law = Severity.lognormal(mu: 8, sigma: 1.1)

    @Test func samplesFollowCDF() {
        SeverityChecks.expectSamplesFollowCDF(Self.law, seed: 101)
    }

    /// Thresholds in each regime of the truncated-normal sampler (z < 0, 0 ≤ z < 1, z ≥ 1),
    /// at the 0.9999 quantile, and at survival 1e−30 (z ≈ 11.4) where inversion of
    /// u ∈ (F(t), 1) would be impossible in double precision.
    @Test(arguments: [0.3, 0.6, 0.99, 0.9999])
    func sampleAboveQuantile(level: Double) {
        let t = Self.law.quantile(level)
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: t, seed: 102)
    }

    @Test func sampleAboveFarTail() {
        let t = Self.law.inverseSurvival(1e-30)
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: t, seed: 103)
        // Far beyond where S underflows, draws still exceed the threshold and stay finite.
        var rng = RandomStream(seed: 104, stream: 0)
        let extreme = Self.law.inverseSurvival(1e-300)
        for _ in 0..<100 {
            let x = Self.law.sampleAbove(extreme, using: &rng)
            #expect(x > extreme && x.isFinite)
        }
    }

    /// A nearly degenerate σ puts the conditional spread below one ulp of t; the draw
    /// must still exceed t and the call must end.
    @Test func sampleAboveWithTinySigma() {
        var rng = RandomStream(seed: 107, stream: 0)
        let law = Severity.lognormal(mu: 5, sigma: 1e-14)
        let t = law.quantile(0.999)
        for _ in 0..<100 {
            #expect(law.sampleAbove(t, using: &rng) > t)
        }
    }

    @Test func sampleAboveBelowSupportIsUnconditional() {
        SeverityChecks.expectSampleAboveFollowsConditionalCDF(Self.law, threshold: 0, seed: 105)
    }

    @Test func roundTrips() {
        SeverityChecks.expectRoundTrips(Self.law, points: [1, 50, 800, 2981, 10_000, 1e5, 1e6])
    }

    @Test func limitedExpectedValue() {
        SeverityChecks.expectLEVMatchesIntegral(Self.law, limits: [100, 2000, 10_000, 1e5, 1e6])
    }

    @Test func meanMatchesSampleMean() {
        #expect(abs(Self.law.mean - exp(8 + 0.5 * 1.1 * 1.1)) < 1e-9)
        SeverityChecks.expectMeanMatchesSampleMean(Self.law, seed: 106)
    }

    /// lognormal(mean:cv:) reproduces the requested mean and coefficient of variation:
    /// Var = mean²·(e^{σ²} − 1) = (cv·mean)².
    @Test func meanAndCVConstructor() throws {
        let law = Severity.lognormal(mean: 5000, cv: 1.5)
        guard case let .lognormal(mu, sigma) = law else {
            Issue.record("expected a lognormal case")
            return
        }
        #expect(abs(law.mean - 5000) < 1e-9)
        let cv = (expm1(sigma * sigma)).squareRoot()
        #expect(abs(cv - 1.5) < 1e-12)
        #expect(abs(mu - (log(5000) - 0.5 * sigma * sigma)) < 1e-12)
        #expect(try Severity.checkedLognormal(mean: 5000, cv: 1.5) == law)
    }
}
