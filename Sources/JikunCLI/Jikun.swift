import ArgumentParser
import Foundation
import JikunBuildInfo

/// The `jikun` command tree.
public struct Jikun: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jikun",
        abstract: "Rules, Monte Carlo and pricing for Chongqing's 民政惠民济困保 relief-population insurance.",
        discussion: """
        Money is computed exactly in fen under the rules of a policy edition (default: the 2020 \
        edition, scenarios/edition-2020.toml, from notice 渝民〔2020〕238号); the Monte Carlo \
        engine pays every simulated claimant by the same rules.

        The bureau:     jikun budget --confidence 0.9,0.95,0.99
        An insurer:     jikun price --insurer picc --target-margin 0.03
        A researcher:   jikun compare BASE.toml VARIANT.toml
        One run:        jikun simulate --check
        Claims:         jikun adjudicate --roster R.csv --claims C.csv --out P.csv
                        jikun settle --roster R.csv --payments P.csv
                        jikun benefit critical-illness 20000
        Experience:     jikun calibrate --roster R.csv --claims C.csv --base S.toml
                        --as-of DATE --out F.toml
        """,
        version: BuildInfo.versionLine,
        subcommands: [Simulate.self, Merge.self, Budget.self, Price.self, Compare.self, Sweep.self, Sensitivity.self, Adjudicate.self, Settle.self, Develop.self, Premium.self, PopulationCommand.self, Benefit.self, SampleData.self, Notebook.self, Calibrate.self]
    )

    public init() {}

    /// As ArgumentParser's `main`, except that a usage error found while a subcommand runs
    /// (an unknown period or insurer) shows that subcommand's usage, not the root's.
    public static func main() { main(nil) }

    public static func main(_ arguments: [String]?) {
        var command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { exit(withError: error) }
        do {
            try command.run()
        } catch let error as ValidationError {
            let usage = usageString(for: type(of: command))
            let name = usage.split(separator: " ").prefix { !"-[<".contains($0.first!) }.joined(separator: " ")
            printError("Error: \(error.message)\nUsage: \(usage)\n  See '\(name) --help' for more information.")
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
        // A full disk or a closed pipe on standard output must not pass for success.
        if fflush(nil) != 0 {  // (every open stream; standard output is the one that holds data)
            printError("Error: cannot write standard output: \(String(cString: strerror(errno)))")
            exit(withError: ExitCode(74))  // EX_IOERR
        }
    }
}
