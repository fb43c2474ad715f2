import Foundation
import JikunPolicy
import JikunSampling

/// The exact expected claims of each line and period for a scenario, computed without
/// simulation: expected claimant counts × the expected benefit per claimant, where the benefit
/// expectations come from the severity's limited expected values against the exact benefit
/// function (the tiered B(X) is piecewise linear, so E[B(X)] = Σᵢ rateᵢ·(LEV(bᵢ₊₁ ∧ X꜀) − LEV(bᵢ))),
/// and the systemic factors are integrated out by Gauss–Hermite quadrature over their
/// (bivariate) lognormal law. Rounding of single payments to the fen is ignored (±0.005 yuan).
public struct AnalyticExpectation: Sendable {
    /// `[line][period]` expected claims in yuan.
    public var claims: [[Double]]
    public let lines: [ClaimLine]

    public func expected(_ line: ClaimLine, period: Int) -> Double {
        claims[ClaimColumns.lineIndex(line)][period]
    }

    public init(engine: Engine) {
        let kernel = engine.kernel
        let scenario = engine.scenario
        let e = scenario.edition
        lines = ClaimColumns.lines
        let periods = e.periods.count
        var claims = [[Double]](repeating: [Double](repeating: 0, count: periods), count: lines.count)
        let units = e.units.count

        // The normal law of log-multipliers for a (line, unit): mean −Σσ²/2, covariance from R.
        let factors = scenario.factors
        func logLaw(_ a: [Int], _ b: [Int]) -> (mean: (Double, Double), covariance: (Double, Double, Double)) {
            func cov(_ x: [Int], _ y: [Int]) -> Double {
                var s = 0.0
                for i in x { for j in y { s += factors[i].sigma * factors[j].sigma * scenario.correlation[i][j] } }
                return s
            }
            let m1 = -a.reduce(0) { $0 + factors[$1].sigma * factors[$1].sigma } / 2
            let m2 = -b.reduce(0) { $0 + factors[$1].sigma * factors[$1].sigma } / 2
            return ((m1, m2), (cov(a, a), cov(a, b), cov(b, b)))
        }
        let model = kernel.factors
        func frequencyFactors(_ line: ClaimLine, _ u: Int) -> [Int] { model.frequencyFactors[ClaimColumns.lineIndex(line) * units + u] }
        func severityFactors(_ line: ClaimLine, _ u: Int) -> [Int] { model.severityFactors[ClaimColumns.lineIndex(line) * units + u] }

        let cohortsByUnit = Dictionary(grouping: kernel.cohorts, by: \.unit)
        let medicalCap = e.accident.medicalPeriodCap.yuan, medicalRate = e.accident.medicalRate.value
        let gradeMean = zip(scenario.events.disabilityGrades, kernel.gradePaymentFen).reduce(0.0) { $0 + $1.0 * Double($1.1) } / 100
        let hospital = scenario.events.hospitalisationSeverity, medical = scenario.events.accidentMedicalSeverity

        /// E[B(G·X)] for period p: Σ rateᵢ·(LEV_{GX}(min(bᵢ₊₁, X꜀)) − LEV_{GX}(bᵢ)), LEV_{GX}(a) = G·LEV_X(a/G).
        func expectedTieredBenefit(_ g: Double, _ p: Int) -> Double {
            let schedule = kernel.schedules[p]
            let d = schedule.deductible.yuan, cap = schedule.cap.yuan
            // Continuous point where the uncapped benefit reaches the cap.
            var capPoint = Double.infinity, accumulated = 0.0
            for (i, tier) in schedule.tiers.enumerated() {
                let lower = d + tier.from.yuan
                let upper = i + 1 < schedule.tiers.count ? d + schedule.tiers[i + 1].from.yuan : .infinity
                let rate = tier.rate.value
                if rate > 0, accumulated + rate * (upper - lower) >= cap {
                    capPoint = lower + (cap - accumulated) / rate
                    break
                }
                accumulated += rate * (upper - lower)
            }
            func lev(_ a: Double) -> Double { a.isInfinite ? g * hospital.mean : g * hospital.limitedExpectedValue(a / g) }
            var total = 0.0
            for (i, tier) in schedule.tiers.enumerated() {
                let lower = d + tier.from.yuan
                guard lower < capPoint else { break }
                let upper = min(i + 1 < schedule.tiers.count ? d + schedule.tiers[i + 1].from.yuan : .infinity, capPoint)
                total += tier.rate.value * (lev(upper) - lev(lower))
            }
            return total
        }

        for u in 0..<units {
            guard let cohorts = cohortsByUnit[u] else { continue }
            // Deaths: the two frequencies move together in one multinomial.
            let deathLaw = logLaw(frequencyFactors(.accidentDeath, u), frequencyFactors(.diseaseDeath, u))
            for node in GaussHermite.bivariateNormal(mean: deathLaw.mean, covariance: deathLaw.covariance) {
                let fa = exp(node.y1), fd = exp(node.y2)
                for c in cohorts {
                    let pA = min(1, c.pAccidentDeath * fa), pD = min(1, c.pDiseaseDeath * fd)
                    guard pA + pD > 0 else { continue }
                    let expected = Self.count(c) * TrialKernel.exposureProbability(c, min(1, pA + pD)) * node.probability
                    claims[TrialKernel.lAccidentDeath][c.period] += expected * pA / (pA + pD) * kernel.deathFen / 100
                    claims[TrialKernel.lDiseaseDeath][c.period] += expected * pD / (pA + pD) * kernel.diseaseDeathFen / 100
                }
            }
            let disabilityLaw = logLaw(frequencyFactors(.accidentDisability, u), [])
            for node in GaussHermite.bivariateNormal(mean: disabilityLaw.mean, covariance: disabilityLaw.covariance) {
                for c in cohorts {
                    let p = min(1, c.pDisability * exp(node.y1))
                    claims[TrialKernel.lDisability][c.period] += Self.count(c) * TrialKernel.exposureProbability(c, p) * gradeMean * node.probability
                }
            }
            let medicalLaw = logLaw(frequencyFactors(.accidentMedical, u), severityFactors(.accidentMedical, u))
            for node in GaussHermite.bivariateNormal(mean: medicalLaw.mean, covariance: medicalLaw.covariance) {
                let g = exp(node.y2)
                // E[min(cap, rate·G·Y)] = rate·G·LEV_Y(cap / (rate·G)).
                let perClaimant = medicalRate * g * medical.limitedExpectedValue(medicalCap / (medicalRate * g))
                for c in cohorts {
                    let p = min(1, c.pMedical * exp(node.y1))
                    claims[TrialKernel.lMedical][c.period] += Self.count(c) * TrialKernel.exposureProbability(c, p) * perClaimant * node.probability
                }
            }
            let hospitalLaw = logLaw(frequencyFactors(.hospitalisation, u), severityFactors(.hospitalisation, u))
            for node in GaussHermite.bivariateNormal(mean: hospitalLaw.mean, covariance: hospitalLaw.covariance) {
                let g = exp(node.y2)
                let perPerson = (0..<periods).map { expectedTieredBenefit(g, $0) }
                for c in cohorts {
                    let p = min(1, c.pHospital * exp(node.y1))
                    claims[TrialKernel.lHospital][c.period] += Self.count(c) * TrialKernel.exposureProbability(c, p) * perPerson[c.period] * node.probability
                }
            }
            let studentLaw = logLaw(frequencyFactors(.studentCriticalIllness, u), [])
            for node in GaussHermite.bivariateNormal(mean: studentLaw.mean, covariance: studentLaw.covariance) {
                for c in cohorts where c.pStudent > 0 {
                    let q = TrialKernel.exposureProbability(c, min(1, c.pStudent * exp(node.y1)))
                    let students = c.students.map(Double.init) ?? Self.count(c) * c.inSchoolShare
                    claims[TrialKernel.lStudent][c.period] += students * q * kernel.studentFen / 100 * node.probability
                }
            }
            let admissionLaw = logLaw(frequencyFactors(.admission, u), [])
            for node in GaussHermite.bivariateNormal(mean: admissionLaw.mean, covariance: admissionLaw.covariance) {
                for c in cohorts where c.admissionPresence > 0 {
                    // One level at most per person: admitted with min(1, f·Σ pₗ), the level in proportion to pₗ.
                    let levels = kernel.admissionLevels[c.admissionStart..<c.admissionEnd]
                    let total = levels.reduce(0) { $0 + $1.probability }
                    guard total > 0 else { continue }
                    let admitted = min(1, total * exp(node.y1))
                    let persons = c.isPoisson ? c.perMonth * c.admissionPresence : Double(c.count)
                    for level in levels {
                        claims[TrialKernel.lAdmission][c.period] += persons * admitted * level.probability / total * level.fen / 100 * node.probability
                    }
                }
            }
        }
        self.claims = claims
    }

    /// The multiplier of `exposureProbability`: n for a fixed cohort, 1 for a Poisson stream
    /// (whose "probability" is already the expected count).
    static func count(_ c: TrialKernel.PlannedCohort) -> Double { c.isPoisson ? 1 : Double(c.count) }
}
