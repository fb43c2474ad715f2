import ArgumentParser
import Foundation
import JikunSimulation

extension Jikun {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join shard folders of `jikun simulate --shard` into the run's summary and trials.",
            discussion: """
            The shards must come from the same build, scenario, seed and trial count, and their
            trial ranges must tile the run with no overlap and no gap; the shard at fault is
            named otherwise. --out receives summary.json, trials.csv, scenario.resolved.toml and
            provenance.json, byte for byte what one `jikun simulate --out` of all the trials
            writes (summary.json and trials.csv; provenance.json records the command).

            Examples:
              jikun simulate --trials 2000 --shard 1/2 --out run/shard-1
              jikun simulate --trials 2000 --shard 2/2 --out run/shard-2
              jikun merge run/shard-1 run/shard-2 --out run/merged
            """)

        @Argument(help: ArgumentHelp("Shard folders written by `jikun simulate --shard … --out DIR`.", valueName: "shard-dir"))
        var shards: [String]

        @Option(help: ArgumentHelp("Write summary.json, trials.csv, scenario.resolved.toml and provenance.json into this folder.", valueName: "dir"))
        var out: String

        @Option(help: "Output on standard output: text, json or csv.")
        var format: OutputFormat = .text

        func validate() throws {
            if shards.isEmpty { throw ValidationError("give at least one shard folder") }
            let target = URL(fileURLWithPath: out).standardizedFileURL.path
            if let clash = shards.first(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == target }) {
                throw ValidationError("--out \(out) is the shard folder \(clash): write the merge elsewhere, so no input is overwritten")
            }
        }

        func run() throws {
            let merged = try TrialShard.merge(shards)
            let summary = merged.summary
            switch format {
            case .text: print(SimulationReport.text(summary, scenario: merged.scenario, analytic: nil))
            case .json: print(try SimulationReport.json(summary))
            case .csv: print(SimulationReport.trialsCSV(merged.result).text, terminator: "")
            }
            try RunOutputs.write(summary, result: merged.result, scenarioText: merged.scenarioText, to: out)
        }
    }
}
