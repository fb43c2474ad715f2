import Foundation
import Testing
@testable import JikunReports

@Suite("HTML report")
struct HTMLReportTests {
    let html = render(SampleReport.document, as: .html)

    /// FNV-1a (64-bit) of the text's UTF-8: a fingerprint that does not depend on the process.
    static func fingerprint(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    /// The same document gives the same bytes in every process (no hash-ordered dictionary or
    /// pointer reaches the output): pinned to the fingerprint and length of the bytes this
    /// renderer wrote when the test was made. A deliberate change of the layout updates them.
    @Test func renderingIsDeterministic() {
        #expect(render(SampleReport.document, as: .html) == html)
        #expect((html.utf8.count, Self.fingerprint(html)) == (HTMLPinned.length, HTMLPinned.fingerprint))
        let markdown = render(SampleReport.document, as: .markdown)
        #expect((markdown.utf8.count, Self.fingerprint(markdown)) == (HTMLPinned.markdownLength, HTMLPinned.markdownFingerprint))
    }

    @Test func selfContained() {
        for forbidden in ["http://", "https://", "<script", "<link", "@import", "url(http", "<img", "<iframe"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
        #expect(html.contains("Noto Sans CJK SC"))
        #expect(html.contains("@media print"))
    }

    @Test func oneSVGPerChartWithCaptionsAndAxisLabels() {
        let charts = SampleReport.document.blocks.compactMap { block -> Chart? in
            if case .chart(let c) = block { return c } else { return nil }
        }
        #expect(svgElements(in: html).count == charts.count)
        #expect(html.components(separatedBy: "<svg").count - 1 == charts.count)
        for chart in charts {
            #expect(html.contains("<figcaption>\(TextEscaping.xml(chart.caption))</figcaption>"))
            for label in [chart.xAxis.label, chart.yAxis.label] where !label.isEmpty {
                #expect(html.contains(">\(TextEscaping.xml(label))</text>"), "axis label \(label)")
            }
        }
    }

    @Test func chineseSurvivesAndMarkupIsEscaped() {
        #expect(html.contains("民政惠民济困保"))
        #expect(html.contains("Loss ratio 赔付率"))
        #expect(html.contains("渝民〔2020〕238号"))
        #expect(html.contains("R&amp;D &lt;notes&gt; &amp; &quot;quotes&quot; &#39;single&#39;"))
        #expect(!html.contains("<notes>"))
        #expect(html.contains("Ping An | 平安"))
    }

    @Test func wholePageIsWellFormed() {
        let check = XMLCheck.parse(html)
        #expect(check.error == nil, "\(check.error ?? "")")
        #expect(check.elements(named: "figure").count == 7)
        #expect(check.text.contains("民政惠民济困保"))
    }

    @Test func eachSVGIsWellFormedAndAccessible() {
        for svg in svgElements(in: html) {
            let check = XMLCheck.parse(svg)
            #expect(check.error == nil, "\(check.error ?? "")")
            let root = check.elements.first
            #expect(root?.name == "svg")
            #expect(root?.attributes["viewBox"]?.hasPrefix("0 0 720 ") == true)
            #expect(root?.attributes["role"] == "img")
            #expect(check.elements(named: "title").count == 1)
            #expect(check.elements(named: "desc").count == 1)
            // Every id is unique across the page.
        }
        let ids = XMLCheck.parse(html).elements.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    @Test func standaloneSVGHasNamespaceAndParses() {
        let svg = SampleReport.tornado.svg(idPrefix: "t")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(XMLCheck.parse(svg).error == nil)
    }

    @Test func textStaysInsideTheViewBox() {
        // Layout check on estimated widths: every text anchor point lies within the drawing.
        for svg in svgElements(in: html) {
            let check = XMLCheck.parse(svg)
            let height = Double(check.elements.first?.attributes["viewBox"]?.split(separator: " ").last ?? "") ?? 0
            for text in check.elements(named: "text") where text.attributes["transform"] == nil {
                let x = text.number("x"), y = text.number("y")
                #expect(x >= 0 && x <= 720 && y > 0 && y <= height, "text at \(x), \(y)")
            }
        }
    }
}

@Suite("Chart geometry")
struct ChartGeometryTests {
    static func svg(_ chart: Chart) -> XMLCheck {
        XMLCheck.parse(ChartRenderer(chart: chart, idPrefix: "g").svg())
    }

    static func plot(_ check: XMLCheck) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        guard let p = check.elements(named: "rect", class: "plot").first else { return nil }
        return (p.number("x")...(p.number("x") + p.number("width")), p.number("y")...(p.number("y") + p.number("height")))
    }

    /// Bands that reach past the data, are open-ended, or lie wholly outside the axis range are
    /// clipped to the plot (or dropped).
    @Test(arguments: [nil, 0.7...1.0, 0.88...0.95] as [ClosedRange<Double>?])
    func bandRectanglesLieWithinThePlot(range: ClosedRange<Double>?) throws {
        let bands = SampleReport.corridorBands + [Chart.Band("Far away", lower: 5, upper: 6, role: .highlight)]
        let chart = Chart(title: "t", caption: "c", xAxis: .init("Loss ratio", range: range, format: .percent),
                          yAxis: .init("Trials"), kind: .histogram(values: SampleReport.lossRatios(count: 500), bins: 20, bands: bands))
        let check = Self.svg(chart)
        #expect(check.error == nil)
        let plot = try #require(Self.plot(check))
        let rects = check.elements(named: "rect", class: "band")
        #expect(!rects.isEmpty)
        for r in rects {
            let x0 = r.number("x"), x1 = x0 + r.number("width"), y0 = r.number("y"), y1 = y0 + r.number("height")
            #expect(r.number("width") > 0)
            #expect(x0 >= plot.x.lowerBound - 0.01 && x1 <= plot.x.upperBound + 0.01, "band x \(x0)…\(x1) vs \(plot.x)")
            #expect(y0 >= plot.y.lowerBound - 0.01 && y1 <= plot.y.upperBound + 0.01)
        }
        #expect(rects.count <= 4)
    }

    @Test func histogramBarsMatchTheBinCounts() throws {
        let values = SampleReport.lossRatios(count: 800)
        let chart = Chart(title: "t", caption: "c", xAxis: .init("x"), yAxis: .init("Count"),
                          kind: .histogram(values: values, bins: 16, bands: []))
        let check = Self.svg(chart)
        let h = HistogramBins(values: values, bins: 16, range: nil)
        let plot = try #require(Self.plot(check))
        // Bars are the rects after the plot rect inside the "bins" group: count the non-empty bins.
        let svg = ChartRenderer(chart: chart, idPrefix: "g").svg()
        let bins = try #require(svg.range(of: "class=\"bins\""))
        let groupEnd = try #require(svg.range(of: "</g>", range: bins.upperBound..<svg.endIndex))
        let barCount = svg[bins.upperBound..<groupEnd.lowerBound].components(separatedBy: "<rect").count - 1
        #expect(barCount == h.counts.filter { $0 > 0 }.count)
        #expect(plot.x.lowerBound < plot.x.upperBound)
    }

    @Test func everyKindRendersWithEmptyOrOddData() {
        let odd: [Chart.Kind] = [
            .histogram(values: [], bins: 0, bands: []),
            .histogram(values: [.nan, 1, 1, 1], bins: 3, bands: [Chart.Band("b", lower: nil, upper: nil, role: .neutral)]),
            .lines([]),
            .lines([Chart.Series("s", x: [1, 2, .nan, 4], y: [1, .infinity, 3, 4], lower: [0], upper: [2, 3])]),
            .bars([]),
            .bars([Chart.BarGroup("a", values: [-1, 2], errors: [0.5], series: ["x"])]),
            .tornado([]),
            .tornado([Chart.TornadoBar("p", low: 5, high: 5, base: 5)]),
            .boxes([Chart.BoxSummary("b", p5: .nan, p25: 1, p50: 2, p75: 3, p95: 4, mean: 2)]),
            .intervals([]),
        ]
        for kind in odd {
            let chart = Chart(title: "t <&>", caption: "", xAxis: .init(""), yAxis: .init(""), kind: kind)
            let check = Self.svg(chart)
            #expect(check.error == nil, "\(kind): \(check.error ?? "")")
        }
    }

    @Test func tornadoIsSortedBySwing() {
        let table = ChartData.table(SampleReport.tornado)
        #expect(table.rows.map { $0[0] } == ["Hospitalisation rate 住院率", "Severity mean 次均费用", "CI deductible 起付线",
                                            "Enrolment 参保人数", "Accident death rate 意外身故率"])
    }

    @Test func seriesDifferInDashAsWellAsColour() {
        let svg = ChartRenderer(chart: SampleReport.bidCurve, idPrefix: "b").svg()
        let check = XMLCheck.parse(svg)
        let strokes = check.elements(named: "path").filter { $0.attributes["stroke-width"] == "2" && $0.attributes["fill"] == "none" }
        let dashes = Set(strokes.map { $0.attributes["stroke-dasharray"] ?? "solid" })
        #expect(dashes.count >= 3)
        // A legend names the three series.
        for name in ["All insurers 全部", "PICC 人保财险", "Ping An 平安"] { #expect(check.text.contains(name)) }
    }
}

/// See `renderingIsDeterministic`.
enum HTMLPinned {
    // Cross-checked with python3 FNV-1a over the files SampleOutputTests writes.
    static let length = 55_552
    static let fingerprint: UInt64 = 3_363_094_525_253_513_327
    static let markdownLength = 7_581
    static let markdownFingerprint: UInt64 = 4_023_414_767_717_668_742
}
