import Foundation
import Testing
@testable import JikunSampling

@Suite("Binomial sampler")
struct BinomialTests {
    /// Pearson chi-square against the exact pmf (log space, lgamma) on 2·10⁵ draws, tail
    /// bins pooled to expected ≥ 5; passes when the p-value exceeds 1e−4. Cases cover
    /// inversion (n·p < 30, from n·p = 2 to 29.9 and with n up to 10⁶), BTRD (n·p ≥ 30,
    /// including the boundary n·p = 30, and far beyond), and the p > ½ mirror.
    @Test(arguments: [
        (10, 0.3), (1000, 0.002), (1_000_000, 0.0001), (1_000_000, 0.5), (50, 0.9),
        (100, 0.1), (30, 0.5), (1000, 0.7), (200, 0.04), (1_000_000_000, 0.3),
        (290, 0.1), (600, 0.05), (60, 0.4), (1_000_000, 0.0000299), (3000, 0.01),
    ])
    func chiSquareAgainstExactPMF(n: Int, p: Double) {
        var rng = RandomStream(seed: 21, stream: UInt64(n) &* 31 &+ UInt64(p * 1e6))
        let draws = 200_000
        let samples = (0..<draws).map { _ in rng.binomial(n: n, p: p) }
        #expect(samples.allSatisfy { $0 >= 0 && $0 <= n })
        let mean = Double(n) * p, sd = (mean * (1 - p)).squareRoot()
        let lo = max(0, Int((mean - 8 * sd - 10).rounded(.down)))
        let hi = min(n, Int((mean + 8 * sd + 10).rounded(.up)))
        let result = StatisticalChecks.chiSquare(samples, lo: lo, hi: hi) {
            exp(StatisticalChecks.binomialLogPMF($0, n: n, p: p))
        }
        #expect(result.degreesOfFreedom > 0)
        #expect(result.pValue > StatisticalChecks.minimumPValue,
                "X² = \(result.statistic) on \(result.degreesOfFreedom) df")
    }

    @Test func edgeCases() {
        var rng = RandomStream(seed: 22, stream: 0)
        for _ in 0..<100 {
            #expect(rng.binomial(n: 0, p: 0.3) == 0)
            #expect(rng.binomial(n: 17, p: 0) == 0)
            #expect(rng.binomial(n: 17, p: 1) == 17)
            #expect(rng.binomial(n: Int(1) << 60, p: 1) == Int(1) << 60)
            let one = rng.binomial(n: 1, p: 0.5)
            #expect(one == 0 || one == 1)
        }
    }

    /// At n = 2⁵⁰ the mean of 20 000 draws is within 5 SE of n·p (SE = √(npq/20000)).
    @Test func hugeN() {
        var rng = RandomStream(seed: 23, stream: 0)
        let n = 1 << 50, p = 0.123
        let draws = 20_000
        var sum = 0.0
        for _ in 0..<draws { sum += Double(rng.binomial(n: n, p: p)) }
        let mean = Double(n) * p
        let se = (mean * (1 - p) / Double(draws)).squareRoot()
        #expect(abs(sum / Double(draws) - mean) < 5 * se)
    }

    @Test func sameStreamSameDraws() {
        var a = RandomStream(seed: 24, stream: 1)
        var b = RandomStream(seed: 24, stream: 1)
        for n in [5, 500, 5_000_000] {
            #expect(a.binomial(n: n, p: 0.37) == b.binomial(n: n, p: 0.37))
        }
    }

    @Test func invalidInputStops() async {
        await #expect(processExitsWith: .failure) {
            var rng = RandomStream(seed: 1, stream: 1)
            _ = rng.binomial(n: 10, p: .nan)
        }
    }
}
