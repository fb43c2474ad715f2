import Foundation
import JikunPolicy
import JikunSampling

/// Everything one trial needs, precomputed from a scenario and population, and the code that
/// samples a trial's claims into a vector of `ClaimColumns`.
///
/// Each claimant's amount is computed by the edition's exact rules (in fen): `AccidentBenefit`,
/// `Adjudicator.applyCap`, `CriticalIllnessSchedule.benefit`. Counts are exact binomial or
/// Poisson draws; nothing is approximated.
struct TrialKernel: Sendable {
    struct PlannedCohort: Sendable {
        /// How many persons the cohort holds and for how long.
        enum Size: Sendable {
            /// `count` persons, each exposed `exposureYears`.
            case fixed(count: Int, exposureYears: Double)
            /// A Poisson stream: `perMonth` expected entrants in each month after the first of
            /// a period of `months` months.
            case poisson(perMonth: Double, months: Int)
        }
        /// Who is insured in the admission month.
        enum AdmissionExposure: Sendable {
            /// Nobody (the period does not hold the month, or the cohort enters after it).
            case none
            /// Every person of a fixed cohort.
            case everyone
            /// A Poisson stream's entrants of its first `months` entry months.
            case entrantMonths(Int)
        }
        var unit: Int
        var category: Int
        var band: Int
        var period: Int
        var size: Size
        /// Students of a roster cohort; nil: use the band's in-school share.
        var students: Int?
        var admission: AdmissionExposure
        var baseColumn: Int
        var pAccidentDeath, pDiseaseDeath, pDisability, pMedical, pHospital, pStudent: Double
        var inSchoolShare: Double
        /// Multipliers k on the accident-medical and hospitalisation costs (`SeverityScales`),
        /// and the index of the latter in `FactorModel.hospitalScales`.
        var medicalScale = 1.0, hospitalScale = 1.0, hospitalVariant = 0
        /// This cohort's admission levels: `admissionLevels[admissionStart..<admissionEnd]`.
        var admissionStart: Int
        var admissionEnd: Int

        var isPoisson: Bool { if case .poisson = size { true } else { false } }
        /// Persons of a fixed cohort, or expected entrants a month of a stream.
        var weight: Double {
            switch size {
            case .fixed(let n, _): Double(n)
            case .poisson(let perMonth, _): perMonth
            }
        }
        /// Persons (expected, for a stream) insured in the admission month.
        var admissionPersons: Double {
            switch (admission, size) {
            case (.none, _): 0
            case (.everyone, .fixed(let n, _)): Double(n)
            case (.entrantMonths(let k), .poisson(let perMonth, _)): perMonth * Double(k)
            case (.everyone, .poisson), (.entrantMonths, .fixed): preconditionFailure("admission exposure of another kind of cohort")
            }
        }
    }

    /// An admission level of a band: its index, probability and amount in fen, and the
    /// admitted persons' chance of this level given none of the band's earlier ones
    /// (p / the mass of this level and the later ones; 1 for the last), for the sequential
    /// conditional binomials of `admissionFen`.
    struct AdmissionLevel: Sendable {
        var level: Int
        var probability: Double
        var fen: Double
        var share = BinomialDraws(p: 0)
    }

    let edition: Edition
    let readings: Readings
    let columns: ClaimColumns
    let cohorts: [PlannedCohort]
    let admissionLevels: [AdmissionLevel]
    /// Cohorts grouped by shared event probability, for sampling.
    private(set) var groupsStorage = EventGroups()
    let schedules: [CriticalIllnessSchedule]
    let deathFen: Double, diseaseDeathFen: Double, studentFen: Double
    /// Cumulative grade probabilities and the capped payment per grade (fen).
    let gradeCumulative: [Double]
    let gradePaymentFen: [Int64]
    /// The accident-medical cost (critical-illness costs are drawn from `FactorModel`'s
    /// per-trial `hospitalAbove`).
    let medicalSeverity: PreparedSeverity
    /// The edition's accident benefit, whose rule pays the accident-medical claimants.
    let accident: AccidentBenefit
    /// Sampled amounts (yuan) are clamped here before they become fen: past these points a
    /// payment no longer changes (it is at its cap), so the clamp changes no payment, and a
    /// heavy-tailed or huge severity cannot overflow the fen. Medical: the cost whose
    /// reimbursement reaches the cap; hospital: each period's total X past which B(X) is flat.
    let medicalSaturationYuan: Double
    let hospitalSaturationYuan: [Double]
    let factors: FactorModel
    let lineStride: Int
    /// Set for a run that sees only the claims known at a clearing date (`simulate --as-of`).
    var visibility: Visibility?

    /// A saturation point in fen as the yuan amount a sample is clamped to: one fen above it
    /// (so that rounding cannot fall below it), and never beyond 10¹⁵ yuan, far inside Int64
    /// fen (a cap no programme reaches: there the clamp only keeps the arithmetic finite).
    static func saturationYuan(fen: Double) -> Double { Swift.min(fen + 1, 1e17) / 100 }

