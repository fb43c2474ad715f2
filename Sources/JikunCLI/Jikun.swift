import ArgumentParser
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
        """,
        version: BuildInfo.versionLine,
        subcommands: [Simulate.self, Merge.self, Budget.self, Price.self, Compare.self, Sweep.self, Sensitivity.self, Adjudicate.self, Settle.self, Premium.self, Benefit.self, SampleData.self, Notebook.self]
    )

    public init() {}
}
