import Foundation

/// A chart's data as text: the table that stands for the chart in Markdown, and the one-line
/// summary that goes into the SVG's `<desc>` after the caption.
enum ChartData {
    /// The chart's data as a table (numbers in the axes' formats, ASCII minus signs).
    static func table(_ chart: Chart) -> ReportTable {
        let xf = chart.xAxis.format, yf = chart.yAxis.format
        func v(_ x: Double, _ f: Chart.TickFormat) -> String { NumberText.value(x, format: f) }
        func name(_ label: String, _ fallback: String) -> String { label.isEmpty ? fallback : label }
        switch chart.kind {
        case .histogram(let values, let bins, _):
            let h = HistogramBins(values: values, bins: bins, range: chart.xAxis.range)
            let n = Double(max(h.total, 1))
            var rows: [[String]] = []
            for i in h.counts.indices {
                rows.append([edge(h.edge(i), width: h.width, xf), edge(h.edge(i + 1), width: h.width, xf),
                             String(h.counts[i]), NumberText.value(Double(h.counts[i]) / n, format: .percent)])
            }
            if h.below > 0 { rows.append(["below", edge(h.lower, width: h.width, xf), String(h.below), NumberText.value(Double(h.below) / n, format: .percent)]) }
            if h.above > 0 { rows.append([edge(h.upper, width: h.width, xf), "above", String(h.above), NumberText.value(Double(h.above) / n, format: .percent)]) }
            if h.nonFinite > 0 { rows.append(["not finite", "", String(h.nonFinite), NumberText.value(Double(h.nonFinite) / n, format: .percent)]) }
            let label = name(chart.xAxis.label, "Value")
            return ReportTable(header: ["\(label): from", "to", "Count", "Share"], rows: rows, numericColumns: [0, 1, 2, 3])
        case .lines(let series):
            let sharedX = series.first.map { first in series.allSatisfy { $0.x == first.x } } ?? true
            if sharedX, let first = series.first {
                var header = [name(chart.xAxis.label, "x")]
                for s in series {
                    header.append(series.count == 1 ? name(chart.yAxis.label, s.name) : s.name)
                    if s.lower != nil && s.upper != nil { header += ["\(s.name): lower", "\(s.name): upper"] }
                }
                let rows = first.x.indices.map { i -> [String] in
                    var row = [v(first.x[i], xf)]
                    for s in series {
                        row.append(i < s.y.count ? v(s.y[i], yf) : "")
                        if let lower = s.lower, let upper = s.upper {
                            row += [i < lower.count ? v(lower[i], yf) : "", i < upper.count ? v(upper[i], yf) : ""]
                        }
                    }
                    return row
                }
                return ReportTable(header: header, rows: rows, numericColumns: Set(1..<header.count).union([0]))
            }
            let hasBands = series.contains { $0.lower != nil && $0.upper != nil }
            var header = ["Series", name(chart.xAxis.label, "x"), name(chart.yAxis.label, "y")]
            if hasBands { header += ["lower", "upper"] }
            var rows: [[String]] = []
            for s in series {
                for i in 0..<min(s.x.count, s.y.count) {
                    var row = [s.name, v(s.x[i], xf), v(s.y[i], yf)]
                    if hasBands {
                        row += [s.lower.flatMap { i < $0.count ? v($0[i], yf) : nil } ?? "",
                                s.upper.flatMap { i < $0.count ? v($0[i], yf) : nil } ?? ""]
                    }
                    rows.append(row)
                }
            }
            return ReportTable(header: header, rows: rows, numericColumns: Set(1..<header.count))
        case .bars(let groups):
            var names: [String] = []
            for bar in groups.flatMap(\.bars) where !names.contains(bar.series) { names.append(bar.series) }
            let header = [name(chart.xAxis.label, "Category")] + (names.count == 1 ? [name(chart.yAxis.label, names[0])] : names)
            let rows = groups.map { group -> [String] in
                [group.label] + names.map { n in
                    guard let bar = group.bars.first(where: { $0.series == n }) else { return "" }
                    return bar.error.map { "\(v(bar.value, yf)) ± \(v(abs($0), yf))" } ?? v(bar.value, yf)
                }
            }
            return ReportTable(header: header, rows: rows, numericColumns: Set(1..<header.count))
        case .tornado(let bars):
            let sorted = ChartRenderer(chart: chart, idPrefix: "").sortedTornado(bars)
            func withNote(_ x: Double, _ note: String?) -> String { note.map { "\(v(x, xf)) (\($0))" } ?? v(x, xf) }
            let rows = sorted.map { b in
                [b.label, withNote(b.low, b.lowNote), withNote(b.high, b.highNote), v(b.base, xf), v(b.swing, xf)]
            }
            return ReportTable(header: [name(chart.yAxis.label, "Parameter"), "Low", "High", "Base", "Swing"],
                               rows: rows, numericColumns: [1, 2, 3, 4])
        case .boxes(let boxes):
            let rows = boxes.map { b in [b.label] + [b.p5, b.p25, b.p50, b.p75, b.p95, b.mean].map { v($0, yf) } }
            return ReportTable(header: [name(chart.xAxis.label, "Category"), "P5", "P25", "Median", "P75", "P95", "Mean"],
                               rows: rows, numericColumns: Set(1...6))
        case .intervals(let rows):
            let body = rows.map { r in [r.label, v(r.estimate, xf), v(r.lower, xf), v(r.upper, xf)] }
            return ReportTable(header: [name(chart.yAxis.label, "Item"), "Estimate", "Lower", "Upper"],
                               rows: body, numericColumns: [1, 2, 3])
        }
    }

