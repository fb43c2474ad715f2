import Foundation
import Testing
import JikunPolicy

/// Bad roster rows (docs/formats.md, roster.csv): each names file, row, column and what was expected;
/// with `collectingRejects` the bad rows are set aside and every valid row is kept.
@Suite struct RosterInputErrorTests {
    static let header = "person_id,unit,category,birth_date,enrolled_from,student,poverty_insured,youfu_excluded"

    /// Valid identity numbers (checked against a hand computation in `identityHelperAgreesWithHandComputedNumbers`).
    static let a = IE.id(born: "1980-03-04", serial: 1)   // 500101198003040013
    static let b = IE.id(born: "2005-06-15", serial: 2)   // 50010120050615002X
    static let c = IE.id(born: "1950-01-01", serial: 3)   // 500101195001010036

    static func validRow(_ id: String = a, born: String = "1980-03-04") -> String {
        "\(id),yuzhong,dibao,\(born),2020-11-01,false,false,false"
    }

    func read(_ body: String, collecting: Bool = false) throws -> Roster {
        try Roster.read(IE.csv(Self.header + "\n" + body, path: "roster.csv"), edition: IE.base, collectingRejects: collecting)
    }

    @Test func identityHelperAgreesWithHandComputedNumbers() throws {
        // Hand computation, ISO 7064 MOD 11-2 with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
        #expect(Self.a == "500101198003040013")
        #expect(Self.b == "50010120050615002X")
        #expect(Self.c == "500101195001010036")
        // GB 11643's own example: 11010519491231002X.
        #expect(PersonID.checkCharacter(for: "11010519491231002") == "X")
        for id in [Self.a, Self.b, Self.c] {
            #expect(try PersonID.parse(id).get().description == id)
        }
        // A lower-case x is read as X.
        #expect(try PersonID.parse("50010120050615002x").get().description == Self.b)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var row: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "person_id too short", row: "50010119800304001,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: expected 18 characters (17 digits and a check character), got 17"),
        Case(name: "person_id too long", row: "5001011980030400130,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: expected 18 characters (17 digits and a check character), got 19"),
        Case(name: "person_id empty", row: ",yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: expected 18 characters (17 digits and a check character), got 0"),
        Case(name: "person_id with a letter", row: "5001011980030400A3,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: expected 17 digits followed by a check digit or X"),
        Case(name: "person_id with a bad last character", row: "50010119800304001Y,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: expected 17 digits followed by a check digit or X"),
        Case(name: "person_id with a wrong check character", row: "500101198003040015,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: check character is 5 but the 17 digits give 3 (GB 11643, ISO 7064 MOD 11-2)"),
        Case(name: "person_id with X instead of a digit", row: "50010119800304001X,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: check character is X but the 17 digits give 3 (GB 11643, ISO 7064 MOD 11-2)"),
        Case(name: "person_id with an impossible birth date", row: "50010119800230008X,yuzhong,dibao,1980-02-29,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column person_id: the birth date digits 19800230 are not a calendar date"),
        Case(name: "birth_date differing from the id", row: "500101198003040013,yuzhong,dibao,1980-03-05,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column birth_date: 1980-03-05 differs from the birth date in person_id (1980-03-04)"),
        Case(name: "unknown unit", row: "500101198003040013,atlantis,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column unit: unknown unit \"atlantis\" (expected a unit key of the edition's insurer table, e.g. yuzhong)"),
        Case(name: "unit in capitals", row: "500101198003040013,Yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column unit: unknown unit \"Yuzhong\" (expected a unit key of the edition's insurer table, e.g. yuzhong)"),
        Case(name: "unknown category", row: "500101198003040013,yuzhong,poor,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column category: unknown category \"poor\" (expected one of tekun, orphan, unsupported_child, dibao, youfu)"),
        Case(name: "bad birth date", row: "500101198003040013,yuzhong,dibao,1980/03/04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column birth_date: expected a date YYYY-MM-DD, got \"1980/03/04\""),
        Case(name: "missing birth date", row: "500101198003040013,yuzhong,dibao,,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column birth_date: missing value: expected a date YYYY-MM-DD"),
        Case(name: "enrolled_from not a calendar date", row: "500101198003040013,yuzhong,dibao,1980-03-04,2021-02-29,false,false,false",
             expected: "roster.csv: row 3, column enrolled_from: expected a date YYYY-MM-DD, got \"2021-02-29\""),
        Case(name: "enrolled_from without zero padding", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-1,false,false,false",
             expected: "roster.csv: row 3, column enrolled_from: expected a date YYYY-MM-DD, got \"2020-11-1\""),
        Case(name: "enrolled_from before birth", row: "500101202012010106,yuzhong,orphan,2020-12-01,2020-11-01,false,false,false",
             expected: "roster.csv: row 3, column enrolled_from: 2020-11-01 is before the birth date 2020-12-01 (a newborn may be enrolled from the 1st of the birth month)"),
        Case(name: "bad boolean", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-01,yes,false,false",
             expected: "roster.csv: row 3, column student: expected true or false, got \"yes\""),
        Case(name: "boolean in capitals", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-01,false,TRUE,false",
             expected: "roster.csv: row 3, column poverty_insured: expected true or false, got \"TRUE\""),
        Case(name: "missing boolean", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-01,false,,false",
             expected: "roster.csv: row 3, column poverty_insured: missing value: expected true or false"),
        Case(name: "bad optional boolean", row: "500101198003040013,yuzhong,youfu,1980-03-04,2020-11-01,false,false,1",
             expected: "roster.csv: row 3, column youfu_excluded: expected true or false, got \"1\""),
        Case(name: "row with too few fields", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-01,false,false",
             expected: "roster.csv: row 3: expected 8 fields as in the header, got 7"),
        Case(name: "row with too many fields", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false,",
             expected: "roster.csv: row 3: expected 8 fields as in the header, got 9"),
        Case(name: "quoted field left open", row: "500101198003040013,yuzhong,dibao,1980-03-04,2020-11-01,\"false,false,false",
             expected: "roster.csv: row 3: a quoted field is not closed before the end of the file"),
        Case(name: "text after a closing quote", row: "500101198003040013,\"yuzhong\"x,dibao,1980-03-04,2020-11-01,false,false,false",
             expected: "roster.csv: row 3: unexpected character after a closing quote (a quote inside a field must be doubled)"),
    ]

