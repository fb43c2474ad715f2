import Foundation
import JikunPolicy
import Testing
@testable import JikunReserving

/// Claims with known reporting delays, valued at 2021-03-31, monthly:
///
///     claim  line               event       reported    payable  insurer  origin   dev
///     c1     hospitalisation    2021-01-10  2021-01-20   100.00     0     2021-01   0
///     c2     hospitalisation    2021-01-25  2021-03-02    50.50     1     2021-01   2
///     c3     accident_death     2021-02-01  2021-03-31  2000.00     0     2021-02   1
///     c4     accident_medical   2021-02-28  2021-02-28     0.00     0     (pays nothing: left out)
///     c5     disease_death      2021-03-15  2021-03-16  2000.00     1     2021-03   0
///
/// Cumulative amounts: 2021-01 [100, 100, 150.5], 2021-02 [0, 2000], 2021-03 [2000];
/// counts [1, 1, 2], [0, 1], [1]. Quarterly: one origin 2021-Q1, 4,150.50 from 4 claims.
@Suite struct ClaimTrianglesTests {
    static func date(_ s: String) -> CivilDate { CivilDate(parsing: s)! }
    static let rows: [(String, ClaimLine, String, String, Int64, Int)] = [
        ("c1", .hospitalisation, "2021-01-10", "2021-01-20", 10000, 0),
        ("c2", .hospitalisation, "2021-01-25", "2021-03-02", 5050, 1),
        ("c3", .accidentDeath, "2021-02-01", "2021-03-31", 200000, 0),
        ("c4", .accidentMedical, "2021-02-28", "2021-02-28", 0, 0),
        ("c5", .diseaseDeath, "2021-03-15", "2021-03-16", 200000, 1),
    ]
    static let claims = rows.map { Claim(claimID: $0.0, personText: "x", line: $0.1, eventDate: date($0.2), reportedDate: date($0.3)) }
    static let payments = rows.map { Payment(insurer: $0.5, period: 0, payable: Money(fen: $0.4), reason: $0.4 > 0 ? .paid : .belowDeductible) }

    @Test func monthlyTrianglesOfAllClaims() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: Self.payments, asOf: Self.date("2021-03-31"), grain: .month, byLine: false, byInsurer: false)
        #expect(t.segments.count == 1)
        #expect(t.segments[0].amounts.origins == ["2021-01", "2021-02", "2021-03"])
        #expect(t.segments[0].amounts.rows == [[100, 100, 150.5], [0, 2000], [2000]])
        #expect(t.segments[0].counts.rows == [[1, 1, 2], [0, 1], [1]])
    }

    @Test func byInsurer() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: Self.payments, asOf: Self.date("2021-03-31"), grain: .month, byLine: false, byInsurer: true)
        #expect(t.segments.map(\.insurer) == [0, 1])
        #expect(t.segments[0].amounts.rows == [[100, 100, 100], [0, 2000], [0]])
        #expect(t.segments[1].amounts.rows == [[0, 0, 50.5], [0, 0], [2000]])
    }

    @Test func byLineKeepsTheLinesOrder() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: Self.payments, asOf: Self.date("2021-03-31"), grain: .month, byLine: true, byInsurer: false)
        #expect(t.segments.map(\.line) == [.accidentDeath, .hospitalisation, .diseaseDeath])
        #expect(t.segments[1].counts.rows == [[1, 1, 2], [0, 0], [0]])
    }

    @Test func quarterly() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: Self.payments, asOf: Self.date("2021-03-31"), grain: .quarter, byLine: false, byInsurer: false)
        #expect(t.segments[0].amounts.origins == ["2021-Q1"])
        #expect(t.segments[0].amounts.rows == [[4150.5]])
        #expect(t.segments[0].counts.rows == [[4]])
    }

    @Test func aPayableClaimWithoutAReportedDateIsAnError() {
        var claims = Self.claims
        claims[1].reportedDate = nil
        #expect(throws: PolicyInputError.usage("claim c2 is payable but has no reported_date; develop needs the date each claim was reported")) {
            try ClaimTriangles(claims: claims, payments: Self.payments, asOf: Self.date("2021-03-31"), grain: .month, byLine: false, byInsurer: false)
        }
    }
}

