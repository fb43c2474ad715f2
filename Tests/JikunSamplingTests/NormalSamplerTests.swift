import Foundation
import Testing
@testable import JikunSampling

@Suite("Normal, exponential and lognormal samplers")
struct NormalSamplerTests {
    /// KS against Φ on 2·10⁵ draws (detects a CDF error of ~0.005 at p = 1e−4).
    @Test func standardNormalKS() {
        var rng = RandomStream(seed: 11, stream: 0)
        let samples = (0..<200_000).map { _ in rng.standardNormal() }
        #expect(StatisticalChecks.ksPValue(samples, cdf: NormalDistribution.cdf) > StatisticalChecks.minimumPValue)
    }

    /// Moments on 10⁶ draws. Standard errors: mean 1/√n = 0.001, variance √(2/n) ≈ 0.0014,
    /// skewness √(6/n) ≈ 0.0024, excess kurtosis √(24/n) ≈ 0.0049; the check allows 5 SE.
    /// The tail count exercises the ziggurat's tail algorithm: P(|Z| > r) = 2(1 − Φ(r)),
    /// ≈ 258 expected, binomial sd ≈ 16, allowed 5 sd.
    @Test func standardNormalMomentsAndTail() {
        var rng = RandomStream(seed: 12, stream: 0)
        let n = 1_000_000
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        var tail = 0
        let r = SamplerTables.shared.normal.r
        for _ in 0..<n {
            let z = rng.standardNormal()
            let z2 = z * z
            s1 += z; s2 += z2; s3 += z2 * z; s4 += z2 * z2
            if abs(z) > r { tail += 1 }
        }
        let nd = Double(n)
        #expect(abs(s1 / nd) < 5 * 0.001)
        #expect(abs(s2 / nd - 1) < 5 * 0.0014)
        #expect(abs(s3 / nd) < 5 * 0.0024)
        #expect(abs(s4 / nd - 3) < 5 * 0.0049 * 2)  // fourth moment sd = √(96/n) ≈ 0.0098
        let expectedTail = nd * 2 * NormalDistribution.survival(r)
        #expect(abs(Double(tail) - expectedTail) < 5 * expectedTail.squareRoot())
    }

    @Test func normalWithMeanAndSD() {
        var rng = RandomStream(seed: 13, stream: 0)
        let samples = (0..<50_000).map { _ in rng.normal(mean: 100, sd: 15) }
        #expect(StatisticalChecks.ksPValue(samples) { NormalDistribution.cdf(($0 - 100) / 15) } > StatisticalChecks.minimumPValue)
        #expect(rng.normal(mean: 3, sd: 0) == 3)
    }

    /// The truncated normal Z | Z > z against 1 − S(x)/S(z), in all three regimes of the
    /// sampler, including z = 30 where S(z) ≈ 5e−198.
    @Test(arguments: [-1.0, 0.0, 0.5, 1.0, 2.5, 8.0, 30.0])
    func truncatedNormalKS(z: Double) {
        var rng = RandomStream(seed: 14, stream: UInt64(z.bitPattern))
        let samples = (0..<50_000).map { _ in rng.standardNormal(above: z) }
        #expect(samples.allSatisfy { $0 > z })
        let tail = NormalDistribution.survival(z)
        let p = StatisticalChecks.ksPValue(samples) { 1 - NormalDistribution.survival($0) / tail }
        #expect(p > StatisticalChecks.minimumPValue)
    }

    /// Beyond z ≈ 7e7 the conditional spread (≈ 1/z) is below one ulp of z: the sampler
    /// must still terminate and return values above z.
    @Test func truncatedNormalAtAbsurdDepth() {
        var rng = RandomStream(seed: 17, stream: 0)
        for z in [1e8, 1e12, 1e200] {
            for _ in 0..<100 {
                let x = rng.standardNormal(above: z)
                #expect(x > z && x.isFinite)
            }
        }
    }

    @Test func exponentialKS() {
        var rng = RandomStream(seed: 15, stream: 0)
        let samples = (0..<100_000).map { _ in rng.exponential(rate: 2.5) }
        #expect(samples.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(StatisticalChecks.ksPValue(samples) { -expm1(-2.5 * $0) } > StatisticalChecks.minimumPValue)
    }

    @Test func lognormalKS() {
        var rng = RandomStream(seed: 16, stream: 0)
        let samples = (0..<100_000).map { _ in rng.lognormal(mu: 2, sigma: 0.7) }
        #expect(StatisticalChecks.ksPValue(samples) { NormalDistribution.cdf((log($0) - 2) / 0.7) }
            > StatisticalChecks.minimumPValue)
    }
}
