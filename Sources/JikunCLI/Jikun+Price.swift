import ArgumentParser
import Foundation
import JikunAnalysis
import JikunOutputs
import JikunPolicy
import JikunTables
import JikunSimulation

extension Jikun {
    struct Price: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An insurer's bid: the premium per person-month that meets a margin, loss-probability or TVaR target.",
            discussion: """
            The trials are simulated once; the claims do not depend on the premium, so each candidate \
            premium re-settles the same trials under the corridor (common random numbers) and the \
            target is met by bisection. The pooled corridor couples the insurers: --others says what \
            the other insurers charge meanwhile (current: the edition's rate; same: the same bid). \
            The result is after the corridor and the insurer's expense ratio (scenario [expenses]).             When no premium of --range meets the target, the search goes on to four times its top             and says either the bid found there or that none exists: once the loss ratio is below             the refund threshold, that share of each further yuan goes back to the bureau, so the             margin levels off at (1 − threshold) less expenses.

            Examples:
              jikun price --insurer picc --target-margin 0.03
              jikun price --max-loss-prob 0.05 --report bid.html
              jikun price --insurer chinalife --tvar-limit 0.10 --others same
            """)

        @Argument(help: ArgumentHelp("Scenario file (default: scenarios/chongqing-2020.toml).", valueName: "scenario"))
        var scenarioPath: String?

        @Option(help: ArgumentHelp("Price this insurer's units (an insurer key); default: the whole pool.", valueName: "key"))
        var insurer: String?

        @Option(parsing: .unconditional, help: "Target: expected result ≥ this share of premium (e.g. 0.03).")
        var targetMargin: Double?

        @Option(parsing: .unconditional, help: "Target: probability of a loss ≤ this (e.g. 0.05).")
        var maxLossProb: Double?

        @Option(parsing: .unconditional, help: "Target: TVaR of the loss at --tvar-level ≤ this share of premium (e.g. 0.10).")
        var tvarLimit: Double?

        @Option(parsing: .unconditional, help: "Level of the TVaR target.")
        var tvarLevel: Double = 0.99

        @Option(help: "What the other insurers charge: current (the edition's rate) or same (the same bid).")
        var others: String = "current"

        @Option(help: ArgumentHelp("Premiums to search and to draw the bid curve over, yuan per person-month to the fen: LOW:HIGH.", valueName: "range"))
        var range: String = "6:16"

        @Option(help: ArgumentHelp("Write the bid curve as CSV here.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @OptionGroup var runOptions: RunOptions

        @OptionGroup var csvOptions: CSVOptions

        func target() throws -> BidPricing.Target? {
            let given = [targetMargin != nil, maxLossProb != nil, tvarLimit != nil].filter { $0 }.count
            guard given <= 1 else { throw ValidationError("give one target: --target-margin, --max-loss-prob or --tvar-limit") }
            if let m = targetMargin {
                guard m.isFinite, m > -1, m < 1 else { throw ValidationError("--target-margin must be a share of premium between -1 and 1 such as 0.03, got \(m)") }
                return .margin(m)
            }
            if let p = maxLossProb {
                guard p > 0, p < 1 else { throw ValidationError("--max-loss-prob must be between 0 and 1, got \(p)") }
                return .lossProbability(p)
            }
            if let t = tvarLimit {
                guard t.isFinite else { throw ValidationError("--tvar-limit must be a finite amount, got \(t)") }
                guard tvarLevel > 0, tvarLevel < 1 else { throw ValidationError("--tvar-level must be between 0 and 1, got \(tvarLevel)") }
                return .tailLoss(limit: t, level: tvarLevel)
            }
            return nil
        }

        /// The ends of `--range`, in fen: a premium per person-month is money, quoted to the fen.
        func bounds() throws -> (low: Money, high: Money) {
            // Every part must be an amount: "6:x:16" or "6::16" is a typing mistake, not 6:16.
            let parts = range.split(separator: ":", omittingEmptySubsequences: false).map { Money(parsing: $0.trimmingCharacters(in: .whitespaces)) }
            // 1,000 yuan a person-month is a hundred times the programme's premium.
            guard parts.count == 2, let low = parts[0], let high = parts[1], low > .zero, high > low, high <= Money(yuan: 1000) else {
                throw ValidationError("--range takes LOW:HIGH in yuan per person-month, to the fen, with 0 < LOW < HIGH ≤ 1000, e.g. 6:16; got \"\(range)\"")
            }
            return (low, high)
        }

        /// The bid curve's premiums: 21 points across the range (fewer when it holds fewer fen),
        /// each on the fen, so that no two points share a quoted rate.
        static func curveRates(low: Money, high: Money) -> [Double] {
            let span = high.fen - low.fen, steps = min(20, span)
            return (0...steps).map { k in Money(fen: low.fen + (span * k + steps / 2) / steps).yuan }
        }

        func validate() throws {
            _ = try target()
            _ = try bounds()
            guard BidPricing.OthersPremium(rawValue: others) != nil else {
                throw ValidationError("--others must be current or same, got \"\(others)\"")
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
            let e = scenario.edition
            var insurerIndex: Int? = nil
            if let insurer {
                guard let i = e.insurers.firstIndex(where: { $0.key == insurer }) else {
                    throw ValidationError("unknown insurer \"\(insurer)\" (expected one of \(e.insurers.map(\.key).joined(separator: ", ")))")
                }
                insurerIndex = i
            }
            let engine = Engine(scenario: scenario)
            let result = runOptions.run(engine, label: "price")
            let pricing = BidPricing(result: result, scenario: scenario, population: engine.population, insurer: insurerIndex,
                                     others: BidPricing.OthersPremium(rawValue: others)!, tailLevel: tvarLevel)
            let (low, high) = try bounds()
            let span = low.yuan...high.yuan
            let curve = pricing.curve(Self.curveRates(low: low, high: high))
            let target = try target()
            let outcome = target.map { pricing.outcome($0, in: span) }
            print(TextBuilder.price(pricing, curve: curve, target: target, outcome: outcome, scenario: scenario, range: span))
            if let out {
                var writer = CSVWriter(header: ["rate", "premium", "expected_result", "result_se", "margin", "p_loss", "tvar_loss_share", "bureau_net_cost", "loss_ratio"])
                for p in curve {
                    writer.writeRow([String(format: "%.2f", p.rate), String(format: "%.2f", p.premium), String(format: "%.2f", p.expectedResult),
                                     String(format: "%.2f", p.resultStandardError), String(format: "%.6f", p.margin),
                                     String(format: "%.6f", p.probabilityOfLoss), String(format: "%.6f", p.tailLoss99),
                                     String(format: "%.2f", p.bureauCost), String(format: "%.6f", p.lossRatio)])
                }
                try writer.write(to: out, byteOrderMark: csvOptions.byteOrderMark)
                try ProvenanceSidecar.write(beside: out, .of(result, scenario), scenarioText: scenario.resolved.tomlText)
            }
            if let report {
                try writeReport(to: report, document: { ReportBuilder.price(pricing, curve: curve, target: target, outcome: outcome, range: span, scenario: scenario) },
                                workbook: { WorkbookBuilder.price(pricing, curve: curve, target: target, outcome: outcome, range: span,
                                                                  summary: SimulationSummary(result: result, scenario: scenario, population: engine.population),
                                                                  scenario: scenario) },
                                provenance: [(scenario.name, .of(result, scenario))])
                status("Report written to \(report)")
            }
        }
    }
}