    /// Each bad row comes second, after a valid row, so the row number (3) is checked as well.
    @Test(arguments: cases)
    func badRowStopsTheRead(_ c: Case) {
        let text = IE.errorText { _ = try read(Self.validRow(Self.c, born: "1950-01-01") + "\n" + c.row + "\n") }
        #expect(text == c.expected)
    }

    /// Two rows of the category that decides a person's unit, birth date and student flag must
    /// agree on them; rows of other categories may differ (the priority category wins).
    @Test(arguments: [
        ("\(a),nanan,dibao,1980-03-04,2020-11-01,false,false,false", "unit", "yuzhong, then nanan"),
        ("\(a),yuzhong,dibao,1980-03-04,2020-11-01,true,false,false", "student", "false, then true"),
    ])
    func rowsOfTheDecidingCategoryThatDisagreeAreAnError(_ second: String, _ column: String, _ values: String) throws {
        let text = IE.errorText { _ = try read(Self.validRow() + "\n" + Self.validRow(Self.c, born: "1950-01-01") + "\n" + second + "\n") }
        #expect(text == "roster.csv: row 4, column \(column): person \(Self.a) has two rows of category dibao (rows 2 and 4) with different \(column) (\(values)): which one applies is not clear")
        let otherCategory = try read(Self.validRow() + "\n\(Self.a),nanan,youfu,1980-03-04,2020-11-01,true,false,false\n")
        #expect(otherCategory.persons.count == 1 && otherCategory.persons[0].unit == IE.base.unitIndex("yuzhong"))
        #expect(try read(Self.validRow() + "\n" + Self.validRow() + "\n").persons.count == 1)
    }

