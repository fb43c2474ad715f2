import Foundation
import Testing
@testable import JikunSampling

/// The samplers of the simulation's hot loop: the exponential ziggurat, the table `exp`, the
/// strip sampler of the lognormal, and the batched severity draws.
@Suite("Hot-loop samplers")
struct HotSamplerTests {
    /// KS against 1 − e^{−x} on 2·10⁵ draws, and the share beyond the ziggurat's r
    /// (e^{−r} ≈ 4.5e−4, ≈ 91 expected, binomial sd ≈ 9.5, allowed 5 sd), which exercises the tail.
    @Test func standardExponential() {
        var rng = RandomStream(seed: 21, stream: 0)
        let samples = (0..<200_000).map { _ in rng.standardExponential() }
        #expect(samples.allSatisfy { $0 >= 0 && $0.isFinite })
        #expect(StatisticalChecks.ksPValue(samples) { -expm1(-$0) } > StatisticalChecks.minimumPValue)
        let r = SamplerTables.shared.exponential.r
        #expect(abs(r - 7.69711747013104972) < 1e-12)  // Marsaglia & Tsang's 256-layer constant
        let beyond = Double(samples.filter { $0 > r }.count)
        let expected = 200_000 * exp(-r)
        #expect(abs(beyond - expected) < 5 * expected.squareRoot())
        let mean = samples.reduce(0, +) / 200_000
        #expect(abs(mean - 1) < 5 / 200_000.squareRoot())
    }

    /// The table exp is within one ulp of the system exp over the whole finite range, and
    /// passes the edges through to it.
    @Test func tableExponentialAgreesWithLibm() {
        let tables = SamplerTables.shared
        var rng = RandomStream(seed: 22, stream: 0)
        var worst = 0.0
        for i in 0..<1_000_000 {
            let x: Double
            switch i % 3 {
            case 0: x = (rng.nextDouble() - 0.5) * 1415   // all of (−707.5, 707.5)
            case 1: x = (rng.nextDouble() - 0.5) * 40     // claim sizes' logarithms
            default: x = (rng.nextDouble() - 0.5) * 1e-3  // near 0
            }
            let reference = exp(x)
            worst = max(worst, abs(tables.exp(x) - reference) / reference.ulp)
        }
        #expect(worst <= 1)
        #expect(tables.exp(0) == 1)
        #expect(tables.exp(710) == .infinity)
        #expect(tables.exp(-800) == 0)
        #expect(tables.exp(-.infinity) == 0)
        #expect(tables.exp(.nan).isNaN)
    }

    @Test func floorValue() {
        for x in [0.0, 0.5, 1.0, 1.5, -0.5, -1.0, -1.5, 2.999999999, -2.000000001, 0x1p52 + 2, -0x1p53, 1e300, -1e300] {
            #expect(x.floorValue == x.rounded(.down), "floor of \(x)")
        }
        #expect(Double.infinity.floorValue == .infinity)
        #expect(Double.nan.floorValue.isNaN)
    }

    /// The strip sampler: the body's draws follow the lognormal restricted to [a, b] (KS), and
    /// the outside component's share is w within 5 binomial standard errors; across intervals
    /// below, around and above the mode, from 0, deep in a tail, and wide ones, whose strips are
    /// wide enough to put a good share of the draws in the wedges, so that a wrong wedge test
    /// shows. The last two run with 2⁵ and 2⁴ slots (15 and 7 strips) for the same reason.
    @Test(arguments: [(4.883, 2.111, 3_000.0, 20_000.0, 0.0926, 8), (6.8958, 1.0417, 0.0, 10_000.0, 0.02, 9),
                      (7.0, 1.0, 100.0, 5_000.0, 0.0, 8), (0.0, 1.0, 148.4, 665.1, 0.01, 8), (5.0, 0.5, 10.0, 50.0, 0.5, 8),
                      (0.0, 1.0, 0.0067, 148.4, 0.0, 8), (5.0, 1.0, 0.0, 0.5, 0.1, 8),
                      (0.0, 1.0, 0.0067, 148.4, 0.0, 5), (6.8958, 1.0417, 0.0, 10_000.0, 0.3, 4)])
    func lognormalStrips(mu: Double, sigma: Double, a: Double, b: Double, w: Double, slotBits: Int) throws {
        let law = Severity.lognormal(mu: mu, sigma: sigma)
        let mass = law.cdf(b) - law.cdf(a)
        let sampler = try #require(LognormalStrips(mu: mu, sigma: sigma, lower: a, upper: b, outsideWeight: w, slotBits: slotBits))
        var rng = RandomStream(seed: 23, stream: UInt64(b.bitPattern))
        let n = 200_000
        var body: [Double] = []
        for _ in 0..<n {
            let x = sampler.sample(using: &rng)
            if !x.isNaN { body.append(x) }
        }
        #expect(body.allSatisfy { $0 >= a && $0 <= b })
        let outside = Double(n - body.count)
        #expect(abs(outside - Double(n) * w) <= 5 * (Double(n) * w * (1 - w)).squareRoot() + 0.5)
        let p = StatisticalChecks.ksPValue(body) { (law.cdf($0) - law.cdf(a)) / mass }
        #expect(p > StatisticalChecks.minimumPValue, "KS p-value \(p)")
    }

