import JikunPolicy
import JikunSimulation

/// One roster with the claims filed against it (a term's files, or one insurer's).
public struct ExperienceSource: Sendable {
    public var rosterPath: String
    public var claimsPath: String
    public var roster: Roster
    public var claims: ClaimsFile
    /// The edition of this pair's term (another year's); nil: the base scenario's. It must have
    /// the base's units, categories and admission levels, and the roster must have been read
    /// with it.
    public var edition: Edition?

    public init(rosterPath: String, claimsPath: String, roster: Roster, claims: ClaimsFile, edition: Edition? = nil) {
        self.rosterPath = rosterPath
        self.claimsPath = claimsPath
        self.roster = roster
        self.claims = claims
        self.edition = edition
    }
}

/// The lines whose rates are per person-year (admission is one-off, fitted per level).
public enum FrequencyLine: Int, CaseIterable, Sendable {
    case accidentDeath, diseaseDeath, accidentDisability, accidentMedical, hospitalisation, studentCriticalIllness

    public var claimLine: ClaimLine {
        switch self {
        case .accidentDeath: .accidentDeath
        case .diseaseDeath: .diseaseDeath
        case .accidentDisability: .accidentDisability
        case .accidentMedical: .accidentMedical
        case .hospitalisation: .hospitalisation
        case .studentCriticalIllness: .studentCriticalIllness
        }
    }

    public init?(_ line: ClaimLine) {
        guard let match = Self.allCases.first(where: { $0.claimLine == line }) else { return nil }
        self = match
    }
}

/// What the rosters and adjudicated claims say, aggregated for the fits: exposure in whole
/// premium months per (unit, category, band, period, months) cell, the claimants of each line
/// in those cells, the underlying amounts (period totals) and the admissions per level.
public struct Experience: Sendable {
    public struct CellKey: Hashable, Sendable {
        public var unit: Int, category: Int, band: Int, period: Int, months: Int
    }
    public struct CellCounts: Sendable {
        public var persons = 0
        public var students = 0
        public var claimants = [Int](repeating: 0, count: FrequencyLine.allCases.count)
    }

    public var cells: [CellKey: CellCounts] = [:]
    /// Hospitalised persons' period totals X (yuan) and accident-medical totals Y, with the cell.
    public var hospitalTotals: [(key: CellKey, amount: Double)] = []
    public var medicalTotals: [(key: CellKey, amount: Double)] = []
    /// Effective grades of disabled persons' first claim in a period.
    public var disabilityGrades: [Int] = []
    /// Per admission level: persons of its exam band present in the admission month, admitted.
    public var admissionExposed: [Int]
    public var admitted: [Int]
    /// Claims not used, by reason (not insured, excluded, before cover, after death, …).
    public var claimsNotUsed: [PaymentReason: Int] = [:]
    public var claimsAfterCutoff = 0
    public var claimsUsed = 0
    public var persons = 0
    public var sources: [(roster: String, claimsFile: String, persons: Int, claims: Int)] = []

    public var personYears: Double {
        cells.reduce(0) { $0 + Double($1.value.persons * $1.key.months) / 12 }
    }

    /// The last day that counts: claims after it are left out, exposure stops at its month.
    /// `cutoff` ≥ term end means the whole term.
    /// Claims of persons outside `units` (when only some units are studied).
    public var claimsOfOtherUnits = 0

    /// Periods over all sources: source k's period p is `offset(k) + p` in `CellKey.period`.
    public var periodCount = 0
    /// Per period (over all sources): the month index of its last exposed month.
    public var periodLastMonth: [Int] = []

