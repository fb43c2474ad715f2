import Testing
@testable import JikunReports

@Suite("Markdown report")
struct MarkdownReportTests {
    let markdown = render(SampleReport.document, as: .markdown)

    /// The pipe tables of a Markdown text: runs of lines starting with "|".
    static func tables(_ text: String) -> [[String]] {
        var tables: [[String]] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") { current.append(line) } else if !current.isEmpty { tables.append(current); current = [] }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// Cells of a row, splitting at "|" not preceded by a backslash.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for ch in row {
            if ch == "|" && !escaped { cells.append(cell); cell = "" } else { cell.append(ch) }
            escaped = ch == "\\" && !escaped
        }
        cells.append(cell)
        return Array(cells.dropFirst().dropLast())
    }

    @Test func tablesAreValidPipeTables() {
        let tables = Self.tables(markdown)
        // key figures, one table, seven charts
        #expect(tables.count == 9)
        for table in tables {
            #expect(table.count >= 2)
            let width = Self.cells(table[0]).count
            #expect(width >= 2)
            let separator = Self.cells(table[1])
            #expect(separator.count == width)
            #expect(separator.allSatisfy { $0 == " --- " || $0 == " ---: " }, "\(table[1])")
            for row in table { #expect(row.hasSuffix("|") && Self.cells(row).count == width, "\(row)") }
        }
    }

    @Test func numericColumnsAreRightAligned() {
        let t = MarkdownRenderer.pipeTable(ReportTable(header: ["a", "b"], rows: [["x", "1"]], numericColumns: [1]))
        #expect(t == "| a | b |\n| --- | ---: |\n| x | 1 |")
        let ragged = MarkdownRenderer.pipeTable(ReportTable(header: ["a"], rows: [["x", "y|z"], []]))
        #expect(ragged == "| a |   |\n| --- | --- |\n| x | y\\|z |\n|   |   |")
    }

    @Test func chartBecomesTitleDataTableAndCaption() {
        let chart = SampleReport.intervals
        let doc = ReportDocument(title: "T", blocks: [.chart(chart)])
        let text = render(doc, as: .markdown)
        #expect(text.contains("**Figure 1. Change in bureau cost vs base 与基准相比**"))
        #expect(text.contains("| Item | Estimate | Lower | Upper |"))
        #expect(text.contains("| Premium 130 保费130 | -6.1 | -7 | -5.2 |"))
        #expect(text.contains("*Differences from the base scenario with 95% confidence intervals (common random numbers).*"))
        #expect(text.contains("x: Difference in net cost (million yuan 百万元)"))
        #expect(!text.contains("<svg"))
    }

    @Test func histogramTableCountsEveryValue() {
        let tables = Self.tables(render(ReportDocument(title: "T", blocks: [.chart(SampleReport.histogram)]), as: .markdown))
        let rows = tables[0].dropFirst(2).map(Self.cells)
        #expect(rows.count == 40)
        let total = rows.map { Int($0[2].trimmingCharacters(in: .whitespaces)) ?? -1 }.reduce(0, +)
        #expect(total == SampleReport.lossRatios().count)
        #expect(markdown.contains("Bands: Refund 返还 (below 85%); No adjustment 不调整 (85% to 90%); Shared 共担 (90% to 100%); Excess 超额 (above 100%)."))
    }

    @Test func textIsEscapedAndHeadingsNest() {
        #expect(markdown.hasPrefix("# Budget 2021 预算 — 民政惠民济困保\n\n*Scenario chongqing-2020 · 4,000 trials · seed 2020*"))
        #expect(markdown.contains("\n## Corridor 风险调节\n"))
        #expect(markdown.contains("R\\&D \\<notes> & \"quotes\" 'single' are escaped."))
        #expect(markdown.contains("| Ping An \\| 平安 |"))
        #expect(markdown.contains("**Table 1.** Premium and claims by insurer"))
    }
}

import Foundation

@Suite("Markdown edge cases")
struct MarkdownEdgeCaseTests {
    @Test func emptyTextLeavesNoStrayMarkup() {
        let chart = Chart(title: "Bare", caption: "", xAxis: .init(""), yAxis: .init(""),
                          kind: .bars([Chart.BarGroup("a", values: [1], series: ["s"])]))
        let text = render(ReportDocument(title: "T", subtitle: "", blocks: [.note(" "), .chart(chart), .note("")]), as: .markdown)
        #expect(text == "# T\n\n**Figure 1. Bare**\n\n| Category | s |\n| --- | ---: |\n| a | 1 |\n")
    }
}
