import Foundation
import JikunAnalysis
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// `sweep`'s standard output: one row per grid point.
    public static func sweep(_ s: JikunAnalysis.Sweep) -> String {
        var table = TextTable(s.axes.map(\.key) + ["loss ratio", "± se", "P(refund)", "P(shared)", "P(excess)",
                                                   "bureau cost (M)", "bureau p95 (M)", "insurers' result (M)", "P(insurers lose)"],
                              rightAligned: Set(0..<(s.axes.count + 9)))
        for row in s.rows {
            let lr = row.outputs["loss_ratio"]!
            table.add(row.values + [String(format: "%.4f", lr.mean), String(format: "%.4f", lr.standardError),
                                    percentText(row.bandProbabilities[.refund]), percentText(row.bandProbabilities[.shared]),
                                    percentText(row.bandProbabilities[.excess]), millions(row.outputs["bureau_net_cost"]!.mean),
                                    millions(row.bureauCostP95), millions(row.outputs["insurers_result"]!.mean),
                                    percentText(row.insurersProbabilityOfLoss)])
        }
        return "Sweep over \(s.axes.map(\.key).joined(separator: " × ")); \(trialCount(s.trials)) per point, seed \(s.seed)\n"
            + (s.trials < 2 ? oneTrialNote + "\n" : "") + table.rendered
    }
}
