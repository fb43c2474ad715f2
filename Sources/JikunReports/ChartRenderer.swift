/// Draws a ``Chart`` as SVG: the layout (margins from the measured labels, legend rows, band
/// label rows), the axes with nice ticks and gridlines, then the data of each kind
/// (ChartRenderer+Kinds.swift).
///
/// Every `id` in the output starts with `idPrefix`, so several charts can sit in one HTML
/// page. The output depends only on the chart and the prefix.
struct ChartRenderer {
    let chart: Chart
    let idPrefix: String

    static let width = 720.0
    static let defaultHeight = 360.0
    static let tickFontSize = 11.0
    static let axisLabelFontSize = 12.0
    static let categoryFontSize = 11.0
    static let lineHeight = 13.0

    // Filled in by `render()`.
    var body = SVGWriter()
    var patterns: [(id: String, markup: String)] = []
    /// Boxes of the labels placed inside the plot so far, to keep later ones clear of them.
    var occupied: [LabelBox] = []
    var markPlacements: [MarkPlacement] = []

    struct MarkPlacement {
        var series: Int
        var point: (x: Double, y: Double)
        var label: (x: Double, y: Double, anchor: TextAnchor)
        var text: String
    }
    var plot = PlotRect(left: 0, top: 0, right: 0, bottom: 0)
    var height = ChartRenderer.defaultHeight
    var x = AxisContent.categories([])
    var y = AxisContent.categories([])
    var xMap = LinearMap(domain: (0, 1), range: (0, 1))
    var yMap = LinearMap(domain: (0, 1), range: (0, 1))

    init(chart: Chart, idPrefix: String) {
        self.chart = chart
        self.idPrefix = idPrefix
    }

    /// The complete `<svg>` element. `standalone` adds the SVG namespace so the markup is a
    /// valid .svg file on its own (inline SVG in HTML needs none).
    func svg(standalone: Bool = false) -> String {
        var renderer = self
        renderer.render()
        return renderer.assemble(standalone: standalone)
    }

    // MARK: - Assembly

    private func assemble(standalone: Bool) -> String {
        var out = SVGWriter()
        var attributes: [(String, SVGWriter.Value)] = []
        if standalone { attributes.append(("xmlns", "http://www.w3.org/2000/svg")) }
        attributes += [
            ("viewBox", "0 0 \(NumberText.coordinate(ChartRenderer.width)) \(NumberText.coordinate(height))"),
            ("width", "100%"),
            ("role", "img"),
            ("aria-labelledby", "\(idPrefix)-title \(idPrefix)-desc"),
            ("font-family", .string(ChartStyle.fontFamily)),
            ("font-size", .number(ChartRenderer.tickFontSize)),
            ("class", "chart-svg"),
        ]
        out.open("svg", attributes)
        out.element("title", [("id", "\(idPrefix)-title")], content: chart.title)
        out.element("desc", [("id", "\(idPrefix)-desc")], content: description)
        out.open("defs")
        for pattern in patterns { out.raw(pattern.markup) }
        out.open("clipPath", [("id", "\(idPrefix)-clip")])
        out.element("rect", [("x", .number(plot.left)), ("y", .number(plot.top)),
                             ("width", .number(plot.width)), ("height", .number(plot.height))])
        out.close("clipPath")
        out.close("defs")
        var text = out.text
        text += body.text
        text += "</svg>\n"
        return text
    }

    /// The caption followed by a one-sentence summary of the data, for `<desc>`.
    var description: String {
        let summary = ChartData.summary(chart)
        return chart.caption.isEmpty ? summary : chart.caption + " " + summary
    }

    // MARK: - Layout

