import Foundation
import JikunPolicy
import JikunSampling
import JikunSimulation
import Testing
@testable import JikunCalibration

/// `--development`: reported shares per origin month from `jikun develop --out` complete the
/// recent months' claims in the frequency fit.
@Suite struct DevelopmentTests {
    static func document(_ text: String) throws -> CSVDocument {
        try CSVDocument(bytes: Array(text.utf8), path: "ibnr.csv")
    }

    @Test func readsDevelopsOutput() throws {
        let d = try DevelopmentShares.read(Self.document("""
            line,origin,latest,ultimate,ibnr,mack_se,reported_share
            disease_death,2021-11,10.00,25.00,15.00,,0.400000
            disease_death,2021-12,5.00,25.00,20.00,,0.200000
            disease_death,TOTAL,15.00,50.00,35.00,,0.300000
            ,2021-Q4,1.00,2.00,1.00,,0.500000

            """))
        #expect(d.share(.diseaseDeath, month: 2021 * 12 + 10) == 0.4)
        #expect(d.share(.diseaseDeath, month: 2021 * 12 + 11) == 0.2)
        // Other lines take the unsegmented quarter row (Q4 = months 10…12); months absent are complete.
        #expect(d.share(.accidentDeath, month: 2021 * 12 + 9) == 0.5)
        #expect(d.share(.accidentDeath, month: 2021 * 12 + 8) == 1)
        // A cell exposed 2021-10…2021-12 (last month index 2021·12 + 11, 3 months) for disease death,
        // whose 2021-10 falls back to the quarter row's 0.5: r̄ = (0.5 + 0.4 + 0.2)/3.
        #expect(abs(d.meanShare(.diseaseDeath, lastMonth: 2021 * 12 + 11, months: 3) - 1.1 / 3) < 1e-15)
    }

    @Test func badRowsNameFileRowAndColumn() throws {
        let header = "origin,latest,ultimate,ibnr,mack_se,reported_share\n"
        #expect(throws: PolicyInputError.csv(file: "ibnr.csv", row: 2, column: "reported_share", message: "expected a reported share in (0, 1], got \"1.5\"")) {
            try DevelopmentShares.read(Self.document(header + "2021-11,1,1,0,,1.5\n"))
        }
        #expect(throws: PolicyInputError.csv(file: "ibnr.csv", row: 2, column: "origin", message: "expected an origin month YYYY-MM or quarter YYYY-Qn, got \"Nov 2021\"")) {
            try DevelopmentShares.read(Self.document(header + "Nov 2021,1,1,0,,0.5\n"))
        }
    }

    /// A history whose reporting is known: the disability claims of test-small (20,000 persons,
    /// seed 11; 531 claims, dated uniformly in the exposure, unlike the sample's deaths, which
    /// it dates at the period's end) with only 70 %, 40 % and 20 % of the claims of 2021-10,
    /// 2021-11 and 2021-12 kept (every claim of those months in file order is kept when
    /// ⌊(k + 1)·share⌋ > ⌊k·share⌋, so the kept share is exact to one claim; about 70 claims go).
    /// With those shares as `--development`, the rates must be recovered within 4 SE (basis as
    /// RoundTripTests: a correct estimator misses with probability 6·10⁻⁵ per band); without
    /// them the fitted level must be lower.
    @Test func completesAKnownThinning() throws {
        let root = RoundTripTests.root
        let scenario = try Scenario.load(root.appendingPathComponent("scenarios/test-small.toml").path)
        let files = try ScenarioSample(scenario: scenario, persons: 20_000, seed: 11).make()
        let shares = ["2021-10": 0.7, "2021-11": 0.4, "2021-12": 0.2]
        let thinned: Set<Substring> = ["accident_disability"]
        var kept: [String] = [], seen: [String: Int] = [:]
        for (i, line) in files.claims.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if i > 0, fields.count > 3, thinned.contains(fields[2]) {
                let month = String(fields[3].prefix(7))
                if let share = shares[month] {
                    let key = "\(fields[2]) \(month)", k = Double(seen[key, default: 0])
                    seen[key, default: 0] += 1
                    guard ((k + 1) * share).rounded(.down) > (k * share).rounded(.down) else { continue }
                }
            }
            kept.append(String(line))
        }
        let roster = try Roster.read(CSVDocument(bytes: Array(files.roster.text.utf8), path: "roster.csv"), edition: scenario.edition)
        let claims = try ClaimsFile.read(CSVDocument(bytes: Array(kept.joined(separator: "\n").utf8), path: "claims.csv"), edition: scenario.edition)
        let source = ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)
        var text = "line,origin,latest,ultimate,ibnr,mack_se,reported_share\n"
        for line in thinned.sorted() { for (month, share) in shares.sorted(by: { $0.key < $1.key }) { text += "\(line),\(month),1,1,0,,\(share)\n" } }
        var options = CalibrationOptions(asOf: CivilDate(year: 2022, month: 3, day: 31)!)
        let plain = try Calibrator.calibrate([source], base: scenario, options: options)
        options.development = try DevelopmentShares.read(Self.document(text))
        let completed = try Calibrator.calibrate([source], base: scenario, options: options)
        for line in [FrequencyLine.accidentDisability] {
            let fit = try #require(completed.frequencies[line]), before = try #require(plain.frequencies[line])
            let truth = scenario.events.table(line)
            for b in truth.byAge.indices where truth.byAge[b] > 0 {
                RoundTripTests.within(fit.byAge[b], truth.byAge[b], fit.byAgeStandardErrors[b], "\(line) band \(b) with development")
                #expect(before.byAge[b] < fit.byAge[b], "\(line) band \(b): the thinned history without development must fit lower")
            }
        }
    }
}
