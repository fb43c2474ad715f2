/// Renders a document as Markdown (CommonMark with GitHub pipe tables). A chart becomes its
/// title, the table of its data, its caption and the axis labels.
enum MarkdownRenderer {
    static func render(_ doc: ReportDocument) -> String {
        var parts: [String] = ["# " + TextEscaping.markdown(doc.title, singleLine: true)]
        if let subtitle = doc.subtitle, !subtitle.isEmpty { parts.append(emphasis(subtitle)) }
        var figureNumber = 0
        var tableNumber = 0
        for block in doc.blocks {
            switch block {
            case .heading(let text, let level):
                parts.append(String(repeating: "#", count: min(max(level, 2), 6)) + " " + TextEscaping.markdown(text, singleLine: true))
            case .paragraph(let text):
                parts.append(TextEscaping.markdown(text))
            case .note(let text):
                let text = emphasis(text)
                if !text.isEmpty { parts.append(text) }
            case .keyFigures(let figures):
                let table = ReportTable(header: ["Figure", "Value", "Note"],
                                        rows: figures.map { [$0.label, $0.value, $0.note ?? ""] },
                                        numericColumns: [1])
                parts.append(pipeTable(table))
            case .table(let table):
                var block = pipeTable(table)
                if let caption = table.caption {
                    tableNumber += 1
                    block = "**Table \(tableNumber).** " + TextEscaping.markdown(caption, singleLine: true) + "\n\n" + block
                }
                parts.append(block)
            case .chart(let chart):
                figureNumber += 1
                parts.append(("**Figure \(figureNumber). " + TextEscaping.markdown(chart.title, singleLine: true)).trimmingSpaces() + "**")
                parts.append(pipeTable(ChartData.table(chart)))
                var caption = emphasis(chart.caption)
                let axes = [("x", chart.xAxis.label), ("y", chart.yAxis.label)].filter { !$0.1.isEmpty }
                if !axes.isEmpty {
                    let text = "(" + axes.map { "\($0.0): " + TextEscaping.markdown($0.1, singleLine: true) }.joined(separator: "; ") + ")"
                    caption += caption.isEmpty ? text : " " + text
                }
                if !caption.isEmpty { parts.append(caption) }
                if case .histogram(_, _, let bands) = chart.kind, !bands.isEmpty {
                    parts.append("Bands: " + bands.map { band in
                        TextEscaping.markdown(band.label, singleLine: true) + " " + bandRange(band, chart.xAxis.format)
                    }.joined(separator: "; ") + ".")
                }
                if !chart.referenceLines.isEmpty {
                    parts.append("Reference lines: " + chart.referenceLines.map { line in
                        let axis = line.orientation == .vertical ? chart.xAxis.format : chart.yAxis.format
                        return TextEscaping.markdown(line.label, singleLine: true) + " at " + NumberText.value(line.value, format: axis)
                    }.joined(separator: "; ") + ".")
                }
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Text in italics; empty for empty text (a bare "**" would be stray markup).
    private static func emphasis(_ text: String) -> String {
        let escaped = TextEscaping.markdown(text, singleLine: true).trimmingSpaces()
        return escaped.isEmpty ? "" : "*" + escaped + "*"
    }

    private static func bandRange(_ band: Chart.Band, _ format: Chart.TickFormat) -> String {
        switch (band.lower, band.upper) {
        case let (lo?, hi?): return "(\(NumberText.value(lo, format: format)) to \(NumberText.value(hi, format: format)))"
        case let (lo?, nil): return "(above \(NumberText.value(lo, format: format)))"
        case let (nil, hi?): return "(below \(NumberText.value(hi, format: format)))"
        case (nil, nil): return "(everywhere)"
        }
    }

    /// A GitHub pipe table: header row, separator row (`---:` for numeric columns), one row per
    /// data row, every row with the same number of cells. Cells are escaped (`|` included).
    static func pipeTable(_ table: ReportTable) -> String {
        let columns = max(table.columnCount, 1)
        func row(_ cells: [String]) -> String {
            let padded = (0..<columns).map { i -> String in
                let text = i < cells.count ? TextEscaping.markdownCell(cells[i]) : ""
                return text.isEmpty ? " " : text
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        var lines = [row(table.header)]
        lines.append("|" + (0..<columns).map { table.numericColumns.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for (r, cells) in table.rows.enumerated() {
            guard let shading = table.shading else { lines.append(row(cells)); continue }
            lines.append(row(cells.enumerated().map { i, text in
                shading.value(row: r, column: i).map { CellShading.glyph($0) + " " + text } ?? text
            }))
        }
        if let shading = table.shading { lines += ["", TextEscaping.markdown(shading.markdownLegend, singleLine: true)] }
        return lines.joined(separator: "\n")
    }
}
