import Foundation

/// Deterministic number formatting: the same Double always gives the same text, whatever the
/// locale (no `String(format:)`, no `NumberFormatter`).
///
/// Rounding is half away from zero on the binary value (so 1.005 may print as "1.00": the
/// double nearest 1.005 is just below it). Thousands are grouped with "," from 1,000 up.
enum NumberText {
    /// U+2212 MINUS SIGN, used in SVG labels; tables and Markdown keep the ASCII hyphen so that
    /// pasted numbers stay numbers in a spreadsheet.
    static let typographicMinus = "\u{2212}"

    /// `x` with exactly `decimals` digits after the point (0…12).
    static func fixed(_ x: Double, decimals: Int, grouping: Bool = true, typographic: Bool = false) -> String {
        guard x.isFinite else {
            if x.isNaN { return "NaN" }
            return x < 0 ? (typographic ? typographicMinus : "-") + "∞" : "∞"
        }
        let d = min(max(decimals, 0), 12)
        let scale = power10(d)
        let scaled = (x.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return x < 0 ? "-\((-x).description)" : x.description }
        let digits = String(UInt64(scaled))
        var integerPart: Substring
        var fraction: Substring = ""
        if d > 0 {
            let padded = String(repeating: "0", count: max(0, d + 1 - digits.count)) + digits
            integerPart = padded.dropLast(d)
            fraction = padded.suffix(d)
        } else {
            integerPart = Substring(digits)
        }
        var text = grouping ? group(integerPart) : String(integerPart)
        if d > 0 { text += "." + fraction }
        if x < 0 && scaled != 0 { text = (typographic ? typographicMinus : "-") + text }
        return text
    }

    /// `x` to `digits` significant figures, but never in exponent notation and never with
    /// more than 12 decimals: 1234.5 → "1,235" (4), 0.012345 → "0.01235" (4), 0 → "0".
    static func significant(_ x: Double, digits: Int, typographic: Bool = false) -> String {
        guard x.isFinite, x != 0 else { return fixed(x, decimals: 0, typographic: typographic) }
        let exponent = Int(log10(x.magnitude).rounded(.down))
        return fixed(x, decimals: max(0, digits - 1 - exponent), typographic: typographic)
    }

    /// A tick label: `x` in the axis format with as many decimals as the tick step needs.
    /// `stepExponent` is k in step = m·10^k (m ∈ {1, 2, 5}), as found by ``NiceScale``.
    static func tick(_ x: Double, format: Chart.TickFormat, stepExponent: Int) -> String {
        let shift = displayShift(format)
        let decimals = max(0, -(stepExponent + shift))
        let text = fixed(x * power10Signed(shift), decimals: decimals, typographic: true)
        return format == .percent ? text + "%" : text
    }

    /// A data value for a table or a label: 4 significant figures (3 for percentages) in the
    /// axis format, e.g. 0.8534 → "85.3%", 12_345_678 in millions → "12.35".
    /// Trailing zeros after the point are dropped: 7.000 → "7", 85.0% → "85%".
    static func value(_ x: Double, format: Chart.TickFormat, typographic: Bool = false) -> String {
        switch format {
        case .plain: return trimmed(significant(x, digits: 4, typographic: typographic))
        case .percent: return trimmed(significant(x * 100, digits: 3, typographic: typographic)) + "%"
        case .thousands: return trimmed(significant(x / 1e3, digits: 4, typographic: typographic))
        case .millions: return trimmed(significant(x / 1e6, digits: 4, typographic: typographic))
        }
    }

    /// Drops trailing zeros after a decimal point, and the point if nothing follows it.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    /// An SVG coordinate: at most 2 decimals, trailing zeros dropped, no grouping.
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let text = trimmed(fixed(x, decimals: 2, grouping: false))
        return text == "-0" ? "0" : text
    }

    /// The power of ten a format multiplies values by before printing (percent: +2).
    static func displayShift(_ format: Chart.TickFormat) -> Int {
        switch format {
        case .plain: return 0
        case .percent: return 2
        case .thousands: return -3
        case .millions: return -6
        }
    }

    /// 10^n for n ≥ 0, exactly (a product of exact powers, not `pow`).
    static func power10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(n, 0) { result *= 10 }
        return result
    }

    /// 10^n for any integer n, as the nearest double (division by an exact power for n < 0).
    static func power10Signed(_ n: Int) -> Double {
        n >= 0 ? power10(n) : 1 / power10(-n)
    }

    private static func group(_ digits: Substring) -> String {
        guard digits.count > 3 else { return String(digits) }
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return result
    }
}

