import Foundation
import Testing
@testable import JikunReports

/// The heat map of a table: colours, HTML cells and legend, Markdown glyphs.
@Suite struct CellShadingTests {
    static let table = ReportTable(header: ["origin", "dev 0", "dev 1"], rows: [["2021-01", "100", "350"], ["2021-02", "400"]],
                                   numericColumns: [1, 2],
                                   shading: CellShading(values: [[nil, 100.0 / 350, 1], [nil, 0.6]], legend: "share of ultimate"))

    /// The ends and the middle of the scale are ColorBrewer Blues' first, last and fifth class.
    @Test(arguments: [(0.0, "#f7fbff"), (1.0, "#08306b"), (0.5, "#6baed6"), (-3.0, "#f7fbff"), (7.0, "#08306b"),
                      (1.0 / 16, "#ebf3fb")])  // halfway from (247,251,255) to (222,235,247): 234.5→235, 243, 251
    func colours(value: Double, hex: String) {
        #expect(CellShading.colour(value) == hex)
    }

    @Test func htmlShadesEachValueCellAndAddsALegend() {
        let doc = ReportDocument(title: "t", blocks: [.table(Self.table)])
        let html = render(doc, as: .html)
        #expect(XMLCheck.parse(html).error == nil)
        let cells = XMLCheck.parse(html).elements(named: "td", class: "heat")
        #expect(cells.map { $0.attributes["style"] } == [
            "background:\(CellShading.colour(100.0 / 350));color:#1d1d1d", "background:#08306b;color:#ffffff",
            "background:\(CellShading.colour(0.6));color:#ffffff",
        ])
        #expect(XMLCheck.parse(html).elements(named: "span", class: "swatch").count == 5)
        #expect(html.contains("share of ultimate</p>"))
    }

    @Test func markdownMarksEachCellWithAQuarterGlyph() {
        let markdown = MarkdownRenderer.pipeTable(Self.table)
        #expect(markdown == """
            | origin | dev 0 | dev 1 |
            | --- | ---: | ---: |
            | 2021-01 | ▒ 100 | █ 350 |
            | 2021-02 | ▓ 400 |   |

            Shading: share of ultimate — ░ below 25 %, ▒ 25–50 %, ▓ 50–75 %, █ 75 % and above.
            """)
    }

    @Test func aTableWithoutShadingIsUnchanged() {
        var plain = Self.table
        plain.shading = nil
        let html = render(ReportDocument(title: "t", blocks: [.table(plain)]), as: .html)
        #expect(!html.contains("<td class=\"num heat\"") && !html.contains("<p class=\"heat-legend\">"))
        #expect(html.contains("<td class=\"num\">350</td>"))
        #expect(!MarkdownRenderer.pipeTable(plain).contains("Shading"))
    }
}
