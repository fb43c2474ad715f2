import ArgumentParser
import Foundation
import JikunAnalysis
import JikunOutputs
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A grid over scenario keys: one simulation per point on common random numbers.",
            discussion: """
            Each --set names a dotted key of the scenario (as in scenario.resolved.toml from \
            `jikun simulate --out`) and the values to try; several --set make a grid. Every point \
            runs with the same seed.

            Examples:
              jikun sweep --set premium.per_person_month=9,10,11,12
              jikun sweep --set benefits.critical_illness.deductible=2000,3000 --set corridor.bureau_share=0.5,0.7 --out sweep.csv
              jikun sweep --set premium.per_person_month=9,10,11,12 --shard 2/4 --out part-2   # then jikun merge

            With --shard i/k, only grid points ⌊(i−1)P/k⌋ … ⌊iP/k⌋−1 of the P points run (k = P: one \
            point per task), and --out names a part folder for `jikun merge`, which writes the \
            sweep.csv of the whole grid. --shard auto and auto/k read a Slurm array or a \
            Kubernetes Indexed Job, as for `jikun simulate`.
            """)

        @Argument(help: ArgumentHelp("Scenario file (default: scenarios/chongqing-2020.toml).", valueName: "scenario"))
        var scenarioPath: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("KEY=v1,v2,… (repeatable).", valueName: "assignment"))
        var assignments: [String] = []

        @Option(help: ArgumentHelp("Write the grid as CSV here (with --shard: the part folder).", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Run only part i of k of the grid points into the folder --out: i/k, auto or auto/k.", valueName: "i/k"))
        var shard: String?

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @OptionGroup var runOptions: RunOptions

        @OptionGroup var csvOptions: CSVOptions

        func validate() throws {
            guard !assignments.isEmpty else { throw ValidationError("give at least one --set KEY=v1,v2,…") }
            if shard != nil {
                if out == nil { throw ValidationError("--shard needs --out DIR: the folder that receives the part for `jikun merge`") }
                if report != nil { throw ValidationError("--shard runs part of the grid: --report belongs to `jikun merge`") }
                if csvOptions.byteOrderMark { throw ValidationError("--csv-bom marks the merged sweep.csv: give it to `jikun merge` (a part folder holds no CSV)") }
            }
        }

        func run() throws {
            var outputs = OutputCheck()
            outputs.input("scenario", scenarioPath)
            outputs.output("--out", out)
            outputs.output("--out's provenance sidecar", out.map(ProvenanceSidecar.path(beside:)))
            outputs.output("--report", report)
            try outputs.check()
            let scenario = try ScenarioFile.load(scenarioPath)
            let axes = try assignments.map { text -> JikunAnalysis.Sweep.Axis in
                let (path, values) = try ScenarioEdits.parseAssignment(text)
                return JikunAnalysis.Sweep.Axis(path: path, values: values)
            }
            let count = try JikunAnalysis.Sweep.pointCount(axes)
            try JikunAnalysis.Sweep.checkValues(base: scenario, axes: axes)
            let (options, _) = runOptions.options(for: scenario, label: "sweep")
            if let shard, let out {
                let spec = try ShardSpec.parse(shard, environment: ProcessInfo.processInfo.environment)
                guard spec.count <= count else {
                    throw ValidationError("--shard \(shard): \(spec.count) parts of \(count) grid points would leave some empty; use at most \(count)")
                }
                let range = spec.trials(of: count)
                let rows = try JikunAnalysis.Sweep.rows(base: scenario, axes: axes, points: range, trials: options.trials, seed: options.seed,
                                                        threads: options.threads) { i, n in status("point \(i + 1) of \(n)") }
                let text = scenario.resolved.tomlText
                try DesignPart(kind: "sweep", provenance: Provenance(scenarioText: text, seed: options.seed, firstTrial: 0, trialCount: options.trials),
                               design: assignments, total: count, shard: spec, first: range.lowerBound, items: rows)
                    .write(to: out, scenarioText: text)
                print("Sweep part \(spec.index)/\(spec.count): grid points \(range.lowerBound)–\(range.upperBound - 1) of 0–\(count - 1), written to \(out)")
                return
            }
            let sweep = try JikunAnalysis.Sweep.run(base: scenario, axes: axes, trials: options.trials, seed: options.seed,
                                                    threads: options.threads) { i, n in status("point \(i + 1) of \(n)") }
            print(TextBuilder.sweep(sweep))
            if let out {
                try sweep.csv.write(to: out, byteOrderMark: csvOptions.byteOrderMark)
                try ProvenanceSidecar.write(beside: out, Provenance(scenarioText: scenario.resolved.tomlText, seed: options.seed,
                                                                    firstTrial: 0, trialCount: options.trials), scenarioText: scenario.resolved.tomlText)
            }
            if let report {
                try writeReport(to: report, document: { ReportBuilder.sweep(sweep, scenario: scenario) },
                                workbook: { WorkbookBuilder.sweep(sweep, scenario: scenario) },
                                provenance: [("base " + scenario.name,
                                              Provenance(scenarioText: scenario.resolved.tomlText, seed: options.seed, firstTrial: 0, trialCount: options.trials))])
                status("Report written to \(report)")
            }
        }
    }
}
