import Foundation

/// Writes RFC 4180 CSV into a byte buffer: fields with a comma, quote or line break are quoted,
/// quotes doubled; lines end in LF.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        writeRow(header)
    }

    public mutating func writeRow(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one field of the current row; `first` omits the separating comma.
    public mutating func append(_ field: String, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        append(field)
    }

    public mutating func endRow() { bytes.append(UInt8(ascii: "\n")) }

    /// Appends a field known to need no quoting (a key, a code), skipping the scan.
    public mutating func appendPlain(_ field: String, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: field.utf8)
    }

    /// Appends an amount in fen as yuan with two decimals (`-12.05`), written digit by digit.
    public mutating func append(fen amount: Int64, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        var fen = amount
        if fen < 0 {
            bytes.append(UInt8(ascii: "-"))
            fen = -fen
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            var value = fen
            repeat {
                buffer[count] = UInt8(48 + value % 10)
                value /= 10
                count += 1
            } while value > 0 || count < 3
            for i in stride(from: count - 1, through: 0, by: -1) {
                if i == 1 { bytes.append(UInt8(ascii: ".")) }
                bytes.append(buffer[i])
            }
        }
    }

    private mutating func append(_ field: String) {
        let utf8 = field.utf8
        // A field that starts with U+FEFF is quoted too: at the start of a file it would read
        // back as a byte-order mark and be dropped.
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || utf8.starts(with: Self.byteOrderMark)
        guard needsQuotes else { bytes.append(contentsOf: utf8); return }
        bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// One CSV line (no line end) for `fields`, e.g. to echo a rejected row in one column.
    public static func line(_ fields: [String]) -> String {
        var writer = CSVWriter(header: fields)
        writer.bytes.removeLast()
        return writer.text
    }

    /// The UTF-8 byte-order mark, EF BB BF: Excel on a Chinese-language system reads a CSV
    /// file without one in the local code page (GBK) and garbles its Chinese text.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
