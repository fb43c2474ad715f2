import Benchmark
import Foundation
import JikunPolicy
import JikunSimulation

private let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The cell-heavy benchmark scenario: explicit cells, 47 units × 5 categories × 12 age bands,
/// ≈ 1.1 M insured, fixed monthly entrants (scripts/make-benchmark-cells.py writes it).
let cellHeavyScenarioPath = "scenarios/benchmark-cells.toml"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(60),
        maxIterations: 3
    )
    let scenario = try! Scenario.load(root.appendingPathComponent("scenarios/chongqing-2020.toml").path)
    let engine = Engine(scenario: scenario)

    // The target: the default scenario at 10,000 trials on this 2-core machine.
    Benchmark("simulate chongqing-2020, 10,000 trials, 2 threads") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = engine.run(SimulationOptions(trials: 10_000, seed: scenario.defaultSeed, threads: 2))
            blackHole(SimulationSummary(result: result, scenario: scenario, population: engine.population))
        }
    }

    Benchmark("simulate chongqing-2020, 2,000 trials, 1 thread") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(engine.run(SimulationOptions(trials: 2_000, seed: scenario.defaultSeed, threads: 1)))
        }
    }

    // What a sweep point or a sensitivity run pays before its trials: the scenario read and
    // checked (2,820 cells from the resolved TOML) and the engine's classes and streams built.
    let cellsConfig = try! ConfigFile.load(root.appendingPathComponent(cellHeavyScenarioPath).path)
    Benchmark("load and build the cell-heavy scenario (a sweep point's set-up)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Engine(scenario: try! Scenario(config: cellsConfig)))
        }
    }

    // The cell-heavy target: ≤ 4.0 s at 10,000 trials on 2 cores, aggregation ≤ 10 % of
    // thread time (`jikun simulate --timings` prints the split and the costs).
    let cells = try! Scenario.load(root.appendingPathComponent(cellHeavyScenarioPath).path)
    let cellsEngine = Engine(scenario: cells)
    Benchmark("simulate cell-heavy scenario, 10,000 trials, 2 threads") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = cellsEngine.run(SimulationOptions(trials: 10_000, seed: cells.defaultSeed, threads: 2))
            blackHole(SimulationSummary(result: result, scenario: cells, population: cellsEngine.population))
        }
    }
}
