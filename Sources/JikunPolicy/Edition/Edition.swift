/// One edition of the programme's rules (docs/rules.md): who is insured, when, for what premium,
/// the five benefit lines, the risk-sharing corridor and the insurers' service areas.
/// Every number comes from an edition file; the 2020 edition is `scenarios/edition-2020.toml`.
/// An immutable value: the derived tables are built once by the initialiser, so an edit is a
/// new value (`with(…)`), never a change that would leave them describing another edition.
public struct Edition: Sendable, Equatable {
    public let name: String
    public let title: String
    public let source: String
    /// In reporting-priority order: the first that applies is a person's category (docs/rules.md §1).
    public let categories: [Category]
    public let exclusions: Exclusions
    /// Consecutive coverage periods (保障期间), in time order.
    public let periods: [CoveragePeriod]
    public let premiumPerPersonMonth: Money
    public let accident: AccidentBenefit
    public let criticalIllness: CriticalIllnessBenefit
    public let diseaseDeath: DiseaseDeathBenefit
    public let studentCriticalIllness: StudentCriticalIllnessBenefit
    public let admission: AdmissionGrant
    public let corridor: Corridor
    /// In the order listed (settlement ties go to the insurer listed first).
    public let insurers: [Insurer]
    /// Every insured unit, each served by exactly one insurer.
    public let units: [ServiceUnit]

    /// Index of the insurer serving each unit, parallel to `units`.
    public let insurerOfUnit: [Int]
    private let unitIndexByKey: [String: Int]
    private let categoryIndexByKey: [String: Int]

    /// Builds an edition from its parts. `Edition(config:)` has checked a file's values with
    /// messages naming their keys; the preconditions here guard the derived tables against a
    /// programmer's inconsistent parts (a unit served by no insurer or by two, a key used twice).
    public init(
        name: String, title: String, source: String, categories: [Category], exclusions: Exclusions,
        periods: [CoveragePeriod], premiumPerPersonMonth: Money, accident: AccidentBenefit,
        criticalIllness: CriticalIllnessBenefit, diseaseDeath: DiseaseDeathBenefit,
        studentCriticalIllness: StudentCriticalIllnessBenefit, admission: AdmissionGrant,
        corridor: Corridor, insurers: [Insurer], units: [ServiceUnit]
    ) {
        self.name = name
        self.title = title
        self.source = source
        self.categories = categories
        self.exclusions = exclusions
        self.periods = periods
        self.premiumPerPersonMonth = premiumPerPersonMonth
        self.accident = accident
        self.criticalIllness = criticalIllness
        self.diseaseDeath = diseaseDeath
        self.studentCriticalIllness = studentCriticalIllness
        self.admission = admission
        self.corridor = corridor
        self.insurers = insurers
        self.units = units
        var unitIndex: [String: Int] = [:]
        for (i, unit) in units.enumerated() { unitIndex[unit.key] = i }
        self.unitIndexByKey = unitIndex
        var insurerOfUnit = Array(repeating: -1, count: units.count)
        for (i, insurer) in insurers.enumerated() {
            for key in insurer.unitKeys { if let u = unitIndex[key] { insurerOfUnit[u] = i } }
        }
        precondition(unitIndex.count == units.count, "Edition: a unit key is used twice")
        precondition(!insurerOfUnit.contains(-1), "Edition: a unit is served by no insurer")
        precondition(insurers.reduce(0) { $0 + $1.unitKeys.count } == units.count, "Edition: a unit is served by two insurers, or an insurer lists an unknown unit")
        self.insurerOfUnit = insurerOfUnit
        var categoryIndex: [String: Int] = [:]
        for (i, c) in categories.enumerated() { categoryIndex[c.key] = i }
        precondition(categoryIndex.count == categories.count, "Edition: a category key is used twice")
        self.categoryIndexByKey = categoryIndex
    }

