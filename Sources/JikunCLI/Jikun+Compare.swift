import ArgumentParser
import Foundation
import JikunAnalysis
import JikunPolicy
import JikunTables
import JikunSimulation

extension Jikun {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What-if: run a base and variants on common random numbers and report paired differences.",
            discussion: """
            Every scenario runs with the same seed, so trial t of each sees the same random streams \
            (each cohort draws from its own stream, keeping them aligned when a variant changes some \
            events only). Differences are taken trial by trial: their standard error is far smaller \
            than two independent runs would give, and the report shows by how much.

            Examples:
              jikun compare scenarios/chongqing-2020.toml scenarios/whatif-premium-130.toml
              jikun compare scenarios/chongqing-2020.toml scenarios/whatif-*.toml --trials 5000 --report compare.html
            """)

        @Argument(help: ArgumentHelp("The base scenario, then one or more variants.", valueName: "scenario"))
        var scenarios: [String]

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @OptionGroup var runOptions: RunOptions

        func validate() throws {
            guard scenarios.count >= 2 else { throw ValidationError("give a base scenario and at least one variant") }
        }

        func run() throws {
            var check = OutputCheck()
            for path in scenarios { check.input("scenario", path) }
            check.output("--report", report)
            try check.check()
            let loaded = try scenarios.map { try Scenario.load($0) }
            let base = loaded[0]
            let (options, _) = runOptions.options(for: base, label: "compare")
            func outputs(_ scenario: Scenario) -> KeyOutputs {
                status("simulating \(scenario.name)…")
                var o = options
                o.progress = nil
                return KeyOutputs(Engine(scenario: scenario).run(o))
            }
            let baseOutputs = outputs(base)
            let variants = loaded.dropFirst().map { ($0.name, outputs($0)) }
            let comparison = Comparison(base: (base.name, baseOutputs), variants: Array(variants), seed: options.seed)
            print(Self.text(comparison))
            if let report {
                try writeReport(to: report, document: { ReportBuilder.compare(comparison) }, workbook: { WorkbookBuilder.compare(comparison) },
                                provenance: loaded.map {
                                    ($0.name, Provenance(scenarioText: $0.resolved.tomlText, seed: options.seed, firstTrial: 0, trialCount: options.trials))
                                })
                status("Report written to \(report)")
            }
        }

        static func format(_ value: Double, ratio: Bool) -> String {
            ratio ? String(format: "%.4f", value) : millions(value)
        }

        static func text(_ c: Comparison) -> String {
            var out = ["Comparison on common random numbers: base \(c.base); \(c.trials) trials, seed \(c.seed). Money in million yuan, ratios as fractions."]
            for v in c.variants {
                out.append("")
                out.append("\(v.name) − \(c.base)")
                var table = TextTable(["output", "base", "variant", "difference", "± se (paired)", "95% CI", "± se if independent", "variance reduction"],
                                      rightAligned: Set(1..<8))
                for d in v.differences {
                    table.add([d.label, format(d.base.mean, ratio: d.isRatio), format(d.variant.mean, ratio: d.isRatio),
                               format(d.difference.mean, ratio: d.isRatio), format(d.difference.standardError, ratio: d.isRatio),
                               "\(format(d.difference.lower, ratio: d.isRatio)) … \(format(d.difference.upper, ratio: d.isRatio))",
                               format(d.independentStandardError, ratio: d.isRatio),
                               d.varianceReduction.isFinite ? String(format: "×%.0f", d.varianceReduction) : "exact"])
                }
                out.append(table.rendered)
            }
            return out.joined(separator: "\n")
        }
    }
}
