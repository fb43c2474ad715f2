import ArgumentParser
import Foundation
import JikunCalibration
import JikunPolicy
import JikunSimulation

extension Jikun {
    struct SampleData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample-data",
            abstract: "Write a synthetic roster.csv, claims.csv and insurers.csv to try the other commands on.",
            discussion: """
            The files follow docs/formats.md and exercise every benefit line and most reasons (a few \
            persons not insured, excluded, claims before cover or after the term). They are made \
            from a seed, not from the programme's experience: use `jikun simulate` for that.

            --reporting-delay D adds a reported_date column: each day from the event on, a claim not \
            yet reported is reported with probability 1/(D + 1) (a geometric delay with mean D days); \
            with --as-of, claims reported after that date are left out, as they are not yet known.

            Example:
              jikun sample-data --persons 2000 --claims 6000 --out example/
              jikun adjudicate --roster example/roster.csv --claims example/claims.csv --out example/payments.csv
              jikun sample-data --reporting-delay 60 --as-of 2021-09-30 --out example/

            With --scenario FILE the roster and claims are drawn from that scenario's own model \
            instead (its population scaled to --persons, its rates and severities; --claims is \
            ignored), for checking `jikun calibrate`:
              jikun sample-data --scenario scenarios/chongqing-2020.toml --persons 20000 --out example/
            """)

        @Option(parsing: .unconditional, help: "Number of persons on the roster.")
        var persons: Int = 1000

        @Option(parsing: .unconditional, help: "Number of claims.")
        var claims: Int = 3000

        @Option(parsing: .unconditional, help: "Seed of the generator.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Folder to write roster.csv, claims.csv and insurers.csv into.", valueName: "dir"))
        var out: String

        @Option(name: .customLong("reporting-delay"), help: ArgumentHelp("Add reported_date: a geometric delay with this mean in days.", valueName: "days"))
        var reportingDelay: Int?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("With --reporting-delay: leave out claims reported after this date.", valueName: "date"))
        var asOf: String?

        @OptionGroup var editionOptions: EditionOptions

        @OptionGroup var csvOptions: CSVOptions

        @Option(help: ArgumentHelp("Draw the files from this scenario's model (population, rates, severities) instead.", valueName: "file"))
        var scenario: String?

        func validate() throws {
            guard persons >= 1, claims >= 0 else { throw ValidationError("--persons must be at least 1 and --claims at least 0") }
            // Files this size are for trying the commands, not for volume tests of memory.
            guard persons <= 10_000_000 else { throw ValidationError("--persons must be at most 10000000, got \(persons)") }
            guard claims <= 10_000_000 else { throw ValidationError("--claims must be at most 10000000, got \(claims)") }
            // Up to ten years: later reports would leave the dates a claims file can hold.
            if let reportingDelay, !(0...3650).contains(reportingDelay) {
                throw ValidationError("--reporting-delay must be from 0 to 3650 days (a mean of ten years), got \(reportingDelay)")
            }
            if let asOf {
                guard reportingDelay != nil else { throw ValidationError("--as-of needs --reporting-delay") }
                guard CivilDate(parsing: asOf) != nil else { throw ValidationError("--as-of expects a date YYYY-MM-DD, got \"\(asOf)\"") }
            }
        }

        func run() throws {
            // `--out example/` and `--out example` name the same files.
            let out = out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
            var outputs = OutputCheck()
            outputs.input("--edition", scenario == nil ? try editionOptions.resolvedPath() : editionOptions.edition)
            if let scenario { outputs.input("--scenario", scenario) }
            outputs.outputFolder("--out", out, files: ["roster.csv", "claims.csv", "insurers.csv", "provenance.json"])
            try outputs.check()
            if let scenario {
                let model = try Scenario.load(scenario)
                let files = try ScenarioSample(scenario: model, persons: persons, seed: seed).make()
                try files.roster.write(to: out + "/roster.csv", byteOrderMark: csvOptions.byteOrderMark)
                try files.claims.write(to: out + "/claims.csv", byteOrderMark: csvOptions.byteOrderMark)
                try SyntheticFiles.settlementInput(edition: model.edition, roster: files.roster, claims: files.claims)
                    .write(to: out + "/insurers.csv", byteOrderMark: csvOptions.byteOrderMark)
                try writeProvenance(edition: model.edition, inputs: [("--scenario", scenario)], out: out)
                print("Wrote \(out)/roster.csv (\(files.personCount) persons), \(out)/claims.csv (\(files.claimCount) claims) and \(out)/insurers.csv, drawn from \(model.name)")
                return
            }
            let edition = try editionOptions.load()
            let files = SyntheticFiles(persons: persons, claims: claims, seed: seed, reportingDelayMeanDays: reportingDelay,
                                       asOf: asOf.flatMap { CivilDate(parsing: $0) }).make(edition: edition)
            try files.roster.write(to: out + "/roster.csv", byteOrderMark: csvOptions.byteOrderMark)
            try files.claims.write(to: out + "/claims.csv", byteOrderMark: csvOptions.byteOrderMark)
            try SyntheticFiles.settlementInput(edition: edition, roster: files.roster, claims: files.claims)
                .write(to: out + "/insurers.csv", byteOrderMark: csvOptions.byteOrderMark)
            try writeProvenance(edition: edition, inputs: [("--edition", editionOptions.resolvedPath())], out: out)
            // With --as-of, claims reported later are left out: count the rows written.
            let written = files.claims.text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
            print("Wrote \(out)/roster.csv (\(persons) persons), \(out)/claims.csv (\(written) claims) and \(out)/insurers.csv (\(edition.insurers.count) insurers)")
        }

        /// `provenance.json` beside the files: the build, the inputs' hashes, the seed, the command.
        private func writeProvenance(edition: Edition, inputs: [(option: String, path: String?)], out: String) throws {
            try InputProvenance(edition: edition, inputs: inputs, outputs: ["roster.csv", "claims.csv", "insurers.csv"].map { out + "/" + $0 },
                                seed: seed).write(to: out + "/provenance.json")
        }
    }
}
