import Testing
@testable import JikunPolicy

/// Hand-worked adjudication cases for every reason code of docs/formats.md.
@Suite struct AdjudicatorTests {
    let e = edition2020
    var adjudicator: Adjudicator { Adjudicator(edition: e) }

    func claim(_ id: String, _ who: RosterPerson, _ line: ClaimLine, _ day: String, amount: String? = nil,
               grades: [Int] = [], condition: String? = nil, first: Bool? = nil, level: String? = nil) -> Claim {
        Claim(claimID: id, personText: who.id.description, line: line, eventDate: date(day),
              amount: amount.map(yuan), grades: grades, condition: condition, firstDiagnosis: first,
              level: level.flatMap(e.admission.levelIndex))
    }

    func run(_ claims: [Claim], _ persons: [RosterPerson]) -> [(String, String, String?)] {
        adjudicator.adjudicate(claims, roster: Roster(persons: persons)).map {
            ($0.payable.description, $0.reason.rawValue, $0.period.map { e.periods[$0].key })
        }
    }

    @Test func accidentLinesAndTheirCaps() {
        let p = person(born: "1980-03-04")
        let result = run([
            claim("a1", p, .accidentDisability, "2021-01-10", grades: [8, 8, 10]),   // grade 7 → 12,000
            claim("a2", p, .accidentDisability, "2021-02-10", grades: [3]),          // 24,000 → capped at 18,000
            claim("a3", p, .accidentDisability, "2021-03-10", grades: [1]),          // cap reached
            claim("a4", p, .accidentMedical, "2021-01-11", amount: "3000.50"),
            claim("a5", p, .accidentMedical, "2021-01-12", amount: "2500"),          // 1,999.50 left
            claim("a6", p, .accidentMedical, "2021-11-12", amount: "2500"),          // P2 resets the cap
            claim("a7", p, .accidentDisability, "2021-11-20", grades: [1, 1]),       // grade 1 stays 1 → 30,000 in P2
        ], [p])
        #expect(result.map(\.0) == ["12000.00", "18000.00", "0.00", "3000.50", "1999.50", "2500.00", "30000.00"])
        #expect(result.map(\.1) == ["paid", "capped", "cap_reached", "paid", "capped", "paid", "paid"])
        #expect(result.map(\.2) == ["P1", "P1", "P1", "P1", "P1", "P2", "P2"])
    }

    @Test func criticalIllnessAccumulatesPerPeriodAndResetsInP2() {
        let p = person(born: "1950-01-01")
        let result = run([
            claim("h1", p, .hospitalisation, "2021-01-05", amount: "2000"),    // X = 2,000: below deductible
            claim("h2", p, .hospitalisation, "2021-02-05", amount: "8000"),    // X = 10,000: 1,750.00
            claim("h3", p, .hospitalisation, "2021-03-05", amount: "8000"),    // X = 18,000: 2,250.00 (crosses 13,000)
            claim("h4", p, .hospitalisation, "2021-04-05", amount: "500000"),  // capped: 150,000 − 4,000
            claim("h5", p, .hospitalisation, "2021-05-05", amount: "100"),     // cap reached
            claim("h6", p, .hospitalisation, "2021-11-05", amount: "20000"),   // P2: own deductible → 4,600.00
        ], [p])
        #expect(result.map(\.0) == ["0.00", "1750.00", "2250.00", "146000.00", "0.00", "4600.00"])
        #expect(result.map(\.1) == ["below_deductible", "paid", "paid", "capped", "cap_reached", "paid"])
    }

    /// 93 stays of the largest amount a claims file holds take the period's total past the
    /// range of `Money`: the rule still pays the cap once and nothing after, and P2 starts over.
    @Test func outOfCatalogueTotalsPastTheRangeOfMoneyStillPayTheCapOnce() {
        let p = person(born: "1950-01-01")
        let stays = (1...93).map { claim("h\($0)", p, .hospitalisation, "2021-01-05", amount: "999999999999999.99") }
        let result = run(stays + [claim("p2", p, .hospitalisation, "2021-11-05", amount: "20000")], [p])
        #expect(result.map(\.0) == ["150000.00"] + Array(repeating: "0.00", count: 92) + ["4600.00"])
        #expect(result.map(\.1) == ["capped"] + Array(repeating: "cap_reached", count: 92) + ["paid"])
    }

