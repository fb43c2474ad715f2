/// Splits one notebook command line into arguments, as a POSIX shell would for a simple
/// command, and refuses everything that would make it more than a simple command.
///
/// Supported: words separated by spaces or tabs; `'…'` (everything literal); `"…"` (literal
/// except `\"`, `\\`, `` \` `` and `\$`); a backslash outside quotes making the next character
/// literal; `#` at the start of a word beginning a comment. Not done: globbing (`*` and `?` are
/// passed as they are), `~` expansion, variables.
///
/// Refused outside quotes, so that a line never means one thing here and another in a shell:
/// pipes `|`, redirection `<` `>`, command lists `;` `&` `&&`, variables and command
/// substitution `$` `` ` ``, subshells `(` `)`.
enum ShellWords {
    struct Failure: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The words of `line`, quotes removed.
    static func split(_ line: String) throws(Failure) -> [String] {
        let s = Array(line.unicodeScalars)
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        var i = 0

        func endWord() {
            if inWord { words.append(String(word)) }
            word = String.UnicodeScalarView()
            inWord = false
        }

        while i < s.count {
            let c = s[i]
            switch c {
            case " ", "\t":
                endWord()
                i += 1
            case "'":
                inWord = true
                guard let close = s[(i + 1)...].firstIndex(of: "'") else {
                    throw Failure(message: "a single quote (') is never closed")
                }
                word.append(contentsOf: s[(i + 1)..<close])
                i = close + 1
            case "\"":
                inWord = true
                i += 1
                while true {
                    guard i < s.count else { throw Failure(message: "a double quote (\") is never closed") }
                    let d = s[i]
                    if d == "\"" { i += 1; break }
                    if d == "\\", i + 1 < s.count, "\"\\$`".unicodeScalars.contains(s[i + 1]) {
                        word.append(s[i + 1])
                        i += 2
                    } else if d == "$" || d == "`" {
                        throw Failure(message: "\(name(d)) inside double quotes is not supported (no variables or command substitution): write \\\(d) or use single quotes")
                    } else {
                        word.append(d)
                        i += 1
                    }
                }
            case "\\":
                guard i + 1 < s.count else { throw Failure(message: "the command ends with a lone backslash") }
                inWord = true
                word.append(s[i + 1])
                i += 2
            case "#" where !inWord:
                i = s.count   // a comment runs to the end of the line
            case "|":
                throw Failure(message: "pipes (`|`) are not supported: a notebook runs one jikun command per `$ ` line, not a shell")
            case "<", ">":
                throw Failure(message: "redirection (`\(c)`) is not supported: write files with the command's own options (e.g. --out notebooks-md/out/…)")
            case ";", "&":
                let op = c == "&" && i + 1 < s.count && s[i + 1] == "&" ? "&&" : String(c)
                throw Failure(message: "`\(op)` is not supported: put each command on its own `$ ` line")
            case "$", "`":
                throw Failure(message: "\(name(c)) is not supported (no variables or command substitution): quote it with '…' if it is meant literally")
            case "(", ")":
                throw Failure(message: "`\(c)` is not supported: quote it with '…' if it is meant literally")
            default:
                inWord = true
                word.append(c)
                i += 1
            }
        }
        endWord()
        return words
    }

    /// "`$`", or "a backquote (`)" (which cannot sit inside backquotes).
    private static func name(_ c: Unicode.Scalar) -> String {
        c == "`" ? "a backquote (`)" : "`\(c)`"
    }
}
