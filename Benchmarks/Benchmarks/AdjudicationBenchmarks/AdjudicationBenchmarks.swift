import Benchmark
import Foundation
import JikunPolicy

/// The repository root, from this file's path (Benchmarks/Benchmarks/AdjudicationBenchmarks/).
private let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(30),
        maxIterations: 5
    )
    let edition = try! Edition.load(root.appendingPathComponent("scenarios/edition-2020.toml").path)
    // One million claims for 300,000 persons, written once outside the measurement.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-adjudication-bench").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let files = SyntheticFiles(persons: 300_000, claims: 1_000_000, seed: 2020).make(edition: edition)
    try! files.roster.write(to: folder + "/roster.csv")
    try! files.claims.write(to: folder + "/claims.csv")

    // End to end as `jikun adjudicate` does it: CSV in, rules, CSV out. Throughput counts claims.
    // Claims per second = 1,000,000 / the wall-clock time of one iteration.
    Benchmark("adjudicate 1M claims, 300k persons (CSV in, CSV out)") { benchmark in
        for _ in benchmark.scaledIterations {
            let roster = try Roster.read(CSVDocument(path: folder + "/roster.csv"), edition: edition)
            let claims = try ClaimsFile.read(CSVDocument(path: folder + "/claims.csv"), edition: edition)
            let adjudicator = Adjudicator(edition: edition)
            let payments = adjudicator.adjudicate(claims.claims, roster: roster)
            try adjudicator.paymentsCSV(claims: claims.claims, payments: payments).write(to: folder + "/payments.csv")
            blackHole(payments.count)
        }
    }
}