    private mutating func render() {
        let kind = chart.kind
        // 1. Axes content without pixel sizes.
        x = initialXContent(kind)
        y = initialYContent(kind)
        let horizontal = isHorizontal(kind)
        // 2. Left and right margins.
        let yAxisTitleWidth = chart.yAxis.label.isEmpty ? 0.0 : 18.0
        var left = 10.0 + yAxisTitleWidth
        var categoryLines: [[String]] = []
        switch y {
        case .continuous(let scale, let format):
            let widest = scale.ticks.map { TextMetrics.width(NumberText.tick($0, format: format, stepExponent: scale.stepExponent), fontSize: ChartRenderer.tickFontSize) }.max() ?? 0
            left += widest + 8
        case .categories(let labels):
            categoryLines = labels.map { TextMetrics.wrap($0, maxWidth: 190, fontSize: ChartRenderer.categoryFontSize) }
            let widest = categoryLines.flatMap { $0 }.map { TextMetrics.width($0, fontSize: ChartRenderer.categoryFontSize) }.max() ?? 0
            left += min(widest, 200) + 10
        }
        left = max(left, 44)
        var right = ChartRenderer.width - 22
        right -= rightAnnotationWidth(kind)
        // 3. Legend rows between the margins.
        let legend = legendEntries(kind)
        var legendRows: [[LegendEntry]] = []
        var rowWidth = 0.0
        for entry in legend {
            if legendRows.isEmpty || rowWidth + entry.width > right - left + 16 {
                legendRows.append([entry])
                rowWidth = entry.width
            } else {
                legendRows[legendRows.count - 1].append(entry)
                rowWidth += entry.width
            }
        }
        // 4. Continuous x scale now that the plot width is known (fewer ticks if labels collide).
        let plotWidth = right - left
        x = fittedXContent(kind, plotWidth: plotWidth)
        xMap = LinearMap(domain: (x.scale?.lower ?? 0, x.scale?.upper ?? 1), range: (left, right))
        // 5. Band labels above the plot.
        let bandLabels = bandLabelPlacements(kind)
        let bandRows = bandLabels.map(\.row).max().map { $0 + 1 } ?? 0
        let top = 12 + Double(legendRows.count) * LegendEntry.rowHeight + (bandRows > 0 ? Double(bandRows) * 14 + 8 : 0) + 6
        // 6. Bottom margin and height.
        var bottomMargin = 8.0 + (chart.xAxis.label.isEmpty ? 0 : 20)
        var xCategoryLines: [[String]] = []
        if case .categories(let labels) = x {
            let band = plotWidth / Double(max(labels.count, 1))
            xCategoryLines = labels.map { TextMetrics.wrap($0, maxWidth: max(band - 6, 30), fontSize: ChartRenderer.categoryFontSize) }
            let lines = xCategoryLines.map(\.count).max() ?? 1
            bottomMargin += 8 + Double(lines) * ChartRenderer.lineHeight
        } else {
            bottomMargin += 22
        }
        if horizontal {
            let rows = Double(max(y.categoryCount, 1))
            let rowHeight = max(30, Double(categoryLines.map(\.count).max() ?? 1) * ChartRenderer.lineHeight + 12)
            height = (top + rows * rowHeight + bottomMargin).rounded(.up)
        } else {
            height = ChartRenderer.defaultHeight + max(0, top - 40)
        }
        plot = PlotRect(left: left, top: top, right: right, bottom: height - bottomMargin)
        yMap = LinearMap(domain: (y.scale?.lower ?? 0, y.scale?.upper ?? 1), range: (plot.bottom, plot.top))
        // For category axes the maps run over [0, count] so category i is centred at i + 0.5.
        if case .categories(let labels) = x {
            xMap = LinearMap(domain: (0, Double(max(labels.count, 1))), range: (plot.left, plot.right))
        }
        if case .categories(let labels) = y {
            yMap = LinearMap(domain: (0, Double(max(labels.count, 1))), range: (plot.top, plot.bottom))
        }

        // Drawing, back to front.
        body = SVGWriter()
        body.open("g", [("class", "chart-body")])
        body.element("rect", [("class", "background"), ("x", 0), ("y", 0), ("width", .number(ChartRenderer.width)),
                              ("height", .number(height)), ("fill", "#ffffff")])
        drawLegend(legendRows)
        body.element("rect", [("class", "plot"), ("x", .number(plot.left)), ("y", .number(plot.top)),
                              ("width", .number(plot.width)), ("height", .number(plot.height)), ("fill", "#ffffff")])
        drawBands(kind, labels: bandLabels)
        drawGrid()
        body.open("g", [("class", "data"), ("clip-path", "url(#\(idPrefix)-clip)")])
        drawData(kind)
        body.close("g")
        placeMarkLabels(kind)
        drawReferenceLines()
        drawAxes(xCategoryLines: xCategoryLines, yCategoryLines: categoryLines)
        drawAnnotations(kind)
        body.close("g")
    }

