import ArgumentParser
import Foundation
import JikunAnalysis
import JikunOutputs
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct Sensitivity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which assumptions drive the loss ratio and the bureau's cost: a tornado and a global view.",
            discussion: """
            Tornado: each parameter moved by ±δ on common random numbers. Global: every parameter \
            drawn uniformly in [1 − δ, 1 + δ] at once (a Latin hypercube of --samples points, each run \
            for --trials-per-sample trials on the same seed), then the outputs' means regressed on the \
            parameters (LAPACK least squares): a standardised regression coefficient tells how many \
            standard deviations of the output one standard deviation of the parameter moves. \
            A parameter is a dotted key holding a number or a list of numbers (all scaled together); \
            without --parameter the main frequencies, severities, the CI deductible and cap, \
            enrolment, premium and expenses found in the scenario are used.

            Examples:
              jikun sensitivity --trials 2000
              jikun sensitivity --parameter events.hospitalisation.by_age --parameter benefits.critical_illness.deductible --delta 0.2
              jikun sensitivity --trials 2000 --shard 1/8 --out part-1   # then jikun merge

            With --shard i/k, only model runs ⌊(i−1)R/k⌋ … ⌊iR/k⌋−1 of the R runs (the base, two per \
            parameter, then the global samples) are computed into the part folder --out; \
            `jikun merge` of all k parts prints the same tornado and coefficients as one run. \
            --shard auto and auto/k read a Slurm array or a Kubernetes Indexed Job.
            """)

        @Argument(help: ArgumentHelp("Scenario file (default: scenarios/chongqing-2020.toml).", valueName: "scenario"))
        var scenarioPath: String?

        @Option(name: .customLong("parameter"), help: ArgumentHelp("A dotted key to vary (repeatable).", valueName: "key"))
        var parameters: [String] = []

        @Option(parsing: .unconditional, help: "Relative change of each parameter (0.1 = ±10 %).")
        var delta: Double = 0.1

        @Option(parsing: .unconditional, help: "Points of the global design.")
        var samples: Int = 60

        @Option(parsing: .unconditional, help: "Trials per point of the global design.")
        var trialsPerSample: Int = 100

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @Option(help: ArgumentHelp("Compute only part i of k of the model runs into the folder --out: i/k, auto or auto/k.", valueName: "i/k"))
        var shard: String?

        @Option(help: ArgumentHelp("With --shard: the part folder for `jikun merge`.", valueName: "dir"))
        var out: String?

        @OptionGroup var runOptions: RunOptions

        func validate() throws {
            guard delta > 0, delta < 1 else { throw ValidationError("--delta must be between 0 and 1, got \(delta)") }
            guard samples >= 3, trialsPerSample >= 1 else { throw ValidationError("--samples must be at least 3 and --trials-per-sample at least 1") }
            try checkTrials(trialsPerSample, option: "--trials-per-sample")
            guard samples <= 100_000 else { throw ValidationError("--samples must be at most 100000, got \(samples)") }
            if shard != nil {
                if out == nil { throw ValidationError("--shard needs --out DIR: the folder that receives the part for `jikun merge`") }
                if report != nil { throw ValidationError("--shard runs part of the analysis: --report belongs to `jikun merge`") }
            } else if out != nil {
                throw ValidationError("--out is the part folder of --shard; without --shard, use --report")
            }
        }

        func run() throws {
            var outputs = OutputCheck()
            outputs.input("scenario", scenarioPath)
            outputs.output("--report", report)
            try outputs.check()
            let scenario = try ScenarioFile.load(scenarioPath)
            let chosen = parameters.isEmpty ? JikunAnalysis.Sensitivity.defaultParameters(for: scenario)
                : parameters.map(JikunAnalysis.Sensitivity.Parameter.init)
            guard !chosen.isEmpty else { throw ValidationError("no parameter to vary: name some with --parameter") }
            guard samples > chosen.count + 1 else {
                throw ValidationError("--samples must exceed the number of parameters + 1 (\(chosen.count + 1)) for the regression")
            }
            let (options, _) = runOptions.options(for: scenario, label: "sensitivity")
            if let shard, let out {
                let plan = JikunAnalysis.Sensitivity.Plan(parameters: chosen, delta: delta, trials: options.trials, samples: samples,
                                                          trialsPerSample: trialsPerSample, seed: options.seed)
                try plan.check(scenario)
                let spec = try ShardSpec.parse(shard, environment: ProcessInfo.processInfo.environment)
                guard spec.count <= plan.runCount else {
                    throw ValidationError("--shard \(shard): \(spec.count) parts of \(plan.runCount) model runs would leave some empty; use at most \(plan.runCount)")
                }
                let range = spec.trials(of: plan.runCount)
                let means = try plan.means(scenario, runs: range, threads: options.threads) { status($0) }
                let text = scenario.resolved.tomlText
                try DesignPart(kind: "sensitivity", provenance: Provenance(scenarioText: text, seed: options.seed, firstTrial: 0, trialCount: options.trials),
                               design: plan.description, total: plan.runCount, shard: spec, first: range.lowerBound, items: means.map(ExactMeans.init))
                    .write(to: out, scenarioText: text)
                print("Sensitivity part \(spec.index)/\(spec.count): model runs \(range.lowerBound)–\(range.upperBound - 1) of 0–\(plan.runCount - 1), written to \(out)")
                return
            }
            let result = try JikunAnalysis.Sensitivity.run(
                scenario: scenario, parameters: chosen, delta: delta, trials: options.trials, samples: samples,
                trialsPerSample: trialsPerSample, seed: options.seed, threads: options.threads) { status($0) }
            print(TextBuilder.sensitivity(result))
            if let report {
                try writeReport(to: report, document: { ReportBuilder.sensitivity(result, scenario: scenario) },
                                workbook: { WorkbookBuilder.sensitivity(result, scenario: scenario) },
                                provenance: [("base " + scenario.name,
                                              Provenance(scenarioText: scenario.resolved.tomlText, seed: options.seed, firstTrial: 0, trialCount: options.trials))])
                status("Report written to \(report)")
            }
        }
    }
}
