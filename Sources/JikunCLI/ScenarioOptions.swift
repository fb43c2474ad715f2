import ArgumentParser
import Foundation
import JikunPolicy
import JikunSimulation

/// Run settings shared by the commands that simulate.
struct RunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Number of trials (default: the scenario's).")
    var trials: Int?

    @Option(parsing: .unconditional, help: "Random seed (default: the scenario's). Every scenario of a command uses it: common random numbers.")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Does not change the result.")
    var threads: Int?

    func validate() throws {
        if let trials { try checkTrials(trials, option: "--trials") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func options(for scenario: Scenario, label: String) -> (SimulationOptions, ProgressBar) {
        let count = trials ?? scenario.defaultTrials
        let progress = ProgressBar(total: count, label: label)
        var report: (@Sendable (Int) -> Void)? = nil
        if progress.isActive { report = { @Sendable done in progress.update(done) } }
        return (SimulationOptions(trials: count, seed: seed ?? scenario.defaultSeed,
                                  threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, progress: report), progress)
    }

    /// Simulates `engine` with these settings, drawing a progress bar on a terminal.
    func run(_ engine: Engine, label: String) -> SimulationResult {
        let (options, progress) = self.options(for: engine.scenario, label: label)
        let result = engine.run(options)
        progress.finish()
        return result
    }
}

/// A trial count between 1 and what one run holds in memory.
func checkTrials(_ trials: Int, option: String) throws {
    guard trials >= 1, trials <= SimulationOptions.maximumTrials else {
        throw ValidationError("\(option) must be between 1 and \(SimulationOptions.maximumTrials) (what one run holds in memory), got \(trials)")
    }
}

enum ScenarioFile {
    /// The scenario at `path`, or the shipped default.
    static func load(_ path: String?) throws -> Scenario {
        try Scenario.load(path ?? ScenarioLocator.scenariosDirectory() + "/chongqing-2020.toml")
    }
}

/// Notes for the user on standard error (kept off standard output, which holds results).
func status(_ text: String) {
    if isatty(STDERR_FILENO) == 1 { printError(text) }
}
