import ArgumentParser
import Foundation
import JikunPolicy

/// `--edition FILE`, shared by every command that applies the rules.
struct EditionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Policy edition file (TOML). A what-if edition may `extends` another.",
        valueName: "file"))
    var edition: String?

    func load() throws -> Edition {
        try Edition.load(edition ?? ScenarioLocator.defaultEditionPath())
    }
}

/// Finds the shipped `scenarios/` folder: `$JIKUN_SCENARIOS`, then `./scenarios`, then the
/// nearest `scenarios/` above the executable (a checkout runs its own build).
enum ScenarioLocator {
    static let defaultEditionFile = "edition-2020.toml"

    static func scenariosDirectory() throws -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["JIKUN_SCENARIOS"], !env.isEmpty { return env }
        if fm.fileExists(atPath: "scenarios/\(defaultEditionFile)") { return "scenarios" }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("scenarios")
            if fm.fileExists(atPath: candidate.appendingPathComponent(defaultEditionFile).path) { return candidate.path }
            url.deleteLastPathComponent()
        }
        throw PolicyInputError.usage(
            "cannot find the shipped scenarios/ folder: run from the jikun checkout, set JIKUN_SCENARIOS, or pass --edition FILE")
    }

    static func defaultEditionPath() throws -> String {
        try scenariosDirectory() + "/" + defaultEditionFile
    }
}

/// Writes to standard error (progress, notes), keeping standard output for results.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
