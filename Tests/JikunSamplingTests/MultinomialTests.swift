import Testing
@testable import JikunSampling

@Suite("Multinomial sampler")
struct MultinomialTests {
    /// Marginals of multinomial(n, p) are binomial(n, p_i): over 20 000 draws the sample
    /// mean is within 5 SE (SE = √(n p_i q_i / draws)), the sample variance within 5 SE of
    /// n p_i q_i (SE ≈ var·√(2/draws), the counts being near-normal at these sizes), and
    /// the covariance of two cells within 5 SE of −n p_i p_j. Counts always sum to n and
    /// zero-probability cells always get 0.
    @Test func marginalMomentsAndSums() {
        var rng = RandomStream(seed: 41, stream: 0)
        let n = 1000
        let probabilities = [0.1, 0.0, 0.2, 0.3, 0.4]
        let draws = 20_000
        var counts: [Int] = []
        var sums = [Double](repeating: 0, count: 5), squares = sums
        var cross = 0.0
        for _ in 0..<draws {
            rng.multinomial(n: n, probabilities: probabilities, into: &counts)
            #expect(counts.count == 5)
            #expect(counts.reduce(0, +) == n)
            #expect(counts[1] == 0)
            for i in 0..<5 {
                sums[i] += Double(counts[i])
                squares[i] += Double(counts[i] * counts[i])
            }
            cross += Double(counts[0] * counts[4])
        }
        let d = Double(draws)
        for (i, p) in probabilities.enumerated() where p > 0 {
            let mean = sums[i] / d
            let variance = (squares[i] - d * mean * mean) / (d - 1)
            let expectedVariance = Double(n) * p * (1 - p)
            #expect(abs(mean - Double(n) * p) < 5 * (expectedVariance / d).squareRoot())
            #expect(abs(variance - expectedVariance) < 5 * expectedVariance * (2 / d).squareRoot())
        }
        let covariance = cross / d - (sums[0] / d) * (sums[4] / d)
        let expectedCovariance = -Double(n) * 0.1 * 0.4
        // SE of a sample covariance ≈ √((σ₀²σ₄² + cov²)/draws).
        let se = ((90.0 * 240.0 + expectedCovariance * expectedCovariance) / d).squareRoot()
        #expect(abs(covariance - expectedCovariance) < 5 * se)
    }

    @Test func edgeCases() {
        var rng = RandomStream(seed: 42, stream: 0)
        var counts = [7, 7, 7]
        rng.multinomial(n: 0, probabilities: [0.5, 0.5], into: &counts)
        #expect(counts == [0, 0])
        rng.multinomial(n: 12, probabilities: [1], into: &counts)
        #expect(counts == [12])
        rng.multinomial(n: 12, probabilities: [0, 0, 1, 0], into: &counts)
        #expect(counts == [0, 0, 12, 0])
        // A last category far below the rounding error of the running remainder.
        for _ in 0..<1000 {
            rng.multinomial(n: 50, probabilities: [0.1, 0.2, 0.7, 1e-300], into: &counts)
            #expect(counts.reduce(0, +) == 50 && counts.allSatisfy { $0 >= 0 })
        }
        // Tiny rounding in the sum is tolerated (within 1e-9).
        rng.multinomial(n: 1_000_000_000, probabilities: [0.1, 0.2, 0.7 + 1e-12], into: &counts)
        #expect(counts.reduce(0, +) == 1_000_000_000)
    }

    @Test func probabilitiesMustSumToOne() async {
        await #expect(processExitsWith: .failure) {
            var rng = RandomStream(seed: 1, stream: 1)
            var counts: [Int] = []
            rng.multinomial(n: 10, probabilities: [0.5, 0.4], into: &counts)
        }
    }
}