    /// This edition with the parts given replaced and the rest kept: a new value whose derived
    /// tables are rebuilt (an `Edition` is never edited in place).
    public func with(
        name: String? = nil, title: String? = nil, source: String? = nil, categories: [Category]? = nil,
        exclusions: Exclusions? = nil, periods: [CoveragePeriod]? = nil, premiumPerPersonMonth: Money? = nil,
        accident: AccidentBenefit? = nil, criticalIllness: CriticalIllnessBenefit? = nil,
        diseaseDeath: DiseaseDeathBenefit? = nil, studentCriticalIllness: StudentCriticalIllnessBenefit? = nil,
        admission: AdmissionGrant? = nil, corridor: Corridor? = nil, insurers: [Insurer]? = nil, units: [ServiceUnit]? = nil
    ) -> Edition {
        Edition(name: name ?? self.name, title: title ?? self.title, source: source ?? self.source,
                categories: categories ?? self.categories, exclusions: exclusions ?? self.exclusions,
                periods: periods ?? self.periods, premiumPerPersonMonth: premiumPerPersonMonth ?? self.premiumPerPersonMonth,
                accident: accident ?? self.accident, criticalIllness: criticalIllness ?? self.criticalIllness,
                diseaseDeath: diseaseDeath ?? self.diseaseDeath,
                studentCriticalIllness: studentCriticalIllness ?? self.studentCriticalIllness,
                admission: admission ?? self.admission, corridor: corridor ?? self.corridor,
                insurers: insurers ?? self.insurers, units: units ?? self.units)
    }

    public func unitIndex(_ key: String) -> Int? { unitIndexByKey[key] }
    public func categoryIndex(_ key: String) -> Int? { categoryIndexByKey[key] }

    /// The first day of the first period.
    public var termStart: CivilDate { periods[0].start }
    /// The last day of the last period.
    public var termEnd: CivilDate { periods[periods.count - 1].end }

    /// The index of the coverage period containing `date`, or nil outside the term.
    public func periodIndex(containing date: CivilDate) -> Int? {
        periods.firstIndex { $0.start <= date && date <= $0.end }
    }

    /// The critical-illness schedule in force in period `index` (deductible and cap scaled by
    /// months/12 when `prorateShortPeriod` is on, docs/rules.md §3.2 Reading).
    public func criticalIllnessSchedule(period index: Int) -> CriticalIllnessSchedule {
        criticalIllness.schedule(months: periods[index].months)
    }
}

/// An insured category (参保对象类别).
public struct Category: Sendable, Equatable {
    public var key: String
    public var nameZH: String
    public var nameEN: String
}

/// Who is not insured although on a roster (docs/rules.md §1).
public struct Exclusions: Sendable, Equatable {
    /// A person insured by 精准脱贫保 (`poverty_insured`) is not insured here.
    public var excludePovertyInsured: Bool
    /// The category that a row flagged `youfu_excluded` does not qualify for (nil: flag ignored).
    public var youfuExcludedCategory: String?
}

/// A coverage period (保障期间), both ends inclusive.
public struct CoveragePeriod: Sendable, Equatable {
    public var key: String
    public var start: CivilDate
    public var end: CivilDate

    /// Whole calendar months in the period (12 for P1, 2 for P2).
    public var months: Int { end.monthIndex - start.monthIndex + 1 }

    /// Months charged for a person whose cover starts on `from`: from the month of `from` to the
    /// period's end, whole months (docs/rules.md §2 Reading); the full period when `from` is earlier.
    public func chargedMonths(coverFrom from: CivilDate) -> Int {
        if from > end { return 0 }
        if from <= start { return months }
        return end.monthIndex - from.monthIndex + 1
    }
}

/// An insurer and the units it serves (附件).
public struct Insurer: Sendable, Equatable {
    public var key: String
    public var nameZH: String
    public var nameEN: String
    public var unitKeys: [String]
}

/// A service unit: a district or county, a special zone, or a directly-run institution.
public struct ServiceUnit: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case district, county, zone, institution
    }
    public var key: String
    public var nameZH: String
    public var nameEN: String
    public var kind: Kind
}
