import Foundation
import JikunPolicy
import JikunSampling

/// Cohorts that share an event's probability in every trial, sampled together.
///
/// All persons of a group have the same per-trial probability q (same base rate, exposure,
/// period and factors), so the group is one Bernoulli process over its N persons laid end to end:
/// the gaps between claimants are Geometric(q), drawn by inversion, ⌊log U / log(1 − q)⌋. Poisson
/// entrant streams of a group form one Poisson process over their summed expected entrants, with
/// Exponential gaps. Each claimant then falls in the cohort whose stretch holds its position.
/// Both are exact, and cost one logarithm per claimant instead of a binomial draw per cohort.
struct EventGroup: Sendable {
    var slot: TrialKernel.Slot
    var period: Int
    var isPoisson: Bool
    var exposureYears: Double
    var periodMonths: Int
    /// Per person-year (deaths: accidental and disease separately).
    var probability: Double
    var accidentProbability: Double
    var diseaseProbability: Double
    /// A member's unit: every member has the same factors.
    var unit: Int
    /// Members: `memberCohort[members]`, with `memberEnd[k]` the running total of sizes.
    var members: Range<Int>
    /// Admission: this band's levels in `admissionLevels`.
    var levelStart: Int
    var levelEnd: Int
}

struct EventGroups: Sendable {
    var groups: [EventGroup] = []
    var memberCohort: [Int] = []
    var memberEnd: [Double] = []

    init() {}

    init(kernel: TrialKernel) {
        let factors = kernel.factors
        let units = factors.units
        struct Key: Hashable {
            var slot: Int, period: Int, poisson: Bool, months: Int
            var p: UInt64, pA: UInt64, pD: UInt64
            var frequency: [Int], secondFrequency: [Int], severity: [Int]
            var levels: Int
        }
        var order: [Key] = []
        var membersOf: [Key: [(cohort: Int, size: Double)]] = [:]
        var template: [Key: EventGroup] = [:]
        func factorList(_ line: Int, _ u: Int) -> [Int] { factors.frequencyFactors[line * units + u] }
        func severityList(_ line: Int, _ u: Int) -> [Int] { factors.severityFactors[line * units + u] }

        for (index, c) in kernel.cohorts.enumerated() {
            let months = c.isPoisson ? 0 : Int((c.exposureYears * 12).rounded())
            for slot in TrialKernel.Slot.allCases {
                var p = 0.0, pA = 0.0, pD = 0.0, size = c.isPoisson ? c.perMonth : Double(c.count)
                var frequency: [Int] = [], second: [Int] = [], severity: [Int] = []
                var levels = -1
                switch slot {
                case .death:
                    pA = c.pAccidentDeath
                    pD = c.pDiseaseDeath
                    p = pA + pD
                    frequency = factorList(TrialKernel.lAccidentDeath, c.unit)
                    second = factorList(TrialKernel.lDiseaseDeath, c.unit)
                case .disability:
                    p = c.pDisability
                    frequency = factorList(TrialKernel.lDisability, c.unit)
                case .medical:
                    p = c.pMedical
                    frequency = factorList(TrialKernel.lMedical, c.unit)
                    severity = severityList(TrialKernel.lMedical, c.unit)
                case .hospital:
                    p = c.pHospital
                    frequency = factorList(TrialKernel.lHospital, c.unit)
                    severity = severityList(TrialKernel.lHospital, c.unit)
                case .student:
                    p = c.pStudent * (c.students == nil ? c.inSchoolShare : 1)
                    if let students = c.students { size = Double(students) }
                    frequency = factorList(TrialKernel.lStudent, c.unit)
                case .admission:
                    guard c.admissionPresence > 0, c.admissionEnd > c.admissionStart else { continue }
                    p = kernel.admissionLevels[c.admissionStart..<c.admissionEnd].reduce(0) { $0 + $1.probability }
                    size *= c.isPoisson ? c.admissionPresence : 1
                    frequency = factorList(TrialKernel.lAdmission, c.unit)
                    levels = c.band
                }
                guard p > 0, size > 0 else { continue }
                let key = Key(slot: slot.rawValue, period: c.period, poisson: c.isPoisson, months: months,
                              p: p.bitPattern, pA: pA.bitPattern, pD: pD.bitPattern,
                              frequency: frequency, secondFrequency: second, severity: severity, levels: levels)
                if membersOf[key] == nil {
                    order.append(key)
                    template[key] = EventGroup(slot: slot, period: c.period, isPoisson: c.isPoisson, exposureYears: c.exposureYears,
                                               periodMonths: c.periodMonths, probability: p, accidentProbability: pA,
                                               diseaseProbability: pD, unit: c.unit, members: 0..<0,
                                               levelStart: c.admissionStart, levelEnd: c.admissionEnd)
                }
                membersOf[key, default: []].append((index, size))
            }
        }
        for key in order {
            var group = template[key]!
            let start = memberCohort.count
            var running = 0.0
            for member in membersOf[key]! {
                running += member.size
                memberCohort.append(member.cohort)
                memberEnd.append(running)
            }
            group.members = start..<memberCohort.count
            groups.append(group)
        }
    }
}

