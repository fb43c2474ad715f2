import ArgumentParser
import Foundation
import JikunPolicy

extension Jikun {
    struct SampleData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample-data",
            abstract: "Write a synthetic roster.csv and claims.csv to try the other commands on.",
            discussion: """
            The files follow docs/formats.md and exercise every benefit line and most reasons (a few
            persons not insured, excluded, claims before cover or after the term). They are made
            from a seed, not from the programme's experience: use `jikun simulate` for that.

            Example:
              jikun sample-data --persons 2000 --claims 6000 --out example/
              jikun adjudicate --roster example/roster.csv --claims example/claims.csv --out example/payments.csv
            """)

        @Option(help: "Number of persons on the roster.")
        var persons: Int = 1000

        @Option(help: "Number of claims.")
        var claims: Int = 3000

        @Option(help: "Seed of the generator.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Folder to write roster.csv and claims.csv into.", valueName: "dir"))
        var out: String

        @OptionGroup var editionOptions: EditionOptions

        func validate() throws {
            guard persons >= 1, claims >= 0 else { throw ValidationError("--persons must be at least 1 and --claims at least 0") }
        }

        func run() throws {
            let edition = try editionOptions.load()
            let files = SyntheticFiles(persons: persons, claims: claims, seed: seed).make(edition: edition)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try files.roster.write(to: out + "/roster.csv")
            try files.claims.write(to: out + "/claims.csv")
            print("Wrote \(out)/roster.csv (\(persons) persons) and \(out)/claims.csv (\(claims) claims)")
        }
    }
}
