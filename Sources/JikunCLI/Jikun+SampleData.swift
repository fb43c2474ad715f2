import ArgumentParser
import Foundation
import JikunPolicy

extension Jikun {
    struct SampleData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample-data",
            abstract: "Write a synthetic roster.csv and claims.csv to try the other commands on.",
            discussion: """
            The files follow FORMATS.md and exercise every benefit line and most reasons (a few
            persons not insured, excluded, claims before cover or after the term). They are made
            from a seed, not from the programme's experience: use `jikun simulate` for that.

            --reporting-delay D adds a reported_date column: each day from the event on, a claim not
            yet reported is reported with probability 1/(D + 1) (a geometric delay with mean D days);
            with --as-of, claims reported after that date are left out, as they are not yet known.

            Example:
              jikun sample-data --persons 2000 --claims 6000 --out example/
              jikun adjudicate --roster example/roster.csv --claims example/claims.csv --out example/payments.csv
              jikun sample-data --reporting-delay 60 --as-of 2021-09-30 --out example/
            """)

        @Option(help: "Number of persons on the roster.")
        var persons: Int = 1000

        @Option(help: "Number of claims.")
        var claims: Int = 3000

        @Option(help: "Seed of the generator.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Folder to write roster.csv and claims.csv into.", valueName: "dir"))
        var out: String

        @Option(name: .customLong("reporting-delay"), help: ArgumentHelp("Add reported_date: a geometric delay with this mean in days.", valueName: "days"))
        var reportingDelay: Int?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("With --reporting-delay: leave out claims reported after this date.", valueName: "date"))
        var asOf: String?

        @OptionGroup var editionOptions: EditionOptions

        func validate() throws {
            guard persons >= 1, claims >= 0 else { throw ValidationError("--persons must be at least 1 and --claims at least 0") }
            if let reportingDelay, reportingDelay < 0 { throw ValidationError("--reporting-delay must be ≥ 0 days, got \(reportingDelay)") }
            if let asOf {
                guard reportingDelay != nil else { throw ValidationError("--as-of needs --reporting-delay") }
                guard CivilDate(parsing: asOf) != nil else { throw ValidationError("--as-of expects a date YYYY-MM-DD, got \"\(asOf)\"") }
            }
        }

        func run() throws {
            let edition = try editionOptions.load()
            let files = SyntheticFiles(persons: persons, claims: claims, seed: seed, reportingDelayMeanDays: reportingDelay,
                                       asOf: asOf.flatMap { CivilDate(parsing: $0) }).make(edition: edition)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try files.roster.write(to: out + "/roster.csv")
            try files.claims.write(to: out + "/claims.csv")
            let written = files.claims.text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
            print("Wrote \(out)/roster.csv (\(persons) persons) and \(out)/claims.csv (\(written) claims)")
        }
    }
}
