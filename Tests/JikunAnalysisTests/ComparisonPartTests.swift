import Foundation
import JikunSimulation
import Testing
@testable import JikunAnalysis

@Suite struct ComparisonPartTests {
    /// A part's trial is written as 16-digit bit patterns and read back to the same doubles,
    /// signed zero, subnormals and infinities included.
    @Test func trialsRoundTripBitForBit() throws {
        let values = [0.0, -0.0, 1.5, -123456.789, .leastNonzeroMagnitude, .infinity, 1e300]
        let data = try JSONEncoder().encode([Comparison.Trial(values: values)])
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("[\"0000000000000000 8000000000000000 3ff8000000000000 "))
        let back = try JSONDecoder().decode([Comparison.Trial].self, from: data)
        #expect(back[0].values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Comparison.Trial].self, from: Data("[\"12 34\"]".utf8)) }
    }

    /// Trials split in two parts and merged give the comparison of the whole run.
    @Test func partsMergeToTheWholeComparison() throws {
        let base = try small()
        let variant = try ScenarioEdits.setting(base, ["benefits", "disease_death", "amount"], to: .integer(3000))
        let whole = [base, variant].map { KeyOutputs(Engine(scenario: $0).run(SimulationOptions(trials: 40, seed: 3, threads: 2))) }
        let single = Comparison(base: ("base", whole[0]), variants: [("variant", whole[1])], seed: 3)
        let design = Comparison.partDesign(scenarios: [("base", "sha256:a"), ("variant", "sha256:b")], outputs: whole[0])
        var trials: [Comparison.Trial] = []
        for range in [0..<13, 13..<40] {
            let part = [base, variant].map {
                KeyOutputs(Engine(scenario: $0).run(SimulationOptions(trials: range.count, seed: 3, threads: 2, firstTrial: range.lowerBound)))
            }
            trials += Comparison.partTrials(part)
        }
        let merged = try #require(Comparison(partDesign: design, trials: trials, seed: 3))
        #expect(merged.base == "base" && merged.trials == 40)
        #expect(merged.variants.map(\.name) == ["variant"])
        for (a, b) in zip(merged.variants[0].differences, single.variants[0].differences) {
            #expect(a.output == b.output && a.label == b.label && a.isRatio == b.isRatio)
            #expect(a.base == b.base && a.variant == b.variant && a.difference == b.difference)
            #expect(a.independentStandardError == b.independentStandardError)
        }
        #expect(merged.variants[0].differences.count == single.variants[0].differences.count)
        #expect(Comparison(partDesign: Array(design.dropFirst()), trials: trials, seed: 3) == nil)
        #expect(Comparison(partDesign: design, trials: [Comparison.Trial(values: [1])], seed: 3) == nil)
    }
}
