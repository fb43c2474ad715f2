import Testing
@testable import JikunReserving

/// Published Mack (1993) results. The per-origin figures are R ChainLadder's
/// `MackChainLadder(RAA, est.sigma = "Mack")` and `MackChainLadder(GenIns, est.sigma = "Mack")`
/// output (Gesmann et al., "Claims reserving with R", the package vignette; Mack's rule for
/// the last σ²), which reproduce Mack's paper: RAA total reserve 52,135 with standard error
/// 26,909; Taylor–Ashe total 18,680,856 with standard error 2,447,095. Cross-checked by an
/// independent numpy computation of the closed-form formulas before being typed in.
@Suite struct MackTests {
    // (reserve, Mack s.e.) by origin, to the unit.
    static let raaPublished: [(Double, Double)] = [
        (0, 0), (154, 206), (617, 623), (1636, 747), (2747, 1469),
        (3649, 2002), (5435, 2209), (10907, 5358), (10650, 6333), (16339, 24566),
    ]
    static let taylorAshePublished: [(Double, Double)] = [
        (0, 0), (94634, 75535), (469511, 121699), (709638, 133549), (984889, 261406),
        (1419459, 411010), (2177641, 558317), (3920301, 875328), (4278972, 971258), (4625811, 1363155),
    ]

    @Test func raaReservesAndStandardErrorsToTheUnit() throws {
        let mack = try MackChainLadder(Published.raa)
        for (estimate, (reserve, se)) in zip(mack.estimates, Self.raaPublished) {
            #expect(estimate.reserve.rounded() == reserve, "origin \(estimate.origin)")
            #expect(estimate.standardError!.rounded() == se, "origin \(estimate.origin)")
        }
        #expect(mack.chainLadder.totalReserve.rounded() == 52135)
        #expect(mack.totalStandardError.rounded() == 26909)
        #expect(mack.chainLadder.totalUltimate.rounded() == 213122)
        #expect(mack.extrapolated == [false, false, false, false, false, false, false, false, true])
    }

    @Test func taylorAsheReservesAndStandardErrorsToTheUnit() throws {
        let mack = try MackChainLadder(Published.taylorAshe)
        for (estimate, (reserve, se)) in zip(mack.estimates, Self.taylorAshePublished) {
            #expect(estimate.reserve.rounded() == reserve, "origin \(estimate.origin)")
            #expect(estimate.standardError!.rounded() == se, "origin \(estimate.origin)")
        }
        #expect(mack.chainLadder.totalReserve.rounded() == 18680856)
        #expect(mack.totalStandardError.rounded() == 2447095)
    }

    /// The RAA factors of Mack (1993) Table 1: 2.999, 1.624, 1.271, 1.172, 1.113, 1.042, 1.033, 1.017, 1.009.
    @Test func raaDevelopmentFactors() throws {
        let f = try DevelopmentFactors(Published.raa).factors
        let published = [2.999, 1.624, 1.271, 1.172, 1.113, 1.042, 1.033, 1.017, 1.009]
        for (a, b) in zip(f, published) { #expect(abs(a - b) < 0.0005) }
        // Mack's rule: σ²_8 = min(σ⁴_7/σ²_6, σ²_6, σ²_7) = σ⁴_7/σ²_6 = 1.3434 (numpy).
        let sigma = try MackChainLadder(Published.raa).sigmaSquared
        #expect(abs(sigma[8] - 1.3434254656244817) < 1e-9)
        #expect(abs(sigma[0] - 27883.479394043632) < 1e-6)
    }

    /// The exponential tail on RAA: log(f_k − 1) = 0.26659 − 0.63233·k fitted over k = 0…8
    /// (numpy.polyfit), product from k = 9 on = 1.0094357516; the tailed total reserve 54,146.197.
    @Test func exponentialTailOnRAA() throws {
        let cl = try ChainLadder(Published.raa, tail: .exponential)
        #expect(abs(cl.development.tail - 1.009435751579997) < 1e-9)
        #expect(abs(cl.totalReserve - 54146.19666325834) < 1e-6)
        let given = try ChainLadder(Published.raa, tail: .factor(1.05))
        #expect(abs(given.estimates[0].ultimate - 18834 * 1.05) < 1e-9)
    }
}

@Suite struct TailFactorTests {
    /// Factors 1 + e^{−1e−4·k}: log(f − 1) = −10⁻⁴·k decays far too slowly to converge.
    @Test func aTooSlowDecayIsAnErrorNotALoop() throws {
        let t = try Triangle(origins: ["a", "b", "c"], developments: ["0", "1", "2"],
                             rows: [[100, 200, 399.98], [100, 200], [100]])
        #expect(throws: ReservingError.self) { try ChainLadder(t, tail: .exponential) }
    }

    @Test func factorsThatDoNotDecayAreAnError() throws {
        let t = try Triangle(origins: ["a", "b", "c"], developments: ["0", "1", "2"], rows: [[100, 150, 300], [100, 150], [100]])
        #expect(throws: ReservingError.tooSmall(method: "exponential tail", message: "the factors do not decay (fitted slope of log(f − 1) is 0.6931471805599453 ≥ 0); give a tail factor instead")) {
            try ChainLadder(t, tail: .exponential)
        }
    }
}
