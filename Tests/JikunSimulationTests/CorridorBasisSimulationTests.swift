import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

@Suite struct CorridorBasisSimulationTests {
    /// The same trials settled on the term and period by period: the claims are the same draw
    /// for draw (the basis is not part of sampling); each per-period trial's refund and top-up
    /// are the corridor's formulas written out here on each period's combined premium P_p and
    /// claims C_p — refund max(0, 0.85·P_p − C_p), top-up 0.5·min(max(0, C_p − 0.9·P_p), 0.1·P_p) —
    /// summed; and pathwise Σ_p max(0, a_p) ≥ max(0, Σ_p a_p), so the per-period refund is never
    /// below the term's.
    @Test func perPeriodSettlesEachPeriodOfTheSameTrials() throws {
        // At 180 yuan a person-month test-small's loss ratio sits near the corridor (≈ 0.91 on
        // the term, ≈ 0.90 in P1, ≈ 0.99 in P2, ± 7 % a trial), so bands vary between trials.
        var term = try loadScenario("test-small.toml")
        term.edition.premiumPerPersonMonth = Money(fen: 18_000)
        var perPeriod = term
        perPeriod.edition.corridor.basis = .perPeriod
        let options = SimulationOptions(trials: 400, seed: 5, threads: 2)
        let a = Engine(scenario: term).run(options), b = Engine(scenario: perPeriod).run(options)
        #expect(a.insurerPeriodClaims.isEmpty)
        let n = b.insurerKeys.count, periods = b.periodKeys.count
        #expect(b.insurerPeriodClaims.count == b.trials * n * periods)
        let premium = (0..<periods).map { p in (0..<n).reduce(0.0) { $0 + b.premiumByPeriodAndInsurer[p * n + $1] } }
        #expect(abs(premium.reduce(0, +) - b.totalPremium) < 1e-6 * b.totalPremium)
        var larger = 0
        for t in 0..<b.trials {
            #expect(a.totalClaims[t] == b.totalClaims[t])
            var refund = 0.0, topUp = 0.0
            for p in 0..<periods {
                let claims = (0..<n).reduce(0.0) { $0 + b.insurerPeriodClaims[(t * periods + p) * n + $1] }
                refund += max(0, 0.85 * premium[p] - claims)
                topUp += 0.5 * min(max(0, claims - 0.9 * premium[p]), 0.1 * premium[p])
            }
            let summed = (0..<(n * periods)).reduce(0.0) { $0 + b.insurerPeriodClaims[t * n * periods + $1] }
            #expect(abs(summed - b.totalClaims[t]) < 1e-6 * b.totalClaims[t])
            #expect(abs(b.refund[t] - refund) < 1e-6 * b.totalPremium, "trial \(t)")
            #expect(abs(b.sharedTopUp[t] - topUp) < 1e-6 * b.totalPremium, "trial \(t)")
            #expect(b.refund[t] >= a.refund[t] - 1e-6)
            if b.refund[t] > a.refund[t] + 1 || b.sharedTopUp[t] != a.sharedTopUp[t] { larger += 1 }
        }
        // Not vacuous: the readings differ in some trials.
        #expect(larger > 0)
    }
}
