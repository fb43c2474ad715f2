import Testing
@testable import JikunReports

@Suite("Nice scale")
struct NiceScaleTests {
    @Test func zeroToAlmostOneExtendsToOne() {
        let s = NiceScale(lower: 0, upper: 0.97, targetTicks: 5, extend: true)
        #expect(s.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(s.lower == 0 && s.upper == 1)
        #expect(s.step == 0.2 && s.stepExponent == -1)
    }

    @Test func fixedRangeKeepsTicksInside() {
        let s = NiceScale(lower: 123, upper: 987, targetTicks: 5, extend: false)
        #expect(s.ticks == [200, 400, 600, 800])
        #expect(s.lower == 123 && s.upper == 987)
    }

    @Test func extendedRangeCoversData() {
        let s = NiceScale(lower: 123, upper: 987, targetTicks: 5, extend: true)
        #expect(s.ticks == [0, 200, 400, 600, 800, 1000])
    }

    /// Ticks are the doubles nearest their decimal values (no 0.30000000000000004).
    @Test(arguments: [
        (0.6, 1.1, [0.6, 0.7, 0.8, 0.9, 1.0, 1.1]),
        (-3.0, 7.0, [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]),
        (95e6, 135e6, [90e6, 100e6, 110e6, 120e6, 130e6, 140e6]),
        (0.001, 0.0047, [0.001, 0.002, 0.003, 0.004, 0.005]),
    ])
    func exactDecimalTicks(lower: Double, upper: Double, expected: [Double]) {
        #expect(NiceScale(lower: lower, upper: upper, extend: true).ticks == expected)
    }

    @Test(arguments: [(0.0, 1.0), (1.0, 1.3), (-7.5, 2.25), (1e-6, 3e-6), (1e8, 1.2e9), (-42.0, -41.0)])
    func stepIsOneTwoOrFiveTimesAPowerOfTen(lower: Double, upper: Double) {
        let s = NiceScale(lower: lower, upper: upper, targetTicks: 5, extend: true)
        let m = s.step / NiceScale.decimal(1, s.stepExponent)
        #expect([1.0, 2.0, 5.0].contains { abs($0 - m) < 1e-9 })
        #expect(s.lower <= lower && s.upper >= upper)
        #expect((3...12).contains(s.ticks.count), "\(s.ticks)")
        for (a, b) in zip(s.ticks, s.ticks.dropFirst()) { #expect(abs((b - a) - s.step) < s.step * 1e-9) }
    }

    @Test func degenerateAndNonFiniteRanges() {
        let flat = NiceScale(lower: 5, upper: 5, extend: true)
        #expect(flat.lower < 5 && flat.upper > 5 && !flat.ticks.isEmpty)
        let zero = NiceScale(lower: 0, upper: 0, extend: true)
        #expect(zero.lower <= -1 && zero.upper >= 1)
        let nan = NiceScale(lower: .nan, upper: .infinity, extend: true)
        #expect(nan.lower == 0 && nan.upper == 1)
        let reversed = NiceScale(lower: 10, upper: 0, extend: true)
        #expect(reversed.lower == 0 && reversed.upper == 10)
    }

    @Test func tickLabelsUseStepDecimals() {
        #expect(NumberText.tick(0.6, format: .percent, stepExponent: -1) == "60%")
        #expect(NumberText.tick(0.875, format: .percent, stepExponent: -3) == "87.5%")
        #expect(NumberText.tick(120e6, format: .millions, stepExponent: 7) == "120")
        #expect(NumberText.tick(2.5e6, format: .millions, stepExponent: 5) == "2.5")
        #expect(NumberText.tick(-0.4, format: .plain, stepExponent: -1) == "\u{2212}0.4")
        #expect(NumberText.tick(12_000, format: .plain, stepExponent: 3) == "12,000")
        #expect(NumberText.tick(0, format: .plain, stepExponent: -1) == "0.0")
    }
}