    /// A NUL or an escape character in a value is written out in the message, not sent to the terminal.
    @Test func controlCharactersInAValueAreWrittenOut() {
        let text = IE.errorText { _ = try read("\(Self.a),wan\u{0}zhou,dibao,1980-03-04,2020-11-01,false,false,false\n") }
        #expect(text == "roster.csv: row 2, column unit: unknown unit \"wan\\u{0}zhou\" (expected a unit key of the edition's insurer table, e.g. yuzhong)")
    }

    @Test func missingColumn() {
        let header = "person_id,unit,category,birth_date,student,poverty_insured"
        let text = IE.errorText {
            _ = try Roster.read(IE.csv(header + "\n", path: "roster.csv"), edition: IE.base)
        }
        #expect(text == "roster.csv: row 1, column enrolled_from: missing column 'enrolled_from' in the header (found: person_id, unit, category, birth_date, student, poverty_insured)")
    }

    @Test func columnNamedTwice() {
        let text = IE.errorText {
            _ = try Roster.read(IE.csv(Self.header + ",unit\n", path: "roster.csv"), edition: IE.base)
        }
        #expect(text == "roster.csv: row 1, column unit: the column appears twice in the header")
    }

    @Test func emptyFile() {
        let text = IE.errorText { _ = try Roster.read(IE.csv("", path: "roster.csv"), edition: IE.base) }
        #expect(text == "roster.csv: row 1: the file is empty: expected a header row")
    }

    @Test func optionalColumnMayBeAbsentOrEmpty() throws {
        let withoutColumn = "person_id,unit,category,birth_date,enrolled_from,student,poverty_insured\n"
            + "\(Self.a),yuzhong,youfu,1980-03-04,2020-11-01,false,false\n"
        let roster = try Roster.read(IE.csv(withoutColumn, path: "roster.csv"), edition: IE.base)
        #expect(roster.persons.count == 1)
        let empty = try read("\(Self.a),yuzhong,youfu,1980-03-04,2020-11-01,false,false,\n")
        #expect(empty.persons.count == 1)
    }

    @Test func columnsMayComeInAnyOrderAndUnknownColumnsAreIgnored() throws {
        let text = "note,poverty_insured,student,enrolled_from,birth_date,category,unit,person_id\n"
            + "hello,false,true,2021-03-10,2005-06-15,orphan,liangjiang,\(Self.b)\n"
        let roster = try Roster.read(IE.csv(text, path: "roster.csv"), edition: IE.base)
        let person = try #require(roster.persons.first)
        #expect(IE.base.units[person.unit].key == "liangjiang")
        #expect(IE.base.insurers[person.insurer].key == "ancheng")
        #expect(IE.base.categories[person.category].key == "orphan")
        #expect(person.coverFrom == CivilDate(parsing: "2021-03-10"))
        #expect(person.student)
    }

    /// Reading of the rules' monthly enrolment for a newborn: born 2021-03-28 and enrolled from
    /// 2021-03-01, the child is covered from birth and March is charged (P1 runs to 2021-10:
    /// March–October is 8 months, 8 × 10 yuan = 80 yuan).
    @Test func newbornEnrolledFromTheFirstOfTheBirthMonth() throws {
        let id = IE.id(born: "2021-03-28", serial: 7)
        let roster = try read("\(id),yuzhong,orphan,2021-03-28,2021-03-01,false,false,false\n")
        #expect(roster.rejected.isEmpty)
        let child = try #require(roster.persons.first)
        #expect(child.coverFrom == CivilDate(parsing: "2021-03-28"))
        let premium = EarnedPremium(roster: roster, edition: IE.base)
        let p1 = premium.cells.filter { IE.base.periods[$0.period].key == "P1" }
        #expect(p1.map(\.memberMonths) == [8])
        #expect(p1.map(\.premium) == [Money(yuan: 80)])
        // A claim dated before the birth is before cover.
        let claims = try ClaimsFile.read(IE.csv("claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level\n"
                                                + "K1,\(id),accident_medical,2021-03-10,100,,,,\nK2,\(id),accident_medical,2021-03-29,100,,,,\n",
                                                path: "claims.csv"), edition: IE.base)
        let payments = Adjudicator(edition: IE.base).adjudicate(claims.claims, roster: roster)
        #expect(payments.map(\.reason) == [.beforeCover, .paid])
    }

