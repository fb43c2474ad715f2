import Foundation
import JikunAnalysis
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// `sensitivity`'s standard output: the tornadoes and the regression coefficients.
    public static func sensitivity(_ s: JikunAnalysis.Sensitivity) -> String {
        var out = [String(format: "Sensitivity: each parameter ±%.0f%%; tornado on %d trials per run; global design %d samples × %d trials", s.delta * 100, s.trials, s.samples, s.trialsPerSample)]
        for t in s.tornadoes {
            out.append("")
            let ratio = t.output == "loss_ratio"
            func f(_ x: Double) -> String { ratio ? String(format: "%.4f", x) : millions(x) }
            out.append("Tornado — \(t.output) (base \(f(t.base))\(ratio ? "" : " million yuan"))")
            var table = TextTable(["parameter", "−δ", "+δ", "swing"], rightAligned: [1, 2, 3])
            for b in t.bars { table.add([b.parameter, f(b.low), f(b.high), f(b.swing)]) }
            out.append(table.rendered)
        }
        for r in s.regressions {
            out.append("")
            out.append(String(format: "Standardised regression coefficients — %@ (R² = %.2f)", r.output, r.rSquared))
            var table = TextTable(["parameter", "SRC"], rightAligned: [1])
            for c in r.coefficients { table.add([c.parameter, String(format: "%+.3f", c.standardised)]) }
            out.append(table.rendered)
        }
        return out.joined(separator: "\n")
    }
}
