import ArgumentParser
import Foundation
import JikunOutputs
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct PopulationCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "population",
            abstract: "Write a roster's population as explicit cells (population.csv) for a scenario.",
            discussion: """
            Each insured person falls in the cell of their unit, category and the scenario's age \
            band (age at the period's start, or at cover start when later). Per cell and period the \
            file holds the insured from the period's first month, the entrants of each later month, \
            and the in-school students of an age within the student critical-illness limits. A \
            scenario whose [population] names the file (cells_file = "population.csv") then runs the \
            same model as `jikun simulate SCENARIO --roster R.csv`.

            Example:
              jikun population --roster roster.csv --out population.csv
            """)

        @Option(help: ArgumentHelp("Roster of insured persons (docs/formats.md, roster.csv).", valueName: "file"))
        var roster: String

        @Option(help: ArgumentHelp("Scenario whose edition and age bands the cells use; default: scenarios/chongqing-2020.toml.", valueName: "file"))
        var scenario: String?

        @Option(help: ArgumentHelp("Write the cells here (docs/formats.md, population.csv), with a provenance sidecar beside it.", valueName: "file"))
        var out: String

        @OptionGroup var csvOptions: CSVOptions

        func run() throws {
            let path = try scenario ?? ScenarioLocator.scenariosDirectory() + "/chongqing-2020.toml"
            var outputs = OutputCheck()
            outputs.input("--roster", roster)
            outputs.input("--scenario", path)
            outputs.output("--out", out)
            outputs.output("--out's provenance sidecar", ProvenanceSidecar.path(beside: out))
            try outputs.check()
            let loaded = try Scenario.load(path)
            let rosterFile = try Roster.read(CSVDocument(path: roster), edition: loaded.edition)
            let population = try Population(roster: rosterFile, scenario: loaded, path: roster)
            let cells = try PopulationCells.cells(of: population, scenario: loaded)
            try PopulationCells.csv(cells, edition: loaded.edition, bands: loaded.ageBands)
                .write(to: out, byteOrderMark: csvOptions.byteOrderMark)
            try ProvenanceSidecar.write(beside: out,
                                        Provenance(scenarioText: loaded.resolved.tomlText, seed: loaded.defaultSeed, firstTrial: 0, trialCount: 0),
                                        scenarioText: loaded.resolved.tomlText)
            let insured = population.totalInsuredAtStart.enumerated().map { "\(loaded.edition.periods[$0.offset].key) \($0.element)" }
            print("Roster: \(rosterFile.persons.count) insured persons in \(cells.count) cells (cell × period); insured at the start: \(insured.joined(separator: ", "))")
            printError("Wrote \(out) and \(ProvenanceSidecar.path(beside: out))")
        }
    }
}
