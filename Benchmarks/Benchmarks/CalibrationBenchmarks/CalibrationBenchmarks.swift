import Benchmark
import Foundation
import JikunCalibration
import JikunPolicy
import JikunSimulation

/// The repository root, from this file's path (Benchmarks/Benchmarks/CalibrationBenchmarks/).
private let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(120),
        maxIterations: 3
    )
    // The size: 1.1 million persons and 200,000 claims, drawn once from the default
    // scenario's model (the first 200,000 claim rows of the draw) outside the measurement.
    let basePath = root.appendingPathComponent("scenarios/chongqing-2020.toml").path
    let scenario = try! Scenario.load(basePath)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-calibration-bench").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let files = try! ScenarioSample(scenario: scenario, persons: 1_100_000, seed: 2021).make()
    try! files.roster.write(to: folder + "/roster.csv")
    let lines = files.claims.text.split(separator: "\n", omittingEmptySubsequences: false)
    try! (lines.prefix(200_001).joined(separator: "\n") + "\n").write(toFile: folder + "/claims.csv", atomically: true, encoding: .utf8)

    // End to end as `jikun calibrate` does it: CSV in, adjudication, exposure, every fit, the
    // fitted file rendered.
    Benchmark("calibrate 1.1M persons, 200k claims (CSV in, fitted TOML out)") { benchmark in
        for _ in benchmark.scaledIterations {
            let roster = try Roster.read(CSVDocument(path: folder + "/roster.csv"), edition: scenario.edition)
            let claims = try ClaimsFile.read(CSVDocument(path: folder + "/claims.csv"), edition: scenario.edition)
            let result = try Calibrator.calibrate([ExperienceSource(rosterPath: "roster.csv", claimsPath: "claims.csv", roster: roster, claims: claims)],
                                                  base: scenario, options: CalibrationOptions(asOf: CivilDate(year: 2022, month: 3, day: 31)!))
            let text = FittedScenarioFile(result: result, base: scenario, basePath: basePath, outPath: folder + "/fitted.toml",
                                          keepBaseFactors: false).render()
            blackHole(text.count)
        }
    }
}
