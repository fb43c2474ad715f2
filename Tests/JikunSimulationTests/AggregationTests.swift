import JikunPolicy
import JikunSampling
import Testing
@testable import JikunSimulation

@Suite struct AggregationTests {
    /// The engine's scatter of each trial's columns gives what the dense 0/1 mapping product
    /// gave: each trial's claims by line and period and by insurer are the sums (in whole fen)
    /// of that trial's columns, drawn again here one trial at a time; the category totals and
    /// the column sums over trials match too. Every value is a whole number of fen, so the
    /// comparisons are exact. Block size 7 makes blocks end mid-run, so a block left unzeroed
    /// would show.
    @Test func theScatterGivesTheColumnsSums() throws {
        let scenario = try loadScenario("test-small.toml")
        let engine = Engine(scenario: scenario)
        let trials = 40
        let result = engine.run(SimulationOptions(trials: trials, seed: 23, threads: 2, blockSize: 7))
        let columns = engine.columns, e = scenario.edition
        let lines = columns.lineCount, periods = columns.periods
        var columnSums = [Int64](repeating: 0, count: columns.count)
        var categorySums = [Int64](repeating: 0, count: columns.categories)
        var claimed = 0.0
        for trial in 0..<trials {
            let row = engine.sampledRow(seed: 23, trial: trial)
            var linePeriod = [Double](repeating: 0, count: lines * periods)
            var insurer = [Double](repeating: 0, count: e.insurers.count)
            for j in 0..<columns.count {
                let (u, c, line, p) = columns.components(of: j)
                linePeriod[line.index * periods + p] += row[j]
                insurer[e.insurerOfUnit[u]] += row[j]
                columnSums[j] += Int64(row[j])
                categorySums[c] += Int64(row[j])
                claimed += row[j]
            }
            for k in 0..<(lines * periods) {
                #expect(result.linePeriodClaims[trial * lines * periods + k] == linePeriod[k] / 100, "trial \(trial) slot \(k)")
            }
            for i in insurer.indices {
                #expect(result.insurerClaims[trial * insurer.count + i] == insurer[i] / 100, "trial \(trial) insurer \(i)")
            }
        }
        #expect(result.columnSums == columnSums)
        #expect(result.categorySums == categorySums)
        #expect(claimed > 0)
    }
}
