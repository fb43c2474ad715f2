/// Escaping for the three output languages, and a rough measure of text width for layout.
enum TextEscaping {
    /// Text for XML/HTML content or a double-quoted attribute: & < > " ' become references, and
    /// control characters that XML 1.0 forbids are dropped (tab, newline and return are kept).
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for Markdown running text: characters that could start emphasis, code, links, HTML
    /// or a table cell are backslash-escaped; a line that would start a heading, quote or list
    /// has its first character escaped. Line breaks become spaces when `singleLine`.
    static func markdown(_ text: String, singleLine: Bool = false, guardLineStart: Bool = true) -> String {
        var lines: [String] = []
        let source = singleLine ? [collapseLines(text)] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in source {
            var out = ""
            let scalars = Array(line.unicodeScalars)
            for (i, s) in scalars.enumerated() {
                switch s {
                case "\\", "`", "*", "_", "[", "]", "<", "|":
                    out += "\\"
                    out.unicodeScalars.append(s)
                case "&":
                    // Escape only where it could begin an entity reference.
                    if i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || scalars[i + 1] == "#" {
                        out += "\\&"
                    } else {
                        out += "&"
                    }
                default:
                    let v = s.value
                    if v < 0x20 && s != "\t" { continue }
                    out.unicodeScalars.append(s)
                }
            }
            lines.append(guardLineStart ? escapeLineStart(out) : out)
        }
        return lines.joined(separator: "\n")
    }

    /// Text for one Markdown table cell: escaped and on one line. A leading "-" or "#" means
    /// nothing inside a cell, so it is left alone (a pasted "-6.1" stays a number).
    static func markdownCell(_ text: String) -> String {
        markdown(text, singleLine: true, guardLineStart: false).trimmingSpaces()
    }

    private static func collapseLines(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Escapes a leading "#", ">", "+", "-", "=" or "1." so that a line stays a paragraph line.
    private static func escapeLineStart(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " }
        let indent = String(line.prefix(line.count - trimmed.count))
        guard let first = trimmed.first else { return line }
        if "#>+-=~".contains(first) {
            return indent + "\\" + trimmed
        }
        if first.isASCII, first.isNumber {
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            let rest = trimmed.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first.map({ $0 == " " }) ?? true {
                return indent + digits + "\\" + rest
            }
        }
        return line
    }
}

/// Estimated rendered width of text in a sans-serif font, for layout decisions (margins,
/// label wrapping, overlap). Deliberately generous: CJK ideographs and full-width forms count
/// 1 em, capitals and digits 0.64 em, most lower case 0.54 em, narrow glyphs 0.3 em.
enum TextMetrics {
    static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars { em += advance(scalar) }
        return em * fontSize
    }

    static func advance(_ s: Unicode.Scalar) -> Double {
        let v = s.value
        if isWide(v) { return 1.0 }
        switch s {
        case " ", "i", "l", "j", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", "f", "t", "I":
            return 0.32
        case "m", "w", "M", "W", "%", "@":
            return 0.9
        case "A"..."Z", "0"..."9", "#", "$", "&", "?", "+", "=", "<", ">", "~":
            return 0.66
        default:
            return v < 0x80 ? 0.56 : 0.62
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Greedy line breaking so that each line is at most `maxWidth` wide where possible.
    /// Lines break at spaces and where Latin text meets CJK text; a run of CJK characters is
    /// split between characters only when it is too wide on its own; an over-long Latin word
    /// stays whole.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        guard width(text, fontSize: fontSize) > maxWidth else { return [text] }
        var tokens: [(text: String, spaceBefore: Bool)] = []
        var current = ""
        var currentIsWide = false
        var pendingSpace = false
        func flush() {
            guard !current.isEmpty else { return }
            if currentIsWide && width(current, fontSize: fontSize) > maxWidth {
                for (i, ch) in current.enumerated() { tokens.append((String(ch), i == 0 && pendingSpace)) }
            } else {
                tokens.append((current, pendingSpace))
            }
            pendingSpace = false
            current = ""
        }
        for ch in text {
            if ch == " " {
                flush()
                pendingSpace = true
                continue
            }
            let wide = ch.unicodeScalars.first.map { isWide($0.value) } ?? false
            if !current.isEmpty && wide != currentIsWide { flush() }
            currentIsWide = wide
            current.append(ch)
        }
        flush()
        var lines: [String] = []
        var line = ""
        for token in tokens {
            let candidate = line.isEmpty ? token.text : line + (token.spaceBefore ? " " : "") + token.text
            if !line.isEmpty && width(candidate, fontSize: fontSize) > maxWidth {
                lines.append(line)
                line = token.text
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
