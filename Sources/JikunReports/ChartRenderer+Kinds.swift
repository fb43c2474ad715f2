/// The parts of chart drawing that differ by kind: scales, legends, band labels and data.
extension ChartRenderer {
    struct BandLabel {
        var band: Chart.Band
        var left: Double
        var right: Double
        var textX: Double
        var row: Int
    }

    // MARK: - Scales

    func xScale(_ kind: Chart.Kind, targetTicks: Int, plotWidth: Double) -> NiceScale {
        switch kind {
        case .histogram(let values, let bins, let bands):
            if chart.xAxis.range != nil {
                return scale(for: [], axis: chart.xAxis, orientation: .vertical, targetTicks: targetTicks)
            }
            // Band edges near the data widen the axis so that a band just beyond the data
            // (the excess band when no trial reached 100 %) still shows; far ones do not.
            let h = HistogramBins(values: values, bins: bins, range: nil)
            let reach = (h.upper - h.lower) * 0.5
            let edges = bands.flatMap { [$0.lower, $0.upper].compactMap { $0 } }
                .filter { $0 >= h.lower - reach && $0 <= h.upper + reach }
            return scale(for: [h.lower, h.upper] + edges, axis: chart.xAxis, orientation: .vertical, targetTicks: targetTicks)
        case .lines(let series):
            return scale(for: series.flatMap(\.x) + series.flatMap { $0.marks.map(\.x) }, axis: chart.xAxis,
                         orientation: .vertical, targetTicks: targetTicks)
        case .tornado(let bars):
            if chart.xAxis.range != nil {
                return scale(for: [], axis: chart.xAxis, orientation: .vertical, targetTicks: targetTicks)
            }
            let values = bars.flatMap { [$0.low, $0.high, $0.base] }.filter(\.isFinite)
            guard var lo = values.min(), var hi = values.max() else {
                return scale(for: [], axis: chart.xAxis, orientation: .vertical, targetTicks: targetTicks)
            }
            // Room for the value labels at the bar ends, as a share of the plot width.
            var padLeft = 0.0, padRight = 0.0
            for bar in bars {
                let (l, r) = tornadoLabels(bar)
                if let l { padLeft = max(padLeft, TextMetrics.width(l, fontSize: 10.5) + 8) }
                if let r { padRight = max(padRight, TextMetrics.width(r, fontSize: 10.5) + 8) }
            }
            let share = min((padLeft + padRight) / max(plotWidth, 1), 0.6)
            let span = hi > lo ? hi - lo : max(abs(hi), 1)
            let total = span / (1 - share)
            lo -= padLeft / max(plotWidth, 1) * total
            hi += padRight / max(plotWidth, 1) * total
            return scale(for: [lo, hi], axis: chart.xAxis, orientation: .vertical, targetTicks: targetTicks)
        case .intervals(let rows):
            return scale(for: [0] + rows.flatMap { [$0.lower, $0.upper, $0.estimate] }, axis: chart.xAxis,
                         orientation: .vertical, targetTicks: targetTicks)
        case .bars, .boxes:
            return NiceScale(lower: 0, upper: 1, extend: true)
        }
    }

    func yScale(_ kind: Chart.Kind) -> NiceScale {
        switch kind {
        case .histogram:
            let (_, heights) = histogramHeights()
            return scale(for: [0] + heights, axis: chart.yAxis, orientation: .horizontal)
        case .lines(let series):
            var values: [Double] = []
            for s in series {
                values += s.y
                values += s.lower ?? []
                values += s.upper ?? []
                values += s.marks.map(\.y)
            }
            return scale(for: values, axis: chart.yAxis, orientation: .horizontal)
        case .bars(let groups):
            var values = [0.0]
            for bar in groups.flatMap(\.bars) {
                values.append(bar.value)
                if let e = bar.error, e.isFinite {
                    values += [bar.value - abs(e), bar.value + abs(e)]
                }
            }
            return scale(for: values, axis: chart.yAxis, orientation: .horizontal)
        case .boxes(let boxes):
            return scale(for: boxes.flatMap { [$0.p5, $0.p25, $0.p50, $0.p75, $0.p95, $0.mean] }, axis: chart.yAxis,
                         orientation: .horizontal)
        case .tornado, .intervals:
            return NiceScale(lower: 0, upper: 1, extend: true)
        }
    }