    public init(sources: [ExperienceSource], scenario: Scenario, asOf: CivilDate, maturityMonths: Int, units: Set<Int>? = nil) throws {
        let baseEdition = scenario.edition
        let levels = scenario.events.admission.levels
        admissionExposed = [Int](repeating: 0, count: baseEdition.admission.levels.count)
        admitted = admissionExposed
        // Whole months up to as-of (the month of as-of counts only when as-of is its last day),
        // less the immature months.
        let asOfNext = CivilDate(daysSinceEpoch: asOf.daysSinceEpoch + 1)
        let lastFullMonth = (asOfNext.monthIndex - 1) - maturityMonths
        let admissionMonth = scenario.events.admission.month

        for source in sources {
            let edition = source.edition ?? baseEdition
            let adjudicator = Adjudicator(edition: edition)
            let offset = periodCount
            periodCount += edition.periods.count
            periodLastMonth += edition.periods.map { min($0.end.monthIndex, lastFullMonth) }
            try Self.checkTerm(source, edition: edition)
            let roster = source.roster
            let claims = source.claims.claims
            let payments = adjudicator.adjudicate(claims, roster: roster)
            // A person who died is not exposed in later periods.
            var deathPeriod: [Int: Int] = [:]
            for (i, claim) in claims.enumerated() where claim.line.isDeath && payments[i].reason.isPayable {
                if let id = claim.person, let person = roster.index(of: id), let p = payments[i].period {
                    deathPeriod[person] = min(deathPeriod[person] ?? p, p)
                }
            }
            // Exposure.
            var personKeys = [[CellKey?]](repeating: [CellKey?](repeating: nil, count: edition.periods.count), count: roster.persons.count)
            for (i, person) in roster.persons.enumerated() where units?.contains(person.unit) ?? true {
                for (p, period) in edition.periods.enumerated() {
                    if let died = deathPeriod[i], p > died { break }
                    let firstMonth = max(person.coverFrom, period.start).monthIndex
                    let lastMonth = min(period.end.monthIndex, lastFullMonth)
                    guard person.coverFrom <= period.end, lastMonth >= firstMonth else { continue }
                    let months = lastMonth - firstMonth + 1
                    let ageDate = max(person.coverFrom, period.start)
                    let age = person.birthDate.fullYears(on: ageDate)
                    guard let band = scenario.ageBandIndex(age: age) else {
                        throw PolicyInputError.usage("\(source.rosterPath): person \(person.id) is aged \(age) on \(ageDate), in no age band of the base scenario")
                    }
                    let key = CellKey(unit: person.unit, category: person.category, band: band, period: offset + p, months: months)
                    personKeys[i][p] = key
                    cells[key, default: CellCounts()].persons += 1
                    if person.student { cells[key]!.students += 1 }
                    // Admission: present in the admission month of a period that has one.
                    let admissionIndex = (period.start.monthIndex...period.end.monthIndex).first { $0 % 12 == admissionMonth - 1 }
                    if let monthIndex = admissionIndex, firstMonth <= monthIndex, monthIndex <= lastMonth {
                        for level in levels where level.band == band { admissionExposed[level.level] += 1 }
                    }
                }
            }
            persons += units.map { u in roster.persons.reduce(0) { $0 + (u.contains($1.unit) ? 1 : 0) } } ?? roster.persons.count

            // The insured events of the adjudicated claims.
            struct PersonPeriod: Hashable { var person: Int, period: Int }
            var seen: [ClaimLine: Set<PersonPeriod>] = [:]
            var hospital: [PersonPeriod: Double] = [:], medical: [PersonPeriod: Double] = [:]
            for (i, claim) in claims.enumerated() {
                let row = i + 2
                let payment = payments[i]
                guard let period = payment.period else {
                    throw PolicyInputError.csv(file: source.claimsPath, row: row, column: "event_date",
                                               message: "\(claim.eventDate) lies outside every coverage period of the edition (\(edition.termStart) to \(edition.termEnd)); calibrate fits one term's claims")
                }
                if claim.eventDate > asOf {
                    throw PolicyInputError.csv(file: source.claimsPath, row: row, column: "event_date",
                                               message: "\(claim.eventDate) is after --as-of \(asOf): a claims file known at --as-of cannot hold it")
                }
                if claim.eventDate.monthIndex > lastFullMonth { claimsAfterCutoff += 1; continue }
                let insuredEvent: Bool
                switch payment.reason {
                case .paid, .capped, .capReached: insuredEvent = true
                case .belowDeductible: insuredEvent = claim.line == .hospitalisation
                default: insuredEvent = false
                }
                if let units, let id = claim.person, let personIndex = roster.index(of: id),
                   !units.contains(roster.persons[personIndex].unit) {
                    claimsOfOtherUnits += 1
                    continue
                }
                guard insuredEvent, let id = claim.person, let personIndex = roster.index(of: id),
                      let key = personKeys[personIndex][period] else {
                    claimsNotUsed[payment.reason, default: 0] += 1
                    continue
                }
                claimsUsed += 1
                let pp = PersonPeriod(person: personIndex, period: period)
                switch claim.line {
                case .hospitalisation: hospital[pp, default: 0] += claim.amount!.yuan
                case .accidentMedical: medical[pp, default: 0] += claim.amount!.yuan
                case .admission:
                    let level = claim.level!
                    guard levels.contains(where: { $0.level == level && $0.band == key.band }) else {
                        throw PolicyInputError.csv(file: source.claimsPath, row: row, column: "level",
                                                   message: "admission at level \(edition.admission.levels[level].key) for a person in age band \(scenario.ageBands[key.band].key), but the base scenario admits that level only from band \(levels.first { $0.level == level }.map { scenario.ageBands[$0.band].key } ?? "(none)"): a cell with claims but no exposure")
                    }
                    admitted[level] += 1
                    continue
                default: break
                }
                guard let line = FrequencyLine(claim.line) else { continue }
                if seen[claim.line, default: []].insert(pp).inserted {
                    if line == .accidentDisability {
                        disabilityGrades.append(edition.accident.effectiveGrade(claim.grades))
                    }
                    if line == .studentCriticalIllness, cells[key]!.students == 0 {
                        throw PolicyInputError.csv(file: source.claimsPath, row: row, column: "person_id",
                                                   message: "a student critical-illness claim in a cell with no student exposure: a cell with claims but no exposure")
                    }
                    if line != .hospitalisation && line != .accidentMedical { cells[key]!.claimants[line.rawValue] += 1 }
                }
            }
            // Amount lines: one claimant per person-period with a positive total.
            for (pp, total) in hospital.sorted(by: { ($0.key.person, $0.key.period) < ($1.key.person, $1.key.period) }) {
                let key = personKeys[pp.person][pp.period]!
                hospitalTotals.append((key, total))
            }
            for (pp, total) in medical.sorted(by: { ($0.key.person, $0.key.period) < ($1.key.person, $1.key.period) }) {
                let key = personKeys[pp.person][pp.period]!
                medicalTotals.append((key, total))
            }
            self.sources.append((roster: source.rosterPath, claimsFile: source.claimsPath, persons: roster.persons.count, claims: claims.count))
        }
    }

