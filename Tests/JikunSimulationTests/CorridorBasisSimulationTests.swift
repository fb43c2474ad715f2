import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

let perPeriodPatch = "[corridor]\nbasis = \"per_period\"\n"

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
        let term = try loadScenario("test-small.toml").applying("[premium]\nper_person_month = 180.00\n")
        let perPeriod = try term.applying(perPeriodPatch)
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

    /// One rate and one line, so the refund's law is exact: 3,000 persons for P1 (12 months)
    /// and 2,900 for P2 (2 months), none entering, only disease death (2,000 yuan) with
    /// p = 0.05 a year, so N₁ ~ Bin(3000, 0.05) and N₂ ~ Bin(2900, 1 − 0.95^{1/6}),
    /// independent. At 10 yuan a person-month P₁ = 360,000 and P₂ = 58,000; the expected
    /// per-period refund is Σ_p Σ_k P(N_p = k)·max(0, 0.85·P_p − 2,000k) and the term's is the
    /// same over the convolution of N₁ + N₂. The Monte Carlo means of 4,000 i.i.d. trials are
    /// within 4 standard errors (sample s.d. / √trials) of those sums: a correct engine fails
    /// about once in 16,000 seeds.
    @Test func perPeriodRefundMatchesItsExactExpectation() throws {
        // Every band has the same disease-death rate and no other line claims, so however the
        // population splits into cohorts, each period's deaths are one binomial count.
        let scenario = try loadScenario("test-small.toml").applying("""
            [population.periods.P1]
            insured = 3000
            entrants_per_month = 0.0
            [population.periods.P2]
            insured = 2900
            entrants_per_month = 0.0
            [premium]
            per_person_month = 10.00
            [events.accident_death]
            by_age = [0.0, 0.0, 0.0, 0.0]
            [events.disease_death]
            by_age = [0.05, 0.05, 0.05, 0.05]
            [events.accident_disability]
            by_age = [0.0, 0.0, 0.0, 0.0]
            [events.accident_medical]
            by_age = [0.0, 0.0, 0.0, 0.0]
            [events.hospitalisation]
            by_age = [0.0, 0.0, 0.0, 0.0]
            [events.student_critical_illness]
            by_age = [0.0, 0.0, 0.0, 0.0]
            [events.admission.levels.junior_college]
            probability = 0.0
            [events.admission.levels.bachelor]
            probability = 0.0
            [events.admission.levels.postgraduate]
            probability = 0.0
            """)
        let perPeriod = try scenario.applying(perPeriodPatch)
        let options = SimulationOptions(trials: 4000, seed: 12, threads: 2)
        let term = Engine(scenario: scenario).run(options), periods = Engine(scenario: perPeriod).run(options)
        let n = periods.insurerKeys.count
        let premium = (0..<2).map { p in (0..<n).reduce(0.0) { $0 + periods.premiumByPeriodAndInsurer[p * n + $1] } }
        #expect(premium == [360_000, 58_000])

        func binomial(_ n: Int, _ q: Double) -> [Double] {
            let logQ: Double = log(q), logP: Double = log1p(-q), logN: Double = lgamma(Double(n + 1))
            return (0...n).map { (k: Int) -> Double in
                let x = Double(k), y = Double(n - k)
                let logChoose: Double = logN - lgamma(x + 1) - lgamma(y + 1)
                return exp(logChoose + x * logQ + y * logP)
            }
        }
        let first = binomial(3000, 0.05), second = binomial(2900, 1 - pow(0.95, 1.0 / 6))
        func expectedRefund(_ pmf: [Double], premium: Double) -> Double {
            var total = 0.0
            for (k, probability) in pmf.enumerated() { total += probability * max(0, 0.85 * premium - 2000 * Double(k)) }
            return total
        }
        let exactPerPeriod = expectedRefund(first, premium: premium[0]) + expectedRefund(second, premium: premium[1])
        var sum = [Double](repeating: 0, count: first.count + second.count - 1)
        for (i, a) in first.enumerated() where a > 1e-300 {
            for (j, b) in second.enumerated() where b > 1e-300 { sum[i + j] += a * b }
        }
        let exactTerm = expectedRefund(sum, premium: premium[0] + premium[1])

        func z(_ values: [Double], _ expected: Double) -> Double {
            let count = Double(values.count), mean = values.reduce(0, +) / count
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
            return (mean - expected) / (variance / count).squareRoot()
        }
        let zPerPeriod = z(periods.refund, exactPerPeriod), zTerm = z(term.refund, exactTerm)
        #expect(abs(zPerPeriod) < 4, "per period: MC \(periods.refund.reduce(0, +) / 4000) exact \(exactPerPeriod) z \(zPerPeriod)")
        #expect(abs(zTerm) < 4, "term: MC \(term.refund.reduce(0, +) / 4000) exact \(exactTerm) z \(zTerm)")
        // The bases differ by far more than the Monte Carlo error here.
        #expect(exactPerPeriod > 1.2 * exactTerm)
    }
}
