import Foundation
import JikunPolicy
import JikunSampling

/// Cohorts that share an event's probability in every trial, sampled together.
///
/// All persons of a group have the same per-trial probability q (same base rate, exposure,
/// period and factors), so the group is one Bernoulli process over its N persons laid end to end:
/// the gaps between claimants are Geometric(q), ⌊E / −log(1 − q)⌋ with E a standard exponential.
/// Poisson entrant streams of a group form one Poisson process over their summed expected
/// entrants, with Exponential gaps. Each claimant then falls in the cohort whose stretch holds
/// its position. Both are exact, and cost one ziggurat exponential per claimant; where claimants
/// are many per cohort, one binomial or Poisson count per cohort is cheaper (`drawClaimants`).
struct EventGroup: Sendable {
    var draw: EventDraw
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
    /// Members: their claim columns (line 0) in `memberColumn[members]`, with `memberEnd[k]`
    /// the running total of sizes.
    var members: Range<Int>
    /// Admission: this band's levels in `admissionLevels`.
    var levelStart: Int
    var levelEnd: Int
}

/// What one group's draw is: the event of one benefit line, or the two deaths as competing
/// causes (one death drawn with pA + pD, its cause split in proportion to the rates).
enum EventDraw: Sendable, Equatable {
    case line(ClaimLine)
    case competingDeaths

    /// The draws of a cohort, in the order its groups are first met.
    static let all: [EventDraw] = [.competingDeaths, .line(.accidentDisability), .line(.accidentMedical),
                                   .line(.hospitalisation), .line(.studentCriticalIllness), .line(.admission)]
}

struct EventGroups: Sendable {
    var groups: [EventGroup] = []
    /// Each member's cohort's first claim column, beside the other members of its group (the
    /// cohorts themselves are too large a table to visit for every claimant's payment).
    var memberColumn: [Int32] = []
    var memberEnd: [Double] = []

    init() {}

    init(kernel: TrialKernel) {
        let factors = kernel.factors
        struct Key: Hashable {
            var draw: Int, period: Int, poisson: Bool, months: Int
            var p: UInt64, pA: UInt64, pD: UInt64
            var frequency: [Int], secondFrequency: [Int], severity: [Int]
            var levels: Int
        }
        var order: [Key] = []
        var membersOf: [Key: [(cohort: Int, size: Double)]] = [:]
        var template: [Key: EventGroup] = [:]

        for (index, c) in kernel.cohorts.enumerated() {
            var months = 0, exposureYears = 0.0, periodMonths = 0
            switch c.size {
            case .fixed(_, let years):
                months = Int((years * 12).rounded())
                exposureYears = years
                periodMonths = kernel.edition.periods[c.period].months
            case .poisson(_, let m): periodMonths = m
            }
            for (drawIndex, draw) in EventDraw.all.enumerated() {
                var p = 0.0, pA = 0.0, pD = 0.0, size = c.weight
                var frequency: [Int] = [], second: [Int] = [], severity: [Int] = []
                var levels = -1
                switch draw {
                case .competingDeaths:
                    pA = c.pAccidentDeath
                    pD = c.pDiseaseDeath
                    p = pA + pD
                    frequency = factors.frequencyFactors(.accidentDeath, c.unit)
                    second = factors.frequencyFactors(.diseaseDeath, c.unit)
                case .line(.accidentDisability):
                    p = c.pDisability
                    frequency = factors.frequencyFactors(.accidentDisability, c.unit)
                case .line(.accidentMedical):
                    p = c.pMedical
                    frequency = factors.frequencyFactors(.accidentMedical, c.unit)
                    severity = factors.severityFactors(.accidentMedical, c.unit)
                case .line(.hospitalisation):
                    p = c.pHospital
                    frequency = factors.frequencyFactors(.hospitalisation, c.unit)
                    severity = factors.severityFactors(.hospitalisation, c.unit)
                case .line(.studentCriticalIllness):
                    p = c.pStudent * (c.students == nil ? c.inSchoolShare : 1)
                    if let students = c.students { size = Double(students) }
                    frequency = factors.frequencyFactors(.studentCriticalIllness, c.unit)
                case .line(.admission):
                    size = c.admissionPersons
                    guard size > 0, c.admissionEnd > c.admissionStart else { continue }
                    p = kernel.admissionLevels[c.admissionStart..<c.admissionEnd].reduce(0) { $0 + $1.probability }
                    frequency = factors.frequencyFactors(.admission, c.unit)
                    levels = c.band
                case .line(.accidentDeath):
                    p = c.pAccidentDeath
                    frequency = factors.frequencyFactors(.accidentDeath, c.unit)
                case .line(.diseaseDeath):
                    p = c.pDiseaseDeath
                    frequency = factors.frequencyFactors(.diseaseDeath, c.unit)
                }
                guard p > 0, size > 0 else { continue }
                let key = Key(draw: drawIndex, period: c.period, poisson: c.isPoisson, months: months,
                              p: p.bitPattern, pA: pA.bitPattern, pD: pD.bitPattern,
                              frequency: frequency, secondFrequency: second, severity: severity, levels: levels)
                if membersOf[key] == nil {
                    order.append(key)
                    template[key] = EventGroup(draw: draw, period: c.period, isPoisson: c.isPoisson, exposureYears: exposureYears,
                                               periodMonths: periodMonths, probability: p, accidentProbability: pA,
                                               diseaseProbability: pD, unit: c.unit, members: 0..<0,
                                               levelStart: c.admissionStart, levelEnd: c.admissionEnd)
                }
                membersOf[key, default: []].append((index, size))
            }
        }
        for key in order {
            var group = template[key]!
            let start = memberColumn.count
            var running = 0.0
            for member in membersOf[key]! {
                running += member.size
                memberColumn.append(Int32(kernel.cohorts[member.cohort].baseColumn))
                memberEnd.append(running)
            }
            group.members = start..<memberColumn.count
            groups.append(group)
        }
    }
}