    func isHorizontal(_ kind: Chart.Kind) -> Bool {
        switch kind {
        case .tornado, .intervals: return true
        default: return false
        }
    }

    /// A scale over finite `values` and the chart's reference lines of `orientation`, widened
    /// to whole steps, or the axis's fixed range.
    func scale(for values: [Double], axis: Chart.Axis, orientation: Chart.ReferenceLine.Orientation,
               targetTicks: Int = 5) -> NiceScale {
        if let range = axis.range, range.lowerBound.isFinite, range.upperBound.isFinite {
            return NiceScale(lower: range.lowerBound, upper: range.upperBound, targetTicks: targetTicks, extend: false)
        }
        var lo = Double.infinity
        var hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        for line in chart.referenceLines where line.orientation == orientation && line.value.isFinite {
            lo = min(lo, line.value)
            hi = max(hi, line.value)
        }
        if lo > hi { lo = 0; hi = 1 }
        return NiceScale(lower: lo, upper: hi, targetTicks: targetTicks, extend: true)
    }

    /// The first-pass x scale: reduced tick counts come later in `fittedXContent`.
    private func initialXContent(_ kind: Chart.Kind) -> AxisContent {
        switch kind {
        case .bars(let groups): return .categories(groups.map(\.label))
        case .boxes(let boxes): return .categories(boxes.map(\.label))
        default: return .continuous(NiceScale(lower: 0, upper: 1, extend: true), chart.xAxis.format)
        }
    }

    /// The x scale with the most ticks (≤ 6) whose labels do not collide at `plotWidth`.
    private func fittedXContent(_ kind: Chart.Kind, plotWidth: Double) -> AxisContent {
        if case .categories = x { return x }
        var target = 6
        while true {
            let scale = xScale(kind, targetTicks: target, plotWidth: plotWidth)
            let labels = scale.ticks.map { NumberText.tick($0, format: chart.xAxis.format, stepExponent: scale.stepExponent) }
            let widest = labels.map { TextMetrics.width($0, fontSize: ChartRenderer.tickFontSize) }.max() ?? 0
            let spacing = scale.step / max(scale.upper - scale.lower, 1e-300) * plotWidth
            if spacing >= widest + 10 || target <= 2 {
                return .continuous(scale, chart.xAxis.format)
            }
            target -= 1
        }
    }

    private func initialYContent(_ kind: Chart.Kind) -> AxisContent {
        switch kind {
        case .tornado(let bars): return .categories(sortedTornado(bars).map(\.label))
        case .intervals(let rows): return .categories(rows.map(\.label))
        default: return .continuous(yScale(kind), chart.yAxis.format)
        }
    }

    /// Extra room at the right of the plot for per-row annotations (interval values).
    private func rightAnnotationWidth(_ kind: Chart.Kind) -> Double {
        guard case .intervals(let rows) = kind else { return 0 }
        let widest = rows.map { TextMetrics.width(intervalText($0), fontSize: 10.5) }.max() ?? 0
        return widest + 12
    }

    func intervalText(_ row: Chart.Interval) -> String {
        let f = chart.xAxis.format
        return "\(NumberText.value(row.estimate, format: f, typographic: true)) [\(NumberText.value(row.lower, format: f, typographic: true)), \(NumberText.value(row.upper, format: f, typographic: true))]"
    }

    // MARK: - Legend

    private mutating func drawLegend(_ rows: [[LegendEntry]]) {
        guard !rows.isEmpty else { return }
        body.open("g", [("class", "legend")])
        for (r, row) in rows.enumerated() {
            var cursor = plot.left
            let cy = 12 + Double(r) * LegendEntry.rowHeight + 6
            for entry in row {
                var textX = cursor
                if !entry.swatch.isNone {
                    drawSwatch(entry.swatch, x: cursor, cy: cy)
                    textX += LegendEntry.swatchWidth + 5
                }
                body.element("text", [("x", .number(textX)), ("y", .number(cy + 4)), ("fill", .string(ChartStyle.ink))],
                             content: entry.label)
                cursor += entry.width
            }
        }
        body.close("g")
    }