extension TrialKernel {
    /// Samples one trial's claims (fen) into `row` (length `columns.count`, zeroed by the caller),
    /// using factor values already drawn into `state`. Each group draws from its own stream keyed
    /// by (`groupKey`, group index), so a variant that changes some events leaves the other
    /// groups' draws as they were: common random numbers stay aligned across `jikun compare`.
    func sampleTrial(into row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState,
                     groupKey: UInt64, counters: inout Counters) {
        let stride = lineStride
        groupsStorage.groups.withUnsafeBufferPointer { groups in
        groupsStorage.memberCohort.withUnsafeBufferPointer { memberCohort in
        groupsStorage.memberEnd.withUnsafeBufferPointer { memberEnd in
        cohorts.withUnsafeBufferPointer { cohorts in
        for g in groups.indices {
            let group = groups[g]
            var rng = RandomStream(seed: groupKey, stream: UInt64(g))
            let u = group.unit
            counters.cellEvents += 1

            // The group's probability (fixed cohorts) or Poisson rate per entrant-month (streams).
            var accidentShare = 0.0, passing = 1.0, severityScale = 1.0
            var p: Double
            switch group.slot {
            case .death:
                let pA = min(1, group.accidentProbability * state.frequency(Self.lAccidentDeath, u))
                let pD = min(1, group.diseaseProbability * state.frequency(Self.lDiseaseDeath, u))
                p = min(1, pA + pD)
                accidentShare = pA + pD > 0 ? pA / (pA + pD) : 0
            case .disability: p = min(1, group.probability * state.frequency(Self.lDisability, u))
            case .medical:
                p = min(1, group.probability * state.frequency(Self.lMedical, u))
                severityScale = state.severity(Self.lMedical, u)
            case .hospital:
                p = min(1, group.probability * state.frequency(Self.lHospital, u))
                passing = state.hospitalSurvival(u, group.period)
                severityScale = state.severity(Self.lHospital, u)
            case .student: p = min(1, group.probability * state.frequency(Self.lStudent, u))
            case .admission: p = min(1, group.probability * state.frequency(Self.lAdmission, u))
            }
            let rate: Double
            if group.slot == .admission {
                rate = p     // one-off in the admission month, not exposure-scaled
            } else if group.isPoisson {
                rate = Self.exposureProbability(poissonMonths: group.periodMonths, p) * passing
            } else {
                rate = Self.exposureProbability(years: group.exposureYears, p) * passing
            }
            guard rate > 0 else { continue }

            let first = group.members.lowerBound, last = group.members.upperBound
            let total = memberEnd[last - 1]
            let isPoisson = group.isPoisson
            // Pays `k` claimants of member `m`: counts for the fixed amounts, one draw each for
            // grades and amounts.
            func pay(_ k: Int, _ m: Int, _ rng: inout RandomStream) {
                guard k > 0 else { return }
                let cohort = cohorts[memberCohort[m]]
                let base = cohort.baseColumn
                counters.claimants += k
                switch group.slot {
                case .death:
                    let accidents = rng.binomial(n: k, p: accidentShare)
                    row[base + Self.lAccidentDeath * stride] += Double(accidents) * deathFen
                    row[base + Self.lDiseaseDeath * stride] += Double(k - accidents) * diseaseDeathFen
                case .disability:
                    var fen = 0.0
                    for _ in 0..<k {
                        let v = rng.nextDouble()
                        var grade = 0
                        while grade < gradeCumulative.count - 1 && v >= gradeCumulative[grade] { grade += 1 }
                        fen += gradePaymentFen[grade]
                    }
                    row[base + Self.lDisability * stride] += fen
                case .medical:
                    var fen = 0.0
                    for _ in 0..<k {
                        let y = Money(roundingYuan: severityScale * medicalSeverity.sample(using: &rng))
                        fen += Double(Adjudicator.applyCap(asked: y.scaled(by: medicalRate), paidSoFar: .zero, cap: medicalCap).0.fen)
                    }
                    row[base + Self.lMedical * stride] += fen
                case .hospital:
                    // X above the deductible by inversion on the survival function: S⁻¹(U·S(d)).
                    let schedule = schedules[cohort.period]
                    var fen = 0.0
                    for _ in 0..<k {
                        let x = Money(roundingYuan: severityScale * hospitalSeverity.inverseSurvival(rng.nextOpenDouble() * passing))
                        fen += Double(schedule.benefit(total: x).fen)
                    }
                    row[base + Self.lHospital * stride] += fen
                case .student:
                    row[base + Self.lStudent * stride] += Double(k) * studentFen
                case .admission:
                    // The level of each admitted person, in proportion to the levels' probabilities
                    // (sequential conditional binomials: an exact multinomial split).
                    var left = k, mass = group.probability, fen = 0.0
                    for level in group.levelStart..<group.levelEnd where left > 0 {
                        let share = level == group.levelEnd - 1 ? 1 : min(1, admissionLevels[level].probability / mass)
                        let n = rng.binomial(n: left, p: share)
                        fen += Double(n) * admissionLevels[level].fen
                        left -= n
                        mass -= admissionLevels[level].probability
                    }
                    row[base + Self.lAdmission * stride] += fen
                }
            }

            if rate * total > 2 * Double(last - first) {
                // Many claimants per member: one binomial (or Poisson) count per member.
                var previousEnd = 0.0
                for m in first..<last {
                    let size = memberEnd[m] - previousEnd
                    previousEnd = memberEnd[m]
                    let k = isPoisson ? rng.poisson(mean: rate * size) : rng.binomial(n: Int(size), p: min(rate, 1))
                    pay(k, m, &rng)
                }
                continue
            }
            // Few claimants: walk the gaps — Exponential(rate) along entrant-months, or
            // Geometric(q) failures before the next claimant along persons (0 when q = 1).
            let logFailure = isPoisson || rate >= 1 ? 0 : log1p(-rate)
            let certain = !isPoisson && rate >= 1
            func gap(_ rng: inout RandomStream) -> Double {
                if isPoisson { return -log(rng.nextOpenDouble()) / rate }
                return certain ? 0 : (log(rng.nextOpenDouble()) / logFailure).rounded(.down)
            }
            var position = gap(&rng)
            var member = first, pending = 0
            while position < total {
                if memberEnd[member] <= position {
                    pay(pending, member, &rng)
                    pending = 0
                    while memberEnd[member] <= position { member += 1 }
                }
                pending += 1
                // A person claims at most once per event (the gaps skip past them).
                position += (isPoisson ? 0 : 1) + gap(&rng)
            }
            pay(pending, member, &rng)
        }
        }
        }
        }
        }
    }
}
