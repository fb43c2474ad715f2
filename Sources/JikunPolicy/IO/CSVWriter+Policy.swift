import JikunTables

extension CSVWriter {
    /// Appends an amount as yuan with two decimals.
    public mutating func append(_ money: Money, first: Bool) { append(fen: money.fen, first: first) }

    /// Writes the buffer to `path` atomically (replacing it), through `OutputFile`, after a
    /// UTF-8 byte-order mark when `byteOrderMark` is true. Our own reader (`CSVDocument`)
    /// skips the mark.
    public func write(to path: String, byteOrderMark: Bool = false) throws {
        try OutputFile.write(byteOrderMark ? Self.byteOrderMark + bytes : bytes, to: path)
    }
}
