import Foundation
import Testing
@testable import JikunSampling

@Suite("Gamma sampler")
struct GammaSamplerTests {
    /// KS against the regularised incomplete gamma (itself checked against SciPy in the
    /// special-function suite) on 50 000 draws; p-value > 1e−4. Shapes cover the boost
    /// (0.05, 0.5), the exponential case (1), and Marsaglia–Tsang (2, 50, 10⁴).
    @Test(arguments: [0.05, 0.5, 1.0, 2.0, 50.0, 10_000.0])
    func ksAgainstCDF(shape: Double) {
        var rng = RandomStream(seed: 51, stream: UInt64(shape * 100))
        let scale = 3.0
        let count = shape >= 10_000 ? 10_000 : 50_000
        let samples = (0..<count).map { _ in rng.gamma(shape: shape, scale: scale) }
        #expect(samples.allSatisfy { $0 >= 0 && $0.isFinite })
        let p = StatisticalChecks.ksPValue(samples) { SpecialFunctions.regularizedGammaP(shape, $0 / scale) }
        #expect(p > StatisticalChecks.minimumPValue)
    }

    /// Mean and variance for shape 2.5, scale 2 over 10⁵ draws, within 5 SE
    /// (SE(mean) = √(kθ²/n), SE(var) ≈ √((μ₄ − σ⁴)/n) with μ₄ = 3k(k+2)θ⁴ + 6kθ⁴... here
    /// computed from the gamma's excess kurtosis 6/k).
    @Test func moments() {
        var rng = RandomStream(seed: 52, stream: 0)
        let k = 2.5, theta = 2.0, n = 100_000
        let samples = (0..<n).map { _ in rng.gamma(shape: k, scale: theta) }
        let variance = k * theta * theta
        #expect(abs(StatisticalChecks.mean(samples) - k * theta) < 5 * (variance / Double(n)).squareRoot())
        let seVariance = variance * ((2 + 6 / k) / Double(n)).squareRoot()
        #expect(abs(StatisticalChecks.variance(samples) - variance) < 5 * seVariance)
    }
}
