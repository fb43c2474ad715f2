import ArgumentParser
import Foundation
import JikunOutputs
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Monte Carlo model on a scenario: claims, loss ratio, corridor, costs.",
            discussion: """
            Each trial is one possible programme term for the whole insured population: deaths, \
            disabilities, accident medical costs, hospital out-of-catalogue costs, student critical \
            illness and university admissions are sampled per cell (unit × category × age band), \
            every claimant is paid by the edition's exact rules, and every trial is settled under \
            the loss-ratio corridor. The same scenario, seed and trial count give the same output \
            whatever the thread count.

            With no SCENARIO, the shipped default scenarios/chongqing-2020.toml is used.

            Examples:
              jikun simulate
              jikun simulate scenarios/chongqing-2020.toml --trials 100000 --out results/
              jikun simulate --trials 20000 --out results/ --csv-bom --report results/simulation.xlsx
              jikun simulate --check --trials 20000
              jikun simulate --roster roster.csv --format json
              jikun simulate --trials 100000 --shard 2/4 --out shard-2   # then jikun merge
              jikun simulate --trials 20000 --as-of 2022-01-31

            With --as-of DATE, the trials run a second time on the same random streams, keeping \
            each claimant when its claim is reported by the end of DATE: its event day is spread \
            evenly over its exposure and its delay follows the line's \
            [events.<line>.reporting_delay] (a line without one is reported on the day of its \
            event). The claims known then, per line and insurer, and the corridor settled on \
            them are shown beside the ultimate ones, and added to summary.json as "asOf".

            With --shard i/k, only trials ⌊(i−1)N/k⌋ … ⌊iN/k⌋−1 of the N trials run, and --out \
            receives a shard folder (manifest.json, trials.f64, scenario.resolved.toml) for \
            `jikun merge`. --shard auto takes i and k from a Slurm array (SLURM_ARRAY_TASK_ID, \
            SLURM_ARRAY_TASK_COUNT); --shard auto/k takes i from a Kubernetes Indexed Job \
            (JOB_COMPLETION_INDEX).
            """)

        @Argument(help: ArgumentHelp("Scenario file (TOML); default: scenarios/chongqing-2020.toml.", valueName: "scenario"))
        var scenarioPath: String?

        @Option(parsing: .unconditional, help: "Number of trials (default: the scenario's).")
        var trials: Int?

        @Option(parsing: .unconditional, help: "Random seed (default: the scenario's).")
        var seed: UInt64?

        @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Does not change the result.")
        var threads: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("Trials per aggregation block. Does not change the result.", valueName: "n"))
        var blockSize: Int = 256

        @Option(help: ArgumentHelp("Build the population from this roster instead of the scenario's counts.", valueName: "file"))
        var roster: String?

        @Option(help: ArgumentHelp("Write summary.json, trials.csv and scenario.resolved.toml into this folder.", valueName: "dir"))
        var out: String?

        @Option(help: "Output on standard output: text, json or csv.")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @Option(help: ArgumentHelp("Run only shard i of k of the trials and write a shard folder to --out: i/k, auto (Slurm array) or auto/k (Kubernetes Indexed Job).", valueName: "i/k"))
        var shard: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Clearing date YYYY-MM-DD: also report the claims known (reported) by then, and the corridor on them, under the scenario's reporting delays.", valueName: "date"))
        var asOf: String?

        @Flag(help: "Compare each line's Monte Carlo mean with its analytic expectation (z-scores).")
        var check = false

        @Flag(help: "Print where the time went (per claimant, per phase) on standard error.")
        var timings = false

        @OptionGroup var csvOptions: CSVOptions

        func validate() throws {
            if let trials { try checkTrials(trials, option: "--trials") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
            if blockSize < 1 { throw ValidationError("--block-size must be at least 1, got \(blockSize)") }
            if let asOf, CivilDate(parsing: asOf) == nil { throw ValidationError("--as-of expects a date YYYY-MM-DD, got \"\(asOf)\"") }
            if shard != nil {
                if out == nil { throw ValidationError("--shard needs --out DIR: the folder that receives the shard for `jikun merge`") }
                if report != nil || check { throw ValidationError("--shard runs part of the trials: --report and --check belong to the merged run") }
                if csvOptions.byteOrderMark { throw ValidationError("--csv-bom marks the merged trials.csv: give it to `jikun merge` (a shard folder holds no CSV)") }
            }
        }

        func run() throws {
            let path = try scenarioPath ?? ScenarioLocator.scenariosDirectory() + "/chongqing-2020.toml"
            var outputs = OutputCheck()
            outputs.input("scenario", path)
            outputs.input("--roster", roster)
            let shardFiles = [TrialShard.manifestFile, TrialShard.rowsFile, TrialShard.scenarioFile]
            // (Checking a path makes its folder: the known/ folder only when a shard writes it.)
            let knownFiles = shard != nil && asOf != nil ? shardFiles.map { TrialShard.knownFolder + "/" + $0 } : []
            outputs.outputFolder("--out", out, files: ["summary.json", "trials.csv", "provenance.json"] + shardFiles + knownFiles)
            outputs.output("--report", report)
            try outputs.check()
            let scenario = try Scenario.load(path)
            let population: Population
            if let roster {
                let rosterFile = try Roster.read(CSVDocument(path: roster), edition: scenario.edition)
                population = try Population(roster: rosterFile, scenario: scenario, path: roster)
            } else {
                population = Population(scenario: scenario)
            }
            let engine = Engine(scenario: scenario, population: population)
            let totalTrials = trials ?? scenario.defaultTrials
            var shardSpec: ShardSpec? = nil
            var trialRange = 0..<totalTrials
            if let shard {
                let spec = try ShardSpec.parse(shard, environment: ProcessInfo.processInfo.environment)
                guard spec.count <= totalTrials else {
                    throw ValidationError("--shard \(shard): \(spec.count) shards of \(totalTrials) trials would leave some empty; use at most \(totalTrials)")
                }
                shardSpec = spec
                trialRange = spec.trials(of: totalTrials)
            }
            let trialCount = trialRange.count
            let progress = ProgressBar(total: trialCount, label: "simulate")
            let started = ContinuousClock.now
            var reportProgress: (@Sendable (Int) -> Void)? = nil
            if progress.isActive {
                reportProgress = { @Sendable done in progress.update(done) }
            }
            let result = engine.run(SimulationOptions(
                trials: trialCount, seed: seed ?? scenario.defaultSeed,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, blockSize: blockSize,
                firstTrial: trialRange.lowerBound, progress: reportProgress))
            progress.finish()
            // The claims known at the clearing date: the same trials (same streams) run again,
            // each claimant kept when reported by then.
            let known = asOf.flatMap { CivilDate(parsing: $0) }.map { date in
                let bar = ProgressBar(total: trialCount, label: "as-of")
                defer { bar.finish() }
                return (date, engine.knownClaims(asOf: date).run(SimulationOptions(
                    trials: trialCount, seed: seed ?? scenario.defaultSeed,
                    threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, blockSize: blockSize,
                    firstTrial: trialRange.lowerBound, progress: bar.isActive ? { @Sendable done in bar.update(done) } : nil)))
            }
            let elapsed = ContinuousClock.now - started
            if let shardSpec, let out {
                try TrialShard.write(result, scenario: scenario, population: population, spec: shardSpec,
                                     totalTrials: totalTrials, known: known.map { (asOf: $0.0, result: $0.1) }, to: out)
                print("Shard \(shardSpec.index)/\(shardSpec.count): trials \(trialRange.lowerBound)–\(trialRange.upperBound - 1) of \(totalTrials), seed \(result.seed), written to \(out)")
                if timings || progress.isActive { printError(SimulationReport.timings(result, wall: elapsed)) }
                return
            }
            var summary = SimulationSummary(result: result, scenario: scenario, population: population)
            if let known {
                summary.asOf = KnownClaimsSummary(asOf: known.0, known: SimulationSummary(result: known.1, scenario: scenario, population: population),
                                                  ultimate: summary)
            }
            let analytic = check ? AnalyticExpectation(engine: engine) : nil

            switch format {
            case .text:
                print(TextBuilder.simulation(summary, scenario: scenario, analytic: analytic))
                if let text = TextBuilder.knownClaims(summary) { print("\n" + text) }
            case .json:
                print(try SimulationReport.json(summary))
            case .csv:
                if csvOptions.byteOrderMark { print("\u{FEFF}", terminator: "") }
                print(SimulationReport.trialsCSV(result).text, terminator: "")
            }
            if let out {
                try RunOutputs.write(summary, result: result, scenarioText: scenario.resolved.tomlText, to: out,
                                     byteOrderMark: csvOptions.byteOrderMark)
            }
            if let report {
                try writeReport(to: report, document: { ReportBuilder.simulate(summary, result: result, scenario: scenario) },
                                workbook: { WorkbookBuilder.simulate(summary, scenario: scenario) },
                                provenance: [(scenario.name, summary.provenance)])
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

/// The files of a run's `--out` folder, written the same way by `simulate` and `merge`.
enum RunOutputs {
    static func write(_ summary: SimulationSummary, result: SimulationResult, scenarioText: String, to out: String,
                      byteOrderMark: Bool = false) throws {
        try OutputFile.write(SimulationReport.json(summary), to: out + "/summary.json")
        try SimulationReport.trialsCSV(result).write(to: out + "/trials.csv", byteOrderMark: byteOrderMark)
        try OutputFile.write(scenarioText, to: out + "/scenario.resolved.toml")
        let sidecar = summary.provenance.sidecar(scenarioText: scenarioText, command: CommandLine.arguments)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(encoder.encode(sidecar), to: out + "/provenance.json")
        printError("Wrote \(out)/summary.json, trials.csv, scenario.resolved.toml and provenance.json")
    }
}
