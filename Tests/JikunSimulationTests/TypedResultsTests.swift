import Foundation
import JikunPolicy
@testable import JikunSimulation
import Testing

/// The typed results behind every output: `Band`, `BandProbabilities`, `Quantiles`; their JSON
/// is the summary.json layout (objects keyed by label), so the bytes did not change.
@Suite struct TypedResultsTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func bandShares() throws {
        let p = BandProbabilities([.band(.refund), .band(.refund), .mixed, .band(.excess)])
        #expect(p[.refund] == 0.5)
        #expect(p[.neutral] == 0)
        #expect(p[.excess] == 0.25)
        #expect(p.mixed == 0.25)
        #expect(try Self.json(p) == #"{"excess":0.25,"mixed":0.25,"neutral":0,"refund":0.5,"shared":0}"#)
    }

    @Test func noMixedKeyWithoutMixedTrials() throws {
        let p = BandProbabilities([.band(.shared), .band(.neutral)])
        #expect(p.mixed == nil)
        let text = try Self.json(p)
        #expect(text == #"{"excess":0,"neutral":0.5,"refund":0,"shared":0.5}"#)
        #expect(try JSONDecoder().decode(BandProbabilities.self, from: Data(text.utf8)) == p)
    }

    @Test func bandLabels() {
        #expect(Band.allCases.map(\.label) == ["refund", "neutral", "shared", "excess", "mixed"])
        #expect(Band.allCases.allSatisfy { Band(label: $0.label) == $0 })
        #expect(Band(label: "Mixed") == nil)
        #expect(Band.mixed.corridorBand == nil && Band.band(.shared).corridorBand == .shared)
    }

    @Test func shardCodes() {
        #expect(Band.allCases.map(\.shardCode) == [0, 1, 2, 3, 255])
        #expect(Band.allCases.allSatisfy { Band(shardCode: $0.shardCode) == $0 })
        for bad in [4, 1.5, -1, 254, .nan, .infinity] { #expect(Band(shardCode: bad) == nil) }
    }

    @Test func quantileLabelsAndLookup() throws {
        #expect(QuantileLevel.allCases.map(\.label) == ["p5", "p25", "p50", "p75", "p90", "p95", "p99", "p99.5"])
        #expect(QuantileLevel.allCases.map(\.level) == SampleSummary.defaultLevels)
        let q = Quantiles { Double($0.rawValue) }
        #expect(q[.p99_5] == 7)
        let text = try Self.json(q)
        #expect(text == #"{"p25":1,"p5":0,"p50":2,"p75":3,"p90":4,"p95":5,"p99":6,"p99.5":7}"#)
        #expect(try JSONDecoder().decode(Quantiles<Double>.self, from: Data(text.utf8)) == q)
        // A missing level is an error, never a NaN.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Quantiles<Double>.self, from: Data(#"{"p5":1}"#.utf8))
        }
    }

    /// 1…100: type-1 quantile at level q is the ⌈100q⌉-th value.
    @Test func statQuantilesFromSample() {
        let stat = SimulationSummary.Stat(SampleSummary((1...100).map(Double.init)))
        #expect(stat.quantiles[.p5] == 5)
        #expect(stat.quantiles[.p50] == 50)
        #expect(stat.quantiles[.p99_5] == 100)
        #expect(stat.quantileIntervals[.p50].count == 2)
        let summary = SampleSummary((1...100).map(Double.init))
        #expect(summary[.p95].value == 95)
        #expect(summary[.p95] == summary.quantile(0.95))
    }

    /// The one result formula: premium − refund + top-up − claims − expenses.
    @Test func insurerResult() {
        var s = TrialSettlement(insurers: 2)
        s.refund = [10, 0]
        s.sharedTopUp = [0, 7]
        #expect(s.result(of: 0, premium: 100, claims: 60, expenseRatio: 0.1) == 20)
        #expect(s.result(of: 1, premium: 200, claims: 250, expenseRatio: 0.05) == -53)
    }
}