    /// A roster and a claims file of different terms: no claim falls inside the edition's term,
    /// or no person's cover starts before the term ends.
    static func checkTerm(_ source: ExperienceSource, edition: Edition) throws {
        let claims = source.claims.claims
        if !claims.isEmpty, !claims.contains(where: { edition.periodIndex(containing: $0.eventDate) != nil }) {
            let dates = claims.map(\.eventDate)
            throw PolicyInputError.usage("\(source.claimsPath) holds claims dated \(dates.min()!) to \(dates.max()!), none inside the term \(edition.termStart) to \(edition.termEnd) of the edition and of \(source.rosterPath): the roster and the claims file are from different terms")
        }
        if !source.roster.persons.isEmpty, !source.roster.persons.contains(where: { $0.coverFrom <= edition.termEnd }) {
            throw PolicyInputError.usage("\(source.rosterPath): no person's cover starts before the term ends (\(edition.termEnd)): the roster is from a different term than the edition and \(source.claimsPath)")
        }
    }

    /// Exposure groups of one line over all units and periods (amount lines: claimants are the
    /// person-periods whose total passes `threshold`).
    public func groups(_ line: FrequencyLine, threshold: Double = 0, units: Set<Int>? = nil,
                       development: DevelopmentShares? = nil) -> [ExposureGroup] {
        // With development the period matters (its months' shares); without, groups pool periods.
        struct Key: Hashable { var c, b, m, p: Int }
        func group(_ key: CellKey) -> Key { Key(c: key.category, b: key.band, m: key.months, p: development == nil ? 0 : key.period) }
        var persons: [Key: Int] = [:], claimants: [Key: Int] = [:]
        for (key, counts) in cells where units?.contains(key.unit) ?? true {
            let k = group(key)
            persons[k, default: 0] += line == .studentCriticalIllness ? counts.students : counts.persons
            claimants[k, default: 0] += counts.claimants[line.rawValue]
        }
        let totals: [(key: CellKey, amount: Double)]? = line == .hospitalisation ? hospitalTotals : line == .accidentMedical ? medicalTotals : nil
        if let totals {
            for (key, amount) in totals where amount > threshold && (units?.contains(key.unit) ?? true) {
                claimants[group(key), default: 0] += 1
            }
        }
        return persons.keys.sorted { ($0.c, $0.b, $0.m, $0.p) < ($1.c, $1.b, $1.m, $1.p) }.compactMap { k in
            let n = persons[k]!
            let r = development?.meanShare(line.claimLine, lastMonth: periodLastMonth[k.p], months: k.m) ?? 1
            return n > 0 ? ExposureGroup(category: k.c, band: k.b, months: k.m, persons: n, claimants: claimants[k] ?? 0, reported: r) : nil
        }
    }
}
