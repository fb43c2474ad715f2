import Foundation

/// An RFC 4180 CSV file read whole into memory: quoted fields (with `""` escapes, commas and
/// line breaks inside), CRLF or LF line ends, an optional UTF-8 byte-order mark, a header row.
///
/// Fields are handed out as byte ranges so that amounts and dates parse without building a
/// `String` per field (adjudication reads a million claims at ≥ 300,000 rows a second).
/// yaslab/CSV.swift serves as the reference in the tests; it reads about 180,000 rows a second
/// here, too slow for that target, so this reader is our own.
public struct CSVDocument: Sendable {
    public let path: String
    public let header: [String]
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let bodyStart: Int
    private let columnIndexByName: [String: Int]

    public init(path: String) throws {
        try self.init(bytes: InputFile.bytes(path), path: path)
    }

    public init(bytes: [UInt8], path: String) throws {
        self.path = path
        self.bytes = bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var cursor = CSVCursor(start: start, line: 1)
        var fields: [CSVField] = []
        guard start < bytes.count, try Self.readRecord(bytes, &cursor, into: &fields, path: path) else {
            throw PolicyInputError.csv(file: path, row: 1, column: nil, message: "the file is empty: expected a header row")
        }
        let header = fields.map { $0.string(in: bytes).trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if index[name] != nil {
                throw PolicyInputError.csv(file: path, row: 1, column: name, message: "the column appears twice in the header")
            }
            index[name] = i
        }
        self.header = header
        self.columnIndexByName = index
        self.bodyStart = cursor.position
        if let bad = InputFile.firstInvalidUTF8(bytes) { throw try Self.encodingError(bytes, at: bad, start: start, header: header, path: path) }
    }

    /// Names the row and column holding the byte at `offset` that is not UTF-8: text is never
    /// silently replaced with U+FFFD.
    private static func encodingError(_ bytes: [UInt8], at offset: Int, start: Int, header: [String], path: String) throws -> PolicyInputError {
        var cursor = CSVCursor(start: start, line: 1)
        var fields: [CSVField] = []
        var row = 1, column: String? = nil
        while true {
            row = cursor.line
            guard try readRecord(bytes, &cursor, into: &fields, path: path) else { break }
            if cursor.position > offset || cursor.position >= bytes.count {
                if row > 1, let i = fields.lastIndex(where: { $0.range.lowerBound <= offset }) {
                    column = i < header.count ? header[i] : "\(i + 1) (beyond the header)"
                }
                break
            }
        }
        return .csv(file: path, row: row, column: column,
                    message: "not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true))): save the file as UTF-8")
    }

    public func columnIndex(_ name: String) -> Int? { columnIndexByName[name] }

    /// A guess at the number of records (for reserving capacity): bytes / header line length.
    public var estimatedRecords: Int { (bytes.count - bodyStart) / max(16, bodyStart) + 1 }

    /// The index of a column the file must have.
    public func requiredColumn(_ name: String) throws -> Int {
        guard let i = columnIndexByName[name] else {
            throw PolicyInputError.csv(file: path, row: 1, column: name,
                                       message: "missing column '\(name)' in the header (found: \(header.joined(separator: ", ")))")
        }
        return i
    }

    /// Calls `body` with each record after the header, in order. Blank lines are skipped; a
    /// record with a different number of fields than the header is an error — thrown, or handed
    /// to `onMalformed` (to be set aside under `--rejects`) when given. A quoted field left open
    /// always stops the read: nothing after it can be split reliably.
    public func forEachRecord(onMalformed: ((PolicyInputError, [String]) throws -> Void)? = nil,
                              _ body: (CSVRecord) throws -> Void) throws {
        var cursor = CSVCursor(start: bodyStart, line: 2)
        var fields: [CSVField] = []
        fields.reserveCapacity(header.count)
        while true {
            let line = cursor.line
            guard try Self.readRecord(bytes, &cursor, into: &fields, path: path) else { return }
            if fields.count == 1, fields[0].range.isEmpty, !fields[0].quoted { continue }
            guard fields.count == header.count else {
                let error = PolicyInputError.csv(file: path, row: line, column: nil,
                                                 message: "expected \(header.count) fields as in the header, got \(fields.count)")
                guard let onMalformed else { throw error }
                try onMalformed(error, fields.map { $0.string(in: bytes) })
                continue
            }
            try body(CSVRecord(document: self, fields: fields, row: line))
        }
    }