/// The optional `reported_date` and `paid_date` columns of claims.csv.
@Suite struct ReportedDateColumnTests {
    static let edition = try! Edition.load(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios/edition-2020.toml").path)
    static let header = "claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level"

    func read(_ text: String, asOf: String? = nil, require: Bool = false) throws -> ClaimsFile {
        try ClaimsFile.read(CSVDocument(bytes: Array(text.utf8), path: "claims.csv"), edition: Self.edition,
                            asOf: asOf.map { CivilDate(parsing: $0)! }, requireReportedDate: require)
    }

    @Test func filesWithoutTheColumnsKeepWorking() throws {
        let file = try read(Self.header + "\nk1,50010119900101123X,disease_death,2021-01-05,,,,,\n")
        #expect(file.claims.count == 1)
        #expect(file.claims[0].reportedDate == nil)
    }

    @Test func datesAreRead() throws {
        let file = try read(Self.header + ",reported_date,paid_date\nk1,50010119900101123X,disease_death,2021-01-05,,,,,,2021-02-01,2021-02-10\n")
        #expect(file.claims[0].reportedDate == CivilDate(parsing: "2021-02-01"))
        #expect(file.claims[0].paidDate == CivilDate(parsing: "2021-02-10"))
    }

    @Test(arguments: [
        ("k1,50010119900101123X,disease_death,2021-01-05,,,,,,2021-01-04,", nil as String?,
         "claims.csv: row 2, column reported_date: 2021-01-04 is before the event_date 2021-01-05"),
        ("k1,50010119900101123X,disease_death,2021-01-05,,,,,,2021-04-01,", "2021-03-31",
         "claims.csv: row 2, column reported_date: 2021-04-01 is after the valuation date --as-of 2021-03-31"),
        ("k1,50010119900101123X,disease_death,2021-01-05,,,,,,2021-02-01,2021-01-31", nil,
         "claims.csv: row 2, column paid_date: 2021-01-31 is before the reported_date 2021-02-01"),
        ("k1,50010119900101123X,disease_death,2021-01-05,,,,,,2021-02-01,2021-04-01", "2021-03-31",
         "claims.csv: row 2, column paid_date: 2021-04-01 is after the valuation date --as-of 2021-03-31"),
        ("k1,50010119900101123X,disease_death,2021-01-05,,,,,,20210201,", nil,
         "claims.csv: row 2, column reported_date: expected a date YYYY-MM-DD, got \"20210201\""),
    ])
    func badDatesNameRowAndColumn(row: String, asOf: String?, message: String) {
        do {
            _ = try read(Self.header + ",reported_date,paid_date\n" + row + "\n", asOf: asOf)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func requiredReportedDateMustBeThere() {
        #expect(throws: (any Error).self) { try read(Self.header + "\nk1,50010119900101123X,disease_death,2021-01-05,,,,,\n", require: true) }
        do {
            _ = try read(Self.header + ",reported_date\nk1,50010119900101123X,disease_death,2021-01-05,,,,,,\n", require: true)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "claims.csv: row 2, column reported_date: missing value: expected a date YYYY-MM-DD")
        }
    }
}

/// Triangles of payment delays (`--basis paid`) on the claims of `ClaimTrianglesTests`, with:
///
///     claim  paid        dev (months from the event)
///     c1     2021-02-05  1
///     c2     —           outstanding (reported 2021-03-02, not paid): 50.50, insurer 1
///     c3     2021-03-31  1
///     c5     2021-03-20  0
///
/// Cumulative paid: 2021-01 [0, 100, 100], 2021-02 [0, 2000], 2021-03 [2000].
@Suite struct PaidTrianglesTests {
    static let paid = ["2021-02-05", nil, "2021-03-31", "2021-03-01", "2021-03-20"]
    static let claims = zip(ClaimTrianglesTests.claims, paid).map { claim, date in
        var c = claim
        c.paidDate = date.map(ClaimTrianglesTests.date)
        return c
    }

    @Test func developmentRunsToThePaymentAndAnUnpaidClaimIsOutstanding() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: ClaimTrianglesTests.payments, asOf: ClaimTrianglesTests.date("2021-03-31"),
                                   grain: .month, byLine: false, byInsurer: false, basis: .paid)
        #expect(t.segments[0].amounts.rows == [[0, 100, 100], [0, 2000], [2000]])
        #expect(t.segments[0].counts.rows == [[0, 1, 1], [0, 1], [1]])
        #expect(t.segments[0].outstanding == Money(fen: 5050))
        #expect(t.segments[0].outstandingCount == 1)
        #expect(t.outstanding == Money(fen: 5050))
    }

    @Test func outstandingClaimsStayWithTheirSegment() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: ClaimTrianglesTests.payments, asOf: ClaimTrianglesTests.date("2021-03-31"),
                                   grain: .month, byLine: false, byInsurer: true, basis: .paid)
        #expect(t.segments.map(\.insurer) == [0, 1])
        #expect(t.segments[0].amounts.rows == [[0, 100, 100], [0, 2000], [0]])
        #expect(t.segments.map(\.outstanding) == [.zero, Money(fen: 5050)])
    }

    @Test func theReportedBasisIgnoresPaidDates() throws {
        let t = try ClaimTriangles(claims: Self.claims, payments: ClaimTrianglesTests.payments, asOf: ClaimTrianglesTests.date("2021-03-31"),
                                   grain: .month, byLine: false, byInsurer: false)
        #expect(t.segments[0].amounts.rows == [[100, 100, 150.5], [0, 2000], [2000]])
        #expect(t.outstandingCount == 0)
    }

    @Test func aPayableClaimWithNeitherDateIsAnError() {
        var claims = Self.claims
        claims[1].reportedDate = nil
        #expect(throws: PolicyInputError.usage("claim c2 is payable but has neither a paid_date nor a reported_date; develop --basis paid needs the date each claim was paid")) {
            try ClaimTriangles(claims: claims, payments: ClaimTrianglesTests.payments, asOf: ClaimTrianglesTests.date("2021-03-31"),
                               grain: .month, byLine: false, byInsurer: false, basis: .paid)
        }
    }
}
