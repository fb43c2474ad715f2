/// A plain-text table with columns padded to their widths (CJK characters count double, as a
/// terminal shows them). Numeric columns align right.
import Foundation

public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []
    public var rightAligned: Set<Int>

    public init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    public var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { Self.displayWidth($0[c]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - Self.displayWidth(cell))
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Groups a number's digits by thousands for reading, `12,345,678.90` (CSV files keep plain amounts).
public func grouped(_ value: Double, decimals: Int = 0) -> String {
    grouped(String(format: "%.\(decimals)f", value))
}

/// `12,345,678.90`: yuan with thousands separators for reading (CSV files keep plain amounts).
public func grouped(_ text: String) -> String {
    var sign = "", body = Substring(text)
    if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard body.first?.isNumber == true else { return text }  // "", "inf", "nan": nothing to group
    var whole = String(parts[0])
    var groups: [String] = []
    while whole.count > 3 {
        groups.insert(String(whole.suffix(3)), at: 0)
        whole.removeLast(3)
    }
    groups.insert(whole, at: 0)
    return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
}
