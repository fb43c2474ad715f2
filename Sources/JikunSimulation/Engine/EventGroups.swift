import Foundation
import JikunPolicy
import JikunSampling

/// Cohorts that share an event's probability in every trial: a probability class. All persons
/// of a class have the same per-trial probability q (same base rate, exposure, period and
/// factors), so q is computed once per class and trial.
///
/// Claimants are drawn per `UnitStream`: a unit's cohorts of every class that draw the same event
/// in the same period. A stream lays its cohorts end to end on one axis of cumulative hazard,
/// each person of a fixed cohort a stretch of −log(1 − q) of its class, each expected
/// entrant-month of an entrant stream a stretch of its class's rate, and walks it with standard
/// exponential gaps: a unit-rate Poisson process on that axis. A person claims when a point falls
/// in its stretch (probability q, independently of the others), and the walk then goes on from
/// the stretch's end (the process has no memory); every point in an entrant stream's stretch is
/// a claimant. A cohort that expects many claimants at the scenario's base rates is not walked:
/// one binomial (or Poisson) count a trial gives its claimants. All of it is exact, and a stream
/// without such a cohort whose first gap runs past its end costs no more than that first output.
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
    /// Admission: this band's levels in `admissionLevels`.
    var levelStart: Int
    var levelEnd: Int
    /// Accident medical and hospitalisation: the members' severity scale k (`SeverityScales`)
    /// and, for hospitalisation, its index in `FactorModel.hospitalScales`.
    var severityScale = 1.0
    var hospitalVariant = 0
    /// Whether some member of the class is counted at once (`UnitStream.counted`): only then
    /// does a trial prepare the class's binomial.
    var hasMembersCountedAtOnce = false
}

/// The cohorts of one unit that draw one event in one period, fixed cohorts or entrant streams:
/// they draw their claimants and amounts from a stream of their own, so a change to another
/// unit leaves their draws as they were, trial by trial.
struct UnitStream: Sendable {
    /// A hash of the stream's identity (draw, period, unit, kind of cohort), so its draws do not
    /// depend on which other streams exist or where they sit in the list.
    var stream: UInt64
    var draw: EventDraw
    var period: Int
    var unit: Int
    var isPoisson: Bool
    /// Its members (cohorts) in `memberClass`, `memberColumn`, `memberSize`: first those counted
    /// at once, then those walked, each in cohort order.
    var counted: Range<Int>
    var walked: Range<Int>
    var members: Range<Int> { counted.lowerBound..<walked.upperBound }
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
    var unitStreams: [UnitStream] = []
    /// The most members of any stream (a trial's scratch size).
    var largestStream = 1
    /// Each member's class, first claim column and size (persons, or expected entrants a month),
    /// beside the other members of its stream (the cohorts themselves are too large a table to
    /// visit for every claimant).
    var memberClass: [Int32] = []
    var memberColumn: [Int32] = []
    var memberSize: [Double] = []

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
        var classOf: [Key: Int] = [:]
        // Every cohort's draws: its class, and its size for that draw.
        var draws: [(cohort: Int, draw: Int, group: Int, size: Double)] = []

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
                // then draw from a stream of their own (`UnitStream`).
                let key = Key(draw: drawIndex, period: c.period, poisson: c.isPoisson, months: months,
                              p: p.bitPattern, pA: pA.bitPattern, pD: pD.bitPattern, share: share.bitPattern,
                              frequency: frequency, secondFrequency: second, severity: severity, levels: levels,
                              severityScale: severityScale.bitPattern)
                // One lookup for a class met before (most draws): the key hashes 13 words.
                let group: Int
                if let known = classOf[key] {
                    group = known
                } else {
                    group = groups.count
                    classOf[key] = group
                    groups.append(EventGroup(draw: draw, period: c.period, isPoisson: c.isPoisson, exposureYears: exposureYears,
                                               periodMonths: periodMonths, probability: p, share: share,
                                               accidentProbability: pA, diseaseProbability: pD, unit: c.unit,
                                               levelStart: c.admissionStart, levelEnd: c.admissionEnd,
                                               severityScale: severityScale, hospitalVariant: c.hospitalVariant))
                }
                draws.append((index, drawIndex, group, size))
            }
        }

        // Streams in the order first met, each stream's members in cohort order.
        struct StreamKey: Hashable { var draw: Int, period: Int, unit: Int, poisson: Bool }
        var streamOrder: [StreamKey] = []
        var streamMembers: [StreamKey: [(cohort: Int, draw: Int, group: Int, size: Double)]] = [:]
        for member in draws {
            let c = kernel.cohorts[member.cohort]
            let key = StreamKey(draw: member.draw, period: c.period, unit: c.unit, poisson: c.isPoisson)
            if streamMembers[key] == nil { streamOrder.append(key) }
            streamMembers[key, default: []].append(member)
        }
        // A member is counted at once when it expects many claimants at the scenario's base rates
        // (every factor at 1), or when all its persons claim; the choice is fixed for the run, so
        // a trial's walk needs no test per member (either way the counts are exact).
        let base = factors.makeState()
        let baseWalks = groups.map { kernel.classTerms($0, state: base).0 }
        func countedAtOnce(_ member: (cohort: Int, draw: Int, group: Int, size: Double)) -> Bool {
            let walk = baseWalks[member.group]
            return walk.rate * member.size > TrialKernel.claimantsPerMemberForCounts || walk.personsPerHazard == 0 && walk.rate > 0
        }
        let allDraws = EventDraw.all(kernel.readings.deaths)
        for key in streamOrder {
            let all = streamMembers[key]!
            let counted = all.filter(countedAtOnce), members = counted + all.filter { !countedAtOnce($0) }
            for member in counted { groups[member.group].hasMembersCountedAtOnce = true }
            let start = memberColumn.count, walkedStart = start + counted.count
            for member in members {
                // The walk counts a fixed cohort's persons (`TrialKernel.drawClaimants`).
                precondition(key.poisson || member.size == member.size.rounded(), "a fixed cohort's size is a whole number of persons")
                memberClass.append(Int32(member.group))
                memberColumn.append(Int32(kernel.cohorts[member.cohort].baseColumn))
                memberSize.append(member.size)
            }
            let draw = allDraws[key.draw]
            let stream = Self.streamID(draw.code, UInt64(key.period), UInt64(key.unit), key.poisson ? 1 : 0)
            unitStreams.append(UnitStream(stream: stream, draw: draw, period: key.period, unit: key.unit,
                                          isPoisson: key.poisson, counted: start..<walkedStart,
                                          walked: walkedStart..<memberColumn.count))
            largestStream = max(largestStream, members.count)
        }
    }
}
