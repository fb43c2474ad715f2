import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

/// `replace = true` in a patch table, and the shipped next-year edition and scenario.
@Suite struct ReplaceAndNextYearTests {
    @Test func replaceSwapsATableWhole() throws {
        // Without `replace` the spliced base keeps its threshold and body beside the new family,
        // which the reader refuses; with it the lognormal table stands alone.
        let merged = ScenarioFiles.write("""
            extends = "\(ScenarioFiles.path("chongqing-2020.toml"))"
            [events.hospitalisation.severity]
            family = "lognormal"
            mu = 5.0
            sigma = 2.0
            """)
        let text = try #require(ScenarioFiles.errorText(loading: merged))
        #expect(text.contains("events.hospitalisation.severity"), "\(text)")
        let replaced = ScenarioFiles.write("""
            extends = "\(ScenarioFiles.path("chongqing-2020.toml"))"
            [events.hospitalisation.severity]
            replace = true
            family = "lognormal"
            mu = 5.0
            sigma = 2.0
            """)
        let scenario = try Scenario.load(replaced)
        #expect(scenario.events.hospitalisationSeverity == .lognormal(mu: 5, sigma: 2))
    }

    @Test func nextYearIsOneTwelveMonthPeriod() throws {
        let edition = try Edition.load(ScenarioFiles.path("edition-2022.toml"))
        #expect(edition.periods.count == 1)
        #expect(edition.periods[0].months == 12)
        #expect(edition.termStart == CivilDate(year: 2022, month: 1, day: 1)!)
        #expect(edition.premiumPerPersonMonth == Money(fen: 1000))
        let scenario = try ScenarioFiles.load("chongqing-2022.toml")
        #expect(scenario.edition.periods == edition.periods)
        #expect(scenario.population.insuredAtStart == [1_080_000])
        // Premium: 1,080,000 × 12 + 6,600 × (1 + … + 11) member-months × 10 yuan.
        let population = Population(scenario: scenario)
        let premium: Double = population.premiumByInsurer(edition: scenario.edition).reduce(0, +)
        let expected: Double = Double(1_080_000 * 12 + 6_600 * 66) * 10
        #expect(abs(premium - expected) < 1e-3)
    }
}
