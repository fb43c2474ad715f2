/// A check run before TOMLKit parses a file: toml++ (TOMLKit's C++ parser) traps on an
/// assertion, rather than reporting an error, when a table header's first key starts with a
/// character no key can start with (`[ +x]`, `[[ §]]`, `[` and a line end; found by Fuzz/
/// `fuzz-edition` and the mutation test). This
/// finds such a header and reports it as toml++ reports the same fault after a dot.
enum TOMLHeaderCheck {
    /// The first table header in `text` whose first key cannot start as it does, with its
    /// 1-based line and column (of the offending character), or nil.
    ///
    /// Headers are looked for only where one can begin: at the start of a line, outside a
    /// multi-line string and outside an array or inline table that spans lines.
    static func badHeader(in text: String) -> (line: Int, column: Int, character: Character, rule: String)? {
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0
        var depth = 0                  // open [ or { of a value
        var multiline: String?         // the closing delimiter of an open multi-line string
        var atLineStart = true

        func isKeyStart(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'", "]": true
            default: false
            }
        }
        func starts(_ s: String, at index: Int) -> Bool {
            let p = Array(s.unicodeScalars)
            return index + p.count <= scalars.count && Array(scalars[index..<index + p.count]) == p
        }

        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" {
                i += 1; line += 1; lineStart = i; atLineStart = true
                continue
            }
            if let close = multiline {
                if c == "\\" && close == "\"\"\"" { i += 2; continue }
                if starts(close, at: i) { multiline = nil; i += 3 } else { i += 1 }
                continue
            }
            if atLineStart && (c == " " || c == "\t") { i += 1; continue }
            if atLineStart && depth == 0 && c == "[" {
                var j = i + 1
                if j < scalars.count && scalars[j] == "[" { j += 1 }
                while j < scalars.count && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
                // The end of the file is reported well by toml++; a line end is not.
                if j < scalars.count, !isKeyStart(scalars[j]) {
                    return (line, j - lineStart + 1, Character(scalars[j]), "a table header's key must start with a letter, digit, _, - or a quote")
                }
                // The header itself: skip to the end of the line (a comment may follow).
                while i < scalars.count && scalars[i] != "\n" { i += 1 }
                continue
            }
            atLineStart = false
            switch c {
            case "#":
                while i < scalars.count && scalars[i] != "\n" { i += 1 }
            case "\"", "'":
                let triple = String(repeating: String(c), count: 3)
                if starts(triple, at: i) {
                    multiline = triple; i += 3
                } else {
                    i += 1
                    while i < scalars.count, scalars[i] != c, scalars[i] != "\n" {
                        i += (c == "\"" && scalars[i] == "\\") ? 2 : 1
                    }
                    if i < scalars.count, scalars[i] == c { i += 1 }
                }
            case ",":
                // A comma followed by another comma or a `}` leaves toml++ expecting a value at a
                // terminator, where it traps on an assertion (`[0.1,}`: found by fuzz-scenario).
                var j = i + 1, l = line, ls = lineStart
                while j < scalars.count, [" ", "\t", "\r", "\n"].contains(scalars[j]) {
                    if scalars[j] == "\n" { l += 1; ls = j + 1 }
                    j += 1
                }
                if j < scalars.count, scalars[j] == "," || scalars[j] == "}" {
                    return (l, j - ls + 1, Character(scalars[j]), "a value must follow ','")
                }
                i += 1
            case "[", "{": depth += 1; i += 1
            case "]", "}": depth = max(0, depth - 1); i += 1
            default: i += 1
            }
        }
        return nil
    }
}