    private mutating func drawSwatch(_ swatch: LegendEntry.Swatch, x: Double, cy: Double) {
        let w = LegendEntry.swatchWidth
        switch swatch {
        case .line(let i, let marker):
            body.element("line", [("x1", .number(x)), ("y1", .number(cy)), ("x2", .number(x + w)), ("y2", .number(cy))]
                         + seriesStroke(i))
            if marker { drawMarker(ChartStyle.marker(i), x: x + w / 2, y: cy, size: 4, color: ChartStyle.color(i)) }
        case .referenceLine:
            body.element("line", [("x1", .number(x)), ("y1", .number(cy)), ("x2", .number(x + w)), ("y2", .number(cy)),
                                  ("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.5), ("stroke-dasharray", "5 3")])
        case .fill(let i):
            body.element("rect", [("x", .number(x + 4)), ("y", .number(cy - 6)), ("width", 16), ("height", 12),
                                  ("fill", .string(seriesFill(i))), ("stroke", .string(ChartStyle.color(i)))])
        case .tint(let i):
            body.element("rect", [("x", .number(x)), ("y", .number(cy - 6)), ("width", .number(w)), ("height", 12),
                                  ("fill", .string(ChartStyle.color(i))), ("fill-opacity", 0.18)])
        case .box:
            body.element("rect", [("x", .number(x + 5)), ("y", .number(cy - 6)), ("width", 14), ("height", 12)] + ChartRenderer.boxStyle)
            body.element("line", [("x1", .number(x + 5)), ("y1", .number(cy)), ("x2", .number(x + 19)), ("y2", .number(cy))] + ChartRenderer.medianStyle)
        case .whisker:
            body.element("path", [("d", .string("M\(c(x + 2)) \(c(cy - 4))V\(c(cy + 4))M\(c(x + 2)) \(c(cy))H\(c(x + w - 2))M\(c(x + w - 2)) \(c(cy - 4))V\(c(cy + 4))")),
                                  ("fill", "none"), ("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.3)])
        case .meanDiamond:
            drawMarker(.diamond, x: x + w / 2, y: cy, size: 5, color: ChartStyle.ink, filled: false)
        case .intervalFilled, .intervalHollow:
            body.element("line", [("x1", .number(x + 2)), ("y1", .number(cy)), ("x2", .number(x + w - 2)), ("y2", .number(cy)),
                                  ("stroke", .string(ChartStyle.ink)), ("stroke-width", 2)])
            let filled: Bool
            if case .intervalFilled = swatch { filled = true } else { filled = false }
            drawMarker(.square, x: x + w / 2, y: cy, size: 4.5, color: ChartStyle.color(0), filled: filled)
        case .none:
            break
        }
    }

    // MARK: - Grid and axes

    private mutating func drawGrid() {
        body.open("g", [("class", "grid"), ("stroke", .string(ChartStyle.grid)), ("stroke-width", 1)])
        if let scale = x.scale {
            for t in scale.ticks {
                let px = xMap(t)
                body.element("line", [("x1", .number(px)), ("y1", .number(plot.top)), ("x2", .number(px)), ("y2", .number(plot.bottom))])
            }
        }
        if let scale = y.scale {
            for t in scale.ticks {
                let py = yMap(t)
                body.element("line", [("x1", .number(plot.left)), ("y1", .number(py)), ("x2", .number(plot.right)), ("y2", .number(py))])
            }
        }
        body.close("g")
        // A darker line at zero when the domain straddles it.
        if let scale = x.scale, scale.lower < 0, scale.upper > 0 {
            let px = xMap(0)
            body.element("line", [("class", "zero-line"), ("x1", .number(px)), ("y1", .number(plot.top)), ("x2", .number(px)),
                                  ("y2", .number(plot.bottom)), ("stroke", .string(ChartStyle.axis)), ("stroke-width", 1.2)])
        }
        if let scale = y.scale, scale.lower < 0, scale.upper > 0 {
            let py = yMap(0)
            body.element("line", [("class", "zero-line"), ("x1", .number(plot.left)), ("y1", .number(py)), ("x2", .number(plot.right)),
                                  ("y2", .number(py)), ("stroke", .string(ChartStyle.axis)), ("stroke-width", 1.2)])
        }
    }

    private mutating func drawAxes(xCategoryLines: [[String]], yCategoryLines: [[String]]) {
        body.open("g", [("class", "axes"), ("fill", .string(ChartStyle.ink))])
        body.element("path", [("d", .string("M\(c(plot.left)) \(c(plot.top))V\(c(plot.bottom))H\(c(plot.right))")),
                              ("fill", "none"), ("stroke", .string(ChartStyle.axis)), ("stroke-width", 1)])
        // x ticks and labels
        switch x {
        case .continuous(let scale, let format):
            for t in scale.ticks {
                let px = xMap(t)
                body.element("line", [("x1", .number(px)), ("y1", .number(plot.bottom)), ("x2", .number(px)), ("y2", .number(plot.bottom + 4)),
                                      ("stroke", .string(ChartStyle.axis))])
                body.element("text", [("x", .number(px)), ("y", .number(plot.bottom + 16)), ("text-anchor", "middle")],
                             content: NumberText.tick(t, format: format, stepExponent: scale.stepExponent))
            }
        case .categories:
            for (i, lines) in xCategoryLines.enumerated() {
                let px = xMap(Double(i) + 0.5)
                body.label(lines, x: px, y: plot.bottom + 16, [("text-anchor", "middle")])
            }
        }
        // y ticks and labels
        switch y {
        case .continuous(let scale, let format):
            for t in scale.ticks {
                let py = yMap(t)
                body.element("line", [("x1", .number(plot.left - 4)), ("y1", .number(py)), ("x2", .number(plot.left)), ("y2", .number(py)),
                                      ("stroke", .string(ChartStyle.axis))])
                body.element("text", [("x", .number(plot.left - 7)), ("y", .number(py + 4)), ("text-anchor", "end")],
                             content: NumberText.tick(t, format: format, stepExponent: scale.stepExponent))
            }
        case .categories:
            for (i, lines) in yCategoryLines.enumerated() {
                let py = yMap(Double(i) + 0.5) + 4 - Double(lines.count - 1) * ChartRenderer.lineHeight / 2
                body.label(lines, x: plot.left - 8, y: py, [("text-anchor", "end")])
            }
        }
        // axis titles
        if !chart.xAxis.label.isEmpty {
            body.element("text", [("class", "axis-label"), ("x", .number((plot.left + plot.right) / 2)), ("y", .number(height - 9)),
                                  ("text-anchor", "middle"), ("font-size", .number(ChartRenderer.axisLabelFontSize)), ("font-weight", "600")],
                         content: chart.xAxis.label)
        }
        if !chart.yAxis.label.isEmpty {
            let cx = 15.0, cy = (plot.top + plot.bottom) / 2
            body.element("text", [("class", "axis-label"), ("x", .number(cx)), ("y", .number(cy)), ("text-anchor", "middle"),
                                  ("transform", .string("rotate(-90 \(c(cx)) \(c(cy)))")),
                                  ("font-size", .number(ChartRenderer.axisLabelFontSize)), ("font-weight", "600")],
                         content: chart.yAxis.label)
        }
        body.close("g")
    }

    // MARK: - Reference lines

    private mutating func drawReferenceLines() {
        let lines = chart.referenceLines.filter { line in
            guard line.value.isFinite else { return false }
            switch line.orientation {
            case .vertical: return x.scale.map { line.value >= $0.lower && line.value <= $0.upper } ?? false
            case .horizontal: return y.scale.map { line.value >= $0.lower && line.value <= $0.upper } ?? false
            }
        }
        guard !lines.isEmpty else { return }
        body.open("g", [("class", "reference-lines"), ("font-size", 10.5)])
        // All the lines first, so that no line crosses a label drawn before it.
        let dashed: [(String, SVGWriter.Value)] = [("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.3), ("stroke-dasharray", "5 3")]
        for line in lines {
            switch line.orientation {
            case .vertical:
                let px = xMap(line.value)
                body.element("line", [("x1", .number(px)), ("y1", .number(plot.top)), ("x2", .number(px)), ("y2", .number(plot.bottom))] + dashed)
            case .horizontal:
                let py = yMap(line.value)
                body.element("line", [("x1", .number(plot.left)), ("y1", .number(py)), ("x2", .number(plot.right)), ("y2", .number(py))] + dashed)
            }
        }
        // Vertical lines' labels are packed into rows along the top of the plot.
        var packer = RowPacker()
        for line in lines.filter({ $0.orientation == .vertical }).sorted(by: { $0.value < $1.value }) {
            let px = xMap(line.value)
            let w = TextMetrics.width(line.label, fontSize: 10.5)
            let rightward = px + 4 + w <= plot.right
            let start = rightward ? px + 4 : px - 4 - w
            var row = packer.place(start: start, end: start + w)
            func box(_ row: Int) -> LabelBox {
                LabelBox(left: start, top: plot.top + 12 + Double(row) * 13 - 9, right: start + w, bottom: plot.top + 12 + Double(row) * 13 + 3)
            }
            while row < 12 && occupied.contains(where: { $0.overlaps(box(row)) }) { row += 1 }
            occupied.append(box(row))
            body.element("text", [("x", .number(rightward ? px + 4 : px - 4)), ("y", .number(plot.top + 12 + Double(row) * 13)),
                                  ("text-anchor", rightward ? "start" : "end")] + ChartRenderer.halo, content: line.label)
        }
        // Horizontal lines' labels sit above (or below) their line at the right, else the left.
        for line in lines where line.orientation == .horizontal {
            let py = yMap(line.value)
            let w = TextMetrics.width(line.label, fontSize: 10.5)
            var candidates: [(x: Double, y: Double, anchor: TextAnchor)] = [
                (plot.right - 4, py - 4, .end), (plot.left + 4, py - 4, .start), (plot.right - 4, py + 12, .end), (plot.left + 4, py + 12, .start),
            ]
            if py - 14 < plot.top { candidates = [candidates[2], candidates[3], candidates[0], candidates[1]] }
            let spot = placeLabel(width: w, fontSize: 10.5, candidates: candidates)
            body.element("text", [("x", .number(spot.x)), ("y", .number(spot.y)), ("text-anchor", .string(spot.anchor.rawValue))]
                         + ChartRenderer.halo, content: line.label)
        }
        body.close("g")
    }

    // MARK: - Label placement

    enum TextAnchor: String { case start, middle, end }

    /// The box a label occupies, in SVG units.
    struct LabelBox {
        var left, top, right, bottom: Double
        func overlaps(_ o: LabelBox) -> Bool {
            left < o.right && o.left < right && top < o.bottom && o.top < bottom
        }
    }

    /// The first candidate position (baseline point and anchor) where a label of `width`
    /// overlaps no label placed before and stays inside the plot; the first candidate when
    /// every one collides. The chosen box is remembered.
    mutating func placeLabel(width: Double, fontSize: Double, candidates: [(x: Double, y: Double, anchor: TextAnchor)])
        -> (x: Double, y: Double, anchor: TextAnchor) {
        func box(_ c: (x: Double, y: Double, anchor: TextAnchor)) -> LabelBox {
            let left: Double
            switch c.anchor {
            case .start: left = c.x
            case .middle: left = c.x - width / 2
            case .end: left = c.x - width
            }
            return LabelBox(left: left, top: c.y - fontSize * 0.85, right: left + width, bottom: c.y + fontSize * 0.25)
        }
        let plot = self.plot
        func inside(_ b: LabelBox) -> Bool {
            b.left >= plot.left && b.right <= plot.right && b.top >= plot.top && b.bottom <= plot.bottom
        }
        let occupied = self.occupied
        let chosen = candidates.first { c in
            let b = box(c)
            return inside(b) && !occupied.contains { $0.overlaps(b) }
        } ?? candidates.first { inside(box($0)) } ?? candidates[0]
        self.occupied.append(box(chosen))
        return chosen
    }

    // MARK: - Shared drawing helpers

    /// A white outline behind text so it stays legible over lines and bars.
    static let halo: [(String, SVGWriter.Value)] = [
        ("fill", .string(ChartStyle.ink)), ("stroke", "#ffffff"), ("stroke-width", 3), ("stroke-linejoin", "round"), ("paint-order", "stroke"),
    ]
    static let boxStyle: [(String, SVGWriter.Value)] = [("fill", "#cfe2f0"), ("stroke", "#0072B2"), ("stroke-width", 1.3)]
    static let medianStyle: [(String, SVGWriter.Value)] = [("stroke", "#08304f"), ("stroke-width", 2.5)]

    func c(_ v: Double) -> String { NumberText.coordinate(v) }

    func seriesStroke(_ i: Int) -> [(String, SVGWriter.Value)] {
        var a: [(String, SVGWriter.Value)] = [("stroke", .string(ChartStyle.color(i))), ("stroke-width", 2), ("fill", "none")]
        let dash = ChartStyle.dash(i)
        if !dash.isEmpty { a.append(("stroke-dasharray", .string(dash))) }
        return a
    }

    /// The fill of series i: its colour, hatched with white for all but the first style.
    mutating func seriesFill(_ i: Int) -> String {
        guard let hatch = ChartStyle.hatch(i) else { return ChartStyle.color(i) }
        return patternFill(hatch, ink: "#ffffff", inkOpacity: 0.75, background: ChartStyle.color(i))
    }

    /// `url(#…)` of a hatch pattern, defined once per chart.
    mutating func patternFill(_ hatch: ChartStyle.Hatch, ink: String, inkOpacity: Double, background: String) -> String {
        let id = "\(idPrefix)-\(hatch)-\(ink.dropFirst())-\(background.dropFirst())"
        if !patterns.contains(where: { $0.id == id }) {
            var marks = ""
            let stroke = "stroke=\"\(ink)\" stroke-opacity=\"\(c(inkOpacity))\" stroke-width=\"1.6\""
            var transform = ""
            switch hatch {
            case .diagonal:
                transform = " patternTransform=\"rotate(45)\""
                marks = "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" \(stroke)/>"
            case .backDiagonal:
                transform = " patternTransform=\"rotate(-45)\""
                marks = "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" \(stroke)/>"
            case .crossed:
                transform = " patternTransform=\"rotate(45)\""
                marks = "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" \(stroke)/><line x1=\"0\" y1=\"0\" x2=\"6\" y2=\"0\" \(stroke)/>"
            case .dots:
                marks = "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"\(ink)\" fill-opacity=\"\(c(inkOpacity))\"/>"
            case .horizontal:
                marks = "<line x1=\"0\" y1=\"3\" x2=\"6\" y2=\"3\" \(stroke)/>"
            case .vertical:
                marks = "<line x1=\"3\" y1=\"0\" x2=\"3\" y2=\"6\" \(stroke)/>"
            }
            patterns.append((id, "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"\(transform)><rect width=\"6\" height=\"6\" fill=\"\(background)\"/>\(marks)</pattern>"))
        }
        return "url(#\(id))"
    }

    mutating func drawMarker(_ marker: ChartStyle.Marker, x: Double, y: Double, size s: Double, color: String, filled: Bool = true) {
        let paint: [(String, SVGWriter.Value)] = [("fill", .string(filled ? color : "#ffffff")), ("stroke", .string(color)), ("stroke-width", 1.5)]
        switch marker {
        case .circle:
            body.element("circle", [("cx", .number(x)), ("cy", .number(y)), ("r", .number(s))] + paint)
        case .square:
            body.element("rect", [("x", .number(x - s)), ("y", .number(y - s)), ("width", .number(2 * s)), ("height", .number(2 * s))] + paint)
        case .triangle:
            body.element("path", [("d", .string("M\(c(x)) \(c(y - s * 1.2))L\(c(x + s * 1.1)) \(c(y + s * 0.8))H\(c(x - s * 1.1))Z"))] + paint)
        case .diamond:
            body.element("path", [("d", .string("M\(c(x)) \(c(y - s * 1.3))L\(c(x + s)) \(c(y))L\(c(x)) \(c(y + s * 1.3))L\(c(x - s)) \(c(y))Z"))] + paint)
        case .cross:
            body.element("path", [("d", .string("M\(c(x - s)) \(c(y - s))L\(c(x + s)) \(c(y + s))M\(c(x - s)) \(c(y + s))L\(c(x + s)) \(c(y - s))")),
                                  ("fill", "none"), ("stroke", .string(color)), ("stroke-width", 2)])
        }
    }
}
