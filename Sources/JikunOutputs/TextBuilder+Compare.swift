import Foundation
import JikunAnalysis
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// A compared output: money in million yuan, a ratio as a fraction.
    static func figure(_ value: Double, ratio: Bool) -> String {
        ratio ? String(format: "%.4f", value) : millions(value)
    }

    /// The note of a one-trial comparison, whose spread columns are left out rather than shown as 0.
    static let oneTrialColumnsNote = "One trial: a standard error needs at least two trials, so the columns that need one read n/a."

    /// `compare`'s standard output: each variant's paired differences from the base.
    public static func compare(_ c: Comparison) -> String {
        var out = ["Comparison on common random numbers: base \(c.base); \(trialCount(c.trials)), seed \(c.seed). Money in million yuan, ratios as fractions."]
        // One trial gives a difference but no spread to judge it by.
        let estimable = c.trials >= 2
        if !estimable { out.append(oneTrialColumnsNote) }
        for v in c.variants {
            out.append("")
            out.append("\(v.name) − \(c.base)")
            var table = TextTable(["output", "base", "variant", "difference", "± se (paired)", "95% CI", "± se if independent", "variance reduction"],
                                  rightAligned: Set(1..<8))
            for d in v.differences {
                let means = [d.label, figure(d.base.mean, ratio: d.isRatio), figure(d.variant.mean, ratio: d.isRatio),
                             figure(d.difference.mean, ratio: d.isRatio)]
                table.add(means + (estimable
                    ? [figure(d.difference.standardError, ratio: d.isRatio),
                       "\(figure(d.difference.lower, ratio: d.isRatio)) … \(figure(d.difference.upper, ratio: d.isRatio))",
                       figure(d.independentStandardError, ratio: d.isRatio),
                       d.varianceReduction.isFinite ? String(format: "×%.0f", d.varianceReduction) : "exact"]
                    : ["n/a", "n/a", "n/a", "n/a"]))
            }
            out.append(table.rendered)
        }
        return out.joined(separator: "\n")
    }
}