    @Test func lognormalStripsRefuseWhatTheyCannotForm() {
        #expect(LognormalStrips(mu: 0, sigma: 1, lower: 2, upper: 1, outsideWeight: 0, slotBits: 8) == nil)
        #expect(LognormalStrips(mu: 0, sigma: 1, lower: exp(40), upper: exp(41), outsideWeight: 0, slotBits: 8) == nil)
        #expect(LognormalStrips(mu: 0, sigma: 1, lower: 0, upper: 1, outsideWeight: 1, slotBits: 8) == nil)
        #expect(LognormalStrips(mu: 0, sigma: 1, lower: 0, upper: 1, outsideWeight: 0, slotBits: 13) == nil)
        // One strip over most of the law: the box would accept under half the proposals.
        #expect(LognormalStrips(mu: 0, sigma: 1, lower: 0.0067, upper: 148.4, outsideWeight: 0, slotBits: 2) == nil)
    }

    /// Every route of `ConditionalSeverity` against the conditional CDF 1 − S(x)/S(t), drawn
    /// in batches of uneven sizes (1, 7, 64, 130) so that the batch edges are crossed.
    @Test(arguments: [
        ("spliced body and tail", Severity.spliced(body: .lognormal(mu: 4.883, sigma: 2.111), threshold: 20_000,
                                                   tailProbability: 0.00622, tailShape: 1.8), 3_000.0),
        ("spliced, scaled deductible", Severity.spliced(body: .lognormal(mu: 4.883, sigma: 2.111), threshold: 20_000,
                                                        tailProbability: 0.00622, tailShape: 1.8), 2_500.0),
        ("spliced, above the splice", Severity.spliced(body: .lognormal(mu: 4.883, sigma: 2.111), threshold: 20_000,
                                                       tailProbability: 0.00622, tailShape: 1.8), 50_000.0),
        ("spliced, deep body", Severity.spliced(body: .lognormal(mu: 1, sigma: 0.3), threshold: 1e6,
                                                tailProbability: 0.01, tailShape: 2), 200.0),
        ("lognormal", Severity.lognormal(mu: 6.9, sigma: 1.04), 5_000.0),
        ("gamma (unprepared)", Severity.gamma(shape: 2, scale: 1_000), 4_000.0),
        ("threshold 0", Severity.lognormal(mu: 6.9, sigma: 1.04), 0.0),
    ])
    func conditionalSeverity(name: String, severity: Severity, threshold: Double) {
        let conditional = ConditionalSeverity(severity, above: threshold)
        #expect(conditional.survival == severity.survival(threshold))
        var rng = RandomStream(seed: 24, stream: UInt64(threshold.bitPattern))
        var samples: [Double] = []
        var buffer = [Double](repeating: 0, count: 130)
        while samples.count < 40_000 {
            for size in [1, 7, 64, 130] {
                buffer.withUnsafeMutableBufferPointer { all in
                    let part = UnsafeMutableBufferPointer(rebasing: all[0..<size])
                    conditional.fill(part, using: &rng, tables: .shared)
                }
                samples += buffer[0..<size]
            }
        }
        #expect(samples.allSatisfy { $0 > threshold && $0.isFinite }, "\(name): a draw was not above the threshold")
        let p = StatisticalChecks.ksPValue(samples) { 1 - severity.survival($0) / conditional.survival }
        #expect(p > StatisticalChecks.minimumPValue, "\(name): KS p-value \(p)")
        #expect(conditional.sample(using: &rng) > threshold)
    }

    /// The batched lognormal, and the transform applied to each draw.
    @Test func preparedSeverityFill() {
        let severity = Severity.lognormal(mu: 7, sigma: 1.2)
        let prepared = PreparedSeverity(severity)
        var rng = RandomStream(seed: 25, stream: 0)
        var samples = [Double](repeating: 0, count: 50_000)
        samples.withUnsafeMutableBufferPointer { prepared.fill($0, using: &rng, tables: .shared) }
        #expect(StatisticalChecks.ksPValue(samples) { severity.cdf($0) } > StatisticalChecks.minimumPValue)
        var again = RandomStream(seed: 25, stream: 0)
        var capped = [Double](repeating: 0, count: 50_000)
        capped.withUnsafeMutableBufferPointer { prepared.fill($0, using: &again, tables: .shared) { min($0, 2_000) } }
        #expect(zip(samples, capped).allSatisfy { min($0, 2_000) == $1 })
        let gamma = PreparedSeverity(.gamma(shape: 3, scale: 10))
        let draws = (0..<20_000).map { _ in gamma.sample(using: &rng) }
        #expect(StatisticalChecks.ksPValue(draws) { Severity.gamma(shape: 3, scale: 10).cdf($0) } > StatisticalChecks.minimumPValue)
    }
}

extension HotSamplerTests {
    /// A batch with an element out of the table's range (or NaN) takes the checked path for
    /// all of it, so every element still gets e^x; an in-range batch matches `exp` element by
    /// element.
    @Test func batchedExponential() {
        let tables = SamplerTables.shared
        for batch in [[0.5, -2, 3, 700], [0.5, -2, 710, 3], [0.5, .nan, 3, -800], [-.infinity, 1, 2, 3]] {
            var values = batch
            values.withUnsafeMutableBufferPointer { tables.expInPlace($0) }
            for (x, y) in zip(batch, values) {
                if x.isNaN { #expect(y.isNaN) } else { #expect(y == tables.exp(x), "e^\(x)") }
            }
        }
        var doubled = [1.0, 2.0]
        doubled.withUnsafeMutableBufferPointer { tables.expInPlace($0) { 2 * $0 } }
        #expect(doubled == [2 * tables.exp(1), 2 * tables.exp(2)])
    }
}
