import ArgumentParser
import Foundation
import JikunOutputs
import JikunPolicy
import JikunTables

extension Jikun {
    struct Adjudicate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Adjudicate a claims file against a roster, exactly, to the fen.",
            discussion: """
            Each claim is checked in the order of docs/formats.md (not_insured, excluded, before_cover, \
            after_period, duplicate_death, after_death, then the line's own checks) and paid under \
            the edition's amounts, tiers and caps. A person's claims are taken in event_date order. \
            payments.csv has one row per claim, in the claims file's order; a summary follows on \
            standard output (claims by reason, paid by line, insurer and period).

            A malformed row stops the run with file, row, column and reason; with --rejects FILE \
            such rows go to FILE with their reason and the rest is processed.

            Example:
              jikun adjudicate --roster roster.csv --claims claims.csv --out payments.csv
            """)

        @Option(help: ArgumentHelp("Roster of insured persons (docs/formats.md, roster.csv).", valueName: "file"))
        var roster: String

        @Option(help: ArgumentHelp("Claims to adjudicate (docs/formats.md, claims.csv).", valueName: "file"))
        var claims: String

        @Option(help: ArgumentHelp("Where to write payments.csv.", valueName: "file"))
        var out: String

        @Option(help: ArgumentHelp("Set malformed roster and claim rows aside in this CSV instead of stopping.", valueName: "file"))
        var rejects: String?

        @OptionGroup var editionOptions: EditionOptions

        @OptionGroup var csvOptions: CSVOptions

        func run() throws {
            var outputs = OutputCheck()
            outputs.input("--roster", roster)
            outputs.input("--claims", claims)
            outputs.input("--edition", try editionOptions.resolvedPath())
            outputs.output("--out", out)
            outputs.output("--rejects", rejects)
            outputs.output("--out's provenance sidecar", ProvenanceSidecar.path(beside: out))
            try outputs.check()
            let edition = try editionOptions.load()
            let collect = rejects != nil
            let rosterFile = try Roster.read(CSVDocument(path: roster), edition: edition, collectingRejects: collect)
            let claimsFile = try ClaimsFile.read(CSVDocument(path: claims), edition: edition, collectingRejects: collect,
                                                 rejectedRoster: (roster, rosterFile.personsOnlyInRejectedRows))
            let adjudicator = Adjudicator(edition: edition)
            let payments = adjudicator.adjudicate(claimsFile.claims, roster: rosterFile)
            let summary = try AdjudicationSummary(claims: claimsFile.claims, payments: payments, edition: edition)
            try adjudicator.paymentsCSV(claims: claimsFile.claims, payments: payments).write(to: out, byteOrderMark: csvOptions.byteOrderMark)
            if let rejects {
                try RejectsFile.write(to: rejects, [(roster, rosterFile.rejected), (claims, claimsFile.rejected)], byteOrderMark: csvOptions.byteOrderMark)
            }
            try InputProvenance(edition: edition, inputs: [("--roster", roster), ("--claims", claims), ("--edition", editionOptions.resolvedPath())],
                                outputs: [out] + (rejects.map { [$0] } ?? [])).write(to: ProvenanceSidecar.path(beside: out))
            print(TextBuilder.adjudication(summary, edition: edition, roster: rosterFile, claimsFile: claimsFile,
                                           outPath: out, rejectsPath: rejects))
        }
    }
}

/// The `--rejects` file: `file,row,column,reason,record` with the rejected row as CSV text.
enum RejectsFile {
    static func write(to path: String, _ groups: [(file: String, rows: [RejectedRow])], byteOrderMark: Bool = false) throws {
        var writer = CSVWriter(header: ["file", "row", "column", "reason", "record"])
        for (file, rows) in groups {
            for row in rows {
                guard case .csv(_, let number, let column, let message) = row.error else { continue }
                writer.writeRow([file, String(number), column ?? "", message, CSVWriter.line(row.fields)])
            }
        }
        try writer.write(to: path, byteOrderMark: byteOrderMark)
    }
}
