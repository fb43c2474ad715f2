import Foundation
import JikunPolicy
import Testing

/// `jikun sample-data --reporting-delay D`: a geometric delay in days with mean D, drawn from its
/// own generator.
@Suite struct SampleDelayTests {
    static let edition = ReportedDateColumnTests.edition

    /// The delay K has P(K = k) = (1 − p)^k p with p = 1/(D + 1): mean D, variance D(D + 1).
    /// With D = 60 and n = 20,000 claims the mean's standard error is √(60·61/20,000) = 0.428 days;
    /// we allow 4 of them.
    @Test func delaysHaveTheStatedMeanAndLeaveTheOtherColumnsAlone() throws {
        let plain = SyntheticFiles(persons: 200, claims: 20_000, seed: 9).make(edition: Self.edition).claims.text
        let delayed = SyntheticFiles(persons: 200, claims: 20_000, seed: 9, reportingDelayMeanDays: 60).make(edition: Self.edition).claims.text
        let plainRows = plain.split(separator: "\n"), delayedRows = delayed.split(separator: "\n")
        #expect(delayedRows.first == plainRows.first! + ",reported_date")
        var sum = 0.0
        for (p, d) in zip(plainRows.dropFirst(), delayedRows.dropFirst()) {
            #expect(d.hasPrefix(p + ","))
            let fields = d.split(separator: ",", omittingEmptySubsequences: false)
            let event = CivilDate(parsing: String(fields[3]))!, reported = CivilDate(parsing: String(fields.last!))!
            sum += Double(reported.daysSinceEpoch - event.daysSinceEpoch)
        }
        let mean = sum / 20_000
        #expect(abs(mean - 60) < 4 * 0.428, "mean delay \(mean)")
    }

    @Test func asOfLeavesOutClaimsNotYetReported() throws {
        let asOf = CivilDate(parsing: "2021-06-30")!
        let text = SyntheticFiles(persons: 200, claims: 2_000, seed: 9, reportingDelayMeanDays: 30, asOf: asOf).make(edition: Self.edition).claims.text
        let file = try ClaimsFile.read(CSVDocument(bytes: Array(text.utf8), path: "claims.csv"), edition: Self.edition, asOf: asOf, requireReportedDate: true)
        #expect(file.claims.count > 0 && file.claims.count < 2_000)
        #expect(file.claims.allSatisfy { $0.reportedDate! <= asOf && $0.reportedDate! >= $0.eventDate })
    }
}
