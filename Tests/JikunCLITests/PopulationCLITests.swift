import Foundation
import Testing

/// `jikun population` writes a roster's cells; a scenario naming them runs as `--roster` does.
@Suite struct PopulationCLITests {
    static let testSmallBands = """
        [[population.age_bands]]
        key = "0-2"
        from = 0
        to = 2
        in_school = 0.0

        [[population.age_bands]]
        key = "3-17"
        from = 3
        to = 17
        in_school = 0.9

        [[population.age_bands]]
        key = "18-22"
        from = 18
        to = 22
        in_school = 0.5

        [[population.age_bands]]
        key = "23+"
        from = 23
        in_school = 0.0

        """

    /// The summary of a run without what names the scenario or times the run.
    static func figures(_ json: String) throws -> NSDictionary {
        var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        for key in ["provenance", "scenario", "cost"] { object.removeValue(forKey: key) }
        return object as NSDictionary
    }

    @Test func aScenarioNamingTheWrittenCellsSimulatesAsTheRoster() throws {
        let directory = CLI.temporaryDirectory()
        let small = CLI.packageRoot.appendingPathComponent("scenarios/test-small.toml").path
        let sample = try CLI.run(["sample-data", "--persons", "800", "--claims", "5", "--out", directory.path])
        #expect(sample.status == 0, "\(sample.stderr)")
        let roster = directory.appendingPathComponent("roster.csv").path
        let cellsPath = directory.appendingPathComponent("population.csv").path
        let written = try CLI.run(["population", "--roster", roster, "--scenario", small, "--out", cellsPath])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("insured persons in"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("population.provenance.json").path))
        let header = try CLI.read(cellsPath).split(separator: "\n").first.map(String.init)
        #expect(header == "unit,category,band,period,insured,students,entrants,entrant_students,entrants_mean")

        let scenario = CLI.write("extends = \"\(small)\"\n\n[population]\nreplace = true\ncells_file = \"population.csv\"\n\n" + Self.testSmallBands,
                                 to: "cells.toml", in: directory)
        let viaRoster = try CLI.run(["simulate", small, "--roster", roster, "--trials", "60", "--format", "json"])
        let viaCells = try CLI.run(["simulate", scenario, "--trials", "60", "--format", "json"])
        #expect(viaRoster.status == 0, "\(viaRoster.stderr)")
        #expect(viaCells.status == 0, "\(viaCells.stderr)")
        #expect(try Self.figures(viaRoster.stdout) == Self.figures(viaCells.stdout))
    }

    @Test func theOutputNeverOverwritesTheRoster() throws {
        let directory = CLI.temporaryDirectory()
        let roster = CLI.write("person_id\n", to: "roster.csv", in: directory)
        let result = try CLI.run(["population", "--roster", roster, "--out", roster])
        #expect(result.status != 0)
        #expect(result.stderr.contains("refusing to overwrite an input"))
        #expect(try CLI.read(roster) == "person_id\n")
    }
}
