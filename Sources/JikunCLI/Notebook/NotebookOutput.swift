/// The text of an output block: how a command's standard output is normalised before it is
/// compared or written, and how a stale block is shown.
enum NotebookOutput {
    /// `raw` with trailing spaces, tabs and carriage returns removed from every line and
    /// trailing blank lines dropped, each line ending in exactly one `\n`; otherwise unchanged.
    /// Output with nothing visible in it becomes "" (an empty block).
    static func normalised(_ raw: String) -> String {
        var lines = splitLines(raw).map { trimmingTrailingBlanks($0) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The outputs of the commands of one console block, in order, as one block.
    static func joined(_ outputs: [String]) -> String {
        normalised(outputs.map(normalised).joined())
    }

    /// The lines of `text` without their terminators (`\n` or `\r\n`); "" has no lines and a
    /// final terminator does not start another.
    static func splitLines(_ text: String) -> [Substring] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// `text` without trailing spaces, tabs, carriage returns and newlines.
    static func trimmingTrailingBlanks<S: StringProtocol>(_ text: S) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard [" ", "\t", "\r", "\n", "\r\n"].contains(text[before]) else { break }
            end = before
        }
        return String(text[text.startIndex..<end])
    }

    /// `text` with every non-empty line indented by four spaces.
    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }
            .joined(separator: "\n")
    }

    /// A short unified-style diff of the first lines where `old` (the block in the notebook,
    /// whose first content line is line `firstLine` of the file) and `new` (the output now)
    /// differ: one line of context, then at most `limit` removed and `limit` added lines.
    /// Line numbers in the `@@` header are the notebook's.
    static func shortDiff(old: String, new: String, firstLine: Int, limit: Int = 5) -> String {
        let a = splitLines(old).map(String.init), b = splitLines(new).map(String.init)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let removed = a[prefix..<(a.count - suffix)], added = b[prefix..<(b.count - suffix)]
        let context = prefix > 0 ? 1 : 0
        let start = firstLine + prefix - context
        var lines = ["@@ -\(start),\(context + removed.count) +\(start),\(context + added.count) @@"]
        if context == 1 { lines.append(" " + a[prefix - 1]) }
        lines += removed.prefix(limit).map { "-" + $0 }
        if removed.count > limit { lines.append("… \(removed.count - limit) more removed lines") }
        lines += added.prefix(limit).map { "+" + $0 }
        if added.count > limit { lines.append("… \(added.count - limit) more added lines") }
        return lines.joined(separator: "\n")
    }
}
