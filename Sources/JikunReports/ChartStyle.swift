/// Colours, dash patterns, markers and hatching. Series differ in three ways at once (hue,
/// dash or hatch, marker shape), so a chart printed in greyscale stays readable. The hues are
/// the Okabe–Ito palette, chosen to be distinguishable with colour-vision deficiencies.
enum ChartStyle {
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans', sans-serif"
    static let ink = "#222222"
    static let axis = "#555555"
    static let grid = "#e3e3e3"

    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    /// Stroke dash arrays for lines, by series index.
    static let dashes = ["", "7 3", "2 3", "9 3 2 3", "4 4", "1 2", "12 4"]
    /// Hatch patterns for filled areas, by series index (nil: solid).
    static let hatches: [Hatch?] = [nil, .diagonal, .crossed, .dots, .backDiagonal, .horizontal, .vertical]

    enum Hatch { case diagonal, backDiagonal, crossed, dots, horizontal, vertical }
    enum Marker: CaseIterable { case circle, square, triangle, diamond, cross }

    static func color(_ i: Int) -> String { palette[i % palette.count] }
    static func dash(_ i: Int) -> String { dashes[i % dashes.count] }
    static func hatch(_ i: Int) -> Hatch? { hatches[i % hatches.count] }
    static func marker(_ i: Int) -> Marker { Marker.allCases[i % Marker.allCases.count] }

    /// Band fills: a light tint (differing in lightness as well as hue) with a hatch in a
    /// darker tone for the bands that call for attention.
    static func band(_ role: Chart.BandRole) -> (tint: String, ink: String, hatch: Hatch?) {
        switch role {
        case .refund: return ("#d7efe4", "#00734f", nil)
        case .neutral: return ("#efefef", "#555555", nil)
        case .shared: return ("#fbe8bf", "#9a6a00", .diagonal)
        case .excess: return ("#f7d3c2", "#a3410a", .crossed)
        case .highlight: return ("#d6e8f5", "#005a8c", .dots)
        }
    }
}
