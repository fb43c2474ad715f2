extension Edition {
    /// Loads an edition file (following `extends`) and validates every value.
    public static func load(_ path: String) throws -> Edition {
        try Edition(config: ConfigFile.load(path))
    }

    /// Reads an edition from a parsed table: the whole file, or the `[policy]`-level tables of a
    /// scenario that embeds an edition. Unknown keys are refused unless `allowingOtherKeys` lists
    /// them (a scenario's own tables).
    public init(config: ConfigTable, allowingOtherKeys otherKeys: Set<String> = []) throws {
        let root = ConfigReader(config)
        for key in otherKeys { root.skip(key) }

        let meta = try root.table("edition")
        let name = try meta.string("name"), title = try meta.string("title"), source = try meta.string("source")
        try meta.finish()

        // Categories and who is excluded (docs/rules.md §1).
        let enrolment = try root.table("enrolment")
        enrolment.skip("source")
        let priority = try enrolment.strings("category_priority")
        let names = try enrolment.table("categories")
        var categories: [Category] = []
        for key in names.remainingKeys {
            let c = try names.table(key)
            categories.append(Category(key: key, nameZH: try c.string("name_zh"), nameEN: try c.string("name_en")))
            c.skip("source")
            try c.finish()
        }
        guard Set(priority) == Set(categories.map(\.key)), priority.count == categories.count else {
            throw enrolment.error("category_priority",
                                  "expected each category of enrolment.categories exactly once (\(categories.map(\.key).joined(separator: ", "))), got \(priority.joined(separator: ", "))")
        }
        categories.sort { priority.firstIndex(of: $0.key)! < priority.firstIndex(of: $1.key)! }
        let exclusions = Exclusions(
            excludePovertyInsured: try enrolment.bool("exclude_poverty_insured"),
            youfuExcludedCategory: try enrolment.optionalString("youfu_excluded_category"))
        if let c = exclusions.youfuExcludedCategory, !priority.contains(c) {
            throw enrolment.error("youfu_excluded_category", "expected one of the categories (\(priority.joined(separator: ", "))), got \"\(c)\"")
        }
        try enrolment.finish()

        // Coverage periods and premium (docs/rules.md §2).
        let periodTables = try root.tables("periods")
        guard !periodTables.isEmpty else { throw root.error("periods", "expected at least one coverage period") }
        var periods: [CoveragePeriod] = []
        for t in periodTables {
            let p = CoveragePeriod(key: try t.string("key"), start: try t.date("start"), end: try t.date("end"))
            t.skip("source")
            try t.finish()
            guard p.start.components.day == 1 else { throw t.error("start", "expected the first day of a month, got \(p.start)") }
            let e = p.end.components
            guard e.day == CivilDate.daysIn(month: e.month, year: e.year) else {
                throw t.error("end", "expected the last day of a month, got \(p.end)")
            }
            guard p.start <= p.end else { throw t.error("end", "expected a date on or after start \(p.start), got \(p.end)") }
            if let previous = periods.last {
                guard p.start.daysSinceEpoch == previous.end.daysSinceEpoch + 1 else {
                    throw t.error("start", "expected the day after the previous period ends (\(previous.end)), got \(p.start)")
                }
                guard p.key != previous.key, !periods.contains(where: { $0.key == p.key }) else {
                    throw t.error("key", "period key \"\(p.key)\" is used twice")
                }
            }
            periods.append(p)
        }
        let premiumTable = try root.table("premium")
        premiumTable.skip("source")
        let premium = try premiumTable.money("per_person_month")
        // A loss ratio divides by premium: with none, the corridor has nothing to apply to.
        guard premium > .zero else {
            throw premiumTable.error("per_person_month", "expected a premium > 0 yuan per person-month, got \(premium)")
        }
        try premiumTable.finish()

        // Benefits (docs/rules.md §3).
        let benefits = try root.table("benefits")
        let accident = try Self.readAccident(try benefits.table("accident"))
        let criticalIllness = try Self.readCriticalIllness(try benefits.table("critical_illness"))
        let deathTable = try benefits.table("disease_death")
        deathTable.skip("source")
        let diseaseDeath = DiseaseDeathBenefit(amount: try deathTable.money("amount"))
        try deathTable.finish()
        let student = try Self.readStudent(try benefits.table("student_critical_illness"))
        let admission = try Self.readAdmission(try benefits.table("admission"))
        try benefits.finish()

        let corridor = try Self.readCorridor(try root.table("corridor"))

        // Insurers and units (docs/rules.md §4).
        let unitTable = try root.table("units")
        var units: [ServiceUnit] = []
        for key in unitTable.remainingKeys {
            let u = try unitTable.table(key)
            let kindText = try u.string("kind")
            guard let kind = ServiceUnit.Kind(rawValue: kindText) else {
                throw u.error("kind", "expected one of \(ServiceUnit.Kind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kindText)\"")
            }
            units.append(ServiceUnit(key: key, nameZH: try u.string("name_zh"), nameEN: try u.string("name_en"), kind: kind))
            u.skip("source")
            try u.finish()
        }
        let insurerTables = try root.tables("insurers")
        guard !insurerTables.isEmpty else { throw root.error("insurers", "expected at least one insurer") }
        var insurers: [Insurer] = []
        var servedBy: [String: String] = [:]
        let unitKeys = Set(units.map(\.key))
        for t in insurerTables {
            let insurer = Insurer(key: try t.string("key"), nameZH: try t.string("name_zh"),
                                  nameEN: try t.string("name_en"), unitKeys: try t.strings("units"))
            t.skip("source")
            try t.finish()
            if insurers.contains(where: { $0.key == insurer.key }) {
                throw t.error("key", "insurer key \"\(insurer.key)\" is used twice")
            }
            for unit in insurer.unitKeys {
                guard unitKeys.contains(unit) else {
                    throw t.error("units", "unit \"\(unit)\" is not declared under [units]")
                }
                if let other = servedBy[unit] {
                    throw t.error("units", "unit \"\(unit)\" is mapped to two insurers (\(other) and \(insurer.key)); expected exactly one")
                }
                servedBy[unit] = insurer.key
            }
            insurers.append(insurer)
        }
        if let orphan = units.map(\.key).first(where: { servedBy[$0] == nil }) {
            throw unitTable.error(orphan, "unit \"\(orphan)\" is mapped to no insurer; expected exactly one")
        }
        root.skip("source")
        try root.finish()

        self.init(name: name, title: title, source: source, categories: categories, exclusions: exclusions,
                  periods: periods, premiumPerPersonMonth: premium, accident: accident,
                  criticalIllness: criticalIllness, diseaseDeath: diseaseDeath,
                  studentCriticalIllness: student, admission: admission, corridor: corridor,
                  insurers: insurers, units: units)
    }

    /// The top-level tables an edition consists of (a scenario may hold these next to its own).
    public static let topLevelKeys: Set<String> = [
        "edition", "enrolment", "periods", "premium", "benefits", "corridor", "units", "insurers", "source",
    ]

    private static func readAccident(_ t: ConfigReader) throws -> AccidentBenefit {
        t.skip("source")
        let ratios = try t.doubles("disability_grade_ratios").enumerated().map { i, value -> Rate in
            guard (0...1).contains(value), let r = Rate(exactly: value) else {
                throw t.error("disability_grade_ratios", "expected rates in [0, 1] with at most six decimals, got \(value) for grade \(i + 1)")
            }
            return r
        }
        guard !ratios.isEmpty else { throw t.error("disability_grade_ratios", "expected at least one grade") }
        for i in 1..<max(1, ratios.count) where ratios[i] > ratios[i - 1] {
            throw t.error("disability_grade_ratios", "expected ratios not increasing from grade 1 down to the mildest grade; grade \(i + 1) (\(ratios[i])) exceeds grade \(i) (\(ratios[i - 1]))")
        }
        let raise = try t.integer("shared_worst_grade_raise")
        guard raise >= 0 else { throw t.error("shared_worst_grade_raise", "expected an integer ≥ 0, got \(raise)") }
        let benefit = AccidentBenefit(
            deathAmount: try t.money("death_amount"),
            disabilityFullAmount: try t.money("disability_full_amount"),
            disabilityPeriodCap: try t.money("disability_period_cap"),
            gradeRatios: ratios, sharedWorstGradeRaise: raise,
            medicalRate: try t.rate("medical_rate"),
            medicalPeriodCap: try t.money("medical_period_cap"))
        try t.finish()
        return benefit
    }

    private static func readCriticalIllness(_ t: ConfigReader) throws -> CriticalIllnessBenefit {
        t.skip("source")
        let deductible = try t.money("deductible"), cap = try t.money("period_cap")
        guard cap <= Money(yuan: 1_000_000_000) else { throw t.error("period_cap", "expected at most 1,000,000,000 yuan, got \(cap)") }
        var tiers: [CriticalIllnessSchedule.Tier] = []
        for (i, tier) in try t.tables("tiers").enumerated() {
            let from = try tier.money("from"), rate = try tier.rate("rate")
            try tier.finish()
            if i == 0, from != .zero {
                throw tier.error("from", "expected the first tier to start at 0 (the deductible), got \(from)")
            }
            if let previous = tiers.last, from <= previous.from {
                throw tier.error("from", "expected tiers in increasing order, got \(from) after \(previous.from)")
            }
            tiers.append(.init(from: from, rate: rate))
        }
        guard !tiers.isEmpty else { throw t.error("tiers", "expected at least one tier") }
        let benefit = CriticalIllnessBenefit(deductible: deductible, periodCap: cap, tiers: tiers,
                                             prorateShortPeriod: try t.bool("prorate_short_period"))
        try t.finish()
        return benefit
    }

    private static func readStudent(_ t: ConfigReader) throws -> StudentCriticalIllnessBenefit {
        t.skip("source")
        let minimumAge = try t.integer("minimum_age"), maximumAge = try t.integer("maximum_age")
        guard minimumAge >= 0 else { throw t.error("minimum_age", "expected an age ≥ 0, got \(minimumAge)") }
        guard maximumAge >= minimumAge else {
            throw t.error("maximum_age", "expected an age ≥ minimum_age (\(minimumAge)), got \(maximumAge)")
        }
        var conditions: [StudentCriticalIllnessBenefit.Condition] = []
        for c in try t.tables("conditions") {
            let condition = StudentCriticalIllnessBenefit.Condition(
                code: try c.string("code"), nameZH: try c.string("name_zh"), nameEN: try c.string("name_en"))
            try c.finish()
            if conditions.contains(where: { $0.code == condition.code }) {
                throw c.error("code", "condition code \"\(condition.code)\" is listed twice")
            }
            conditions.append(condition)
        }
        let benefit = StudentCriticalIllnessBenefit(amount: try t.money("amount"), minimumAge: minimumAge,
                                                    maximumAge: maximumAge, conditions: conditions)
        try t.finish()
        return benefit
    }

    private static func readAdmission(_ t: ConfigReader) throws -> AdmissionGrant {
        t.skip("source")
        var levels: [AdmissionGrant.Level] = []
        for l in try t.tables("levels") {
            let level = AdmissionGrant.Level(key: try l.string("key"), nameZH: try l.string("name_zh"),
                                             amount: try l.money("amount"))
            try l.finish()
            if levels.contains(where: { $0.key == level.key }) {
                throw l.error("key", "admission level \"\(level.key)\" is listed twice")
            }
            levels.append(level)
        }
        try t.finish()
        return AdmissionGrant(levels: levels)
    }

    private static func readCorridor(_ t: ConfigReader) throws -> Corridor {
        t.skip("source")
        let edges = 0.0...10.0
        let refundBelow = try t.rate("refund_below", in: edges)
        let sharedFrom = try t.rate("shared_from", in: edges)
        let sharedTo = try t.rate("shared_to", in: edges)
        guard sharedFrom >= refundBelow else {
            throw t.error("shared_from", "expected a loss ratio ≥ refund_below (\(refundBelow)), got \(sharedFrom)")
        }
        guard sharedTo >= sharedFrom else {
            throw t.error("shared_to", "expected a loss ratio ≥ shared_from (\(sharedFrom)), got \(sharedTo)")
        }
        let allocationText = try t.string("allocation")
        guard let allocation = CorridorAllocation(rawValue: allocationText) else {
            throw t.error("allocation", "expected one of \(CorridorAllocation.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(allocationText)\"")
        }
        var basis = CorridorBasis.term
        if let text = try t.optionalString("basis") {
            guard let chosen = CorridorBasis(rawValue: text) else {
                throw t.error("basis", "expected one of \(CorridorBasis.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            basis = chosen
        }
        let corridor = Corridor(refundBelow: refundBelow, sharedFrom: sharedFrom, sharedTo: sharedTo,
                                bureauShare: try t.rate("bureau_share"), allocation: allocation, basis: basis)
        try t.finish()
        return corridor
    }
}