    // MARK: - collectingRejects

    @Test func collectingRejectsKeepsEveryValidRow() throws {
        let rows = [
            Self.validRow(),                                                                   // row 2: a
            "50010119800304001,yuzhong,dibao,1980-03-04,2020-11-01,false,false,false",        // row 3: short id
            "\(Self.b),liangjiang,orphan,2005-06-15,2021-03-10,true,false,false",             // row 4: b
            "\(Self.c),atlantis,tekun,1950-01-01,2020-11-01,false,false,false",               // row 5: unknown unit
            "\(Self.c),dadukou,tekun,1950-01-01,2020-11-01,false,false,false",                // row 6: c
            "\(Self.c),nanan,dibao,1950-01-01,2020-10-01,false,false,maybe",                  // row 7: bad flag
            "\(Self.c),nanan,dibao,1950-01-01,2020-10-01,false,false,false",                  // row 8: c again (merged)
        ]
        let roster = try read(rows.joined(separator: "\n") + "\n", collecting: true)
        #expect(roster.rowsRead == 7)
        #expect(roster.persons.map(\.id.description) == [Self.a, Self.b, Self.c])
        #expect(roster.rowsMerged == 1)
        #expect(roster.excluded.isEmpty)
        #expect(roster.rejected.map { String(describing: $0.error) } == [
            "roster.csv: row 3, column person_id: expected 18 characters (17 digits and a check character), got 17",
            "roster.csv: row 5, column unit: unknown unit \"atlantis\" (expected a unit key of the edition's insurer table, e.g. yuzhong)",
            "roster.csv: row 7, column youfu_excluded: expected true or false, got \"maybe\"",
        ])
        #expect(roster.rejected[1].fields == ["\(Self.c)", "atlantis", "tekun", "1950-01-01", "2020-11-01", "false", "false", "false"])
        // Person c: tekun outranks dibao, so unit dadukou; cover from the earliest valid row,
        // never before the term starts.
        let c = roster.persons[2]
        #expect(IE.base.units[c.unit].key == "dadukou")
        #expect(c.coverFrom == CivilDate(parsing: "2020-11-01"))
    }

    @Test func collectingRejectsStillStopsAtAnUnclosedQuote() {
        // The rest of the file is inside the open quote: nothing after it can be trusted.
        let text = IE.errorText {
            _ = try read(Self.validRow() + "\n\"\(Self.b),liangjiang,orphan,2005-06-15,2021-03-10,true,false,false\n", collecting: true)
        }
        #expect(text == "roster.csv: row 3: a quoted field is not closed before the end of the file")
    }

    @Test
    func collectingRejectsSetsAsideARowWithTheWrongNumberOfFields() throws {
        let roster = try read(Self.validRow() + "\n"
                              + "\(Self.b),liangjiang,orphan,2005-06-15,2021-03-10,true,false\n"
                              + "\(Self.c),dadukou,tekun,1950-01-01,2020-11-01,false,false,false\n", collecting: true)
        #expect(roster.persons.map(\.id.description) == [Self.a, Self.c])
        #expect(roster.rejected.map { String(describing: $0.error) } == ["roster.csv: row 3: expected 8 fields as in the header, got 7"])
    }
}
