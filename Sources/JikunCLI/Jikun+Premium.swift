import ArgumentParser
import Foundation
import JikunOutputs
import JikunPolicy
import JikunTables

extension Jikun {
    struct Premium: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Member-months and earned premium of a roster, by insurer, unit, category and period.",
            discussion: """
            Each insured person is counted once (several roster rows are one person) and charged \
            whole months from the month cover starts to the end of each coverage period, at the \
            edition's rate (10 yuan a person-month in 2020). Excluded persons are not charged. \
            The roster is taken as the term's list of insured persons: remove a person who left \
            before a later period to stop their premium there.

            Example:
              jikun premium --roster roster.csv --out premium.csv
            """)

        @Option(help: ArgumentHelp("Roster of insured persons (docs/formats.md, roster.csv).", valueName: "file"))
        var roster: String

        @Option(help: ArgumentHelp("Write the full table (period, insurer, unit, category) as CSV here.", valueName: "file"))
        var out: String?

        @OptionGroup var editionOptions: EditionOptions

        @OptionGroup var csvOptions: CSVOptions

        func run() throws {
            var outputs = OutputCheck()
            outputs.input("--roster", roster)
            outputs.input("--edition", try editionOptions.resolvedPath())
            outputs.output("--out", out)
            outputs.output("--out's provenance sidecar", out.map(ProvenanceSidecar.path(beside:)))
            try outputs.check()
            let edition = try editionOptions.load()
            let rosterFile = try Roster.read(CSVDocument(path: roster), edition: edition)
            let premium = EarnedPremium(roster: rosterFile, edition: edition)
            print(TextBuilder.premium(premium, roster: rosterFile, edition: edition))
            if let out {
                var writer = CSVWriter(header: ["period", "insurer", "unit", "category", "persons", "member_months", "earned_premium"])
                for cell in premium.cells {
                    writer.writeRow([edition.periods[cell.period].key, edition.insurers[cell.insurer].key,
                                     edition.units[cell.unit].key, edition.categories[cell.category].key,
                                     String(cell.persons), String(cell.memberMonths), cell.premium.description])
                }
                try writer.write(to: out, byteOrderMark: csvOptions.byteOrderMark)
                try InputProvenance(edition: edition, inputs: [("--roster", roster), ("--edition", editionOptions.resolvedPath())],
                                    outputs: [out]).write(to: ProvenanceSidecar.path(beside: out))
                print("Written to \(out)")
            }
        }
    }
}
