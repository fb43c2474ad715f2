import Foundation
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// `simulate --as-of`: the claims known at the clearing date beside the ultimate ones, and
    /// the corridor on both (nil without `--as-of`).
    public static func knownClaims(_ s: SimulationSummary) -> String? {
        guard let k = s.asOf else { return nil }
        func yuanM(_ x: Double) -> String { String(format: "%.3f", x / 1e6) }
        func share(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
        var out: [String] = []
        out.append("Claims known at the clearing date \(k.date) (reported by the end of that day) beside the ultimate ones (million yuan)")
        var lines = TextTable(["line", "线别", "known", "± se", "ultimate", "known share"], rightAligned: [2, 3, 4, 5])
        for (known, ultimate) in zip(k.claimsByLine, s.claimsByLine) {
            lines.add([known.line, known.labelZH, yuanM(known.mean), yuanM(known.standardError), yuanM(ultimate.mean), share(known.knownShare)])
        }
        lines.add(["total", "合计", yuanM(k.totalClaims.mean), yuanM(k.totalClaims.standardError), yuanM(s.totalClaims.mean), share(k.knownShare)])
        out.append(lines.rendered)
        var insurers = TextTable(["insurer", "known", "ultimate", "known share"], rightAligned: [1, 2, 3])
        for (known, ultimate) in zip(k.insurers, s.insurers) {
            insurers.add([known.insurer, yuanM(known.claims.mean), yuanM(ultimate.claims.mean), share(known.knownShare)])
        }
        out.append(insurers.rendered)
        out.append("")
        out.append("The corridor settled on the known claims and on the ultimate ones")
        var corridor = TextTable(["", "on known claims", "on ultimate claims"], rightAligned: [1, 2])
        func ratio(_ stat: SimulationSummary.Stat) -> String {
            String(format: "%.4f (p5 %.4f, p95 %.4f)", stat.mean, stat.quantiles[.p5], stat.quantiles[.p95])
        }
        corridor.add(["loss ratio 赔付率", ratio(k.lossRatio), ratio(s.lossRatio)])
        for band in CorridorBand.allCases {
            corridor.add(["P(\(band.rawValue) \(band.labelZH))", share(k.bandProbabilities[band]), share(s.bandProbabilities[band])])
        }
        corridor.add(["refund to bureau 返还, mean", yuanM(k.refund.mean), yuanM(s.refund.mean)])
        corridor.add(["shared top-up 共担, mean", yuanM(k.sharedTopUp.mean), yuanM(s.sharedTopUp.mean)])
        corridor.add(["bureau net cost 净成本, mean", yuanM(k.bureauNetCost.mean), yuanM(s.bureauNetCost.mean)])
        out.append(corridor.rendered)
        return out.joined(separator: "\n")
    }
}