    /// The bins and the bar heights: counts, or shares of all values when the y axis is in
    /// percent.
    func histogramHeights() -> (HistogramBins, [Double]) {
        guard case .histogram(let values, let bins, _) = chart.kind else {
            return (HistogramBins(values: [], bins: 1, range: nil), [])
        }
        let h = HistogramBins(values: values, bins: bins, range: chart.xAxis.range)
        let share = chart.yAxis.format == .percent
        let n = Double(max(h.total, 1))
        return (h, h.counts.map { share ? Double($0) / n : Double($0) })
    }

    /// Tornado bars sorted by swing, largest first; ties keep their input order.
    func sortedTornado(_ bars: [Chart.TornadoBar]) -> [Chart.TornadoBar] {
        bars.enumerated().sorted { a, b in
            let sa = a.element.swing.isFinite ? a.element.swing : -1
            let sb = b.element.swing.isFinite ? b.element.swing : -1
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
    }

    /// The texts at the left and right ends of a tornado bar (nil where the bar does not
    /// reach beyond the base on that side).
    func tornadoLabels(_ bar: Chart.TornadoBar) -> (left: String?, right: String?) {
        func text(_ value: Double, _ note: String?) -> String {
            let v = NumberText.value(value, format: chart.xAxis.format, typographic: true)
            return note.map { "\(v) (\($0))" } ?? v
        }
        let lowIsLeft = bar.low <= bar.high
        let (leftValue, leftNote) = lowIsLeft ? (bar.low, bar.lowNote) : (bar.high, bar.highNote)
        let (rightValue, rightNote) = lowIsLeft ? (bar.high, bar.highNote) : (bar.low, bar.lowNote)
        return (leftValue < bar.base ? text(leftValue, leftNote) : nil,
                rightValue > bar.base ? text(rightValue, rightNote) : nil)
    }

    // MARK: - Legend

    func legendEntries(_ kind: Chart.Kind) -> [LegendEntry] {
        switch kind {
        case .histogram:
            let (h, _) = histogramHeights()
            var notes: [String] = []
            if h.below > 0 { notes.append("\(h.below) below the range") }
            if h.above > 0 { notes.append("\(h.above) above the range") }
            if h.nonFinite > 0 { notes.append("\(h.nonFinite) not finite") }
            return notes.isEmpty ? [] : [LegendEntry(label: "Not shown: " + notes.joined(separator: ", "), swatch: .none)]
        case .lines(let series):
            let withBands = series.filter { $0.lower != nil && $0.upper != nil }
            guard series.count > 1 || !withBands.isEmpty else { return [] }
            var entries: [LegendEntry] = []
            for (i, s) in series.enumerated() {
                entries.append(LegendEntry(label: s.name, swatch: .line(i, marker: s.showsPoints)))
                if s.lower != nil && s.upper != nil {
                    let label = s.bandLabel ?? "interval"
                    entries.append(LegendEntry(label: series.count > 1 ? "\(s.name): \(label)" : label, swatch: .tint(i)))
                }
            }
            return entries
        case .bars(let groups):
            let names = barSeriesNames(groups)
            var entries = names.count > 1 ? names.enumerated().map { LegendEntry(label: $1, swatch: .fill($0)) } : []
            if groups.contains(where: { $0.bars.contains { $0.error != nil } }) {
                entries.append(LegendEntry(label: "Error bars ±", swatch: .whisker))
            }
            return entries
        case .tornado(let bars):
            var entries = [LegendEntry(label: "Parameter low", swatch: .fill(0)),
                           LegendEntry(label: "Parameter high", swatch: .fill(1))]
            if let base = bars.first?.base, bars.allSatisfy({ $0.base == base }) {
                entries.append(LegendEntry(label: "Base " + NumberText.value(base, format: chart.xAxis.format, typographic: true),
                                           swatch: .referenceLine))
            } else if !bars.isEmpty {
                entries.append(LegendEntry(label: "Base (per row)", swatch: .referenceLine))
            }
            return entries
        case .boxes:
            return [LegendEntry(label: "25th–75th percentile, median", swatch: .box),
                    LegendEntry(label: "5th–95th percentile", swatch: .whisker),
                    LegendEntry(label: "Mean", swatch: .meanDiamond)]
        case .intervals(let rows):
            var entries: [LegendEntry] = []
            if rows.contains(where: { !intervalContainsZero($0) }) {
                entries.append(LegendEntry(label: "Interval excludes 0", swatch: .intervalFilled))
            }
            if rows.contains(where: intervalContainsZero) {
                entries.append(LegendEntry(label: "Interval includes 0", swatch: .intervalHollow))
            }
            return entries
        }
    }

    func intervalContainsZero(_ row: Chart.Interval) -> Bool {
        min(row.lower, row.upper) <= 0 && max(row.lower, row.upper) >= 0
    }

    /// Series names of a bar chart in order of first appearance.
    func barSeriesNames(_ groups: [Chart.BarGroup]) -> [String] {
        var names: [String] = []
        for bar in groups.flatMap(\.bars) where !names.contains(bar.series) { names.append(bar.series) }
        return names
    }

    // MARK: - Bands

    /// Band extents on the plot (clamped to it) and the row of each label above the plot.
    func bandLabelPlacements(_ kind: Chart.Kind) -> [BandLabel] {
        guard case .histogram(_, _, let bands) = kind, let scale = x.scale else { return [] }
        var placed: [BandLabel] = []
        for band in bands {
            let lo = max(band.lower ?? -.infinity, scale.lower)
            let hi = min(band.upper ?? .infinity, scale.upper)
            guard lo < hi, lo.isFinite, hi.isFinite else { continue }
            let left = xMap(lo), right = xMap(hi)
            let w = TextMetrics.width(band.label, fontSize: 11)
            var textX = (left + right) / 2
            textX = min(max(textX, w / 2 + 4), ChartRenderer.width - w / 2 - 4)
            placed.append(BandLabel(band: band, left: left, right: right, textX: textX, row: 0))
        }
        var packer = RowPacker()
        for i in placed.indices.sorted(by: { placed[$0].textX < placed[$1].textX }) {
            let w = TextMetrics.width(placed[i].band.label, fontSize: 11)
            placed[i].row = packer.place(start: placed[i].textX - w / 2, end: placed[i].textX + w / 2)
        }
        return placed
    }

    mutating func drawBands(_ kind: Chart.Kind, labels: [BandLabel]) {
        guard !labels.isEmpty else { return }
        body.open("g", [("class", "bands")])
        for label in labels {
            let style = ChartStyle.band(label.band.role)
            let fill = style.hatch.map { patternFill($0, ink: style.ink, inkOpacity: 0.3, background: style.tint) } ?? style.tint
            body.element("rect", [("class", .string("band band-\(label.band.role.rawValue)")),
                                  ("x", .number(label.left)), ("y", .number(plot.top)),
                                  ("width", .number(label.right - label.left)), ("height", .number(plot.height)),
                                  ("fill", .string(fill))])
        }
        body.close("g")
        body.open("g", [("class", "band-labels"), ("font-size", 11), ("text-anchor", "middle")])
        for label in labels {
            let style = ChartStyle.band(label.band.role)
            body.element("line", [("x1", .number(label.left + 1)), ("y1", .number(plot.top - 4)),
                                  ("x2", .number(label.right - 1)), ("y2", .number(plot.top - 4)),
                                  ("stroke", .string(style.ink)), ("stroke-width", 3)])
            body.element("text", [("x", .number(label.textX)), ("y", .number(plot.top - 10 - Double(label.row) * 14)),
                                  ("fill", .string(style.ink)), ("font-weight", "600")], content: label.band.label)
        }
        body.close("g")
    }

    // MARK: - Data

    mutating func drawData(_ kind: Chart.Kind) {
        switch kind {
        case .histogram(_, _, let bands): drawHistogram(bands)
        case .lines(let series): drawLines(series)
        case .bars(let groups): drawBars(groups)
        case .tornado(let bars): drawTornado(sortedTornado(bars))
        case .boxes(let boxes): drawBoxes(boxes)
        case .intervals(let rows): drawIntervals(rows)
        }
    }

    private mutating func drawHistogram(_ bands: [Chart.Band]) {
        let (h, heights) = histogramHeights()
        body.open("g", [("class", "bins"), ("fill", "#4f7396"), ("stroke", "#ffffff"), ("stroke-width", 0.6)])
        let y0 = yMap(0)
        for (i, value) in heights.enumerated() where value > 0 {
            let x0 = xMap(h.edge(i)), x1 = xMap(h.edge(i + 1))
            let top = yMap(value)
            body.element("rect", [("x", .number(x0)), ("y", .number(top)), ("width", .number(max(x1 - x0, 0.5))),
                                  ("height", .number(max(y0 - top, 0)))])
        }
        body.close("g")
        // Band edges above the bars.
        var edges: [Double] = []
        for band in bands {
            for e in [band.lower, band.upper].compactMap({ $0 }) where !edges.contains(e) { edges.append(e) }
        }
        if let scale = x.scale {
            for e in edges.sorted() where e > scale.lower && e < scale.upper {
                let px = xMap(e)
                body.element("line", [("class", "band-edge"), ("x1", .number(px)), ("y1", .number(plot.top)), ("x2", .number(px)),
                                      ("y2", .number(plot.bottom)), ("stroke", "#444444"), ("stroke-width", 1), ("stroke-dasharray", "3 3")])
            }
        }
    }

    private mutating func drawLines(_ series: [Chart.Series]) {
        for (i, s) in series.enumerated() {
            body.open("g", [("class", "series")])
            let n = min(s.x.count, s.y.count)
            if let lower = s.lower, let upper = s.upper {
                let m = min(n, lower.count, upper.count)
                for run in finiteRuns((0..<m).filter { s.x[$0].isFinite && lower[$0].isFinite && upper[$0].isFinite }) where run.count > 1 {
                    var d = ""
                    for (k, j) in run.enumerated() { d += (k == 0 ? "M" : "L") + "\(c(xMap(s.x[j]))) \(c(yMap(upper[j])))" }
                    for j in run.reversed() { d += "L\(c(xMap(s.x[j]))) \(c(yMap(lower[j])))" }
                    d += "Z"
                    body.element("path", [("class", "error-band"), ("d", .string(d)), ("fill", .string(ChartStyle.color(i))),
                                          ("fill-opacity", 0.18), ("stroke", "none")])
                }
            }
            let valid = (0..<n).filter { s.x[$0].isFinite && s.y[$0].isFinite }
            for run in finiteRuns(valid) {
                var d = ""
                for (k, j) in run.enumerated() { d += (k == 0 ? "M" : "L") + "\(c(xMap(s.x[j]))) \(c(yMap(s.y[j])))" }
                body.element("path", [("d", .string(d)), ("stroke-linejoin", "round")] + seriesStroke(i))
            }
            body.close("g")
        }
    }

    /// Splits increasing indices into runs of consecutive indices.
    private func finiteRuns(_ indices: [Int]) -> [[Int]] {
        var runs: [[Int]] = []
        for i in indices {
            if let last = runs.last?.last, last == i - 1 { runs[runs.count - 1].append(i) } else { runs.append([i]) }
        }
        return runs
    }

    private mutating func drawBars(_ groups: [Chart.BarGroup]) {
        let names = barSeriesNames(groups)
        let band = plot.width / Double(max(groups.count, 1))
        let groupWidth = min(band * 0.8, Double(max(names.count, 1)) * 70)
        let y0 = yMap(0)
        for (g, group) in groups.enumerated() {
            let barWidth = groupWidth / Double(max(group.bars.count, 1))
            let start = xMap(Double(g) + 0.5) - groupWidth / 2
            body.open("g", [("class", "bar-group")])
            for (k, bar) in group.bars.enumerated() where bar.value.isFinite {
                let i = names.firstIndex(of: bar.series) ?? 0
                let x0 = start + Double(k) * barWidth + 0.5
                let yv = yMap(bar.value)
                body.element("rect", [("x", .number(x0)), ("y", .number(min(yv, y0))), ("width", .number(max(barWidth - 1, 0.5))),
                                      ("height", .number(abs(y0 - yv))), ("fill", .string(seriesFill(i))),
                                      ("stroke", .string(ChartStyle.color(i))), ("stroke-width", 1)])
                if let e = bar.error, e.isFinite, e != 0 {
                    let cx = x0 + (barWidth - 1) / 2
                    let capHalf = min(6, barWidth * 0.25)
                    let lo = yMap(bar.value - abs(e)), hi = yMap(bar.value + abs(e))
                    body.element("path", [("class", "error-bar"),
                                          ("d", .string("M\(c(cx)) \(c(lo))V\(c(hi))M\(c(cx - capHalf)) \(c(lo))H\(c(cx + capHalf))M\(c(cx - capHalf)) \(c(hi))H\(c(cx + capHalf))")),
                                          ("fill", "none"), ("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.4)])
                }
            }
            body.close("g")
        }
    }

    private mutating func drawTornado(_ bars: [Chart.TornadoBar]) {
        let rowHeight = plot.height / Double(max(bars.count, 1))
        let thickness = min(20, rowHeight * 0.6)
        let commonBase = bars.first.map { first in bars.allSatisfy { $0.base == first.base } } ?? false
        for (r, bar) in bars.enumerated() {
            let cy = yMap(Double(r) + 0.5)
            let base = xMap(bar.base)
            body.open("g", [("class", "tornado-bar")])
            // The longer side first so that a shorter one on the same side stays visible.
            let sides = [(bar.low, 0), (bar.high, 1)].sorted { abs($0.0 - bar.base) > abs($1.0 - bar.base) }
            for (value, style) in sides where value.isFinite {
                let px = xMap(value)
                body.element("rect", [("x", .number(min(px, base))), ("y", .number(cy - thickness / 2)),
                                      ("width", .number(abs(px - base))), ("height", .number(thickness)),
                                      ("fill", .string(seriesFill(style))), ("stroke", .string(ChartStyle.color(style))),
                                      ("stroke-width", 1)])
            }
            if !commonBase {
                body.element("line", [("x1", .number(base)), ("y1", .number(cy - rowHeight / 2 + 2)), ("x2", .number(base)),
                                      ("y2", .number(cy + rowHeight / 2 - 2)), ("stroke", .string(ChartStyle.ink)),
                                      ("stroke-width", 1.5), ("stroke-dasharray", "5 3")])
            }
            body.close("g")
        }
        if commonBase, let first = bars.first {
            let px = xMap(first.base)
            body.element("line", [("class", "base-line"), ("x1", .number(px)), ("y1", .number(plot.top)), ("x2", .number(px)),
                                  ("y2", .number(plot.bottom)), ("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.5),
                                  ("stroke-dasharray", "5 3")])
        }
    }

    private mutating func drawBoxes(_ boxes: [Chart.BoxSummary]) {
        let band = plot.width / Double(max(boxes.count, 1))
        let w = min(56, band * 0.45)
        for (i, b) in boxes.enumerated() {
            let cx = xMap(Double(i) + 0.5)
            body.open("g", [("class", "box")])
            if b.p5.isFinite && b.p95.isFinite {
                let y5 = yMap(b.p5), y95 = yMap(b.p95)
                body.element("path", [("d", .string("M\(c(cx)) \(c(y5))V\(c(y95))M\(c(cx - w / 4)) \(c(y5))H\(c(cx + w / 4))M\(c(cx - w / 4)) \(c(y95))H\(c(cx + w / 4))")),
                                      ("fill", "none"), ("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.3)])
            }
            if b.p25.isFinite && b.p75.isFinite {
                let y25 = yMap(b.p25), y75 = yMap(b.p75)
                body.element("rect", [("x", .number(cx - w / 2)), ("y", .number(min(y25, y75))), ("width", .number(w)),
                                      ("height", .number(abs(y25 - y75)))] + ChartRenderer.boxStyle)
            }
            if b.p50.isFinite {
                let y50 = yMap(b.p50)
                body.element("line", [("x1", .number(cx - w / 2)), ("y1", .number(y50)), ("x2", .number(cx + w / 2)), ("y2", .number(y50))]
                             + ChartRenderer.medianStyle)
            }
            if b.mean.isFinite {
                drawMarker(.diamond, x: cx, y: yMap(b.mean), size: 5, color: ChartStyle.ink, filled: false)
            }
            body.close("g")
        }
    }

    private mutating func drawIntervals(_ rows: [Chart.Interval]) {
        if let scale = x.scale, scale.lower <= 0, scale.upper >= 0 {
            let px = xMap(0)
            body.element("line", [("class", "zero-reference"), ("x1", .number(px)), ("y1", .number(plot.top)), ("x2", .number(px)),
                                  ("y2", .number(plot.bottom)), ("stroke", .string(ChartStyle.ink)), ("stroke-width", 1.5)])
        }
        for (r, row) in rows.enumerated() {
            let cy = yMap(Double(r) + 0.5)
            body.open("g", [("class", "interval")])
            if row.lower.isFinite && row.upper.isFinite {
                let x0 = xMap(row.lower), x1 = xMap(row.upper)
                body.element("path", [("d", .string("M\(c(x0)) \(c(cy))H\(c(x1))M\(c(x0)) \(c(cy - 6))V\(c(cy + 6))M\(c(x1)) \(c(cy - 6))V\(c(cy + 6))")),
                                      ("fill", "none"), ("stroke", .string(ChartStyle.ink)), ("stroke-width", 2)])
            }
            if row.estimate.isFinite {
                drawMarker(.square, x: xMap(row.estimate), y: cy, size: 4.5, color: ChartStyle.color(0),
                           filled: !intervalContainsZero(row))
            }
            body.close("g")
        }
    }

    // MARK: - Annotations outside the clip

    /// Places the labels of marked points before any other label in the plot: a mark's label
    /// must sit by its point, while a reference line's label can move along its line.
    mutating func placeMarkLabels(_ kind: Chart.Kind) {
        guard case .lines(let series) = kind else { return }
        for (i, s) in series.enumerated() {
            for mark in s.marks where mark.x.isFinite && mark.y.isFinite {
                let px = xMap(mark.x), py = yMap(mark.y)
                guard plot.contains(x: px), plot.contains(y: py) else { continue }
                let w = TextMetrics.width(mark.label, fontSize: 10.5)
                let spot = placeLabel(width: w, fontSize: 10.5, candidates: [
                    (px + 7, py - 8, .start), (px - 7, py - 8, .end), (px + 7, py + 16, .start), (px - 7, py + 16, .end),
                    (px + 9, py + 4, .start), (px - 9, py + 4, .end),
                ])
                markPlacements.append(MarkPlacement(series: i, point: (px, py), label: spot, text: mark.label))
            }
        }
    }

    mutating func drawAnnotations(_ kind: Chart.Kind) {
        switch kind {
        case .lines(let series):
            // Point markers sit outside the clip so that those on the plot's edge stay whole;
            // points outside the plot are not drawn.
            for (i, s) in series.enumerated() where s.showsPoints {
                body.open("g", [("class", "points")])
                for j in 0..<min(s.x.count, s.y.count) where s.x[j].isFinite && s.y[j].isFinite {
                    let px = xMap(s.x[j]), py = yMap(s.y[j])
                    if plot.contains(x: px) && plot.contains(y: py) {
                        drawMarker(ChartStyle.marker(i), x: px, y: py, size: 3.5, color: ChartStyle.color(i))
                    }
                }
                body.close("g")
            }
            guard !markPlacements.isEmpty else { return }
            body.open("g", [("class", "marks"), ("font-size", 10.5)])
            for placed in markPlacements {
                drawMarker(ChartStyle.marker(placed.series), x: placed.point.x, y: placed.point.y, size: 4.5,
                           color: ChartStyle.color(placed.series), filled: false)
                body.element("text", [("x", .number(placed.label.x)), ("y", .number(placed.label.y)),
                                      ("text-anchor", .string(placed.label.anchor.rawValue))] + ChartRenderer.halo,
                             content: placed.text)
            }
            body.close("g")
        case .tornado(let bars):
            body.open("g", [("class", "value-labels"), ("font-size", 10.5), ("fill", .string(ChartStyle.ink))])
            for (r, bar) in sortedTornado(bars).enumerated() {
                let cy = yMap(Double(r) + 0.5) + 4
                let (left, right) = tornadoLabels(bar)
                if let left {
                    body.element("text", [("x", .number(xMap(min(bar.low, bar.high)) - 4)), ("y", .number(cy)), ("text-anchor", "end")],
                                 content: left)
                }
                if let right {
                    body.element("text", [("x", .number(xMap(max(bar.low, bar.high)) + 4)), ("y", .number(cy)), ("text-anchor", "start")],
                                 content: right)
                }
            }
            body.close("g")
        case .intervals(let rows):
            body.open("g", [("class", "value-labels"), ("font-size", 10.5), ("fill", .string(ChartStyle.ink))])
            for (r, row) in rows.enumerated() {
                body.element("text", [("x", .number(plot.right + 10)), ("y", .number(yMap(Double(r) + 0.5) + 4))],
                             content: intervalText(row))
            }
            body.close("g")
        default:
            break
        }
    }
}
