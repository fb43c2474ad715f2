import Foundation
import JikunPolicy
import JikunSimulation
import Testing
@testable import JikunAnalysis

/// The resolved scenario written beside a result (scenario.resolved.toml, hashed into the
/// provenance) must be the one that ran. Before `Scenario` was immutable an edit such as
/// `scenario.readings.deaths = .perEvent` ran the edited model while `resolved` still
/// described the base; now every edit rebuilds the value from its configuration.
@Suite struct ResolvedScenarioTests {
    static let options = SimulationOptions(trials: 30, seed: 5, threads: 2)

    /// The scenario that `scenario.resolved.toml` describes, loaded as `jikun merge` loads it.
    static func reloaded(_ scenario: Scenario) throws -> Scenario {
        try Scenario(config: ConfigFile.parse(scenario.resolved.tomlText, file: "scenario.resolved.toml"))
    }

    /// Every trial's key outputs (claims by line, settlement, insurers' result), bit for bit.
    static func trials(_ scenario: Scenario) -> [[Double]] {
        KeyOutputs(Engine(scenario: scenario).run(options)).outputs.map(\.values)
    }

    @Test func anEditedScenarioReloadsFromItsResolvedTextToTheSameRun() throws {
        let base = try small()
        let edited = try base.applying("[readings]\ndeaths = \"per_event\"\n[expenses]\ndefault_ratio = 0.2\n")
        let again = try Self.reloaded(edited)
        #expect(again.readings.deaths == .perEvent)
        #expect(again.expenseRatios == edited.expenseRatios)
        #expect(edited.expenseRatios.contains(0.2) && !base.expenseRatios.contains(0.2))
        #expect(Provenance.hash(again.resolved.tomlText) == Provenance.hash(edited.resolved.tomlText))
        #expect(Provenance.hash(edited.resolved.tomlText) != Provenance.hash(base.resolved.tomlText))
        let run = Self.trials(edited)
        #expect(Self.trials(again) == run)
        // The edit changed the run (so the equality above is not the base's twice).
        #expect(run != Self.trials(base))
    }

    /// Each sweep point's resolved text, reloaded, gives the point's row to the last bit.
    @Test func aSweepPointsResolvedTextIsThePointsRun() throws {
        let base = try small()
        let axes = [Sweep.Axis(path: ["premium", "per_person_month"], values: [.integer(9), .integer(12)]),
                    Sweep.Axis(path: ["corridor", "refund_below"], values: [.float(0.8)])]
        var hashes: Set<String> = [Provenance.hash(base.resolved.tomlText)]
        for (i, point) in Sweep.points(axes).enumerated() {
            let scenario = try Sweep.scenario(base: base, axes: axes, point: point)
            let again = try Self.reloaded(scenario)
            #expect(again.edition.premiumPerPersonMonth == scenario.edition.premiumPerPersonMonth)
            #expect(again.edition.corridor.refundBelow == Rate(partsPerMillion: 800_000))
            hashes.insert(Provenance.hash(again.resolved.tomlText))
            let row = try Sweep.rows(base: base, axes: axes, points: i..<(i + 1), trials: 30, seed: 5, threads: 2)[0]
            let rerun = try Sweep.rows(base: again, axes: [], points: 0..<1, trials: 30, seed: 5, threads: 2)[0]
            #expect(rerun.outputs == row.outputs)
            #expect(rerun.bandProbabilities == row.bandProbabilities)
            #expect(rerun.bureauCostP95 == row.bureauCostP95)
        }
        // The base and both points: three different scenarios, three hashes.
        #expect(hashes.count == 3)
    }

    /// Each sensitivity run's resolved text, reloaded, gives that run's means exactly.
    @Test func aSensitivityRunsResolvedTextIsTheRunsRun() throws {
        let base = try small()
        let plan = Sensitivity.Plan(parameters: [.init("events.hospitalisation.by_age"), .init("premium.per_person_month")],
                                    delta: 0.1, trials: 20, samples: 4, trialsPerSample: 10, seed: 5)
        let means = try plan.means(base, runs: 0..<plan.runCount, threads: 2)
        var hashes: Set<String> = []
        for run in 0..<plan.runCount {
            let again = try Self.reloaded(try plan.scenario(base, run: run))
            hashes.insert(Provenance.hash(again.resolved.tomlText))
            #expect(Sensitivity.means(again, trials: plan.trialCount(ofRun: run), seed: 5, threads: 2) == means[run], "run \(run)")
        }
        // Every run (base, four tornado ends, four samples) is its own scenario.
        #expect(hashes.count == plan.runCount)
    }
}

@Suite struct EditionEditTests {
    /// `with(…)` makes a new edition whose derived tables follow its parts.
    @Test func withRebuildsTheUnitToInsurerTable() throws {
        let base = try Edition.load(scenarios.appendingPathComponent("edition-2020.toml").path)
        // Hand the first insurer's units to the second.
        var insurers = base.insurers
        insurers[1].unitKeys += insurers[0].unitKeys
        insurers[0].unitKeys = []
        let edited = base.with(insurers: insurers)
        for key in base.insurers[0].unitKeys {
            let unit = try #require(edited.unitIndex(key))
            #expect(base.insurerOfUnit[unit] == 0)
            #expect(edited.insurerOfUnit[unit] == 1)
        }
        #expect(edited.units == base.units && edited.corridor == base.corridor)
        #expect(base.with() == base)
    }
}
