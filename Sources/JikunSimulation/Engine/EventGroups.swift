import Foundation
import JikunPolicy
import JikunSampling

/// Cohorts that share an event's probability in every trial: a probability class, split into
/// one `UnitGroup` per unit, each sampled from its own stream.
///
/// All persons of a class have the same per-trial probability q (same base rate, exposure,
/// period and factors), so q is computed once per class and trial. Each unit group is one
/// Bernoulli process over its N persons laid end to end: the gaps between claimants are
/// Geometric(q), ⌊E / −log(1 − q)⌋ with E a standard exponential. Poisson entrant streams of a
/// unit group form one Poisson process over their summed expected entrants, with Exponential
/// gaps. Each claimant then falls in the cohort whose stretch holds its position. Both are
/// exact, and cost one ziggurat exponential per claimant; where claimants are many per cohort,
/// one binomial or Poisson count per cohort is cheaper (`drawClaimants`).
struct EventGroup: Sendable {
    var draw: EventDraw
    var period: Int
    var isPoisson: Bool
    var exposureYears: Double
    var periodMonths: Int
    /// Per person-year (deaths: accidental and disease separately).
    var probability: Double
    /// The share of members exposed (students: the band's in-school share), applied to the
    /// probability over the exposure: E[claimants] = n · share · (1 − (1 − p)^t).
    var share: Double
    var accidentProbability: Double
    var diseaseProbability: Double
    /// One member's unit, for the factor lookups: the class's units share their factors (the
    /// factor lists are part of the class's key).
    var unit: Int
    /// The class's unit groups, `unitGroups[units]`.
    var units: Range<Int>
    /// Members of all its unit groups.
    var memberCount: Int
    /// Admission: this band's levels in `admissionLevels`.
    var levelStart: Int
    var levelEnd: Int
    /// Accident medical and hospitalisation: the members' severity scale k (`SeverityScales`)
    /// and, for hospitalisation, its index in `FactorModel.hospitalScales`.
    var severityScale = 1.0
    var hospitalVariant = 0
}

/// The cohorts of one unit in a probability class: they draw their claimants and amounts from
/// a stream of their own, so a change to another unit (which may move it to another class)
/// leaves their draws as they were, trial by trial.
struct UnitGroup: Sendable {
    /// A hash of the unit group's identity (draw, period, and its first member's unit,
    /// category, age band and kind of cohort), so its draws do not depend on which other
    /// groups exist or where they sit in the list.
    var stream: UInt64
    /// Members: their claim columns (line 0) in `memberColumn[members]`, with `memberEnd[k]`
    /// the running total of sizes within the unit group.
    var members: Range<Int>
    /// The members' summed size (`memberEnd[members.upperBound − 1]`, kept here because every
    /// trial reads it for every unit group): persons, a whole number, for fixed cohorts.
    var total: Double
}

/// What one group's draw is: the event of one benefit line, or the two deaths as competing
/// causes (one death drawn with pA + pD, its cause split in proportion to the rates).
enum EventDraw: Sendable, Equatable {
    case line(ClaimLine)
    case competingDeaths

    /// The draws of a cohort under a reading of deaths.
    static func all(_ deaths: Readings.Deaths) -> [EventDraw] {
        let others: [EventDraw] = [.line(.accidentDisability), .line(.accidentMedical), .line(.hospitalisation),
                                   .line(.studentCriticalIllness), .line(.admission)]
        switch deaths {
        case .competing: return [.competingDeaths] + others
        case .perEvent: return [.line(.accidentDeath), .line(.diseaseDeath)] + others
        }
    }

    /// A number for the draw in a group's stream identity.
    var code: UInt64 {
        switch self {
        case .competingDeaths: 7
        case .line(let line): UInt64(line.index)
        }
    }
}

