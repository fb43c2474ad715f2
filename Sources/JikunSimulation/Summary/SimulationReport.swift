import Foundation
import JikunPolicy
import JikunTables

/// The files of a run: its JSON summary and the per-trial CSV.
public enum SimulationReport {
    public static func json(_ summary: SimulationSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    /// `trials.csv`: one row per trial — claims per line and period, premium, loss ratio, band,
    /// refund, shared top-up, bureau cost, and each insurer's claims and result.
    public static func trialsCSV(_ r: SimulationResult) -> CSVWriter {
        var header = ["trial"]
        for line in r.lines { for period in r.periodKeys { header.append("claims_\(line.rawValue)_\(period)") } }
        header += ["claims_total", "premium", "loss_ratio", "band", "refund", "shared_topup", "bureau_net_cost"]
        for key in r.insurerKeys { header += ["claims_\(key)", "result_\(key)"] }
        var writer = CSVWriter(header: header)
        let lp = r.lines.count * r.periodKeys.count, n = r.insurerKeys.count
        func money(_ x: Double) -> String { String(format: "%.2f", x) }
        for t in 0..<r.trials {
            var row = [String(r.firstTrial + t)]
            for j in 0..<lp { row.append(money(r.linePeriodClaims[t * lp + j])) }
            row += [money(r.totalClaims[t]), money(r.totalPremium), String(format: "%.6f", r.lossRatio[t]),
                    r.band[t].label,
                    money(r.refund[t]), money(r.sharedTopUp[t]), money(r.bureauCost[t])]
            for i in 0..<n { row += [money(r.insurerClaims[t * n + i]), money(r.insurerResult[t * n + i])] }
            writer.writeRow(row)
        }
        return writer
    }
}

extension SimulationReport {
    /// Where the time went: per claimant, per cell, and by phase (thread time, so it does
    /// not depend on the number of threads). Not part of the results: timings vary run to run.
    public static func timings(_ r: SimulationResult, wall: Duration) -> String {
        let claimants = Double(r.claimantsSampled), events = Double(r.cellEvents)
        let sampling = r.samplingTime.seconds, aggregation = r.aggregationTime.seconds, settlement = r.settlementTime.seconds
        let busy = sampling + aggregation + settlement
        let trials = Double(max(r.trials, 1))
        return String(format: "%d trials in %.2f s wall (%.0f trials/s); thread time %.2f s: sampling %.0f%%, aggregation (scatter) %.0f%%, settlement %.0f%%; %@ claimants and %@ unit-stream draws sampled, %.0f ns per claimant, %.0f ns per cell (%@ cells), %.0f ns per trial",
                      r.trials, wall.seconds, Double(r.trials) / max(wall.seconds, 1e-9), busy,
                      busy > 0 ? sampling / busy * 100 : 0, busy > 0 ? aggregation / busy * 100 : 0, busy > 0 ? settlement / busy * 100 : 0,
                      grouped(claimants), grouped(events), claimants > 0 ? sampling * 1e9 / claimants : 0,
                      r.cells > 0 ? busy * 1e9 / (trials * Double(r.cells)) : 0, grouped(Double(r.cells)),
                      busy * 1e9 / trials)
    }
}
