/// One claim row of `claims.csv` (docs/formats.md), checked for form but not yet adjudicated.
public struct Claim: Sendable, Equatable {
    public var claimID: String
    /// The parsed identity, when the claim names a valid identity number.
    public var person: PersonID?
    /// The identity as written, kept only when it is not the canonical form of `person`
    /// (an invalid number, or a lower-case x), so it is echoed unchanged.
    private var writtenPerson: String?
    /// The identity number as written (a claim may name someone not on the roster).
    public var personText: String { writtenPerson ?? person!.description }
    public var line: ClaimLine
    public var eventDate: CivilDate
    /// In-scope self-pay (`accident_medical`) or this stay's out-of-catalogue self-pay
    /// (`hospitalisation`); nil for other lines.
    public var amount: Money?
    /// Injury grades of one accident (`accident_disability`).
    public var grades: [Int]
    public var condition: String?
    public var firstDiagnosis: Bool?
    /// Index into `AdmissionGrant.levels` (`admission`).
    public var level: Int?
    /// When the insurer received the claim (optional column `reported_date`).
    public var reportedDate: CivilDate?
    /// When the claim was paid, where known (optional column `paid_date`).
    public var paidDate: CivilDate?

    /// A claim whose person is already parsed (the file reader's fast path).
    init(claimID: String, person: PersonID, line: ClaimLine, eventDate: CivilDate) {
        self.claimID = claimID
        self.person = person
        self.writtenPerson = nil
        self.line = line
        self.eventDate = eventDate
        self.amount = nil
        self.grades = []
        self.condition = nil
        self.firstDiagnosis = nil
        self.level = nil
        self.reportedDate = nil
        self.paidDate = nil
    }

    public init(claimID: String, personText: String, line: ClaimLine, eventDate: CivilDate,
                amount: Money? = nil, grades: [Int] = [], condition: String? = nil,
                firstDiagnosis: Bool? = nil, level: Int? = nil, reportedDate: CivilDate? = nil, paidDate: CivilDate? = nil) {
        self.claimID = claimID
        let parsed = try? PersonID.parse(personText).get()
        self.person = parsed
        self.writtenPerson = parsed?.description == personText ? nil : personText
        self.line = line
        self.eventDate = eventDate
        self.amount = amount
        self.grades = grades
        self.condition = condition
        self.firstDiagnosis = firstDiagnosis
        self.level = level
        self.reportedDate = reportedDate
        self.paidDate = paidDate
    }
}

/// The claims of a file, in file order, with the rows set aside under `--rejects`.
public struct ClaimsFile: Sendable {
    public var claims: [Claim] = []
    public var rejected: [RejectedRow] = []
    public var rowsRead = 0
    /// Rejected claims whose person is named only by rejected roster rows (part of `rejected`).
    public var rejectedForRosterRow = 0

