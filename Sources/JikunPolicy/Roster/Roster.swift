/// One insured person after deduplication (docs/rules.md §1, docs/formats.md roster.csv).
public struct RosterPerson: Sendable, Equatable {
    public var id: PersonID
    /// Index into `Edition.units`.
    public var unit: Int
    /// Index into `Edition.insurers`.
    public var insurer: Int
    /// Index into `Edition.categories` (priority order): the first category that applies.
    public var category: Int
    public var birthDate: CivilDate
    /// First day of cover: the earliest valid `enrolled_from`, never before the term starts.
    public var coverFrom: CivilDate
    public var student: Bool

    public init(id: PersonID, unit: Int, insurer: Int, category: Int, birthDate: CivilDate, coverFrom: CivilDate, student: Bool) {
        self.id = id
        self.unit = unit
        self.insurer = insurer
        self.category = category
        self.birthDate = birthDate
        self.coverFrom = coverFrom
        self.student = student
    }
}

/// Why a person on the roster is nonetheless not insured.
public enum ExclusionReason: String, Sendable, Equatable {
    /// Insured by 精准脱贫保.
    case povertyInsured = "poverty_insured"
    /// Only on the roster in a category the person's flag excludes (disabled police or
    /// state-organ staff among the 优抚对象).
    case youfuExcluded = "youfu_excluded"
}

/// A row that could not be used, with its reason (for `--rejects`).
public struct RejectedRow: Sendable, Equatable {
    public var error: PolicyInputError
    public var fields: [String]
}

/// The insured population read from a roster file: one entry per person, however many rows.
public struct Roster: Sendable {
    public private(set) var persons: [RosterPerson] = []
    public private(set) var excluded: [PersonID: ExclusionReason] = [:]
    private var indexByID = IntegerKeyTable()
    public private(set) var rowsRead = 0
    /// Rows set aside (only when reading with `collectingRejects`).
    public private(set) var rejected: [RejectedRow] = []
    /// For each person_id (as written, upper-cased) that only rejected rows name, the first
    /// such row: that person's claims cannot be adjudicated (`ClaimsFile.read` sets them aside).
    public private(set) var personsOnlyInRejectedRows: [String: Int] = [:]

