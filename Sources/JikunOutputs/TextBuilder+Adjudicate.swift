import Foundation
import JikunPolicy
import JikunTables

extension TextBuilder {
    /// `adjudicate`'s standard output: what was read, then the claims by reason, line and insurer.
    public static func adjudication(_ summary: AdjudicationSummary, edition: Edition, roster: Roster, claimsFile: ClaimsFile,
                                    outPath: String, rejectsPath: String?) -> String {
        var out: [String] = []
        out.append("Edition \(edition.name): \(edition.title)")
        out.append("Roster: \(roster.rowsRead) rows → \(roster.persons.count) insured persons, \(roster.excluded.count) excluded, \(roster.rowsMerged) rows merged into a person already listed\(roster.rejected.isEmpty ? "" : ", \(roster.rejected.count) rows rejected")")
        let forRoster = claimsFile.rejectedForRosterRow == 0 ? ""
            : " (\(claimsFile.rejectedForRosterRow) of them because their person's roster row was rejected)"
        out.append("Claims: \(claimsFile.rowsRead) rows → \(claimsFile.claims.count) adjudicated\(claimsFile.rejected.isEmpty ? "" : ", \(claimsFile.rejected.count) rows rejected\(forRoster)")")
        if let rejectsPath, !(roster.rejected.isEmpty && claimsFile.rejected.isEmpty) {
            out.append("Rejected rows written to \(rejectsPath)")
        }
        out.append("Payments written to \(outPath)")
        out.append("")
        var reasons = TextTable(["reason", "claims"], rightAligned: [1])
        for reason in PaymentReason.allCases {
            if let n = summary.claimsByReason[reason] { reasons.add([reason.rawValue, String(n)]) }
        }
        out.append("Claims by reason")
        out.append(reasons.rendered)
        out.append("")
        var lines = TextTable(["line", "线别", "claims", "paid (yuan)"], rightAligned: [2, 3])
        for line in ClaimLine.allCases {
            lines.add([line.rawValue, line.labelZH, String(summary.claimsByLine[line] ?? 0),
                       grouped((summary.paidByLine[line] ?? .zero).description)])
        }
        lines.add(["total", "合计", String(claimsFile.claims.count), grouped(summary.totalPaid.description)])
        out.append("Paid by benefit line")
        out.append(lines.rendered)
        out.append("")
        var insurers = TextTable(["insurer"] + edition.periods.map(\.key) + ["total"],
                                 rightAligned: Set(1...(edition.periods.count + 1)))
        for (i, insurer) in edition.insurers.enumerated() {
            insurers.add([insurer.key] + summary.paidByInsurerAndPeriod[i].map { grouped($0.description) }
                         + [grouped(summary.paidByInsurer[i].description)])
        }
        insurers.add(["total"] + summary.paidByPeriod.map { grouped($0.description) } + [grouped(summary.totalPaid.description)])
        out.append("Paid by insurer and coverage period (yuan)")
        out.append(insurers.rendered)
        return out.joined(separator: "\n")
    }
}
