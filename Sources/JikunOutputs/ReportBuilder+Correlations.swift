import Foundation
import JikunPolicy
import JikunReports
import JikunSimulation

extension ReportBuilder {
    /// An output's name in a correlation table: a line's Chinese name with its key, an insurer's
    /// key, or the run's total in both languages.
    static func correlationLabel(_ o: SimulationSummary.Correlations.Output) -> String {
        switch o.kind {
        case .line: return (ClaimLine(rawValue: o.key).map { $0.labelZH + " " } ?? "") + o.key
        case .insurer: return "insurer " + o.key
        case .total:
            switch o.key {
            case "totalClaims": return "total claims 赔款合计"
            case "refund": return "refund 返还"
            case "sharedTopUp": return "shared top-up 共担"
            case "bureauNetCost": return "bureau net cost 净成本"
            default: return o.key
            }
        }
    }

    /// A correlation to two decimals ("0.00" rather than "-0.00"), or "—" when there is none.
    static func correlationText(_ r: Double?) -> String {
        guard let r else { return "—" }
        let text = String(format: "%.2f", r)
        return text == "-0.00" ? "0.00" : text
    }

    /// The correlation matrix as a heat map, lower triangle only (the upper repeats it): the
    /// shade is |ρ|, so strong links of either sign stand out; the sign is in the number.
    static func correlationBlocks(_ s: SimulationSummary) -> [ReportBlock] {
        let c = s.correlations
        let n = c.outputs.count
        // Columns numbered, rows named with the same number: sixteen names would not fit across.
        let rows = (0..<n).map { i in
            ["(\(i + 1)) " + correlationLabel(c.outputs[i])] + (0..<n).map { j in j <= i ? correlationText(c.matrix[i][j]) : "" }
        }
        let shades: [[Double?]] = (0..<n).map { i in [nil] + (0..<n).map { j in j < i ? c.matrix[i][j].map(abs) : nil } }
        return [
            .heading("How the outputs move together 相关性", level: 2),
            .table(ReportTable(header: [""] + (0..<n).map { "(\($0 + 1))" }, rows: rows, numericColumns: Set(1..<(n + 1)),
                               caption: "Correlations between the simulated terms' claims by line and by insurer, the total claims and the corridor's transfers (column (k) is the output of row (k)); — where an output never varies.",
                               shading: CellShading(values: shades, legend: "the size of the correlation |ρ| (its sign is in the number)"))),
        ]
    }
}
