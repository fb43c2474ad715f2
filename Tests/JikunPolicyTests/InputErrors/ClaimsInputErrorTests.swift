import Foundation
import Testing
import JikunPolicy

/// Malformed claim rows (docs/formats.md, claims.csv) are input errors naming file, row and column,
/// never payment rows; an unknown condition code is a valid claim that pays nothing.
@Suite struct ClaimsInputErrorTests {
    static let header = "claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level"
    static let a = IE.id(born: "1980-03-04", serial: 1)    // adult, not a student
    static let s = IE.id(born: "2005-06-15", serial: 2)    // student

    func read(_ body: String, collecting: Bool = false) throws -> ClaimsFile {
        try ClaimsFile.read(IE.csv(Self.header + "\n" + body, path: "claims.csv"), edition: IE.base,
                            collectingRejects: collecting)
    }

    static let valid = "C0,\(a),disease_death,2021-05-01,,,,,"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var row: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing claim_id", row: ",\(a),disease_death,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column claim_id: missing value: every claim needs a claim_id"),
        Case(name: "blank claim_id", row: "  ,\(a),disease_death,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column claim_id: missing value: every claim needs a claim_id"),
        Case(name: "missing person_id", row: "C1,,disease_death,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column person_id: missing value: expected the person's identity number"),
        Case(name: "person_id with a wrong check character", row: "C1,\(a.dropLast())9,disease_death,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column person_id: check character is 9 but the 17 digits give 3 (GB 11643, ISO 7064 MOD 11-2)"),
        Case(name: "person_id too short", row: "C1,not-an-id,disease_death,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column person_id: expected 18 characters (17 digits and a check character), got 9"),
        Case(name: "missing event_date", row: "C1,\(a),disease_death,,,,,,",
             expected: "claims.csv: row 3, column event_date: missing value: expected a date YYYY-MM-DD"),
        Case(name: "unknown line", row: "C1,\(a),accident,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column line: unknown line \"accident\" (expected one of accident_death, accident_disability, accident_medical, hospitalisation, disease_death, student_critical_illness, admission)"),
        Case(name: "missing line", row: "C1,\(a),,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column line: unknown line \"\" (expected one of accident_death, accident_disability, accident_medical, hospitalisation, disease_death, student_critical_illness, admission)"),
        Case(name: "unknown level", row: "C1,\(s),admission,2021-09-01,,,,,doctorate",
             expected: "claims.csv: row 3, column level: unknown level \"doctorate\" (expected one of junior_college, bachelor, postgraduate)"),
        Case(name: "missing level", row: "C1,\(s),admission,2021-09-01,,,,,",
             expected: "claims.csv: row 3, column level: missing value: line admission needs a level"),
        Case(name: "repeated claim_id", row: "C0,\(a),accident_death,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column claim_id: claim_id \"C0\" is repeated (claim ids must be unique)"),
        Case(name: "bad date", row: "C1,\(a),disease_death,2021-13-01,,,,,",
             expected: "claims.csv: row 3, column event_date: expected a date YYYY-MM-DD, got \"2021-13-01\""),
        Case(name: "date in another format", row: "C1,\(a),disease_death,01/05/2021,,,,,",
             expected: "claims.csv: row 3, column event_date: expected a date YYYY-MM-DD, got \"01/05/2021\""),
        Case(name: "amount not a number", row: "C1,\(a),hospitalisation,2021-05-01,12a,,,,",
             expected: "claims.csv: row 3, column amount: expected an amount in yuan with at most two decimals and 15 digits before the point, got \"12a\""),
        Case(name: "amount with 3 decimals", row: "C1,\(a),hospitalisation,2021-05-01,100.125,,,,",
             expected: "claims.csv: row 3, column amount: expected an amount in yuan with at most two decimals and 15 digits before the point, got \"100.125\""),
        Case(name: "amount with a thousands separator", row: "C1,\(a),accident_medical,2021-05-01,\"1,000\",,,,",
             expected: "claims.csv: row 3, column amount: expected an amount in yuan with at most two decimals and 15 digits before the point, got \"1,000\""),
        Case(name: "amount ending in a point", row: "C1,\(a),accident_medical,2021-05-01,100.,,,,",
             expected: "claims.csv: row 3, column amount: expected an amount in yuan with at most two decimals and 15 digits before the point, got \"100.\""),
        Case(name: "amount of 16 digits", row: "C1,\(a),hospitalisation,2021-05-01,1000000000000000,,,,",
             expected: "claims.csv: row 3, column amount: expected an amount in yuan with at most two decimals and 15 digits before the point, got \"1000000000000000\""),
        Case(name: "negative amount", row: "C1,\(a),accident_medical,2021-05-01,-5,,,,",
             expected: "claims.csv: row 3, column amount: expected an amount ≥ 0, got -5.00"),
        Case(name: "amount missing for hospitalisation", row: "C1,\(a),hospitalisation,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column amount: missing value: line hospitalisation needs an amount"),
        Case(name: "amount missing for accident_medical", row: "C1,\(a),accident_medical,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column amount: missing value: line accident_medical needs an amount"),
        Case(name: "amount given for disease_death", row: "C1,\(a),disease_death,2021-05-01,100,,,,",
             expected: "claims.csv: row 3, column amount: line disease_death does not take amount (got \"100\"); leave it empty"),
        Case(name: "grades given for accident_death", row: "C1,\(a),accident_death,2021-05-01,,3,,,",
             expected: "claims.csv: row 3, column grades: line accident_death does not take grades (got \"3\"); leave it empty"),
        Case(name: "level given for hospitalisation", row: "C1,\(a),hospitalisation,2021-05-01,4000,,,,bachelor",
             expected: "claims.csv: row 3, column level: line hospitalisation does not take level (got \"bachelor\"); leave it empty"),
        Case(name: "first_diagnosis given for admission", row: "C1,\(s),admission,2021-09-01,,,,true,bachelor",
             expected: "claims.csv: row 3, column first_diagnosis: line admission does not take first_diagnosis (got \"true\"); leave it empty"),
        Case(name: "grade 0", row: "C1,\(a),accident_disability,2021-05-01,,0,,,",
             expected: "claims.csv: row 3, column grades: expected grades 1–10 separated by ';', got \"0\""),
        Case(name: "grade 11", row: "C1,\(a),accident_disability,2021-05-01,,8;11,,,",
             expected: "claims.csv: row 3, column grades: expected grades 1–10 separated by ';', got \"8;11\""),
        Case(name: "grade as text", row: "C1,\(a),accident_disability,2021-05-01,,severe,,,",
             expected: "claims.csv: row 3, column grades: expected grades 1–10 separated by ';', got \"severe\""),
        Case(name: "grades with an empty part", row: "C1,\(a),accident_disability,2021-05-01,,8;,,,",
             expected: "claims.csv: row 3, column grades: expected grades 1–10 separated by ';', got \"8;\""),
        Case(name: "grades missing", row: "C1,\(a),accident_disability,2021-05-01,,,,,",
             expected: "claims.csv: row 3, column grades: missing value: line accident_disability needs the injury grades, e.g. 8;10"),
        Case(name: "first_diagnosis missing for student_critical_illness", row: "C1,\(s),student_critical_illness,2021-05-01,,,malignant_tumour,,",
             expected: "claims.csv: row 3, column first_diagnosis: missing value: expected true or false"),
        Case(name: "first_diagnosis not a boolean", row: "C1,\(s),student_critical_illness,2021-05-01,,,malignant_tumour,yes,",
             expected: "claims.csv: row 3, column first_diagnosis: expected true or false, got \"yes\""),
        Case(name: "condition missing for student_critical_illness", row: "C1,\(s),student_critical_illness,2021-05-01,,,,true,",
             expected: "claims.csv: row 3, column condition: missing value: line student_critical_illness needs a condition code"),
        Case(name: "row with a missing field", row: "C1,\(a),disease_death,2021-05-01,,,,",
             expected: "claims.csv: row 3: expected 9 fields as in the header, got 8"),
    ]

    /// Each bad row comes second, after a valid claim C0, so the row number (3) is checked too.
    @Test(arguments: cases)
    func malformedRowIsAnInputError(_ c: Case) {
        let text = IE.errorText { _ = try read(Self.valid + "\n" + c.row + "\n") }
        #expect(text == c.expected)
    }

    @Test(arguments: ["claim_id", "person_id", "line", "event_date", "amount", "grades", "condition", "first_diagnosis", "level"])
    func missingColumn(_ column: String) {
        let header = Self.header.split(separator: ",").map(String.init).filter { $0 != column }
        let text = IE.errorText {
            _ = try ClaimsFile.read(IE.csv(header.joined(separator: ",") + "\n", path: "claims.csv"), edition: IE.base)
        }
        #expect(text == "claims.csv: row 1, column \(column): missing column '\(column)' in the header (found: \(header.joined(separator: ", ")))")
    }

    @Test func everyWellFormedLineIsRead() throws {
        let file = try read("""
            C1,\(Self.a),accident_death,2021-05-01,,,,,
            C2,\(Self.a),accident_disability,2021-05-01,, 8 ;8;10,,,
            C3,\(Self.a),accident_medical,2021-05-01,3000.5,,,,
            C4,\(Self.a),hospitalisation,2021-05-01,0,,,,
            C5,\(Self.a),disease_death,2021-05-01,,,,,
            C6,\(Self.s),student_critical_illness,2021-05-01,,,malignant_tumour,false,
            C7,\(Self.s),admission,2021-09-01,,,,,postgraduate
            C8,50010119800304003x,disease_death,2021-05-01,,,,,

            """)
        #expect(file.rowsRead == 8)
        #expect(file.rejected.isEmpty)
        #expect(file.claims.map(\.claimID) == ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"])
        #expect(file.claims[1].grades == [8, 8, 10])
        #expect(file.claims[2].amount == Money(fen: 300_050))
        #expect(file.claims[3].amount == .zero)
        #expect(file.claims[5].condition == "malignant_tumour")
        #expect(file.claims[5].firstDiagnosis == false)
        #expect(file.claims[6].level == 2)
        // A lower-case x is read as X but echoed as written.
        #expect(file.claims[7].person?.description == "50010119800304003X")
        #expect(file.claims[7].personText == "50010119800304003x")
    }

    @Test func unknownConditionCodeIsAValidClaimThatPaysNothing() throws {
        let file = try read("S1,\(Self.s),student_critical_illness,2021-05-01,,,common_cold,true,\n"
                            + "S2,\(Self.s),student_critical_illness,2021-06-01,,,malignant_tumour,true,\n")
        #expect(file.rejected.isEmpty)
        #expect(file.claims.map(\.condition) == ["common_cold", "malignant_tumour"])
        let roster = try Roster.read(IE.csv("""
            person_id,unit,category,birth_date,enrolled_from,student,poverty_insured
            \(Self.s),liangjiang,orphan,2005-06-15,2020-11-01,true,false

            """, path: "roster.csv"), edition: IE.base)
        let payments = Adjudicator(edition: IE.base).adjudicate(file.claims, roster: roster)
        #expect(payments.map(\.reason) == [.notListedCondition, .paid])
        #expect(payments.map(\.payable) == [.zero, Money(yuan: 10_000)])
    }

    @Test func collectingRejectsKeepsEveryValidClaim() throws {
        let file = try read("""
            C1,\(Self.a),accident_death,2021-05-01,,,,,
            C2,\(Self.a),hospitalisation,2021-05-01,,,,,
            C3,\(Self.a),accident_medical,2021-05-01,10,,,,
            C1,\(Self.a),disease_death,2021-05-01,,,,,
            C4,\(Self.a),accident_disability,2021-05-01,,11,,,
            C5,\(Self.a),disease_death,2021-05-01,,,,,

            """, collecting: true)
        #expect(file.rowsRead == 6)
        #expect(file.claims.map(\.claimID) == ["C1", "C3", "C5"])
        #expect(file.rejected.map { String(describing: $0.error) } == [
            "claims.csv: row 3, column amount: missing value: line hospitalisation needs an amount",
            "claims.csv: row 5, column claim_id: claim_id \"C1\" is repeated (claim ids must be unique)",
            "claims.csv: row 6, column grades: expected grades 1–10 separated by ';', got \"11\"",
        ])
        #expect(file.rejected[0].fields == ["C2", Self.a, "hospitalisation", "2021-05-01", "", "", "", "", ""])
    }

    @Test func aRejectedRowDoesNotReserveItsClaimID() throws {
        // C2's first row is malformed and set aside; its corrected row later is the claim.
        let file = try read("C2,\(Self.a),hospitalisation,2021-05-01,,,,,\n"
                            + "C2,\(Self.a),hospitalisation,2021-05-01,4000,,,,\n", collecting: true)
        #expect(file.claims.map(\.claimID) == ["C2"])
        #expect(file.claims[0].amount == Money(yuan: 4000))
        #expect(file.rejected.count == 1)
    }

    /// A person whose only roster row was rejected: the claims go to the rejects with a reason
    /// naming that row, not into payments as not_insured with 0.00.
    @Test func claimsOfAPersonWhoseRosterRowWasRejectedAreRejected() throws {
        let b = IE.id(born: "1990-01-01", serial: 5)
        let rosterText = """
            person_id,unit,category,birth_date,enrolled_from,student,poverty_insured
            \(Self.a),yuzhong,dibao,1980-03-04,2020-11-01,false,false
            \(b),nowhere,dibao,1990-01-01,2020-11-01,false,false

            """
        let roster = try Roster.read(IE.csv(rosterText, path: "roster.csv"), edition: IE.base, collectingRejects: true)
        #expect(roster.personsOnlyInRejectedRows == [b: 3])
        let file = try ClaimsFile.read(IE.csv(Self.header + "\n" + """
            C1,\(Self.a),disease_death,2021-05-01,,,,,
            C2,\(b),accident_medical,2021-05-01,300,,,,
            C3,\(b),hospitalisation,2021-06-01,9000,,,,

            """, path: "claims.csv"), edition: IE.base, collectingRejects: true, rejectedRoster: ("roster.csv", roster.personsOnlyInRejectedRows))
        #expect(file.claims.map(\.claimID) == ["C1"])
        #expect(file.rejectedForRosterRow == 2)
        #expect(file.rejected.map { String(describing: $0.error) } == [
            "claims.csv: row 3, column person_id: the person's roster row (roster.csv row 3) was rejected, so the claim cannot be adjudicated; correct that row and run again",
            "claims.csv: row 4, column person_id: the person's roster row (roster.csv row 3) was rejected, so the claim cannot be adjudicated; correct that row and run again",
        ])
    }

    /// A person with a valid roster row as well as a rejected one is insured by the valid row.
    @Test func aRejectedRowBesideAValidOneRejectsNoClaim() throws {
        let rosterText = """
            person_id,unit,category,birth_date,enrolled_from,student,poverty_insured
            \(Self.a),nowhere,dibao,1980-03-04,2020-11-01,false,false
            \(Self.a),yuzhong,dibao,1980-03-04,2020-11-01,false,false

            """
        let roster = try Roster.read(IE.csv(rosterText, path: "roster.csv"), edition: IE.base, collectingRejects: true)
        #expect(roster.rejected.count == 1)
        #expect(roster.personsOnlyInRejectedRows.isEmpty)
    }
}
