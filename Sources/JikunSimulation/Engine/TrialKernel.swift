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
        var unit: Int
        var band: Int
        var period: Int
        /// `n` for a fixed cohort; 0 for a Poisson stream.
        var count: Int
        /// Students of a roster cohort; nil: use the band's in-school share.
        var students: Int?
        var exposureYears: Double
        /// Poisson stream: expected entrants a month; months in the period.
        var perMonth: Double
        var periodMonths: Int
        /// Admission: for a fixed cohort, whether it is present in the admission month; for a
        /// Poisson stream, the number of entry months up to that month.
        var admissionPresence: Double
        var baseColumn: Int
        var pAccidentDeath, pDiseaseDeath, pDisability, pMedical, pHospital, pStudent: Double
        var inSchoolShare: Double
        /// This cohort's admission levels: `admissionLevels[admissionStart..<admissionEnd]`.
        var admissionStart: Int
        var admissionEnd: Int
        var isPoisson: Bool { count == 0 && perMonth > 0 }
    }

    /// An admission level of a band: its index, probability and amount in fen.
    struct AdmissionLevel: Sendable {
        var level: Int
        var probability: Double
        var fen: Double
    }

    /// The per-cohort events drawn as one count each.
    enum Slot: Int, CaseIterable {
        case death, disability, medical, hospital, student
    }
    static let slots = Slot.allCases.count

    /// Per (cohort, slot): whether no factor moves the draw, so its parameter (probability or
    /// Poisson mean) and P(0) are computed once here instead of every trial.
    struct CachedDraw: Sendable {
        var constant: Bool
        var parameter: Double
        var probabilityOfZero: Double
        /// Deaths: the accidental share of a death.
        var split: Double
    }

    let edition: Edition
    let columns: ClaimColumns
    let cohorts: [PlannedCohort]
    let admissionLevels: [AdmissionLevel]
    /// `cached[cohort * slots + slot]`.
    let cached: [CachedDraw]
    let schedules: [CriticalIllnessSchedule]
    let deathFen: Double, diseaseDeathFen: Double, studentFen: Double
    /// Cumulative grade probabilities and the capped payment per grade (fen).
    let gradeCumulative: [Double]
    let gradePaymentFen: [Double]
    let medicalSeverity: Severity, hospitalSeverity: Severity
    let medicalRate: Rate, medicalCap: Money
    let factors: FactorModel
    let lineStride: Int

    init(scenario: Scenario, population: Population) {
        let e = scenario.edition
        edition = e
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
            return Double(Adjudicator.applyCap(asked: asked, paidSoFar: .zero, cap: e.accident.disabilityPeriodCap).0.fen)
        }
        medicalSeverity = scenario.events.accidentMedicalSeverity
        hospitalSeverity = scenario.events.hospitalisationSeverity
        medicalRate = e.accident.medicalRate
        medicalCap = e.accident.medicalPeriodCap
        factors = FactorModel(scenario: scenario)

        let ev = scenario.events
        let student = e.studentCriticalIllness
        var planned: [PlannedCohort] = []
        var levels: [AdmissionLevel] = []
        for cohort in population.cohorts {
            let u = cohort.unit, c = cohort.category, b = cohort.band, p = cohort.period
            let period = e.periods[p]
            let band = scenario.ageBands[b]
            let eligible = band.from >= student.minimumAge && (band.to ?? Int.max) <= student.maximumAge
            // Position of the admission month in the period (1-based), if the period holds it.
            let admissionPosition = (0..<period.months).first { k in
                (period.start.monthIndex + k) % 12 + 1 == ev.admission.month
            }.map { $0 + 1 }
            var count = 0, students: Int? = nil, exposure = 0.0, perMonth = 0.0, presence = 0.0
            switch cohort.size {
            case .fixed(let n, let months, let s):
                count = n
                students = s
                exposure = Double(months) / 12
                if let position = admissionPosition {
                    let entryPosition = period.months - months + 1
                    presence = entryPosition <= position ? 1 : 0
                }
            case .poisson(let rate):
                perMonth = rate
                if let position = admissionPosition { presence = Double(max(0, position - 1)) }
            }
            let admissionStart = levels.count
            levels += ev.admission.levels.filter { $0.band == b }.map {
                AdmissionLevel(level: $0.level, probability: $0.probability, fen: Double(e.admission.levels[$0.level].amount.fen))
            }
            planned.append(PlannedCohort(
                unit: u, band: b, period: p, count: count, students: students, exposureYears: exposure,
                perMonth: perMonth, periodMonths: period.months, admissionPresence: presence,
                baseColumn: columns.column(unit: u, category: c, line: 0, period: p),
                pAccidentDeath: ev.accidentDeath.rate(unit: u, category: c, band: b),
                pDiseaseDeath: ev.diseaseDeath.rate(unit: u, category: c, band: b),
                pDisability: ev.accidentDisability.rate(unit: u, category: c, band: b),
                pMedical: ev.accidentMedical.rate(unit: u, category: c, band: b),
                pHospital: ev.hospitalisation.rate(unit: u, category: c, band: b),
                pStudent: eligible ? ev.studentCriticalIllness.rate(unit: u, category: c, band: b) : 0,
                inSchoolShare: band.inSchoolShare, admissionStart: admissionStart, admissionEnd: levels.count))
        }
        cohorts = planned
        admissionLevels = levels
        cached = Self.cacheDraws(planned, factors: factors, schedules: schedules, hospitalSeverity: hospitalSeverity)
    }

    /// Precomputes the draws no factor moves (every draw of a scenario without factors).
    static func cacheDraws(_ cohorts: [PlannedCohort], factors: FactorModel, schedules: [CriticalIllnessSchedule],
                           hospitalSeverity: Severity) -> [CachedDraw] {
        let units = factors.units
        func moved(_ line: Int, _ u: Int) -> Bool { !factors.frequencyFactors[line * units + u].isEmpty }
        func severityMoved(_ line: Int, _ u: Int) -> Bool { !factors.severityFactors[line * units + u].isEmpty }
        var cached: [CachedDraw] = []
        cached.reserveCapacity(cohorts.count * slots)
        for c in cohorts {
            let u = c.unit
            for slot in Slot.allCases {
                var constant = false, parameter = 0.0, split = 0.0
                switch slot {
                case .death:
                    constant = !moved(lAccidentDeath, u) && !moved(lDiseaseDeath, u)
                    let total = min(1, c.pAccidentDeath + c.pDiseaseDeath)
                    parameter = exposureProbability(c, total)
                    split = total > 0 ? c.pAccidentDeath / (c.pAccidentDeath + c.pDiseaseDeath) : 0
                case .disability:
                    constant = !moved(lDisability, u)
                    parameter = exposureProbability(c, c.pDisability)
                case .medical:
                    constant = !moved(lMedical, u)
                    parameter = exposureProbability(c, c.pMedical)
                case .hospital:
                    constant = !moved(lHospital, u) && !severityMoved(lHospital, u)
                    parameter = exposureProbability(c, c.pHospital) * hospitalSeverity.survival(schedules[c.period].deductible.yuan)
                case .student:
                    constant = !moved(lStudent, u)
                    parameter = exposureProbability(c, c.pStudent) * (c.students == nil ? c.inSchoolShare : 1)
                }
                let n = slot == .student ? (c.students ?? c.count) : c.count
                let zero = c.isPoisson ? exp(-parameter) : exp(Double(n) * log1p(-min(parameter, 1)))
                cached.append(CachedDraw(constant: constant, parameter: parameter, probabilityOfZero: zero, split: split))
            }
        }
        return cached
    }

    static let lAccidentDeath = ClaimColumns.lineIndex(.accidentDeath)
    static let lDisability = ClaimColumns.lineIndex(.accidentDisability)
    static let lMedical = ClaimColumns.lineIndex(.accidentMedical)
    static let lHospital = ClaimColumns.lineIndex(.hospitalisation)
    static let lDiseaseDeath = ClaimColumns.lineIndex(.diseaseDeath)
    static let lStudent = ClaimColumns.lineIndex(.studentCriticalIllness)
    static let lAdmission = ClaimColumns.lineIndex(.admission)

    /// Expected events in a cohort for annual probability `p`: the probability for a fixed
    /// cohort (draw Binomial(n, ·)), or the Poisson mean for an entrant stream, where entrants of
    /// month m (2…M) are exposed (M − m + 1)/12 of a year: E·Σₖ₌₁^{M−1} (1 − rᵏ), r = (1 − p)^{1/12}.
    @inline(__always)
    static func exposureProbability(_ cohort: PlannedCohort, _ p: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return cohort.isPoisson ? cohort.perMonth * Double(cohort.periodMonths - 1) : 1 }
        if !cohort.isPoisson, cohort.exposureYears == 1 { return p }
        let logSurvival = log1p(-p)
        if !cohort.isPoisson { return -expm1(cohort.exposureYears * logSurvival) }
        let m = Double(cohort.periodMonths - 1)
        if m <= 0 { return 0 }
        let r = exp(logSurvival / 12)
        // Σ rᵏ for k = 1…m = r(1 − rᵐ)/(1 − r), with 1 − r and 1 − rᵐ by expm1 for accuracy.
        let oneMinusR = -expm1(logSurvival / 12)
        let oneMinusRm = -expm1(m * logSurvival / 12)
        return cohort.perMonth * (m - r * oneMinusRm / oneMinusR)
    }

    @inline(__always)
    static func draw(_ cohort: PlannedCohort, n: Int, _ probabilityOrMean: Double, _ rng: inout RandomStream) -> Int {
        if probabilityOrMean <= 0 { return 0 }
        return cohort.isPoisson ? rng.poisson(mean: probabilityOrMean) : rng.binomial(n: n, p: probabilityOrMean)
    }

    @inline(__always)
    static func drawCached(_ cohort: PlannedCohort, n: Int, _ draw: CachedDraw, _ rng: inout RandomStream) -> Int {
        if draw.parameter <= 0 { return 0 }
        return cohort.isPoisson
            ? rng.poisson(mean: draw.parameter, probabilityOfZero: draw.probabilityOfZero)
            : rng.binomial(n: n, p: draw.parameter, probabilityOfZero: draw.probabilityOfZero)
    }

    /// Counters of sampled claimants, for the cost report.
    struct Counters: Sendable {
        var claimants = 0
        var cellEvents = 0
    }

    /// Samples one trial's claims (fen) into `row` (length `columns.count`, zeroed by the caller),
    /// using factor values already drawn into `state`.
    func sampleTrial(into row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState,
                     rng: inout RandomStream, counters: inout Counters) {
        let stride = lineStride
        cohorts.withUnsafeBufferPointer { cohorts in
        cached.withUnsafeBufferPointer { cached in
        for index in cohorts.indices {
            let cohort = cohorts[index]
            let u = cohort.unit, n = cohort.count
            let base = cohort.baseColumn
            let slots = cached.baseAddress! + index * Self.slots

            // Deaths: one multinomial over {accident, disease, survive}.
            let death = slots[Slot.death.rawValue]
            var deaths = 0, accidentShare = death.split
            if death.constant {
                deaths = Self.drawCached(cohort, n: n, death, &rng)
            } else {
                let pA = min(1, cohort.pAccidentDeath * state.frequency(Self.lAccidentDeath, u))
                let pD = min(1, cohort.pDiseaseDeath * state.frequency(Self.lDiseaseDeath, u))
                if pA + pD > 0 {
                    deaths = Self.draw(cohort, n: n, Self.exposureProbability(cohort, min(1, pA + pD)), &rng)
                    accidentShare = pA / (pA + pD)
                }
            }
            counters.cellEvents += 1
            if deaths > 0 {
                let accidents = rng.binomial(n: deaths, p: accidentShare)
                row[base + Self.lAccidentDeath * stride] += Double(accidents) * deathFen
                row[base + Self.lDiseaseDeath * stride] += Double(deaths - accidents) * diseaseDeathFen
                counters.claimants += deaths
            }

            // Accidental disability: a grade per disabled person, capped per person and period.
            let disability = slots[Slot.disability.rawValue]
            let disabled = disability.constant
                ? Self.drawCached(cohort, n: n, disability, &rng)
                : Self.draw(cohort, n: n, Self.exposureProbability(cohort, min(1, cohort.pDisability * state.frequency(Self.lDisability, u))), &rng)
            counters.cellEvents += 1
            if disabled > 0 {
                var fen = 0.0
                for _ in 0..<disabled {
                    let v = rng.nextDouble()
                    var g = 0
                    while g < gradeCumulative.count - 1 && v >= gradeCumulative[g] { g += 1 }
                    fen += gradePaymentFen[g]
                }
                row[base + Self.lDisability * stride] += fen
                counters.claimants += disabled
            }

            // Accident medical: min(cap, rate × Y) per person and period.
            let medical = slots[Slot.medical.rawValue]
            let treated = medical.constant
                ? Self.drawCached(cohort, n: n, medical, &rng)
                : Self.draw(cohort, n: n, Self.exposureProbability(cohort, min(1, cohort.pMedical * state.frequency(Self.lMedical, u))), &rng)
            counters.cellEvents += 1
            if treated > 0 {
                let scale = state.severity(Self.lMedical, u)
                var fen = 0.0
                for _ in 0..<treated {
                    let y = Money(roundingYuan: scale * medicalSeverity.sample(using: &rng))
                    fen += Double(Adjudicator.applyCap(asked: y.scaled(by: medicalRate), paidSoFar: .zero, cap: medicalCap).0.fen)
                }
                row[base + Self.lMedical * stride] += fen
                counters.claimants += treated
            }

            // Hospitalisation: only persons whose total X passes the deductible are drawn
            // (thinning), then X by inversion on the survival function above it: X = S⁻¹(U·S(d)).
            let hospital = slots[Slot.hospital.rawValue]
            let passing = state.hospitalSurvival(u, cohort.period)
            let claimants = hospital.constant
                ? Self.drawCached(cohort, n: n, hospital, &rng)
                : Self.draw(cohort, n: n, Self.exposureProbability(cohort, min(1, cohort.pHospital * state.frequency(Self.lHospital, u))) * passing, &rng)
            counters.cellEvents += 1
            if claimants > 0 {
                let scale = state.severity(Self.lHospital, u)
                let schedule = schedules[cohort.period]
                var fen = 0.0
                for _ in 0..<claimants {
                    let x = Money(roundingYuan: scale * hospitalSeverity.inverseSurvival(rng.nextOpenDouble() * passing))
                    fen += Double(schedule.benefit(total: x).fen)
                }
                row[base + Self.lHospital * stride] += fen
                counters.claimants += claimants
            }

            // Student critical illness: in-school students of eligible ages.
            if cohort.pStudent > 0 {
                let student = slots[Slot.student.rawValue]
                let students = cohort.students ?? n
                let k: Int
                if student.constant {
                    k = Self.drawCached(cohort, n: students, student, &rng)
                } else {
                    let q = Self.exposureProbability(cohort, min(1, cohort.pStudent * state.frequency(Self.lStudent, u)))
                    k = Self.draw(cohort, n: students, q * (cohort.students == nil ? cohort.inSchoolShare : 1), &rng)
                }
                counters.cellEvents += 1
                row[base + Self.lStudent * stride] += Double(k) * studentFen
                counters.claimants += k
            }

            // Admission in the admission month: one level at most per person.
            if cohort.admissionPresence > 0, cohort.admissionEnd > cohort.admissionStart {
                let f = state.frequency(Self.lAdmission, u)
                var fen = 0.0
                if cohort.isPoisson {
                    for level in admissionLevels[cohort.admissionStart..<cohort.admissionEnd] {
                        let k = rng.poisson(mean: cohort.perMonth * cohort.admissionPresence * min(1, level.probability * f))
                        fen += Double(k) * level.fen
                        counters.claimants += k
                    }
                } else {
                    var remaining = n
                    var massLeft = 1.0
                    for level in admissionLevels[cohort.admissionStart..<cohort.admissionEnd] where remaining > 0 {
                        let p = min(1, level.probability * f)
                        let k = rng.binomial(n: remaining, p: massLeft > 0 ? min(1, p / massLeft) : 0)
                        remaining -= k
                        massLeft -= p
                        fen += Double(k) * level.fen
                        counters.claimants += k
                    }
                }
                counters.cellEvents += cohort.admissionEnd - cohort.admissionStart
                row[base + Self.lAdmission * stride] += fen
            }
        }
        }
        }
    }
}
