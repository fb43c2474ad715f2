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

    /// `[category][line][period]` expected claims in yuan (they add up to `claims`).
    public var claimsByCategory: [[[Double]]]

    public func expected(_ line: ClaimLine, period: Int) -> Double {
        claims[line.index][period]
    }

    public func expected(_ line: ClaimLine, category: Int, period: Int) -> Double {
        claimsByCategory[category][line.index][period]
    }

    public init(engine: Engine) {
        let kernel = engine.kernel
        let scenario = engine.scenario
        let e = scenario.edition
        lines = ClaimColumns.lines
        let periods = e.periods.count
        var claims = [[Double]](repeating: [Double](repeating: 0, count: periods), count: lines.count)
        let units = e.units.count
        var byCategory = [[[Double]]](repeating: claims, count: e.categories.count)
        func add(_ line: ClaimLine, _ c: Cohort, _ yuan: Double) {
            claims[line.index][c.period] += yuan
            byCategory[c.category][line.index][c.period] += yuan
        }

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
        func frequencyFactors(_ line: ClaimLine, _ u: Int) -> [Int] { model.frequencyFactors(line, u) }
        func severityFactors(_ line: ClaimLine, _ u: Int) -> [Int] { model.severityFactors(line, u) }

        // The cohorts as this check reads them from Scenario and Population, sharing no
        // exposure code with the sampler (`TrialKernel`).
        let cohortsByUnit = Dictionary(grouping: engine.population.cohorts.map { Cohort($0, scenario: scenario) }, by: \.unit)
        let deathYuan = e.accident.deathAmount.yuan, diseaseDeathYuan = e.diseaseDeath.amount.yuan
        let studentYuan = e.studentCriticalIllness.amount.yuan
        let medicalCap = e.accident.medicalPeriodCap.yuan, medicalRate = e.accident.medicalRate.value
        let gradeMean = zip(scenario.events.disabilityGrades, kernel.gradePaymentFen).reduce(0.0) { $0 + $1.0 * Double($1.1) } / 100
        let hospital = scenario.events.hospitalisationSeverity, medical = scenario.events.accidentMedicalSeverity

        /// E[B(G·X)] for period p (G the factor times the cohort's severity scale k): Σ rateᵢ·(LEV_{GX}(min(bᵢ₊₁, X꜀)) − LEV_{GX}(bᵢ)), LEV_{GX}(a) = G·LEV_X(a/G).
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
                    switch scenario.readings.deaths {
                    case .competing:
                        let expected = c.expectedClaimants(min(1, pA + pD)) * node.probability
                        add(.accidentDeath, c, expected * pA / (pA + pD) * deathYuan)
                        add(.diseaseDeath, c, expected * pD / (pA + pD) * diseaseDeathYuan)
                    case .perEvent:
                        add(.accidentDeath, c, c.expectedClaimants(pA) * deathYuan * node.probability)
                        add(.diseaseDeath, c, c.expectedClaimants(pD) * diseaseDeathYuan * node.probability)
                    }
                }
            }
            let disabilityLaw = logLaw(frequencyFactors(.accidentDisability, u), [])
            for node in GaussHermite.bivariateNormal(mean: disabilityLaw.mean, covariance: disabilityLaw.covariance) {
                for c in cohorts {
                    let p = min(1, c.pDisability * exp(node.y1))
                    add(.accidentDisability, c, c.expectedClaimants(p) * gradeMean * node.probability)
                }
            }
            let medicalLaw = logLaw(frequencyFactors(.accidentMedical, u), severityFactors(.accidentMedical, u))
            for node in GaussHermite.bivariateNormal(mean: medicalLaw.mean, covariance: medicalLaw.covariance) {
                // E[min(cap, rate·G·Y)] = rate·G·LEV_Y(cap / (rate·G)), G = factor × cohort scale k.
                var perClaimant: [Double: Double] = [:]
                for c in cohorts {
                    let g = exp(node.y2) * c.medicalScale
                    let paid = perClaimant[g] ?? medicalRate * g * medical.limitedExpectedValue(medicalCap / (medicalRate * g))
                    perClaimant[g] = paid
                    let p = min(1, c.pMedical * exp(node.y1))
                    add(.accidentMedical, c, c.expectedClaimants(p) * paid * node.probability)
                }
            }
            let hospitalLaw = logLaw(frequencyFactors(.hospitalisation, u), severityFactors(.hospitalisation, u))
            for node in GaussHermite.bivariateNormal(mean: hospitalLaw.mean, covariance: hospitalLaw.covariance) {
                var perPerson: [Double: [Double]] = [:]  // by G = factor × cohort scale k
                for c in cohorts {
                    let g = exp(node.y2) * c.hospitalScale
                    let benefits = perPerson[g] ?? (0..<periods).map { expectedTieredBenefit(g, $0) }
                    perPerson[g] = benefits
                    let p = min(1, c.pHospital * exp(node.y1))
                    add(.hospitalisation, c, c.expectedClaimants(p) * benefits[c.period] * node.probability)
                }
            }
            let studentLaw = logLaw(frequencyFactors(.studentCriticalIllness, u), [])
            for node in GaussHermite.bivariateNormal(mean: studentLaw.mean, covariance: studentLaw.covariance) {
                for c in cohorts where c.pStudent > 0 {
                    // Students claim with the line's probability over their exposure; without a
                    // roster's count, a share of the cohort is in school.
                    let claimants = c.expectedClaimants(min(1, c.pStudent * exp(node.y1))) * c.studentShare
                    add(.studentCriticalIllness, c, claimants * studentYuan * node.probability)
                }
            }
            let admissionLaw = logLaw(frequencyFactors(.admission, u), [])
            for node in GaussHermite.bivariateNormal(mean: admissionLaw.mean, covariance: admissionLaw.covariance) {
                for c in cohorts where c.admissionPersons > 0 {
                    // One level at most per person: admitted with min(1, f·Σ pₗ), the level in proportion to pₗ.
                    let levels = scenario.events.admission.levels.filter { $0.band == c.band }
                    let total = levels.reduce(0) { $0 + $1.probability }
                    guard total > 0 else { continue }
                    let admitted = min(1, total * exp(node.y1))
                    for level in levels {
                        add(.admission, c, c.admissionPersons * admitted * level.probability / total
                            * e.admission.levels[level.level].amount.yuan * node.probability)
                    }
                }
            }
        }
        self.claims = claims
        claimsByCategory = byCategory
    }

    /// A cohort as the check reads it: its rates, and its expected claimants for an annual
    /// probability p, written out from the rules and the model rather than taken from the sampler.
    struct Cohort {
        var unit: Int, category: Int, band: Int, period: Int
        /// The severity multipliers k of `SeverityScales`, read here from the overrides and
        /// period scales themselves.
        var medicalScale: Double, hospitalScale: Double
        var size: Population.Cohort.Size
        var periodMonths: Int
        var pAccidentDeath, pDiseaseDeath, pDisability, pMedical, pHospital, pStudent: Double
        /// Eligible students per person: a roster cohort's own count over its size, else the band's
        /// in-school share × its share of ages inside the benefit's limits.
        var studentShare: Double
        var admissionPersons: Double

        init(_ c: Population.Cohort, scenario: Scenario) {
            let e = scenario.edition, ev = scenario.events
            let band = scenario.ageBands[c.band], period = e.periods[c.period]
            unit = c.unit
            category = c.category
            self.band = c.band
            func multiplier(_ s: SeverityScales) -> Double {
                var k = s.periodScales.isEmpty ? 1 : s.periodScales[c.period]
                for o in s.overrides where o.categories.contains(c.category) && o.bands.contains(c.band) { k *= o.scale }
                return k
            }
            medicalScale = multiplier(ev.accidentMedicalSeverityScales)
            hospitalScale = multiplier(ev.hospitalisationSeverityScales)
            self.period = c.period
            size = c.size
            periodMonths = period.months
            func rate(_ t: FrequencyTable) -> Double { t.rate(unit: c.unit, category: c.category, band: c.band) }
            pAccidentDeath = rate(ev.accidentDeath)
            pDiseaseDeath = rate(ev.diseaseDeath)
            pDisability = rate(ev.accidentDisability)
            pMedical = rate(ev.accidentMedical)
            pHospital = rate(ev.hospitalisation)
            // Ages uniform over the band's full years (an open band to its eligibility_to):
            // counted year by year here, apart from the sampler's interval arithmetic.
            let limits = e.studentCriticalIllness
            let lastAge = band.to ?? band.eligibilityTo ?? band.from
            let years = lastAge - band.from + 1
            let eligibleYears = (band.from...lastAge).filter { $0 >= limits.minimumAge && $0 <= limits.maximumAge }.count
            let eligibleShare = band.to == nil && band.eligibilityTo == nil ? 0 : Double(eligibleYears) / Double(years)
            pStudent = eligibleShare > 0 ? rate(ev.studentCriticalIllness) : 0
            // Calendar months of the period, 1-based positions: the admission month's position.
            let admissionAt = (1...period.months).first { (period.start.monthIndex + $0 - 1) % 12 + 1 == ev.admission.month }
            switch c.size {
            case .fixed(let n, let months, let students):
                studentShare = n == 0 ? 0 : students.map { Double($0) / Double(n) } ?? band.inSchoolShare * eligibleShare
                // Fixed cohorts enter in month M − months + 1 and stay to the period's end.
                admissionPersons = admissionAt.map { period.months - months + 1 <= $0 } == true ? Double(n) : 0
            case .poisson(let perMonth):
                studentShare = band.inSchoolShare * eligibleShare
                // Entrants of months 2 … the admission month's predecessor are insured in it.
                admissionPersons = admissionAt.map { perMonth * Double($0 - 1) } ?? 0
            }
        }

        /// Expected claimants: n·(1 − (1 − p)^{months/12}) for n fixed persons; for a stream,
        /// Σ over entry months j = 2…M of λ·(1 − (1 − p)^{(M − j + 1)/12}).
        func expectedClaimants(_ p: Double) -> Double {
            guard p > 0 else { return 0 }
            switch size {
            case .fixed(let n, let months, _):
                return Double(n) * (1 - Foundation.pow(1 - min(p, 1), Double(months) / 12))
            case .poisson(let perMonth):
                var sum = 0.0
                for j in stride(from: 2, through: periodMonths, by: 1) {
                    sum += 1 - Foundation.pow(1 - min(p, 1), Double(periodMonths - j + 1) / 12)
                }
                return perMonth * sum
            }
        }
    }
}
