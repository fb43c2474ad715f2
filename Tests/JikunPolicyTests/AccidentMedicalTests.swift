import Foundation
import Testing
@testable import JikunPolicy

/// The payment of a period's first accident-medical claim (docs/rules.md §3.1), one claim at a
/// time and in the simulation's batches.
@Suite struct AccidentMedicalTests {
    let accident = edition2020.accident

    /// Hand-worked for the 2020 edition (100 %, cap 5,000 yuan). The costs are exact in binary,
    /// so the ties in fen are real ties: half a fen moves up, away from zero.
    @Test(arguments: [
        (0.0, 0 as Int64),
        (0.125, 13),            // 12.5 fen → 13
        (0.375, 38),            // 37.5 → 38
        (0.625, 63),            // 62.5 → 63 (ties-to-even would give 62)
        (1234.5, 123_450),
        (4999.990234375, 499_999),  // 499,999.0234375 fen → 499,999
        (5000, 500_000),        // at the cap
        (5000.005, 500_000),    // past the cap
        (1e9, 500_000),
        (-0.625, -63),          // a negative amount rounds away from zero and is not capped
    ] as [(Double, Int64)])
    func firstPaymentByHand(cost: Double, fen: Int64) {
        #expect(accident.firstMedicalPayment(costYuan: cost).fen == fen)
        var batch = [cost]
        batch.withUnsafeMutableBufferPointer { accident.firstMedicalPaymentsInPlace($0) }
        #expect(batch == [Double(fen)])
    }

    /// The batch pays every cost as the single rule does, on the branch-free route (100 %,
    /// a cap below 2⁵³ fen) and on the claim-by-claim one (another rate, no cap, a cap past
    /// 2⁵³ fen): costs spread over fifteen orders of magnitude, exact ties of half a fen, and
    /// the points where |cents| reaches 2⁵².
    @Test(arguments: [41, 42, 43] as [UInt64])
    func theBatchPaysAsTheSingleRule(seed: UInt64) {
        var rates = accident, noCap = accident, hugeCap = accident
        rates.medicalRate = Rate(partsPerMillion: 800_000)
        noCap.medicalPeriodCap = .zero
        hugeCap.medicalPeriodCap = Money(fen: (1 << 53) + 2)
        var rng = CriticalIllnessProperties.LCG(state: seed)
        var costs: [Double] = (0..<3000).map { _ in
            let digits = Double(rng.next(1_000_000)) / 1_000_000 * 15 - 3   // 10⁻³ … 10¹² yuan
            return Double(sign: rng.next(10) == 0 ? .minus : .plus, exponent: 0, significand: 1) * pow(10, digits)
        }
        costs += (0..<1000).map { _ in Double(rng.next(8_000_000)) / 8 }                // ties of half a fen
        let edge = 0x1p52 / 100
        costs += [edge.nextDown, edge, edge.nextUp, 2 * edge, 4999.995, 5000, 5000.005, 0, -0.0]
        for benefit in [accident, rates, noCap, hugeCap] {
            let expected = costs.map { Double(benefit.firstMedicalPayment(costYuan: $0).fen) }
            var batch = costs
            batch.withUnsafeMutableBufferPointer { benefit.firstMedicalPaymentsInPlace($0) }
            let wrong = costs.indices.filter { batch[$0] != expected[$0] }
            #expect(wrong.isEmpty, "\(wrong.count) costs paid differently, first: \(wrong.prefix(3).map { (costs[$0], batch[$0], expected[$0]) })")
        }
    }
}
