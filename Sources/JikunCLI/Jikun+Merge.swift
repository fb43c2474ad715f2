import ArgumentParser
import Foundation
import JikunAnalysis
import JikunOutputs
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join shard folders of `jikun simulate --shard` into the run's summary and trials.",
            discussion: """
            The shards must come from the same build, scenario, seed and trial count, and their \
            trial ranges must tile the run with no overlap and no gap; the shard at fault is \
            named otherwise. --report FILE.html, .md or .xlsx writes the report the unsharded \
            command would. --out receives summary.json, trials.csv, scenario.resolved.toml and \
            provenance.json, byte for byte what one `jikun simulate --out` of all the trials \
            writes (summary.json and trials.csv; provenance.json records the command).

            Parts of `jikun sweep --shard`, `jikun sensitivity --shard` and `jikun compare --shard` \
            merge the same way: a sweep's into --out/sweep.csv (the bytes of `jikun sweep --out`), \
            a sensitivity analysis's into its tornado and coefficients, a comparison's into its \
            paired differences; each prints what the unsharded command prints, and takes --report.

            Examples:
              jikun simulate --trials 2000 --shard 1/2 --out run/shard-1
              jikun simulate --trials 2000 --shard 2/2 --out run/shard-2
              jikun merge run/shard-1 run/shard-2 --out run/merged
            """)

        @Argument(help: ArgumentHelp("Shard folders written by `jikun simulate --shard … --out DIR`.", valueName: "shard-dir"))
        var shards: [String]

        @Option(help: ArgumentHelp("Write summary.json, trials.csv, scenario.resolved.toml and provenance.json into this folder.", valueName: "dir"))
        var out: String

        @Option(help: "Output on standard output: text, json or csv (json and csv for trial shards only).")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @OptionGroup var csvOptions: CSVOptions

        func validate() throws {
            if shards.isEmpty { throw ValidationError("give at least one shard folder") }
            // Resolved through symlinks: a link to a shard folder is that folder.
            let target = OutputFile.resolved(out)
            if let clash = shards.first(where: { OutputFile.resolved($0) == target }) {
                throw ValidationError("--out \(out) is the shard folder \(clash): write the merge elsewhere, so no input is overwritten")
            }
        }

        func run() throws {
            // Before anything is written: a report with no known format would otherwise be
            // refused only after --out had been filled.
            var outputs = OutputCheck()
            outputs.outputFolder("--out", out, files: ["provenance.json"])
            outputs.output("--report", report)
            try outputs.check()
            if let kind = DesignParts.kind(in: shards[0]) {
                guard format == .text else { throw ValidationError("--format \(format.rawValue) is for trial shards; \(kind) parts print text") }
                if csvOptions.byteOrderMark, kind != "sweep" {
                    throw ValidationError("--csv-bom marks CSV files, and a \(kind) merge writes none (only trial shards and sweep parts do)")
                }
                switch kind {
                case "sweep": return try mergeSweep()
                case "sensitivity": return try mergeSensitivity()
                case "compare": return try mergeCompare()
                default: throw ShardError.shard(path: shards[0], message: "a part of kind \"\(kind)\", expected sweep, sensitivity or compare")
                }
            }
            let merged = try TrialShard.merge(shards)
            let summary = merged.summary
            switch format {
            case .text:
                print(TextBuilder.simulation(summary, scenario: merged.scenario, analytic: nil))
                if let text = TextBuilder.knownClaims(summary) { print("\n" + text) }
            case .json: print(try SimulationReport.json(summary))
            case .csv:
                if csvOptions.byteOrderMark { print("\u{FEFF}", terminator: "") }
                print(SimulationReport.trialsCSV(merged.result).text, terminator: "")
            }
            try RunOutputs.write(summary, result: merged.result, scenarioText: merged.scenarioText, to: out,
                                 byteOrderMark: csvOptions.byteOrderMark)
            if let report {
                try writeReport(to: report, document: { ReportBuilder.simulate(summary, result: merged.result, scenario: merged.scenario) },
                                workbook: { WorkbookBuilder.simulate(summary, scenario: merged.scenario) },
                                provenance: [(merged.scenario.name, summary.provenance)])
                status("Report written to \(report)")
            }
        }

        /// The base scenario as the parts ran it.
        private func scenario(_ text: String) throws -> Scenario {
            try Scenario(config: ConfigFile.parse(text, file: shards[0] + "/" + TrialShard.scenarioFile))
        }

        private func writeProvenance(_ provenance: Provenance, text: String) throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFile.write(encoder.encode(provenance.sidecar(scenarioText: text, command: CommandLine.arguments)),
                                 to: out + "/provenance.json")
        }

        private func mergeSweep() throws {
            let (header, rows, text) = try DesignPart<JikunAnalysis.Sweep.Row>.merge(shards, kind: "sweep")
            let axes = try header.design.map { assignment -> JikunAnalysis.Sweep.Axis in
                let (path, values) = try ScenarioEdits.parseAssignment(assignment)
                return JikunAnalysis.Sweep.Axis(path: path, values: values)
            }
            let p = header.provenance
            let sweep = JikunAnalysis.Sweep(axes: axes, rows: rows, trials: p.trialCount, seed: p.seed)
            print(TextBuilder.sweep(sweep))
            try writeProvenance(p, text: text)
            try sweep.csv.write(to: out + "/sweep.csv", byteOrderMark: csvOptions.byteOrderMark)
            printError("Wrote \(out)/sweep.csv and provenance.json")
            if let report {
                let base = try scenario(text)
                try writeReport(to: report, document: { ReportBuilder.sweep(sweep, scenario: base) },
                                workbook: { WorkbookBuilder.sweep(sweep, scenario: base) }, provenance: [("base " + base.name, p)])
                status("Report written to \(report)")
            }
        }

        private func mergeSensitivity() throws {
            let (header, items, text) = try DesignPart<ExactMeans>.merge(shards, kind: "sensitivity")
            let p = header.provenance
            guard let plan = JikunAnalysis.Sensitivity.Plan(description: header.design, seed: p.seed) else {
                throw ShardError.shard(path: shards[0], message: "part.json: its design \(header.design) is not a sensitivity plan")
            }
            let means = try items.enumerated().map { i, item in
                guard let m = item.means else { throw ShardError.set("model run \(i + 1): a mean is not a bit pattern") }
                return m
            }
            let analysis = try plan.assemble(means)
            print(TextBuilder.sensitivity(analysis))
            try writeProvenance(p, text: text)
            printError("Wrote \(out)/provenance.json")
            if let report {
                let base = try scenario(text)
                try writeReport(to: report, document: { ReportBuilder.sensitivity(analysis, scenario: base) },
                                workbook: { WorkbookBuilder.sensitivity(analysis, scenario: base) }, provenance: [("base " + base.name, p)])
                status("Report written to \(report)")
            }
        }

        private func mergeCompare() throws {
            let (header, trials, text) = try DesignPart<JikunAnalysis.Comparison.Trial>.merge(shards, kind: "compare")
            let p = header.provenance
            guard let comparison = JikunAnalysis.Comparison(partDesign: header.design, trials: trials, seed: p.seed),
                  let scenarios = JikunAnalysis.Comparison.partScenarios(header.design) else {
                throw ShardError.shard(path: shards[0], message: "part.json: its design or trials are not a comparison's")
            }
            print(TextBuilder.compare(comparison))
            try writeProvenance(p, text: text)
            printError("Wrote \(out)/provenance.json")
            if let report {
                // Each scenario's record as the unsharded command writes it: the base's with its hash.
                let records = scenarios.map { scenario -> (String, Provenance) in
                    var record = p
                    record.scenarioHash = scenario.hash
                    return (scenario.name, record)
                }
                try ReportBuilder.compare(comparison).write(to: report, provenance: records)
                status("Report written to \(report)")
            }
        }
    }
}
