import ArgumentParser
import Foundation
import JikunAnalysis
import JikunOutputs
import JikunPolicy
import JikunTables
import JikunSimulation

extension Jikun {
    struct Budget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The bureau's budget: premium outlay, corridor refund or top-up, net cost at confidence levels.",
            discussion: """
            Simulates the scenario (optionally from a roster of the starting population, grown by an \
            enrolment assumption) and reports what the bureau pays: the premium by period and insurer, \
            what the corridor gives back or asks for, and the net cost that a budget must cover in a \
            share of simulated years, with the Monte Carlo error of that figure.

            Examples:
              jikun budget --confidence 0.9,0.95,0.99
              jikun budget --roster roster.csv --growth 0.05 --report budget.html
              jikun budget --report budget.xlsx   (an Excel workbook for the bureau)
              jikun budget --growth -0.01
            """)

        @Argument(help: ArgumentHelp("Scenario file (default: scenarios/chongqing-2020.toml).", valueName: "scenario"))
        var scenarioPath: String?

        @Option(help: ArgumentHelp("Starting population from this roster instead of the scenario's counts.", valueName: "file"))
        var roster: String?

        @Option(parsing: .unconditional, help: "Enrolment growth over the starting population, e.g. 0.05 for 5 % more insured.")
        var growth: Double = 0

        @Option(help: ArgumentHelp("Confidence levels for the budget, comma-separated.", valueName: "levels"))
        var confidence: String = "0.9,0.95,0.99"

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts), FILE.md (tables) or FILE.xlsx (an Excel workbook).", valueName: "file"))
        var report: String?

        @OptionGroup var runOptions: RunOptions

        func levels() throws -> [Double] {
            try confidence.split(separator: ",").map { text in
                guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v > 0, v < 1 else {
                    throw ValidationError("--confidence takes levels between 0 and 1 such as 0.9,0.95, got \"\(text)\"")
                }
                return v
            }
        }

        func validate() throws {
            _ = try levels()
            // Beyond +1000 % a growth is no enrolment forecast (and would take the population
            // past the bounds a scenario may hold).
            guard growth > -1, growth <= 10 else {
                throw ValidationError("--growth must be above -1 (−100 %) and at most 10 (+1000 %), got \(growth)")
            }
        }

        func run() throws {
            var outputs = OutputCheck()
            outputs.input("scenario", scenarioPath)
            outputs.input("--roster", roster)
            outputs.output("--report", report)
            try outputs.check()
            let scenario = try ScenarioFile.load(scenarioPath)
            var population: Population
            if let roster {
                population = try Population(roster: Roster.read(CSVDocument(path: roster), edition: scenario.edition), scenario: scenario)
            } else {
                population = Population(scenario: scenario)
            }
            population = population.grown(by: growth)
            let engine = Engine(scenario: scenario, population: population)
            let result = runOptions.run(engine, label: "budget")
            let budget = BudgetAnalysis(scenario: scenario, population: population, result: result, growth: growth, confidences: try levels())
            print(Self.text(budget, scenario: scenario))
            if let report {
                try writeReport(to: report, document: { ReportBuilder.budget(budget, result: result, scenario: scenario, population: population) },
                                workbook: { WorkbookBuilder.budget(budget, summary: SimulationSummary(result: result, scenario: scenario, population: population),
                                                                   scenario: scenario) },
                                provenance: [(scenario.name, .of(result, scenario))])
                status("Report written to \(report)")
            }
        }

        static func text(_ b: BudgetAnalysis, scenario: Scenario) -> String {
            var out: [String] = []
            out.append("Budget for scenario \(b.scenario) (\(scenario.edition.title)); \(b.trials) trials\(b.growth != 0 ? String(format: "; enrolment growth %+.1f%%", b.growth * 100) : "")")
            out.append("")
            out.append("Premium outlay 保费支出 (million yuan)")
            var premium = TextTable(["insurer"] + b.periodKeys + ["total"], rightAligned: Set(1...(b.periodKeys.count + 1)))
            for (i, key) in b.insurerKeys.enumerated() {
                let row = b.premiumByPeriodAndInsurer.map { $0[i] }
                premium.add([key] + row.map(millions) + [millions(row.reduce(0, +))])
            }
            premium.add(["total"] + b.premiumByPeriodAndInsurer.map { millions($0.reduce(0, +)) } + [millions(b.totalPremium)])
            out.append(premium.rendered)
            out.append("")
            out.append(String(format: "Expected claims %@ ± %@ million yuan; expected loss ratio %.1f%% (p5 %.1f%%, p95 %.1f%%)",
                              millions(b.expectedClaims.mean), millions(b.expectedClaims.standardError), b.lossRatio.mean * 100,
                              b.lossRatio[.p5].value * 100, b.lossRatio[.p95].value * 100))
            out.append(String(format: "Corridor refund to the bureau 返还: mean %@ million, in %.1f%% of years; p95 %@ million",
                              millions(b.refund.mean), b.probabilityOfRefund * 100, millions(b.refund[.p95].value)))
            out.append(String(format: "Shared top-up paid by the bureau 共担: mean %@ million, in %.1f%% of years; p95 %@ million",
                              millions(b.sharedTopUp.mean), b.probabilityOfTopUp * 100, millions(b.sharedTopUp[.p95].value)))
            out.append(String(format: "Bureau net cost 净成本: mean %@ ± %@ million yuan", millions(b.netCost.mean), millions(b.netCost.standardError)))
            out.append("")
            var levels = TextTable(["confidence", "budget (million yuan)", "95% MC interval", "TVaR (mean beyond)"], rightAligned: [0, 1, 2, 3])
            for l in b.levels {
                levels.add([percentText(l.confidence), millions(l.budget), "\(millions(l.lower))–\(millions(l.upper))", millions(l.tailValueAtRisk)])
            }
            out.append(levels.rendered)
            out.append("")
            for l in b.levels { out.append(b.sentence(l)) }
            return out.joined(separator: "\n")
        }
    }
}
