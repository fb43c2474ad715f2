import Foundation
import JikunPolicy
import JikunSampling
import JikunSimulation
import Testing
@testable import JikunCalibration

@Suite struct ScalingAndMaturityTests {
    /// f·X: S_f(f·x) = S(x) for every family, and the mean scales by f.
    @Test(arguments: [
        Severity.lognormal(mu: 7, sigma: 1.2),
        .gamma(shape: 0.8, scale: 1500),
        .lomax(shape: 3, scale: 4000),
        .spliced(body: .lognormal(mu: 4.9, sigma: 2.1), threshold: 20000, tailProbability: 0.006, tailShape: 1.8),
    ])
    func trendScalesTheLaw(_ severity: Severity) {
        let f = 1.05 * 1.05
        let scaled = severity.scaled(by: f)
        for x in [50.0, 900, 3000, 25000, 120_000] {
            #expect(abs(scaled.survival(f * x) - severity.survival(x)) <= 1e-12 * max(severity.survival(x), 1e-300) + 1e-15)
        }
        #expect(abs(scaled.mean / severity.mean - f) < 1e-9)
        #expect(severity.scaled(by: 1) == severity)
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// With 6 immature months before 2022-03-31 the cutoff is the end of September 2021: the
    /// term-start persons have 11 months (P1 November–September, P2 none), and every claim
    /// dated October 2021 or later is set aside, not used.
    @Test func maturityCutsExposureAndClaims() throws {
        let scenario = try Scenario.load(Self.root.appendingPathComponent("scenarios/test-small.toml").path)
        let files = try ScenarioSample(scenario: scenario, persons: 2000, seed: 11).make()
        let roster = try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "roster.csv"), edition: scenario.edition)
        let claims = try ClaimsFile.read(CSVDocument(bytes: Array(files.claims.text.utf8), path: "claims.csv"), edition: scenario.edition)
        let source = ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)
        let asOf = CivilDate(year: 2022, month: 3, day: 31)!
        let full = try Experience(sources: [source], scenario: scenario, asOf: asOf, maturityMonths: 0)
        let cut = try Experience(sources: [source], scenario: scenario, asOf: asOf, maturityMonths: 6)
        let october = CivilDate(year: 2021, month: 10, day: 1)!
        let late = claims.claims.filter { $0.eventDate >= october }.count
        #expect(late > 0)
        #expect(cut.claimsAfterCutoff == late)
        #expect(full.claimsAfterCutoff == 0)
        #expect(cut.cells.keys.allSatisfy { $0.period == 0 && $0.months <= 11 })
        let startPersons = roster.persons.filter { $0.coverFrom == scenario.edition.termStart }.count
        let elevenMonths = cut.cells.filter { $0.key.months == 11 }.reduce(0) { $0 + $1.value.persons }
        #expect(elevenMonths == startPersons)
    }
    /// The sample draws costs as the engine does, the severity scales included: with a period
    /// scale of 3 on accident medical in P2, every P2 medical amount is 3 × the unscaled draw
    /// (the same stream, so the same draw) to within the fen of each rounding, and P1's are
    /// unchanged.
    @Test func theSampleAppliesTheSeverityScales() throws {
        let scenario = try Scenario.load(Self.root.appendingPathComponent("scenarios/test-small.toml").path)
        let scaled = try scenario.applying("[events.accident_medical.severity.period_scale]\nP2 = 3.0\n")
        let plain = try ScenarioSample(scenario: scenario, persons: 1500, seed: 5).make()
        let tripled = try ScenarioSample(scenario: scaled, persons: 1500, seed: 5).make()
        func medical(_ text: String) -> [(date: String, fen: Int64)] {
            text.split(separator: "\n").dropFirst().compactMap { row in
                let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard f[2] == "accident_medical" else { return nil }
                return (f[3], Money(parsing: Substring(f[4]))!.fen)
            }
        }
        let a = medical(plain.claims.text), b = medical(tripled.claims.text)
        #expect(a.count == b.count && a.count > 50)
        let p2Start = scenario.edition.periods[1].start.description
        var inP2 = 0
        for (x, y) in zip(a, b) {
            #expect(x.date == y.date)
            if x.date >= p2Start {
                inP2 += 1
                #expect(abs(y.fen - 3 * x.fen) <= 2, "\(x) \(y)")
            } else {
                #expect(x.fen == y.fen)
            }
        }
        #expect(inP2 > 0)
    }
}
