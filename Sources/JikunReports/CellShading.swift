/// A heat map over a table: each shaded cell carries a value in 0…1 drawn as a colour (HTML) or
/// a shade glyph (Markdown, which has no colour).
///
/// The colours are ColorBrewer's sequential "Blues" (9 classes), interpolated linearly in RGB:
/// light for 0, dark for 1, one hue so the order reads without a legend and prints in grey.
public struct CellShading: Sendable, Equatable {
    /// `values[row][column]` in 0…1 (clamped); nil, or beyond the array: not shaded.
    public var values: [[Double?]]
    /// What the shade shows, for the legend, e.g. "share of the origin's estimated ultimate".
    public var legend: String

    public init(values: [[Double?]], legend: String) {
        self.values = values
        self.legend = legend
    }

    /// The value of a cell, clamped to 0…1; nil when the cell is not shaded or not finite.
    func value(row: Int, column: Int) -> Double? {
        guard row < values.count, column < values[row].count, let v = values[row][column], v.isFinite else { return nil }
        return Swift.min(1, Swift.max(0, v))
    }

    /// ColorBrewer Blues, 9 classes, from light to dark.
    static let blues: [(Double, Double, Double)] = [
        (247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
        (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107),
    ]

    /// `#rrggbb` for a value in 0…1.
    static func colour(_ t: Double) -> String {
        let x = Swift.min(1, Swift.max(0, t)) * Double(blues.count - 1)
        let i = Swift.min(Int(x), blues.count - 2), f = x - Double(i)
        let (a, b) = (blues[i], blues[i + 1])
        func hex(_ u: Double, _ v: Double) -> String {
            let c = Int((u + (v - u) * f).rounded())
            return String(c, radix: 16).count == 1 ? "0" + String(c, radix: 16) : String(c, radix: 16)
        }
        return "#" + hex(a.0, b.0) + hex(a.1, b.1) + hex(a.2, b.2)
    }

    /// Text on a dark cell is white: past the middle of the scale dark text loses contrast.
    static func textColour(_ t: Double) -> String { t > 0.55 ? "#ffffff" : "#1d1d1d" }

    /// Markdown: a quarter of the scale per glyph.
    static let glyphs = ["░", "▒", "▓", "█"]
    static func glyph(_ t: Double) -> String { glyphs[Swift.min(glyphs.count - 1, Int(t * Double(glyphs.count)))] }

    /// The legend line under a Markdown table.
    var markdownLegend: String {
        "Shading: " + legend + " — ░ below 25 %, ▒ 25–50 %, ▓ 50–75 %, █ 75 % and above."
    }
}
