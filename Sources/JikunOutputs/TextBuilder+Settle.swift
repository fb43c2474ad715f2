import Foundation
import JikunPolicy
import JikunReserving
import JikunTables

extension TextBuilder {
    /// `settle`'s statement of the term: one row per insurer, then what the corridor did.
    public static func settlement(_ settlement: Settlement, corridor: Corridor) -> String {
        var table = TextTable(["insurer", "earned premium", "claims", "loss ratio", "band", "refund", "shared top-up",
                               "bureau net cost", "insurer result"], rightAligned: [1, 2, 3, 5, 6, 7, 8])
        for row in settlement.rows + [settlement.total] {
            table.add([row.insurer, grouped(row.earnedPremium.description), grouped(row.claims.description),
                       row.lossRatioText, row.band.label, grouped(row.refund.description),
                       grouped(row.sharedTopUp.description), grouped(row.bureauNetCost.description),
                       grouped(row.insurerResult.description)])
        }
        let total = settlement.total
        var lines = ["Settlement (资金管理), allocation \(settlement.allocation.rawValue); amounts in yuan", table.rendered, ""]
        let pct = { (r: Rate) in percentText(partsPerMillion: Int128(r.partsPerMillion)) }
        let ratio = percentText(partsPerMillion: total.lossRatioMicros)
        switch total.band {
        case .band(.refund):
            lines.append("Combined loss ratio \(ratio) is below \(pct(corridor.refundBelow)): \(grouped(total.refund.description)) goes back to the bureau (返还).")
        case .band(.neutral):
            lines.append("Combined loss ratio \(ratio) is inside the corridor (\(pct(corridor.refundBelow))–\(pct(corridor.sharedFrom))): no adjustment.")
        case .band(.shared):
            lines.append("Combined loss ratio \(ratio) is between \(pct(corridor.sharedFrom)) and \(pct(corridor.sharedTo)): the bureau adds \(grouped(total.sharedTopUp.description)) (\(pct(corridor.bureauShare)) of the part above \(pct(corridor.sharedFrom))).")
        case .band(.excess):
            lines.append("Combined loss ratio \(ratio) is above \(pct(corridor.sharedTo)): the bureau adds \(grouped(total.sharedTopUp.description)); the insurers bear everything above \(pct(corridor.sharedTo)).")
        case .mixed:
            lines.append("Insurers fall in different bands under own_experience; each row is settled on its own loss ratio.")
        }
        lines.append("The bureau's net cost: \(grouped(total.bureauNetCost.description)) yuan; the insurers' combined result before expenses: \(grouped(total.insurerResult.description)) yuan.")
        return lines.joined(separator: "\n")
    }

    /// Each period's statement, then their sum per insurer.
    public static func settlement(_ settlement: PeriodSettlement, corridor: Corridor) -> String {
        var lines: [String] = []
        for (key, statement) in zip(settlement.periodKeys, settlement.periods) {
            lines.append("Period \(key), settled on its own (corridor basis per_period):")
            lines.append(Self.settlement(statement, corridor: corridor))
            lines.append("")
        }
        var table = TextTable(["insurer", "earned premium", "claims", "band", "refund", "shared top-up",
                               "bureau net cost", "insurer result"], rightAligned: [1, 2, 4, 5, 6, 7])
        for row in settlement.total.rows + [settlement.total.total] {
            table.add([row.insurer, grouped(row.earnedPremium.description), grouped(row.claims.description),
                       row.band.label, grouped(row.refund.description), grouped(row.sharedTopUp.description),
                       grouped(row.bureauNetCost.description), grouped(row.insurerResult.description)])
        }
        let total = settlement.total.total
        lines.append("The term, period by period (refunds and top-ups summed; band mixed where the periods differ):")
        lines.append(table.rendered)
        lines.append("")
        lines.append("The bureau's net cost: \(grouped(total.bureauNetCost.description)) yuan; the insurers' combined result before expenses: \(grouped(total.insurerResult.description)) yuan.")
        return lines.joined(separator: "\n")
    }

    /// `settle --develop` or `--ibnr`: each insurer's reported claims, IBNR (rounded to the fen)
    /// and their sum, the claims the corridor then settles.
    public static func ultimateClaims(reported: [SettlementInput], ibnr: [Money]) -> String {
        var table = TextTable(["insurer", "reported", "IBNR", "ultimate"], rightAligned: [1, 2, 3])
        for (input, ibnr) in zip(reported, ibnr) {
            table.add([input.insurer, grouped(input.claims.description), grouped(ibnr.description), grouped((input.claims + ibnr).description)])
        }
        return "On estimated ultimate claims (reported + IBNR, each insurer's IBNR rounded to the fen):\n" + table.rendered
    }

    /// The bootstrap replicates' settlements: band probabilities and the distribution of the
    /// refund, the shared top-up and the bureau's net cost.
    public static func bootstrapSettlement(_ b: BootstrapSettlement) -> String {
        var lines = ["Over \(b.replicates) bootstrap replicates of the claims still to come (seed \(b.seed)):"]
        var table = TextTable(["band", "probability"], rightAligned: [1])
        for band in CorridorBand.allCases.map({ SettlementRow.Band.band($0).label }) + ["mixed"] where band != "mixed" || b.bandCounts["mixed"] != nil {
            table.add([band, String(format: "%.1f%%", Double(b.bandCounts[band] ?? 0) / Double(b.replicates) * 100)])
        }
        lines.append(table.rendered)
        var dist = TextTable(["amount (yuan)", "mean", "p5", "p50", "p95"], rightAligned: [1, 2, 3, 4])
        for (name, values) in [("refund to the bureau", b.refunds), ("shared top-up", b.topUps), ("bureau net cost", b.netCosts)] {
            let sorted = values.sorted()
            let row = [values.reduce(0, +) / Double(values.count), quantile(sorted, 0.05), quantile(sorted, 0.5), quantile(sorted, 0.95)]
            dist.add([name] + row.map { grouped(Money(roundingYuan: $0).description) })
        }
        lines.append(dist.rendered)
        return lines.joined(separator: "\n")
    }
}

/// A fraction in parts per million as a percentage with up to four decimals: 850000 → "85%",
/// 1044949 → "104.4949%" (exact: no binary rounding).
func percentText(partsPerMillion micros: Int128) -> String {
    let sign = micros < 0 ? "-" : ""
    let m = micros.magnitude
    var fraction = String(m % 10_000)
    fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return sign + String(m / 10_000) + (fraction.isEmpty ? "" : "." + fraction) + "%"
}
