import ArgumentParser
import Foundation
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Monte Carlo model on a scenario: claims, loss ratio, corridor, costs.",
            discussion: """
            Each trial is one possible programme term for the whole insured population: deaths,
            disabilities, accident medical costs, hospital out-of-catalogue costs, student critical
            illness and university admissions are sampled per cell (unit × category × age band),
            every claimant is paid by the edition's exact rules, and every trial is settled under
            the loss-ratio corridor. The same scenario, seed and trial count give the same output
            whatever the thread count.

            With no SCENARIO, the shipped default scenarios/chongqing-2020.toml is used.

            Examples:
              jikun simulate
              jikun simulate scenarios/chongqing-2020.toml --trials 100000 --out results/
              jikun simulate --check --trials 20000
              jikun simulate --roster roster.csv --format json
            """)

        @Argument(help: ArgumentHelp("Scenario file (TOML); default: scenarios/chongqing-2020.toml.", valueName: "scenario"))
        var scenarioPath: String?

        @Option(help: "Number of trials (default: the scenario's).")
        var trials: Int?

        @Option(help: "Random seed (default: the scenario's).")
        var seed: UInt64?

        @Option(help: "Worker threads (default: all cores). Does not change the result.")
        var threads: Int?

        @Option(help: ArgumentHelp("Trials per aggregation block. Does not change the result.", valueName: "n"))
        var blockSize: Int = 256

        @Option(help: ArgumentHelp("Build the population from this roster instead of the scenario's counts.", valueName: "file"))
        var roster: String?

        @Option(help: ArgumentHelp("Write summary.json, trials.csv and scenario.resolved.toml into this folder.", valueName: "dir"))
        var out: String?

        @Option(help: "Output on standard output: text, json or csv.")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts) or FILE.md (tables).", valueName: "file"))
        var report: String?

        @Flag(help: "Compare each line's Monte Carlo mean with its analytic expectation (z-scores).")
        var check = false

        @Flag(help: "Print where the time went (per claimant, per phase) on standard error.")
        var timings = false

        func validate() throws {
            if let trials, trials < 1 { throw ValidationError("--trials must be at least 1, got \(trials)") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
            if blockSize < 1 { throw ValidationError("--block-size must be at least 1, got \(blockSize)") }
        }

        func run() throws {
            let path = try scenarioPath ?? ScenarioLocator.scenariosDirectory() + "/chongqing-2020.toml"
            let scenario = try Scenario.load(path)
            let population: Population
            if let roster {
                let rosterFile = try Roster.read(CSVDocument(path: roster), edition: scenario.edition)
                population = try Population(roster: rosterFile, scenario: scenario)
            } else {
                population = Population(scenario: scenario)
            }
            let engine = Engine(scenario: scenario, population: population)
            let trialCount = trials ?? scenario.defaultTrials
            let progress = ProgressBar(total: trialCount, label: "simulate")
            let started = ContinuousClock.now
            var reportProgress: (@Sendable (Int) -> Void)? = nil
            if progress.isActive {
                reportProgress = { @Sendable done in progress.update(done) }
            }
            let result = engine.run(SimulationOptions(
                trials: trialCount, seed: seed ?? scenario.defaultSeed,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, blockSize: blockSize,
                progress: reportProgress))
            progress.finish()
            let elapsed = ContinuousClock.now - started
            let summary = SimulationSummary(result: result, scenario: scenario, population: population)
            let analytic = check ? AnalyticExpectation(engine: engine) : nil

            switch format {
            case .text:
                print(SimulationReport.text(summary, scenario: scenario, analytic: analytic))
            case .json:
                print(try SimulationReport.json(summary))
            case .csv:
                print(SimulationReport.trialsCSV(result).text, terminator: "")
            }
            if let out {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try Data(SimulationReport.json(summary).utf8).write(to: URL(fileURLWithPath: out + "/summary.json"))
                try SimulationReport.trialsCSV(result).write(to: out + "/trials.csv")
                try Data(scenario.resolved.tomlText.utf8).write(to: URL(fileURLWithPath: out + "/scenario.resolved.toml"))
                printError("Wrote \(out)/summary.json, trials.csv and scenario.resolved.toml")
            }
            if let report {
                try ReportBuilder.simulate(summary, result: result, scenario: scenario).write(to: report)
                status("Report written to \(report)")
            }
            if timings {
                printError(SimulationReport.timings(result, wall: elapsed))
            }
        }
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }
}
