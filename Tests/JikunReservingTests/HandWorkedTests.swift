import Testing
@testable import JikunReserving

/// A 4 × 4 triangle worked by hand.
///
///     origin   dev 0   dev 1   dev 2   dev 3
///     A          100     220     264   277.2
///     B          200     380     456
///     C          100     200
///     D          150
///
/// Factors: f₀ = (220 + 380 + 200)/(100 + 200 + 100) = 800/400 = 2;
/// f₁ = (264 + 456)/(220 + 380) = 720/600 = 1.2; f₂ = 277.2/264 = 1.05.
/// To ultimate: F_B = 1.05, F_C = 1.2 · 1.05 = 1.26, F_D = 2 · 1.26 = 2.52.
/// Chain ladder: B 456 · 1.05 = 478.8 (reserve 22.8), C 200 · 1.26 = 252 (52),
/// D 150 · 2.52 = 378 (228); total reserve 302.8.
///
/// Bornhuetter–Ferguson, premium 400 per origin, prior loss ratio 75 % (expected 300):
/// unreported shares 1 − 1/F are B 1/21, C 13/63, D 38/63, so the reserves are
/// 300/21 = 14.2857, 300·13/63 = 61.9048, 300·38/63 = 180.9524, total 300·54/63 = 1800/7.
///
/// Cape Cod: used-up premium 400·(1 + 20/21 + 50/63 + 25/63) = 400·198/63; reported
/// 277.2 + 456 + 200 + 150 = 1083.2; LR = 1083.2·63/79200 = 0.86163636…;
/// total reserve LR · 400 · 54/63 = 295.41818….
///
/// Mack: σ²₀ = [100·(2.2 − 2)² + 200·(1.9 − 2)² + 100·(2 − 2)²]/2 = (4 + 2 + 0)/2 = 3;
/// σ²₁ = 0 (both link ratios are 1.2); σ²₂ by Mack's rule min(0²/3, 3, 0) = 0.
@Suite struct HandWorkedTests {
    static let triangle = try! Triangle(origins: ["A", "B", "C", "D"], developments: ["0", "1", "2", "3"],
                                        rows: [[100, 220, 264, 277.2], [200, 380, 456], [100, 200], [150]])

    @Test func chainLadder() throws {
        let cl = try ChainLadder(Self.triangle)
        #expect(cl.development.factors.map { ($0 * 1e9).rounded() / 1e9 } == [2, 1.2, 1.05])
        let reserves = cl.estimates.map { ($0.reserve * 1e9).rounded() / 1e9 }
        #expect(reserves == [0, 22.8, 52, 228])
        #expect(abs(cl.totalReserve - 302.8) < 1e-9)
    }

    @Test func bornhuetterFerguson() throws {
        let bf = try ExpectedLossMethod(Self.triangle, premium: [400, 400, 400, 400], method: .bornhuetterFerguson(priorLossRatio: 0.75))
        let expected = [0, 300.0 / 21, 300.0 * 13 / 63, 300.0 * 38 / 63]
        for (e, x) in zip(bf.estimates, expected) { #expect(abs(e.reserve - x) < 1e-9) }
        #expect(abs(bf.estimates.map(\.reserve).reduce(0, +) - 1800.0 / 7) < 1e-9)
    }

    @Test func capeCod() throws {
        let cc = try ExpectedLossMethod(Self.triangle, premium: [400, 400, 400, 400], method: .capeCod)
        #expect(abs(cc.lossRatio - 1083.2 * 63 / 79200) < 1e-12)
        #expect(abs(cc.estimates.map(\.reserve).reduce(0, +) - 295.41818181818184) < 1e-9)
    }

    @Test func mackVarianceParameters() throws {
        let mack = try MackChainLadder(Self.triangle)
        #expect(abs(mack.sigmaSquared[0] - 3) < 1e-9)
        #expect(mack.sigmaSquared[1] == 0 || abs(mack.sigmaSquared[1]) < 1e-12)
        #expect(mack.sigmaSquared[2] == 0)
        #expect(mack.extrapolated == [false, false, true])
    }

    @Test func premiumsOfTheWrongLengthAreRefused() {
        #expect(throws: ReservingError.option("3 premiums for 4 origins")) {
            try ExpectedLossMethod(Self.triangle, premium: [1, 2, 3], method: .capeCod)
        }
    }
}