struct EventGroups: Sendable {
    /// A stable hash of a group's identity (the SplitMix64 finaliser folded over the parts; the
    /// same on every machine and run, unlike `Hasher`).
    static func streamID(_ parts: UInt64...) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for part in parts {
            var z = (h ^ part) &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            h = z ^ (z >> 31)
        }
        return h
    }

    var groups: [EventGroup] = []
    var unitGroups: [UnitGroup] = []
    /// The most members and the most unit groups of any class (a trial's scratch sizes).
    var largestClass = 1
    var mostUnits = 1
    /// Each member's cohort's first claim column, beside the other members of its group (the
    /// cohorts themselves are too large a table to visit for every claimant's payment).
    var memberColumn: [Int32] = []
    var memberEnd: [Double] = []

    init() {}

    init(kernel: TrialKernel) {
        let factors = kernel.factors
        struct Key: Hashable {
            var draw: Int, period: Int, poisson: Bool, months: Int
            var p: UInt64, pA: UInt64, pD: UInt64, share: UInt64
            var frequency: Int, secondFrequency: Int, severity: Int
            var levels: Int
            var severityScale: UInt64
        }
        // Each distinct factor list as a small number (equal lists, equal numbers), so that the
        // key of every cohort's draw hashes integers, not arrays.
        var listNumber: [[Int]: Int] = [:]
        func numbered(_ lists: [[Int]]) -> [Int] {
            lists.map { list in
                if let n = listNumber[list] { return n }
                listNumber[list] = listNumber.count
                return listNumber.count - 1
            }
        }
        let frequencyList = numbered(factors.frequencyFactors), severityList = numbered(factors.severityFactors)
        let none = numbered([[]])[0]
        func frequencyListNumber(_ line: ClaimLine, _ unit: Int) -> Int { frequencyList[line.index * factors.units + unit] }
        func severityListNumber(_ line: ClaimLine, _ unit: Int) -> Int { severityList[line.index * factors.units + unit] }
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
            for (drawIndex, draw) in EventDraw.all(kernel.readings.deaths).enumerated() {
                var p = 0.0, pA = 0.0, pD = 0.0, share = 1.0, size = c.weight
                var frequency = none, second = none, severity = none
                var levels = -1, severityScale = 1.0
                switch draw {
                case .competingDeaths:
                    pA = c.pAccidentDeath
                    pD = c.pDiseaseDeath
                    p = pA + pD
                    frequency = frequencyListNumber(.accidentDeath, c.unit)
                    second = frequencyListNumber(.diseaseDeath, c.unit)
                case .line(.accidentDisability):
                    p = c.pDisability
                    frequency = frequencyListNumber(.accidentDisability, c.unit)
                case .line(.accidentMedical):
                    p = c.pMedical
                    frequency = frequencyListNumber(.accidentMedical, c.unit)
                    severity = severityListNumber(.accidentMedical, c.unit)
                    severityScale = c.medicalScale
                case .line(.hospitalisation):
                    p = c.pHospital
                    frequency = frequencyListNumber(.hospitalisation, c.unit)
                    severity = severityListNumber(.hospitalisation, c.unit)
                    severityScale = c.hospitalScale
                case .line(.studentCriticalIllness):
                    p = c.pStudent
                    if let students = c.students { size = Double(students) } else { share = c.inSchoolShare }
                    frequency = frequencyListNumber(.studentCriticalIllness, c.unit)
                case .line(.admission):
                    size = c.admissionPersons
                    guard size > 0, c.admissionEnd > c.admissionStart else { continue }
                    p = kernel.admissionLevels[c.admissionStart..<c.admissionEnd].reduce(0) { $0 + $1.probability }
                    frequency = frequencyListNumber(.admission, c.unit)
                    levels = c.band
                case .line(.accidentDeath):
                    p = c.pAccidentDeath
                    frequency = frequencyListNumber(.accidentDeath, c.unit)
                case .line(.diseaseDeath):
                    p = c.pDiseaseDeath
                    frequency = frequencyListNumber(.diseaseDeath, c.unit)
                }
                guard p > 0, share > 0, size > 0 else { continue }
                // Classes span units (q is computed once for all of them); each unit's members
                // then draw from a stream of their own (`UnitGroup`).
                let key = Key(draw: drawIndex, period: c.period, poisson: c.isPoisson, months: months,
                              p: p.bitPattern, pA: pA.bitPattern, pD: pD.bitPattern, share: share.bitPattern,
                              frequency: frequency, secondFrequency: second, severity: severity, levels: levels,
                              severityScale: severityScale.bitPattern)
                if membersOf[key] == nil {
                    order.append(key)
                    template[key] = EventGroup(draw: draw, period: c.period, isPoisson: c.isPoisson, exposureYears: exposureYears,
                                               periodMonths: periodMonths, probability: p, share: share,
                                               accidentProbability: pA, diseaseProbability: pD, unit: c.unit,
                                               units: 0..<0, memberCount: 0,
                                               levelStart: c.admissionStart, levelEnd: c.admissionEnd,
                                               severityScale: severityScale, hospitalVariant: c.hospitalVariant)
                }
                membersOf[key, default: []].append((index, size))
            }
        }
        for key in order {
            var group = template[key]!
            let members = membersOf[key]!
            // Units in the order first met, each unit's members in cohort order.
            var unitOrder: [Int] = []
            var byUnit: [Int: [(cohort: Int, size: Double)]] = [:]
            for member in members {
                let u = kernel.cohorts[member.cohort].unit
                if byUnit[u] == nil { unitOrder.append(u) }
                byUnit[u, default: []].append(member)
            }
            let firstUnitGroup = unitGroups.count
            for u in unitOrder {
                let start = memberColumn.count
                var running = 0.0
                let first = kernel.cohorts[byUnit[u]![0].cohort]
                for member in byUnit[u]! {
                    running += member.size
                    memberColumn.append(Int32(kernel.cohorts[member.cohort].baseColumn))
                    memberEnd.append(running)
                }
                let months = Int((group.exposureYears * 12).rounded())
                let stream = Self.streamID(group.draw.code, UInt64(group.period), UInt64(u), UInt64(first.category),
                                           UInt64(first.band), group.isPoisson ? 1 : 0, UInt64(months))
                // The skip test of a trial's first gap relies on it (`TrialKernel.sampleClass`).
                precondition(group.isPoisson || running == running.rounded(), "a fixed cohort's size is a whole number of persons")
                unitGroups.append(UnitGroup(stream: stream, members: start..<memberColumn.count, total: running))
            }
            group.units = firstUnitGroup..<unitGroups.count
            group.memberCount = members.count
            largestClass = max(largestClass, members.count)
            mostUnits = max(mostUnits, group.units.count)
            groups.append(group)
        }
    }
}
