import JikunTables

/// Deterministic synthetic roster and claims files in the docs/formats.md layouts, for trying the
/// commands, for tests and for the adjudication benchmark. Not a model of the programme: the
/// simulation engine is; these only exercise every column and reason.
public struct SyntheticFiles: Sendable {
    public var persons: Int
    public var claims: Int
    public var seed: UInt64
    /// When set, a `reported_date` column: each day from the event on, a claim not yet reported
    /// is reported with probability 1/(D + 1), so the delay in days is geometric with mean D.
    /// The delays come from their own generator: the other columns do not change.
    public var reportingDelayMeanDays: Int?
    /// When set with the delay, claims reported after this date are left out (not yet known).
    public var asOf: CivilDate?

    public init(persons: Int, claims: Int, seed: UInt64 = 1, reportingDelayMeanDays: Int? = nil, asOf: CivilDate? = nil) {
        self.persons = persons
        self.claims = claims
        self.seed = seed
        self.reportingDelayMeanDays = reportingDelayMeanDays
        self.asOf = asOf
    }

    /// A small SplitMix64, so the files depend on nothing but the seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    }

    /// The roster and claims as CSV, and the identity numbers used.
    public func make(edition: Edition) -> (roster: CSVWriter, claims: CSVWriter) {
        var rng = Generator(state: seed)
        var roster = CSVWriter(header: ["person_id", "unit", "category", "birth_date", "enrolled_from", "student", "poverty_insured", "youfu_excluded"])
        var ids: [String] = [], births: [CivilDate] = []
        let start = edition.termStart, end = edition.termEnd
        for i in 0..<persons {
            // Born between 1926 and the term's start.
            let birth = CivilDate(daysSinceEpoch: start.daysSinceEpoch - Int32(1 + rng.below(34_500)))
            let c = birth.components
            let digits = "500" + String(format: "%03d", 100 + i % 800) + String(format: "%04d%02d%02d", c.year, c.month, c.day)
                + String(format: "%03d", (i / 800) % 1000)
            let id = digits + String(PersonID.checkCharacter(for: digits))
            let unit = edition.units[rng.below(edition.units.count)].key
            let category = edition.categories[rng.below(edition.categories.count)].key
            let enrolled = rng.chance(0.85) ? start
                : CivilDate(daysSinceEpoch: start.daysSinceEpoch + Int32(rng.below(Int(end.daysSinceEpoch - start.daysSinceEpoch))))
            let age = birth.fullYears(on: start)
            let studentAge = edition.studentCriticalIllness.minimumAge...edition.studentCriticalIllness.maximumAge
            roster.writeRow([id, unit, category, birth.description, max(enrolled, birth).description,
                             studentAge.contains(age) && rng.chance(0.7) ? "true" : "false",
                             rng.chance(0.01) ? "true" : "false", rng.chance(0.01) ? "true" : "false"])
            ids.append(id)
            births.append(birth)
        }
        var claimsFile = CSVWriter(header: ["claim_id", "person_id", "line", "event_date", "amount", "grades", "condition", "first_diagnosis", "level"]
                                   + (reportingDelayMeanDays == nil ? [] : ["reported_date"]))
        var delays = Generator(state: seed ^ 0x5245_504F_5254_4544)
        let span = Int(end.daysSinceEpoch - start.daysSinceEpoch) + 40
        let conditions = edition.studentCriticalIllness.conditions.map(\.code) + ["common_cold"]
        for k in 0..<claims {
            // A valid identity number on no roster row: a claim of someone not insured.
            let who = ids.isEmpty || rng.chance(0.01) ? "50010119900101123X" : ids[rng.below(ids.count)]
            let day = CivilDate(daysSinceEpoch: start.daysSinceEpoch - 20 + Int32(rng.below(span)))
            var row = ["C\(k + 1)", who, "", day.description, "", "", "", "", ""]
            switch rng.below(100) {
            case 0..<2: row[2] = "accident_death"
            case 2..<5: row[2] = "disease_death"
            case 5..<9:
                row[2] = "accident_disability"
                row[5] = (0..<(1 + rng.below(3))).map { _ in String(1 + rng.below(edition.accident.mildestGrade)) }.joined(separator: ";")
            case 9..<25:
                row[2] = "accident_medical"
                row[4] = Money(fen: Int64(rng.below(400_000))).description
            case 25..<93:
                row[2] = "hospitalisation"
                row[4] = Money(fen: Int64(rng.below(rng.chance(0.05) ? 50_000_000 : 2_000_000))).description
            case 93..<96:
                row[2] = "student_critical_illness"
                row[6] = conditions[rng.below(conditions.count)]
                row[7] = rng.chance(0.9) ? "true" : "false"
            default:
                row[2] = "admission"
                row[8] = edition.admission.levels[rng.below(edition.admission.levels.count)].key
            }
            if let mean = reportingDelayMeanDays {
                var delay: Int32 = 0
                while !delays.chance(1 / Double(mean + 1)) { delay += 1 }
                let reported = CivilDate(daysSinceEpoch: day.daysSinceEpoch + delay)
                if let asOf, reported > asOf { continue }
                row.append(reported.description)
            }
            claimsFile.writeRow(row)
        }
        return (roster, claimsFile)
    }

    /// The settlement input (`insurer, earned_premium, claims`) that `roster` and `claims`
    /// give: earned premium from the roster, claims as adjudicated, every insurer of the
    /// edition — what `jikun settle --roster … --payments …` would settle.
    public static func settlementInput(edition: Edition, roster: CSVWriter, claims: CSVWriter) throws -> CSVWriter {
        let rosterFile = try Roster.read(CSVDocument(bytes: roster.bytes, path: "roster.csv"), edition: edition)
        let claimsFile = try ClaimsFile.read(CSVDocument(bytes: claims.bytes, path: "claims.csv"), edition: edition)
        let payments = Adjudicator(edition: edition).adjudicate(claimsFile.claims, roster: rosterFile)
        var premium = [Money](repeating: .zero, count: edition.insurers.count)
        for cell in EarnedPremium(roster: rosterFile, edition: edition).cells { premium[cell.insurer] += cell.premium }
        var paid = [Money](repeating: .zero, count: edition.insurers.count)
        for payment in payments { if let i = payment.insurer { paid[i] += payment.payable } }
        var writer = CSVWriter(header: ["insurer", "earned_premium", "claims"])
        for (i, insurer) in edition.insurers.enumerated() {
            writer.writeRow([insurer.key, premium[i].description, paid[i].description])
        }
        return writer
    }
}
