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
            // Every item counts: "0.9,,0.95" or "" is a typing slip, not two levels or none.
            var levels: [Double] = []
            for text in confidence.split(separator: ",", omittingEmptySubsequences: false) {
                guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v > 0, v < 1 else {
                    throw ValidationError("--confidence takes levels between 0 and 1 such as 0.9,0.95, got \"\(text)\"")
                }
                // Twice the same level would be two identical rows, and likely a typing slip.
                guard !levels.contains(v) else { throw ValidationError("--confidence gives the level \(text) twice") }
                levels.append(v)
            }
            return levels
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
                population = try Population(roster: Roster.read(CSVDocument(path: roster), edition: scenario.edition), scenario: scenario, path: roster)
            } else {
                population = Population(scenario: scenario)
            }
            let grown = population.grown(by: growth)
            // The bound a scenario's population is held to, which growth must not step past.
            for (p, period) in scenario.edition.periods.enumerated() where grown.totalInsuredAtStart[p] > PopulationSpec.maximumInsured {
                throw ValidationError("--growth \(growth) takes \(period.key)'s insured from \(grouped(Double(population.totalInsuredAtStart[p]))) "
                                      + "to \(grouped(Double(grown.totalInsuredAtStart[p]))), above the \(grouped(Double(PopulationSpec.maximumInsured))) a period may hold")
            }
            population = grown
            let engine = Engine(scenario: scenario, population: population)
            let result = runOptions.run(engine, label: "budget")
            let budget = BudgetAnalysis(scenario: scenario, population: population, result: result, growth: growth, confidences: try levels())
            print(TextBuilder.budget(budget, scenario: scenario))
            if let report {
                try writeReport(to: report, document: { ReportBuilder.budget(budget, result: result, scenario: scenario, population: population) },
                                workbook: { WorkbookBuilder.budget(budget, summary: SimulationSummary(result: result, scenario: scenario, population: population),
                                                                   scenario: scenario) },
                                provenance: [(scenario.name, .of(result, scenario))])
                status("Report written to \(report)")
            }
        }
    }
}
