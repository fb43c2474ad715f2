/// A check run before TOMLKit parses a file: toml++ (TOMLKit's C++ parser) traps on an
/// assertion, rather than reporting an error, when a table header's first key starts with a
/// character no key can start with (`[ +x]`, `[[ §]]`, `[` and a line end; found by Fuzz/
/// `fuzz-edition` and the mutation test), when a value is missing after a comma, and when a
/// value date's `T` has no time after it. This finds such faults and reports them as toml++
/// reports its own.
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
        func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
            default: false
            }
        }
        func isDigit(_ index: Int) -> Bool { index < scalars.count && ("0"..."9").contains(scalars[index]) }
        /// At a token starting at `index` in a value position (after `=`, or `[` or `,` in an
        /// array): the index of the character after a date's `T` when no digit is there.
        func badDateTime(at index: Int) -> Int? {
            var k = index - 1
            while k >= 0, scalars[k] == " " || scalars[k] == "\t" { k -= 1 }
            guard k >= 0, scalars[k] == "=" || (depth > 0 && (scalars[k] == "[" || scalars[k] == ",")) else { return nil }
            let shape = [true, true, true, true, false, true, true, false, true, true]
            for (offset, digit) in shape.enumerated() {
                if digit ? !isDigit(index + offset) : !(index + offset < scalars.count && scalars[index + offset] == "-") { return nil }
            }
            let separator = index + 10
            guard separator < scalars.count, scalars[separator] == "T" || scalars[separator] == "t" else { return nil }
            if isDigit(separator + 1) { return nil }
            return separator + 1 < scalars.count ? separator + 1 : separator
        }
        /// The first index after `index` that is not white space, a line end or a comment, with
        /// its line and that line's start.
        func nextSignificant(after index: Int) -> (index: Int, line: Int, lineStart: Int) {
            var j = index + 1, l = line, ls = lineStart
            while j < scalars.count {
                if scalars[j] == "#" {
                    while j < scalars.count && scalars[j] != "\n" { j += 1 }
                    continue
                }
                guard [" ", "\t", "\r", "\n"].contains(scalars[j]) else { break }
                if scalars[j] == "\n" { l += 1; ls = j + 1 }
                j += 1
            }
            return (j, l, ls)
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
                let (j, l, ls) = nextSignificant(after: i)
                if j < scalars.count, scalars[j] == "," || scalars[j] == "}" {
                    return (l, j - ls + 1, Character(scalars[j]), "a value must follow ','")
                }
                i += 1
            case "[":
                // An array's first value may not be a terminator either (`[}`: found by fuzz-scenario).
                let (j, l, ls) = nextSignificant(after: i)
                if j < scalars.count, scalars[j] == "," || scalars[j] == "}" {
                    return (l, j - ls + 1, Character(scalars[j]), "a value or ']' must follow '['")
                }
                depth += 1; i += 1
            case "{": depth += 1; i += 1
            case "]", "}": depth = max(0, depth - 1); i += 1
            case "0"..."9":
                // A value date YYYY-MM-DD followed by 'T' or 't' and no digit sends toml++ to read a
                // time, where it traps on an assertion (`end = 2021-10-31t:`: found by fuzz-edition).
                if let bad = badDateTime(at: i) { return (line, bad - lineStart + 1, Character(scalars[bad]), "a date's 'T' must be followed by a time HH:MM:SS") }
                while i < scalars.count, isBareKeyScalar(scalars[i]) || scalars[i] == ":" || scalars[i] == "." || scalars[i] == "+" { i += 1 }
            default: i += 1
            }
        }
        return nil
    }
}