    /// Reads `claims.csv`. A malformed row (missing required field, unknown line or level,
    /// repeated `claim_id`, bad date, amount, grade or flag, a field the line does not take)
    /// stops the read with file, row, column and reason — or is set aside when
    /// `collectingRejects`. An unknown condition code is a valid claim.
    ///
    /// A claim's person_id must be a valid identity number (GB 11643), as on the roster. With
    /// `rejectedRoster` (the roster's file and `Roster.personsOnlyInRejectedRows`), the claims
    /// of a person whose every roster row was rejected are rejected too, naming that row:
    /// they would otherwise read as `not_insured`. The optional columns `reported_date` and
    /// `paid_date` must not precede the event (nor `paid_date` the report), nor follow `asOf`
    /// when one is given; `requireReportedDate` makes `reported_date` required. `requirePaidDate`
    /// (triangles of payment delays) makes the `paid_date` column required, and each row must
    /// give its paid_date or, for a claim not paid yet, its reported_date.
    public static func read(_ document: CSVDocument, edition: Edition, collectingRejects: Bool = false,
                            rejectedRoster: (file: String, rows: [String: Int])? = nil,
                            asOf: CivilDate? = nil, requireReportedDate: Bool = false,
                            requirePaidDate: Bool = false) throws -> ClaimsFile {
        let cID = try document.requiredColumn("claim_id"), cPerson = try document.requiredColumn("person_id")
        let cLine = try document.requiredColumn("line"), cDate = try document.requiredColumn("event_date")
        let cAmount = try document.requiredColumn("amount"), cGrades = try document.requiredColumn("grades")
        let cCondition = try document.requiredColumn("condition")
        let cFirst = try document.requiredColumn("first_diagnosis"), cLevel = try document.requiredColumn("level")
        let mildest = edition.accident.mildestGrade
        let cReported = requireReportedDate ? try document.requiredColumn("reported_date") : document.columnIndex("reported_date")
        let cPaid = requirePaidDate ? try document.requiredColumn("paid_date") : document.columnIndex("paid_date")

        var file = ClaimsFile()
        file.claims.reserveCapacity(document.estimatedRecords)
        // Claim ids seen so far, by fingerprint → index in `file.claims` (bytes compared on a hit).
        var seenIDs = IntegerKeyTable(minimumCapacity: document.estimatedRecords)
        var fingerprintCollisions = Set<String>()
        let lineBytes = ClaimLine.allCases.map { Array($0.rawValue.utf8) }
        let setAside: ((PolicyInputError, [String]) throws -> Void)? = collectingRejects ? { error, fields in
            file.rowsRead += 1
            file.rejected.append(RejectedRow(error: error, fields: fields))
        } : nil
        try document.forEachRecord(onMalformed: setAside) { record in
            file.rowsRead += 1
            do {
                let claimID = record.string(cID)
                guard !record.isEmpty(cID) else { throw record.error(cID, "missing value: every claim needs a claim_id") }
                guard !record.isEmpty(cPerson) else { throw record.error(cPerson, "missing value: expected the person's identity number") }
                guard let line = record.withBytes(cLine, { bytes in lineBytes.firstIndex { $0.elementsEqual(bytes) } }).map({ ClaimLine.allCases[$0] }) else {
                    throw record.error(cLine, "unknown line \"\(record.string(cLine))\" (expected one of \(ClaimLine.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let date = try Roster.date(record, cDate)
                if let rejectedRoster, !rejectedRoster.rows.isEmpty,
                   let rosterRow = rejectedRoster.rows[Roster.rejectedKey(record.string(cPerson))] {
                    file.rejectedForRosterRow += 1
                    throw record.error(cPerson, "the person's roster row (\(rejectedRoster.file) row \(rosterRow)) was rejected, so the claim cannot be adjudicated; correct that row and run again")
                }
                var claim: Claim
                switch record.withBytes(cPerson, { PersonID.parse($0) }) {
                case .success(let id) where record.withBytes(cPerson, { $0.last != UInt8(ascii: "x") }):
                    claim = Claim(claimID: claimID, person: id, line: line, eventDate: date)
                case .success:
                    claim = Claim(claimID: claimID, personText: record.string(cPerson), line: line, eventDate: date)
                case .failure(let problem):
                    throw record.error(cPerson, problem.description)
                }

                if let cReported, requireReportedDate || !record.isEmpty(cReported) {
                    claim.reportedDate = try Self.laterDate(record, cReported, after: date, "the event_date", asOf: asOf)
                }
                if let cPaid, !record.isEmpty(cPaid) {
                    claim.paidDate = try Self.laterDate(record, cPaid, after: claim.reportedDate ?? date,
                                                        claim.reportedDate == nil ? "the event_date" : "the reported_date", asOf: asOf)
                } else if requirePaidDate, claim.reportedDate == nil, let cPaid {
                    throw record.error(cPaid, "missing value: triangles of payments need the date each claim was paid, or its reported_date if it is not paid yet")
                }

                let takesAmount = line == .accidentMedical || line == .hospitalisation
                if takesAmount {
                    guard !record.isEmpty(cAmount) else { throw record.error(cAmount, "missing value: line \(line.rawValue) needs an amount") }
                    guard let amount = record.withBytes(cAmount, { Money(utf8: $0) }) else {
                        throw record.error(cAmount, "expected an amount in yuan with at most two decimals and 15 digits before the point, got \"\(record.string(cAmount))\"")
                    }
                    guard amount >= .zero else { throw record.error(cAmount, "expected an amount ≥ 0, got \(amount)") }
                    claim.amount = amount
                } else {
                    try Self.requireEmpty(record, cAmount, line)
                }

                if line == .accidentDisability {
                    let text = record.string(cGrades)
                    guard !text.isEmpty else { throw record.error(cGrades, "missing value: line accident_disability needs the injury grades, e.g. 8;10") }
                    claim.grades = try text.split(separator: ";", omittingEmptySubsequences: false).map { part in
                        guard let grade = Int(part.trimmingCharacters(in: .whitespaces)), (1...mildest).contains(grade) else {
                            throw record.error(cGrades, "expected grades 1–\(mildest) separated by ';', got \"\(text)\"")
                        }
                        return grade
                    }
                } else {
                    try Self.requireEmpty(record, cGrades, line)
                }

                if line == .studentCriticalIllness {
                    guard !record.isEmpty(cCondition) else { throw record.error(cCondition, "missing value: line student_critical_illness needs a condition code") }
                    claim.condition = record.string(cCondition)
                    claim.firstDiagnosis = try Roster.flag(record, cFirst)
                } else {
                    try Self.requireEmpty(record, cCondition, line)
                    try Self.requireEmpty(record, cFirst, line)
                }

                if line == .admission {
                    let levelText = record.string(cLevel)
                    guard !levelText.isEmpty else { throw record.error(cLevel, "missing value: line admission needs a level") }
                    guard let level = edition.admission.levelIndex(levelText) else {
                        throw record.error(cLevel, "unknown level \"\(levelText)\" (expected one of \(edition.admission.levels.map(\.key).joined(separator: ", ")))")
                    }
                    claim.level = level
                } else {
                    try Self.requireEmpty(record, cLevel, line)
                }

                let key = record.withBytes(cID, fingerprint)
                let first = seenIDs.insertIfAbsent(key, file.claims.count)
                if first != file.claims.count {
                    if file.claims[first].claimID == claimID || !fingerprintCollisions.insert(claimID).inserted {
                        throw record.error(cID, "claim_id \"\(claimID)\" is repeated (claim ids must be unique)")
                    }
                }
                file.claims.append(claim)
            } catch let error as PolicyInputError where collectingRejects {
                file.rejected.append(RejectedRow(error: error, fields: record.strings))
            }
        }
        return file
    }

    /// A date column that cannot precede `earlier` (named `what`) nor follow `asOf`.
    private static func laterDate(_ record: CSVRecord, _ column: Int, after earlier: CivilDate, _ what: String, asOf: CivilDate?) throws -> CivilDate {
        let date = try Roster.date(record, column)
        guard date >= earlier else { throw record.error(column, "\(date) is before \(what) \(earlier)") }
        if let asOf, date > asOf { throw record.error(column, "\(date) is after the valuation date --as-of \(asOf)") }
        return date
    }

    private static func requireEmpty(_ record: CSVRecord, _ column: Int, _ line: ClaimLine) throws {
        guard record.isEmpty(column) else {
            throw record.error(column, "line \(line.rawValue) does not take \(record.document.header[column]) (got \"\(record.string(column))\"); leave it empty")
        }
    }
}