    /// How a person_id is keyed in `personsOnlyInRejectedRows`.
    public static func rejectedKey(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).uppercased() }

    public func index(of id: PersonID) -> Int? { indexByID[id.packed] }

    /// Rows that named a person already seen (several categories, or repeated rows).
    public var rowsMerged: Int { rowsRead - rejected.count - persons.count - excluded.count }

    public init() {}

    /// Builds a roster from persons already resolved (for tests and generators).
    public init(persons: [RosterPerson]) {
        for p in persons {
            precondition(indexByID[p.id.packed] == nil, "person listed twice")
            indexByID.insertIfAbsent(p.id.packed, self.persons.count)
            self.persons.append(p)
        }
        rowsRead = persons.count
    }

    private struct Row {
        var id: PersonID
        var unit: Int
        var category: Int
        var birthDate: CivilDate
        var enrolledFrom: CivilDate
        var student: Bool
        var povertyInsured: Bool
        var youfuExcluded: Bool
        /// The file's row (header: 1).
        var row: Int
    }

    /// Reads and checks `roster.csv`. A malformed row stops the read with file, row, column and
    /// reason — or, when `collectingRejects`, is set aside in `rejected` while the rest is read.
    public static func read(_ document: CSVDocument, edition: Edition, collectingRejects: Bool = false) throws -> Roster {
        let cID = try document.requiredColumn("person_id"), cUnit = try document.requiredColumn("unit")
        let cCategory = try document.requiredColumn("category"), cBirth = try document.requiredColumn("birth_date")
        let cEnrolled = try document.requiredColumn("enrolled_from"), cStudent = try document.requiredColumn("student")
        let cPoverty = try document.requiredColumn("poverty_insured")
        let cYoufu = document.columnIndex("youfu_excluded")

        var roster = Roster()
        var rows: [Row] = []
        rows.reserveCapacity(document.estimatedRecords)
        var rejectedRows: [String: Int] = [:]
        func reject(_ error: PolicyInputError, _ fields: [String]) {
            roster.rejected.append(RejectedRow(error: error, fields: fields))
            if cID < fields.count, case .csv(_, let row, _, _) = error {
                let key = Self.rejectedKey(fields[cID])
                if !key.isEmpty, rejectedRows[key] == nil { rejectedRows[key] = row }
            }
        }
        let setAside: ((PolicyInputError, [String]) throws -> Void)? = collectingRejects ? { error, fields in
            roster.rowsRead += 1
            reject(error, fields)
        } : nil
        try document.forEachRecord(onMalformed: setAside) { record in
            roster.rowsRead += 1
            do {
                let id: PersonID
                switch record.withBytes(cID, { PersonID.parse($0) }) {
                case .success(let parsed): id = parsed
                case .failure(let problem): throw record.error(cID, problem.description)
                }
                let unitKey = record.string(cUnit)
                guard let unit = edition.unitIndex(unitKey) else {
                    throw record.error(cUnit, "unknown unit \"\(unitKey)\" (expected a unit key of the edition's insurer table, e.g. yuzhong)")
                }
                let categoryKey = record.string(cCategory)
                guard let category = edition.categoryIndex(categoryKey) else {
                    throw record.error(cCategory, "unknown category \"\(categoryKey)\" (expected one of \(edition.categories.map(\.key).joined(separator: ", ")))")
                }
                let birth = try Self.date(record, cBirth)
                if let embedded = id.embeddedBirthDate, embedded != birth {
                    throw record.error(cBirth, "\(birth) differs from the birth date in person_id (\(embedded))")
                }
                var enrolled = try Self.date(record, cEnrolled)
                if enrolled < birth {
                    // Enrolment is monthly: a child born during a month is enrolled from its 1st.
                    // Reading: cover starts at birth, and that month's premium is charged.
                    let e = enrolled.components, b = birth.components
                    guard e.year == b.year, e.month == b.month, e.day == 1 else {
                        throw record.error(cEnrolled, "\(enrolled) is before the birth date \(birth) (a newborn may be enrolled from the 1st of the birth month)")
                    }
                    enrolled = birth
                }
                let row = Row(id: id, unit: unit, category: category, birthDate: birth, enrolledFrom: enrolled,
                              student: try Self.flag(record, cStudent), povertyInsured: try Self.flag(record, cPoverty),
                              youfuExcluded: try cYoufu.map { record.isEmpty($0) ? false : try Self.flag(record, $0) } ?? false,
                              row: record.row)
                rows.append(row)
            } catch let error as PolicyInputError where collectingRejects {
                reject(error, record.strings)
            }
        }

        let youfu = edition.exclusions.youfuExcludedCategory.flatMap(edition.categoryIndex)
        // Group rows by person (sorting keeps it allocation-light), persons in order of first row.
        let byPerson = rows.indices.sorted { (rows[$0].id.packed, $0) < (rows[$1].id.packed, $1) }
        var groups: [Range<Int>] = []
        var start = 0
        for i in stride(from: 1, through: byPerson.count, by: 1) where i == byPerson.count || rows[byPerson[i]].id != rows[byPerson[start]].id {
            groups.append(start..<i)
            start = i
        }
        groups.sort { byPerson[$0.lowerBound] < byPerson[$1.lowerBound] }
        roster.indexByID = IntegerKeyTable(minimumCapacity: groups.count)
        for group in groups {
            let personRows = byPerson[group].map { rows[$0] }
            let id = personRows[0].id
            if edition.exclusions.excludePovertyInsured, personRows.contains(where: \.povertyInsured) {
                roster.excluded[id] = .povertyInsured
                continue
            }
            let valid = personRows.filter { !($0.youfuExcluded && $0.category == youfu) }
            guard let best = valid.min(by: { $0.category < $1.category }) else {
                roster.excluded[id] = .youfuExcluded
                continue
            }
            // Two rows of the category that decides must agree on what it decides.
            for other in valid where other.category == best.category && other.row != best.row {
                let conflict: (column: String, first: String, second: String)? =
                    other.unit != best.unit ? ("unit", edition.units[best.unit].key, edition.units[other.unit].key)
                    : other.student != best.student ? ("student", String(best.student), String(other.student))
                    : other.birthDate != best.birthDate ? ("birth_date", best.birthDate.description, other.birthDate.description)
                    : nil
                if let conflict {
                    throw PolicyInputError.csv(
                        file: document.path, row: max(best.row, other.row), column: conflict.column,
                        message: "person \(id) has two rows of category \(edition.categories[best.category].key) (rows \(min(best.row, other.row)) and \(max(best.row, other.row))) with different \(conflict.column) (\(best.row < other.row ? conflict.first : conflict.second), then \(best.row < other.row ? conflict.second : conflict.first)): which one applies is not clear")
                }
            }
            let earliest = valid.map(\.enrolledFrom).min()!
            roster.indexByID.insertIfAbsent(id.packed, roster.persons.count)
            roster.persons.append(RosterPerson(
                id: id, unit: best.unit, insurer: edition.insurerOfUnit[best.unit], category: best.category,
                birthDate: best.birthDate, coverFrom: max(earliest, edition.termStart), student: best.student))
        }
        // A person with a valid row as well is on the roster (or excluded) by that row.
        for (key, row) in rejectedRows {
            if case .success(let id) = PersonID.parse(Array(key.utf8)), roster.index(of: id) != nil || roster.excluded[id] != nil { continue }
            roster.personsOnlyInRejectedRows[key] = row
        }
        return roster
    }

    static func date(_ record: CSVRecord, _ column: Int) throws -> CivilDate {
        if let date = record.withBytes(column, { CivilDate(utf8: $0) }) { return date }
        if record.isEmpty(column) { throw record.error(column, "missing value: expected a date YYYY-MM-DD") }
        throw record.error(column, "expected a date YYYY-MM-DD, got \"\(record.string(column))\"")
    }

    static func flag(_ record: CSVRecord, _ column: Int) throws -> Bool {
        let text = record.string(column)
        switch text {
        case "true": return true
        case "false": return false
        case "": throw record.error(column, "missing value: expected true or false")
        default: throw record.error(column, "expected true or false, got \"\(text)\"")
        }
    }
}