    /// A bin edge with enough decimals to tell neighbouring edges apart.
    private static func edge(_ x: Double, width: Double, _ format: Chart.TickFormat) -> String {
        let shifted = x * NumberText.power10Signed(NumberText.displayShift(format))
        let w = width * NumberText.power10Signed(NumberText.displayShift(format))
        let decimals = w > 0 && w.isFinite ? max(0, 2 - Int(log10(w).rounded(.down))) : 2
        let text = NumberText.fixed(shifted, decimals: min(decimals, 10))
        return format == .percent ? text + "%" : text
    }

    /// One sentence describing the data (for screen readers and the SVG `<desc>`).
    static func summary(_ chart: Chart) -> String {
        let xf = chart.xAxis.format
        func v(_ x: Double, _ f: Chart.TickFormat) -> String { NumberText.value(x, format: f) }
        switch chart.kind {
        case .histogram(let values, let bins, let bands):
            let h = HistogramBins(values: values, bins: bins, range: chart.xAxis.range)
            var s = "Histogram of \(values.count) values in \(h.counts.count) bins from \(v(h.lower, xf)) to \(v(h.upper, xf))."
            let outside = h.below + h.above + h.nonFinite
            if outside > 0 { s += " \(outside) values lie outside the range and are not drawn." }
            if !bands.isEmpty { s += " Shaded bands: " + bands.map(\.label).joined(separator: "; ") + "." }
            return s
        case .lines(let series):
            return "Line chart of \(series.count) series: " + series.map { "\($0.name) (\(min($0.x.count, $0.y.count)) points)" }.joined(separator: "; ") + "."
        case .bars(let groups):
            let names = Set(groups.flatMap { $0.bars.map(\.series) })
            return "Bar chart of \(groups.count) categories and \(names.count) series."
        case .tornado(let bars):
            let sorted = ChartRenderer(chart: chart, idPrefix: "").sortedTornado(bars)
            var s = "Tornado chart of \(bars.count) parameters sorted by swing"
            if let top = sorted.first { s += "; the largest is \(top.label) (\(v(top.low, xf)) to \(v(top.high, xf)) around \(v(top.base, xf)))" }
            return s + "."
        case .boxes(let boxes):
            return "Box plots of \(boxes.count) distributions: whiskers 5th–95th percentile, box 25th–75th, line median, diamond mean."
        case .intervals(let rows):
            let excluding = rows.filter { min($0.lower, $0.upper) > 0 || max($0.lower, $0.upper) < 0 }.count
            return "\(rows.count) estimates with intervals; \(excluding) exclude 0."
        }
    }
}
