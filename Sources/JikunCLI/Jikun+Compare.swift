import ArgumentParser
import Foundation
import JikunAnalysis
import JikunOutputs
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What-if: run a base and variants on common random numbers and report paired differences.",
            discussion: """
            Every scenario runs with the same seed, so trial t of each sees the same random streams \
            (each cohort draws from its own stream, keeping them aligned when a variant changes some \
            events only). Differences are taken trial by trial: their standard error is far smaller \
            than two independent runs would give, and the report shows by how much. The seed and \
            trial count are the base's (or --seed and --trials); a variant that sets others is told \
            so on standard error.

            Examples:
              jikun compare scenarios/chongqing-2020.toml scenarios/whatif-premium-130.toml
              jikun compare scenarios/chongqing-2020.toml scenarios/whatif-*.toml --trials 5000 --report compare.html
              jikun compare scenarios/chongqing-2020.toml scenarios/whatif-premium-130.toml --trials 5000 --shard 1/4 --out part-1   # then jikun merge

            With --shard i/k, trials ⌊(i−1)N/k⌋ … ⌊iN/k⌋−1 of every scenario run into the part \
            folder --out; `jikun merge` of all k parts prints the comparison of the whole run to \
            the last digit. --shard auto and auto/k read a Slurm array or a Kubernetes Indexed Job.
            """)

        @Argument(help: ArgumentHelp("The base scenario, then one or more variants.", valueName: "scenario"))
        var scenarios: [String]

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @Option(help: ArgumentHelp("Run only part i of k of the trials into the folder --out: i/k, auto or auto/k.", valueName: "i/k"))
        var shard: String?

        @Option(help: ArgumentHelp("With --shard: the part folder for `jikun merge`.", valueName: "dir"))
        var out: String?

        @OptionGroup var runOptions: RunOptions

        func validate() throws {
            guard scenarios.count >= 2 else { throw ValidationError("give a base scenario and at least one variant") }
            if shard != nil {
                if out == nil { throw ValidationError("--shard needs --out DIR: the folder that receives the part for `jikun merge`") }
                if report != nil { throw ValidationError("--shard runs part of the trials: --report belongs to `jikun merge`") }
            } else if out != nil {
                throw ValidationError("--out is the part folder of --shard; without --shard, use --report")
            }
        }

        func run() throws {
            var check = OutputCheck()
            for path in scenarios { check.input("scenario", path) }
            check.output("--report", report)
            check.outputFolder("--out", out, files: [DesignPart<Comparison.Trial>.file, TrialShard.scenarioFile])
            try check.check()
            let loaded = try scenarios.map { try Scenario.load($0) }
            let base = loaded[0]
            let (options, _) = runOptions.options(for: base, label: "compare")
            // A variant's own seed or trial count is not used: say so rather than drop it unseen.
            for variant in loaded.dropFirst() {
                var differences: [String] = []
                if runOptions.seed == nil, variant.defaultSeed != base.defaultSeed { differences.append("seed \(variant.defaultSeed)") }
                if runOptions.trials == nil, variant.defaultTrials != base.defaultTrials { differences.append("\(variant.defaultTrials) trials") }
                guard !differences.isEmpty else { continue }
                printError("Note: \(variant.name) sets \(differences.joined(separator: " and ")), but every scenario runs with the base's "
                           + "seed \(options.seed) and \(options.trials) trials (common random numbers); give --seed or --trials to choose them.")
            }
            if let shard, let out { return try runPart(shard, out: out, loaded: loaded, options: options) }
            func outputs(_ scenario: Scenario) -> KeyOutputs {
                status("simulating \(scenario.name)…")
                var o = options
                o.progress = nil
                return KeyOutputs(Engine(scenario: scenario).run(o))
            }
            let baseOutputs = outputs(base)
            let variants = loaded.dropFirst().map { ($0.name, outputs($0)) }
            let comparison = Comparison(base: (base.name, baseOutputs), variants: Array(variants), seed: options.seed)
            print(TextBuilder.compare(comparison))
            if let report {
                try writeReport(to: report, document: { ReportBuilder.compare(comparison) }, workbook: { WorkbookBuilder.compare(comparison) },
                                provenance: loaded.map {
                                    ($0.name, Provenance(scenarioText: $0.resolved.tomlText, seed: options.seed, firstTrial: 0, trialCount: options.trials))
                                })
                status("Report written to \(report)")
            }
        }

        /// Trials ⌊(i−1)N/k⌋ … ⌊iN/k⌋−1 of every scenario, kept bit for bit in a part folder.
        private func runPart(_ shard: String, out: String, loaded: [Scenario], options: SimulationOptions) throws {
            let spec = try ShardSpec.parse(shard, environment: ProcessInfo.processInfo.environment)
            guard spec.count <= options.trials else {
                throw ValidationError("--shard \(shard): \(spec.count) parts of \(options.trials) trials would leave some empty; use at most \(options.trials)")
            }
            let range = spec.trials(of: options.trials)
            var partOptions = options
            partOptions.trials = range.count
            partOptions.firstTrial = range.lowerBound
            partOptions.progress = nil
            let outputs = loaded.map { scenario in
                status("simulating \(scenario.name)…")
                return KeyOutputs(Engine(scenario: scenario).run(partOptions))
            }
            let text = loaded[0].resolved.tomlText
            let design = Comparison.partDesign(scenarios: loaded.map { ($0.name, Provenance.hash($0.resolved.tomlText)) }, outputs: outputs[0])
            try DesignPart(kind: "compare", provenance: Provenance(scenarioText: text, seed: options.seed, firstTrial: 0, trialCount: options.trials),
                           design: design, total: options.trials, shard: spec, first: range.lowerBound, items: Comparison.partTrials(outputs))
                .write(to: out, scenarioText: text)
            print("Compare part \(spec.index)/\(spec.count): trials \(range.lowerBound)–\(range.upperBound - 1) of 0–\(options.trials - 1), written to \(out)")
        }
    }
}