    @usableFromInline struct CSVCursor {
        var position: Int
        var line: Int
        init(start: Int, line: Int) {
            self.position = start
            self.line = line
        }
    }

    /// Reads one record at the cursor; false at the end of the file.
    private static func readRecord(_ bytes: [UInt8], _ cursor: inout CSVCursor, into fields: inout [CSVField], path: String) throws -> Bool {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        var i = cursor.position
        guard i < count else { return false }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        return try bytes.withUnsafeBufferPointer { buffer in
            while true {
                if i < count, buffer[i] == quote {
                    // Quoted field: runs to the closing quote; "" is an escaped quote.
                    let startLine = cursor.line
                    i += 1
                    let start = i
                    var escaped = false
                    while true {
                        guard i < count else {
                            throw PolicyInputError.csv(file: path, row: startLine, column: nil,
                                                       message: "a quoted field is not closed before the end of the file")
                        }
                        let b = buffer[i]
                        if b == quote {
                            if i + 1 < count, buffer[i + 1] == quote { escaped = true; i += 2; continue }
                            break
                        }
                        if b == lf { cursor.line += 1 }
                        i += 1
                    }
                    fields.append(CSVField(range: start..<i, quoted: true, escaped: escaped))
                    i += 1
                    if i < count, buffer[i] != comma, buffer[i] != lf, buffer[i] != cr {
                        throw PolicyInputError.csv(file: path, row: cursor.line, column: nil,
                                                   message: "unexpected character after a closing quote (a quote inside a field must be doubled)")
                    }
                } else {
                    let start = i
                    while i < count {
                        let b = buffer[i]
                        if b == comma || b == lf || b == cr { break }
                        i += 1
                    }
                    fields.append(CSVField(range: start..<i, quoted: false, escaped: false))
                }
                if i >= count { cursor.position = i; return true }
                let b = buffer[i]
                if b == comma { i += 1; if i >= count { fields.append(CSVField(range: i..<i, quoted: false, escaped: false)); cursor.position = i; return true }; continue }
                if b == cr { i += 1; if i < count, buffer[i] == lf { i += 1 } }
                else { i += 1 }
                cursor.line += 1
                cursor.position = i
                return true
            }
        }
    }
}

@usableFromInline struct CSVField: Sendable {
    @usableFromInline var range: Range<Int>
    @usableFromInline var quoted: Bool
    /// Holds `""` pairs that must be collapsed.
    @usableFromInline var escaped: Bool

    func string(in bytes: [UInt8]) -> String {
        guard escaped else { return String(decoding: bytes[range], as: UTF8.self) }
        // Collapse `""` byte by byte: a String replace compares grapheme clusters, and a quote
        // followed by a combining mark is one cluster that `""` would not match.
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            unescaped.append(bytes[i])
            i += bytes[i] == UInt8(ascii: "\"") && i + 1 < range.upperBound && bytes[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}

/// One record of a `CSVDocument`.
public struct CSVRecord {
    @usableFromInline let document: CSVDocument
    @usableFromInline let fields: [CSVField]
    /// The file line the record starts on (the header is row 1).
    public let row: Int

    @usableFromInline init(document: CSVDocument, fields: [CSVField], row: Int) {
        self.document = document
        self.fields = fields
        self.row = row
    }

    /// The field as text (quotes removed, `""` collapsed).
    public func string(_ column: Int) -> String { fields[column].string(in: document.bytes) }

    /// True when the field is empty (or only spaces).
    public func isEmpty(_ column: Int) -> Bool {
        withBytes(column) { $0.allSatisfy { $0 == UInt8(ascii: " ") } }
    }

    /// Calls `body` with the field's raw bytes (quotes removed; an escaped field is unescaped).
    @inlinable public func withBytes<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let field = fields[column]
        if field.escaped {
            let unescaped = Array(string(column).utf8)
            return try unescaped.withUnsafeBufferPointer(body)
        }
        return try document.bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[field.range]))
        }
    }

    /// Every field as text, for echoing a rejected row.
    public var strings: [String] { fields.indices.map(string) }

    public func error(_ column: Int?, _ message: String) -> PolicyInputError {
        .csv(file: document.path, row: row, column: column.map { document.header[$0] }, message: message)
    }
}