    @Test func paymentsThatAddUpPastTheRangeOfMoneyAreRefused() throws {
        let half = Payment(insurer: 0, period: 0, payable: Money(fen: Int64.max / 2 + 1), reason: .paid)
        try Payment.checkTotal([half])
        #expect(throws: PolicyInputError.usage("the claims' payable amounts add up past 92,233,720,368,547,758.07 yuan, more than an amount can hold")) {
            try Payment.checkTotal([half, half])
        }
    }

    @Test func claimsOfAPersonAreTakenInDateOrderTiesInFileOrder() {
        let p = person(born: "1950-01-01")
        // File order is not date order: the 2021-03-01 stay is adjudicated first.
        let result = run([
            claim("late", p, .hospitalisation, "2021-06-01", amount: "10000"),
            claim("early", p, .hospitalisation, "2021-03-01", amount: "13000"),
            claim("tie2", p, .accidentMedical, "2021-07-01", amount: "4000"),
            claim("tie1", p, .accidentMedical, "2021-07-01", amount: "4000"),
        ], [p])
        // early: X = 13,000 → 2,500.00; late: X = 23,000 → 5,500 − 2,500 = 3,000.00.
        #expect(result.map(\.0) == ["3000.00", "2500.00", "4000.00", "1000.00"])
        #expect(result.map(\.1) == ["paid", "paid", "paid", "capped"])
    }

    @Test func deathFixesTheDateAndLaterClaimsFail() {
        let p = person(born: "1940-06-01")
        let result = run([
            claim("d1", p, .diseaseDeath, "2021-05-01"),
            claim("d2", p, .accidentDeath, "2021-05-01"),                        // second death claim
            claim("s1", p, .hospitalisation, "2021-05-01", amount: "20000"),     // on the day of death: payable
            claim("s2", p, .hospitalisation, "2021-05-02", amount: "20000"),     // after death
        ], [p])
        #expect(result.map(\.1) == ["paid", "duplicate_death", "paid", "after_death"])
        #expect(result.map(\.0) == ["2000.00", "0.00", "4600.00", "0.00"])
    }

    @Test func aDeathBeforeCoverStillFixesTheDateOfDeath() {
        let p = person(born: "1940-06-01", coverFrom: "2021-03-01")
        let result = run([
            claim("d1", p, .accidentDeath, "2021-02-01"),
            claim("d2", p, .diseaseDeath, "2021-04-01"),
            claim("h1", p, .hospitalisation, "2021-04-01", amount: "5000"),
        ], [p])
        #expect(result.map(\.1) == ["before_cover", "duplicate_death", "after_death"])
    }

    @Test func coverAndTermBoundaries() {
        let p = person(born: "1960-01-01", coverFrom: "2021-03-01")
        let result = run([
            claim("c1", p, .diseaseDeath, "2022-01-01"),                         // after the term
            claim("c2", p, .accidentMedical, "2021-02-28", amount: "100"),       // before cover
            claim("c3", p, .accidentMedical, "2021-03-01", amount: "100"),       // first day of cover
            claim("c4", p, .accidentMedical, "2021-12-31", amount: "100"),       // last day of P2
        ], [p])
        #expect(result.map(\.1) == ["after_period", "before_cover", "paid", "paid"])
        #expect(result.map(\.2) == [nil, "P1", "P1", "P2"])
        // A death claim after the term still fixes the date of death: nothing later matters here.
    }

    @Test func precedenceBeforeCoverBeatsDuplicateDeath() {
        let p = person(born: "1960-01-01", coverFrom: "2021-06-01")
        let result = run([
            claim("d1", p, .diseaseDeath, "2021-03-01"),
            claim("d2", p, .diseaseDeath, "2021-04-01"),
        ], [p])
        #expect(result.map(\.1) == ["before_cover", "before_cover"])
    }

    /// 3–22 周岁 inclusive at diagnosis, on the birthday.
    @Test(arguments: [
        ("2018-05-10", "2021-05-09", "not_eligible_age"),   // 2 years old
        ("2018-05-10", "2021-05-10", "paid"),               // 3 on the birthday
        ("1998-05-10", "2021-05-09", "paid"),               // still 22
        ("1998-05-10", "2021-05-10", "not_eligible_age"),   // 23 on the birthday
    ])
    func studentAgeOnTheBirthday(born: String, diagnosed: String, reason: String) {
        let p = person(born: born, student: true)
        let result = run([claim("s", p, .studentCriticalIllness, diagnosed, condition: "malignant_tumour", first: true)], [p])
        #expect(result[0].1 == reason)
        #expect(result[0].0 == (reason == "paid" ? "10000.00" : "0.00"))
    }

    @Test func studentChecksInOrderAndLifetimeOnce() {
        let student = person(born: "2008-01-01", student: true, serial: 1)
        let notStudent = person(born: "2008-01-01", student: false, serial: 2)
        let result = run([
            claim("s1", notStudent, .studentCriticalIllness, "2021-02-01", condition: "malignant_tumour", first: true),
            claim("s2", student, .studentCriticalIllness, "2021-02-01", condition: "common_cold", first: true),
            claim("s3", student, .studentCriticalIllness, "2021-02-02", condition: "paralysis", first: false),
            claim("s4", student, .studentCriticalIllness, "2021-02-03", condition: "paralysis", first: true),
            claim("s5", student, .studentCriticalIllness, "2021-11-03", condition: "type1_diabetes", first: true),
        ], [student, notStudent])
        #expect(result.map(\.1) == ["not_student", "not_listed_condition", "not_first_diagnosis", "paid", "already_paid"])
    }

    @Test func admissionOncePerLevel() {
        let p = person(born: "2003-01-01")
        let result = run([
            claim("u1", p, .admission, "2021-09-01", level: "junior_college"),
            claim("u2", p, .admission, "2021-09-02", level: "junior_college"),
            claim("u3", p, .admission, "2021-09-03", level: "bachelor"),
            claim("u4", p, .admission, "2021-09-04", level: "postgraduate"),
        ], [p])
        #expect(result.map(\.0) == ["2000.00", "0.00", "3000.00", "5000.00"])
        #expect(result.map(\.1) == ["paid", "already_paid", "paid", "paid"])
    }

    @Test func notInsuredAndExcluded() throws {
        let insured = personID(born: "1970-01-01", serial: 1)
        let poor = personID(born: "1970-01-01", serial: 2)
        let police = personID(born: "1970-01-01", serial: 3)
        let text = """
        person_id,unit,category,birth_date,enrolled_from,student,poverty_insured,youfu_excluded
        \(insured),yuzhong,dibao,1970-01-01,2020-11-01,false,false,false
        \(poor),yuzhong,dibao,1970-01-01,2020-11-01,false,true,false
        \(police),beibei,youfu,1970-01-01,2020-11-01,false,false,true
        """
        let roster = try Roster.read(CSVDocument(bytes: Array(text.utf8), path: "roster.csv"), edition: e)
        #expect(roster.persons.count == 1 && roster.excluded.count == 2)
        let claims = [insured, poor, police, personID(born: "1970-01-01", serial: 4), "not-an-id"].enumerated().map {
            Claim(claimID: "c\($0.offset)", personText: $0.element, line: .diseaseDeath, eventDate: date("2021-01-01"))
        }
        let result = adjudicator.adjudicate(claims, roster: roster)
        #expect(result.map(\.reason) == [.paid, .excluded, .excluded, .notInsured, .notInsured])
        #expect(result.map(\.insurer) == [e.insurers.firstIndex { $0.key == "picc" }, nil, nil, nil, nil])
    }

    @Test func severalRowsMakeOnePersonWithThePriorityCategory() throws {
        let id = personID(born: "2010-07-07", serial: 9)
        let text = """
        person_id,unit,category,birth_date,enrolled_from,student,poverty_insured
        \(id),yubei,dibao,2010-07-07,2021-01-01,false,false
        \(id),nanan,orphan,2010-07-07,2021-03-15,true,false
        \(id),yubei,dibao,2010-07-07,2021-01-01,false,false
        """
        let roster = try Roster.read(CSVDocument(bytes: Array(text.utf8), path: "roster.csv"), edition: e)
        #expect(roster.persons.count == 1 && roster.rowsMerged == 2)
        let p = roster.persons[0]
        // orphan outranks dibao: unit and student flag from the orphan row, cover from the earliest row.
        #expect(e.categories[p.category].key == "orphan")
        #expect(e.units[p.unit].key == "nanan" && e.insurers[p.insurer].key == "continent")
        #expect(p.student && p.coverFrom == date("2021-01-01"))
    }
}