    init(scenario: Scenario, population: Population) {
        let e = scenario.edition
        edition = e
        readings = scenario.readings
        columns = ClaimColumns(edition: e)
        lineStride = columns.periods
        schedules = e.periods.indices.map(e.criticalIllnessSchedule(period:))
        deathFen = Double(e.accident.deathAmount.fen)
        diseaseDeathFen = Double(e.diseaseDeath.amount.fen)
        studentFen = Double(e.studentCriticalIllness.amount.fen)
        var cumulative: [Double] = []
        var running = 0.0
        for p in scenario.events.disabilityGrades {
            running += p
            cumulative.append(running)
        }
        gradeCumulative = cumulative
        gradePaymentFen = (1...e.accident.gradeRatios.count).map { grade in
            let asked = e.accident.disabilityAmount(grade: grade)
            return Adjudicator.applyCap(asked: asked, paidSoFar: .zero, cap: e.accident.disabilityPeriodCap).0.fen
        }
        medicalSeverity = PreparedSeverity(scenario.events.accidentMedicalSeverity)
        accident = e.accident
        medicalSaturationYuan = Self.saturationYuan(
            fen: e.accident.medicalRate.partsPerMillion == 0 ? 0
                : (Double(e.accident.medicalPeriodCap.fen) * Double(Rate.denominator) / Double(e.accident.medicalRate.partsPerMillion)).rounded(.up))
        hospitalSaturationYuan = schedules.map { Self.saturationYuan(fen: Double($0.saturationTotal.fen)) }
        factors = FactorModel(scenario: scenario)

        let ev = scenario.events
        let student = e.studentCriticalIllness
        var planned: [PlannedCohort] = []
        var levels: [AdmissionLevel] = []
        for cohort in population.cohorts {
            let u = cohort.unit, c = cohort.category, b = cohort.band, p = cohort.period
            let period = e.periods[p]
            let band = scenario.ageBands[b]
            // The band's share of ages the student benefit covers (a roster's students are counted eligible already).
            let eligibleShare = band.shareOfAges(within: student.minimumAge, student.maximumAge)
            // Position of the admission month in the period (1-based), if the period holds it.
            let admissionPosition = (0..<period.months).first { k in
                (period.start.monthIndex + k) % 12 + 1 == ev.admission.month
            }.map { $0 + 1 }
            let size: PlannedCohort.Size, students: Int?, admission: PlannedCohort.AdmissionExposure
            switch cohort.size {
            case .fixed(let n, let months, let s):
                size = .fixed(count: n, exposureYears: Double(months) / 12)
                students = s
                let entryPosition = period.months - months + 1
                admission = admissionPosition.map { entryPosition <= $0 } == true ? .everyone : .none
            case .poisson(let rate):
                size = .poisson(perMonth: rate, months: period.months)
                students = nil
                let months = admissionPosition.map { max(0, $0 - 1) } ?? 0
                admission = months > 0 ? .entrantMonths(months) : .none
            }
            let admissionStart = levels.count
            levels += ev.admission.levels.filter { $0.band == b }.map {
                AdmissionLevel(level: $0.level, probability: $0.probability, fen: Double(e.admission.levels[$0.level].amount.fen))
            }
            planned.append(PlannedCohort(
                unit: u, category: c, band: b, period: p, size: size, students: students, admission: admission,
                baseColumn: columns.column(unit: u, category: c, line: .accidentDeath, period: p),
                pAccidentDeath: ev.accidentDeath.rate(unit: u, category: c, band: b),
                pDiseaseDeath: ev.diseaseDeath.rate(unit: u, category: c, band: b),
                pDisability: ev.accidentDisability.rate(unit: u, category: c, band: b),
                pMedical: ev.accidentMedical.rate(unit: u, category: c, band: b),
                pHospital: ev.hospitalisation.rate(unit: u, category: c, band: b),
                pStudent: eligibleShare > 0 ? ev.studentCriticalIllness.rate(unit: u, category: c, band: b) : 0,
                inSchoolShare: band.inSchoolShare * eligibleShare, admissionStart: admissionStart, admissionEnd: levels.count))
            planned[planned.count - 1].medicalScale = ev.accidentMedicalSeverityScales.scale(category: c, band: b, period: p)
            let hospitalScale = ev.hospitalisationSeverityScales.scale(category: c, band: b, period: p)
            planned[planned.count - 1].hospitalScale = hospitalScale
            planned[planned.count - 1].hospitalVariant = factors.hospitalScales.firstIndex(of: hospitalScale)!
        }
        for c in planned where c.admissionEnd > c.admissionStart {
            var mass = levels[c.admissionStart..<c.admissionEnd].reduce(0) { $0 + $1.probability }
            for level in c.admissionStart..<c.admissionEnd {
                let last = level == c.admissionEnd - 1
                levels[level].share = BinomialDraws(p: last ? 1 : (mass > 0 ? min(1, levels[level].probability / mass) : 0))
                mass -= levels[level].probability
            }
        }
        cohorts = planned
        admissionLevels = levels
        groupsStorage = EventGroups(kernel: self)
    }

    /// 1 − (1 − p)^t: a person's chance of the event over `years` of exposure.
    @inline(__always)
    static func exposureProbability(years: Double, _ p: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 || years == 1 { return min(p, 1) }
        return -expm1(years * log1p(-p))
    }

    /// Expected events per expected monthly entrant in a period of `months` months: entrants of
    /// month m (2…M) are exposed (M − m + 1)/12 of a year, so Σₖ₌₁^{M−1} (1 − rᵏ), r = (1 − p)^{1/12}.
    @inline(__always)
    static func exposureProbability(poissonMonths months: Int, _ p: Double) -> Double {
        let m = Double(months - 1)
        if p <= 0 || m <= 0 { return 0 }
        if p >= 1 { return m }
        let logSurvival = log1p(-p)
        let r = exp(logSurvival / 12)
        // Σ rᵏ = r(1 − rᵐ)/(1 − r), with 1 − r and 1 − rᵐ by expm1 for accuracy.
        let oneMinusR = -expm1(logSurvival / 12)
        let oneMinusRm = -expm1(m * logSurvival / 12)
        return m - r * oneMinusRm / oneMinusR
    }

    /// Counters of sampled claimants, for the cost report.
    struct Counters: Sendable {
        var claimants = 0
        var cellEvents = 0
    }
}
