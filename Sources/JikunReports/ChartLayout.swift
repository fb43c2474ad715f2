/// What one axis of a chart shows: numbers on a scale, or a list of categories.
enum AxisContent {
    case continuous(NiceScale, Chart.TickFormat)
    case categories([String])

    var scale: NiceScale? {
        if case .continuous(let s, _) = self { return s }
        return nil
    }
    var categoryCount: Int {
        if case .categories(let c) = self { return c.count }
        return 0
    }
}

/// An entry in a chart's legend: a small drawing and its text.
struct LegendEntry {
    enum Swatch {
        /// A line in series style i, with its marker when `marker`.
        case line(Int, marker: Bool)
        /// A reference-style line (dark, dashed).
        case referenceLine
        /// A filled rectangle in series style i (colour and hatch).
        case fill(Int)
        /// A light tint of series colour i (an error band).
        case tint(Int)
        /// Box-plot glyphs.
        case box, whisker, meanDiamond
        /// Interval glyphs: filled and hollow square on a line.
        case intervalFilled, intervalHollow
        /// Text only.
        case none
    }
    var label: String
    var swatch: Swatch

    static let fontSize = 11.0
    static let rowHeight = 18.0
    static let swatchWidth = 24.0
    var width: Double {
        (swatch.isNone ? 0 : LegendEntry.swatchWidth + 5) + TextMetrics.width(label, fontSize: LegendEntry.fontSize) + 16
    }
}

extension LegendEntry.Swatch {
    var isNone: Bool { if case .none = self { return true } else { return false } }
}

/// The plot rectangle in SVG user units.
struct PlotRect {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }

    func contains(x: Double) -> Bool { x >= left - 1e-9 && x <= right + 1e-9 }
    func contains(y: Double) -> Bool { y >= top - 1e-9 && y <= bottom + 1e-9 }
}

/// Places labels along a line in rows so that none overlap: each label goes into the first
/// row whose last label ends (plus a gap) before it starts.
struct RowPacker {
    private var rowEnds: [Double] = []
    var gap = 6.0

    /// The row for a label spanning [start, end].
    mutating func place(start: Double, end: Double) -> Int {
        for (row, last) in rowEnds.enumerated() where last + gap <= start {
            rowEnds[row] = end
            return row
        }
        rowEnds.append(end)
        return rowEnds.count - 1
    }
    var rows: Int { rowEnds.count }
}
