/// Renders a document as one self-contained HTML page: inline CSS, inline SVG, no scripts,
/// no links, no web fonts. The markup is also well-formed XML (every element closed, void
/// elements self-closed, all text escaped), so it can be checked with an XML parser.
enum HTMLRenderer {
    static func render(_ doc: ReportDocument) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="jikun"/>
        <title>\(TextEscaping.xml(doc.title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <main>
        <header>
        <h1>\(TextEscaping.xml(doc.title))</h1>

        """
        if let subtitle = doc.subtitle { out += "<p class=\"subtitle\">\(TextEscaping.xml(subtitle))</p>\n" }
        out += "</header>\n"
        var figureNumber = 0
        var tableNumber = 0
        for block in doc.blocks {
            switch block {
            case .heading(let text, let level):
                let h = min(max(level, 2), 6)
                out += "<h\(h)>\(TextEscaping.xml(text))</h\(h)>\n"
            case .paragraph(let text):
                out += "<p>\(TextEscaping.xml(text))</p>\n"
            case .note(let text):
                out += "<p class=\"note\">\(TextEscaping.xml(text))</p>\n"
            case .keyFigures(let figures):
                out += keyFigures(figures)
            case .table(let table):
                var caption: String?
                if let c = table.caption {
                    tableNumber += 1
                    caption = "Table \(tableNumber). \(c)"
                }
                out += self.table(table, caption: caption)
            case .chart(let chart):
                figureNumber += 1
                out += figure(chart, number: figureNumber)
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private static func keyFigures(_ figures: [KeyFigure]) -> String {
        var out = "<div class=\"key-figures\">\n"
        for f in figures {
            out += "<div class=\"key-figure\"><div class=\"kf-label\">\(TextEscaping.xml(f.label))</div>"
            out += "<div class=\"kf-value\">\(TextEscaping.xml(f.value))</div>"
            if let note = f.note { out += "<div class=\"kf-note\">\(TextEscaping.xml(note))</div>" }
            out += "</div>\n"
        }
        return out + "</div>\n"
    }

    static func table(_ table: ReportTable, caption: String?, className: String = "data") -> String {
        let columns = table.columnCount
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            let numeric = table.numericColumns.contains(column)
            return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(TextEscaping.xml(text))</\(tag)>"
        }
        var out = "<div class=\"table-wrap\"><table class=\"\(className)\">\n"
        if let caption { out += "<caption>\(TextEscaping.xml(caption))</caption>\n" }
        out += "<thead><tr>"
        for i in 0..<columns { out += cell("th", i < table.header.count ? table.header[i] : "", i) }
        out += "</tr></thead>\n<tbody>\n"
        for (r, row) in table.rows.enumerated() {
            out += "<tr>"
            for i in 0..<columns {
                let text = i < row.count ? row[i] : ""
                if let t = table.shading?.value(row: r, column: i) {
                    let numeric = table.numericColumns.contains(i) ? "num " : ""
                    out += "<td class=\"\(numeric)heat\" style=\"background:\(CellShading.colour(t));color:\(CellShading.textColour(t))\">\(TextEscaping.xml(text))</td>"
                } else {
                    out += cell("td", text, i)
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>"
        if let shading = table.shading { out += heatLegend(shading) }
        return out + "</div>\n"
    }

    /// Five swatches from 0 % to 100 % and what the shade shows.
    private static func heatLegend(_ shading: CellShading) -> String {
        var out = "<p class=\"heat-legend\">"
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            out += "<span class=\"swatch\" style=\"background:\(CellShading.colour(t));color:\(CellShading.textColour(t))\">\(Int(t * 100)) %</span>"
        }
        return out + " \(TextEscaping.xml(shading.legend))</p>"
    }

    private static func figure(_ chart: Chart, number: Int) -> String {
        let svg = ChartRenderer(chart: chart, idPrefix: "fig\(number)").svg()
        var out = "<figure class=\"chart\" id=\"figure-\(number)\">\n"
        out += "<div class=\"chart-title\">Figure \(number). \(TextEscaping.xml(chart.title))</div>\n"
        out += svg
        out += "<figcaption>\(TextEscaping.xml(chart.caption))</figcaption>\n"
        out += "</figure>\n"
        return out
    }

    /// Screen and print styles. No external resources: fonts fall back through families with
    /// CJK coverage that are commonly installed on Linux, macOS and Windows.
    static let stylesheet = """
    :root { color-scheme: light; }
    html { font-family: \(ChartStyle.fontFamily); color: #1d1d1d; background: #ffffff; line-height: 1.5; }
    body { margin: 0; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
    h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 0.25rem; }
    h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid #d0d0d0; }
    h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
    h4, h5, h6 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
    p { margin: 0.5rem 0; }
    .subtitle { color: #555555; margin: 0 0 1rem; }
    .note { font-size: 0.85rem; color: #555555; }
    .key-figures { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
    .key-figure { flex: 1 1 11rem; border: 1px solid #d6d6d6; border-left: 4px solid #0072B2; border-radius: 4px; padding: 0.6rem 0.8rem; }
    .kf-label { font-size: 0.85rem; color: #444444; }
    .kf-value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.3; }
    .kf-note { font-size: 0.8rem; color: #666666; }
    .table-wrap { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; font-size: 0.9rem; }
    caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
    th, td { padding: 0.3rem 0.65rem; border-bottom: 1px solid #e1e1e1; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #888888; }
    td.heat { border-bottom: 1px solid #ffffff; }
    .heat-legend { font-size: 0.8rem; color: #444444; margin: 0.3rem 0 0; }
    .heat-legend .swatch { display: inline-block; min-width: 2.6rem; padding: 0 0.3rem; text-align: center; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    figure.chart { margin: 1.5rem 0; }
    .chart-title { font-weight: 600; margin-bottom: 0.3rem; }
    figure.chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
    figcaption { font-size: 0.85rem; color: #444444; margin-top: 0.3rem; }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      html { font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      main { max-width: none; padding: 0; }
      h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
      figure.chart, .key-figures, .key-figure, tr, caption { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      .table-wrap { overflow: visible; }
    }
    """
}
