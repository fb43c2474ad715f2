import Foundation
import JikunPolicy
import JikunReports
import JikunSimulation

extension ReportBuilder {
    /// `simulate --as-of`: what the bureau sees when it clears, beside the ultimate claims.
    static func knownClaimsBlocks(_ s: SimulationSummary) -> [ReportBlock] {
        guard let k = s.asOf else { return [] }
        func share(_ x: Double?) -> String { x.map(pct) ?? "" }
        var rows = zip(k.claimsByLine, s.claimsByLine).map { known, ultimate in
            [known.line + " " + known.labelZH, m(known.mean), m(ultimate.mean), share(known.knownShare)]
        }
        rows.append(["total 合计", m(k.totalClaims.mean), m(s.totalClaims.mean), share(k.knownShare)])
        rows += zip(k.insurers, s.insurers).map { known, ultimate in
            ["insurer " + known.insurer, m(known.claims.mean), m(ultimate.claims.mean), share(known.knownShare)]
        }
        var corridor = [["loss ratio 赔付率, mean", pct(k.lossRatio.mean), pct(s.lossRatio.mean)]]
        corridor += CorridorBand.allCases.map { band in
            ["P(\(band.rawValue) \(band.labelZH))", pct(k.bandProbabilities[band]), pct(s.bandProbabilities[band])]
        }
        corridor += [["refund to bureau 返还, mean (M)", m(k.refund.mean), m(s.refund.mean)],
                     ["shared top-up 共担, mean (M)", m(k.sharedTopUp.mean), m(s.sharedTopUp.mean)],
                     ["bureau net cost 净成本, mean (M)", m(k.bureauNetCost.mean), m(s.bureauNetCost.mean)]]
        return [
            .heading("At the clearing date \(k.date) 清算日已报告赔款", level: 2),
            .paragraph("Of the ultimate claims, \(share(k.knownShare)) on average are reported by the end of \(k.date). A bureau clearing on that date settles the corridor on these known claims; the table beside shows it on the ultimate ones."),
            .table(ReportTable(header: ["", "known (M yuan)", "ultimate (M yuan)", "known share"], rows: rows,
                               numericColumns: [1, 2, 3], caption: "Claims known at \(k.date), by line and insurer")),
            .table(ReportTable(header: ["", "on known claims", "on ultimate claims"], rows: corridor,
                               numericColumns: [1, 2], caption: "The corridor on known and on ultimate claims")),
        ]
    }
}
