import Foundation
import Testing
@testable import JikunSampling

@Suite("Poisson sampler")
struct PoissonTests {
    /// Chi-square against the exact pmf on 2·10⁵ draws (tail bins pooled to expected ≥ 5),
    /// p-value > 1e−4: inversion (0.5, 7), the PTRS boundary (10), PTRS (30, 5000).
    @Test(arguments: [0.5, 7.0, 10.0, 30.0, 5000.0])
    func chiSquareAgainstExactPMF(mean: Double) {
        var rng = RandomStream(seed: 31, stream: UInt64(mean * 10))
        let samples = (0..<200_000).map { _ in rng.poisson(mean: mean) }
        #expect(samples.allSatisfy { $0 >= 0 })
        let sd = mean.squareRoot()
        let lo = max(0, Int((mean - 9 * sd - 10).rounded(.down)))
        let hi = Int((mean + 9 * sd + 15).rounded(.up))
        let result = StatisticalChecks.chiSquare(samples, lo: lo, hi: hi) {
            exp(StatisticalChecks.poissonLogPMF($0, mean: mean))
        }
        #expect(result.pValue > StatisticalChecks.minimumPValue,
                "X² = \(result.statistic) on \(result.degreesOfFreedom) df")
    }

    /// Mean 10¹²: sample mean and variance of 20 000 draws within 5 SE
    /// (SE of the mean √(λ/n); of the variance ≈ λ√(2/n)).
    @Test func hugeMean() {
        var rng = RandomStream(seed: 32, stream: 0)
        let lambda = 1e12, draws = 20_000
        let samples = (0..<draws).map { _ in Double(rng.poisson(mean: lambda)) }
        #expect(abs(StatisticalChecks.mean(samples) - lambda) < 5 * (lambda / Double(draws)).squareRoot())
        #expect(abs(StatisticalChecks.variance(samples) - lambda) < 5 * lambda * (2 / Double(draws)).squareRoot())
    }

    @Test func zeroMean() {
        var rng = RandomStream(seed: 33, stream: 0)
        #expect(rng.poisson(mean: 0) == 0)
    }
}
