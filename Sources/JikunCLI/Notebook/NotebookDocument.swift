/// A Markdown notebook (notebooks-md/README.md): the console blocks holding `$ jikun …`
/// commands, each with the output block below it, and every other byte of the file kept as it
/// was so that a rewrite changes output blocks only.
struct NotebookDocument: Sendable {
    /// One line of the file: `content` without its terminator, which is "\n", "\r\n", or "" for
    /// a last line without one. Joining `content + terminator` gives the file back exactly.
    struct Line: Equatable, Sendable {
        var content: String
        var terminator: String
    }

    /// A code fence (CommonMark): up to three spaces, then three or more backticks or tildes,
    /// then the info string, whose first word says what the block is.
    struct Fence: Equatable, Sendable {
        var indent: Int
        var marker: Unicode.Scalar
        var length: Int
        var info: String

        var kind: Substring { info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "" }
        var isConsole: Bool { kind == "console" || kind == "sh" }
        var isOutput: Bool { kind == "output" }
    }

    /// One `$ jikun …` command.
    struct Command: Equatable, Sendable {
        /// The line of its `$ ` (1-based).
        var line: Int
        /// The command as written, without `$ ` and with continuation lines joined.
        var text: String
        /// Its words after `jikun`.
        var arguments: [String]
    }

    /// An output block: lines `open` and `close` (0-based indices into `lines`) are its fences.
    struct OutputBlock: Equatable, Sendable {
        var open: Int
        var close: Int
        var fence: Fence
        /// Its lines, less the fence's indentation, each ending in "\n".
        var content: String
    }

    /// A console block with its commands and the output block below it, if any.
    struct Cell: Equatable, Sendable {
        /// The console block's opening fence (1-based line).
        var line: Int
        /// The console block's closing fence (0-based index into `lines`).
        var close: Int
        var fence: Fence
        var commands: [Command]
        var output: OutputBlock?

        /// "`jikun …` (line 12)", or "the 3 commands at lines 12–14".
        var label: String {
            guard let first = commands.first, let last = commands.last else { return "the console block at line \(line)" }
            if commands.count == 1 { return "`\(first.text)` (line \(first.line))" }
            return "the \(commands.count) commands at lines \(first.line)–\(last.line)"
        }
    }

    /// How a notebook is named in messages.
    let path: String
    let lines: [Line]
    let cells: [Cell]

    /// The whole file, exactly as read.
    var text: String { lines.map { $0.content + $0.terminator }.joined() }

    /// Parses `text`; throws `NotebookError.syntax` naming `path` and the line on a console block
    /// that is not closed, holds a line not starting with `$ `, or a command that is not a plain
    /// `jikun …` command; or on an output block that does not follow a console block.
    init(text: String, path: String) throws(NotebookError) {
        self.path = path
        let lines = Self.lines(of: text)
        self.lines = lines
        var cells: [Cell] = []
        var i = 0
        while i < lines.count {
            guard let fence = Self.openingFence(lines[i].content) else { i += 1; continue }
            let close = Self.closingIndex(of: fence, openedAt: i, in: lines)
            if fence.isOutput {
                throw .syntax(path: path, line: i + 1, message:
                    "an output block must come right after a console block (only blank lines between)")
            }
            guard fence.isConsole else { i = close + 1; continue }
            guard close < lines.count else {
                throw .syntax(path: path, line: i + 1, message: "the \(fence.kind) block is never closed")
            }
            let body = lines[(i + 1)..<close].map { Self.dedent($0.content, by: fence.indent) }
            let commands = try Self.commands(in: body, firstLine: i + 2, path: path)
            guard !commands.isEmpty else {
                throw .syntax(path: path, line: i + 1, message: "the \(fence.kind) block has no `$ jikun …` command")
            }
            var cell = Cell(line: i + 1, close: close, fence: fence, commands: commands, output: nil)
            i = close + 1
            var next = i
            while next < lines.count, lines[next].content.allSatisfy({ $0 == " " || $0 == "\t" }) { next += 1 }
            if next < lines.count, let outputFence = Self.openingFence(lines[next].content), outputFence.isOutput {
                let outputClose = Self.closingIndex(of: outputFence, openedAt: next, in: lines)
                guard outputClose < lines.count else {
                    throw .syntax(path: path, line: next + 1, message: "the output block is never closed")
                }
                let content = lines[(next + 1)..<outputClose]
                    .map { Self.dedent($0.content, by: outputFence.indent) + "\n" }.joined()
                cell.output = OutputBlock(open: next, close: outputClose, fence: outputFence, content: content)
                i = outputClose + 1
            }
            cells.append(cell)
        }
        self.cells = cells
    }

    /// A change `rewritten(outputs:)` made: the output block whose opening fence is at `line`
    /// (1-based, in the new text) was inserted or replaced.
    struct Change: Equatable, Sendable {
        var line: Int
        var inserted: Bool
        var cell: Cell
    }

    /// The text with each cell's output block holding `outputs[i]` (normalised, see
    /// `NotebookOutput.normalised`), and the blocks that changed. A missing block is inserted
    /// right after the console block; a block whose fence is too short for its new content is
    /// given a longer one. Every other line is kept byte for byte.
    func rewritten(outputs: [String]) -> (text: String, changes: [Change]) {
        precondition(outputs.count == cells.count, "one output per cell")
        var text = ""
        var emitted = 0, next = 0
        var changes: [Change] = []

        func copy(upTo end: Int) {
            for line in lines[next..<end] { text += line.content + line.terminator }
            emitted += end - next
            next = end
        }
        func emitBlock(indent: Int, fence: String, info: String, open: String?, close: String?,
                       content: String, eol: String, closeEOL: String) {
            let pad = String(repeating: " ", count: indent)
            text += (open ?? pad + fence + info) + eol
            for line in NotebookOutput.splitLines(content) {
                text += (line.isEmpty ? "" : pad) + line + eol
            }
            text += (close ?? pad + fence) + closeEOL
            emitted += NotebookOutput.splitLines(content).count + 2
        }

        for (cell, output) in zip(cells, outputs) {
            if let block = cell.output {
                guard block.content != output else { continue }
                copy(upTo: block.open)
                changes.append(Change(line: emitted + 1, inserted: false, cell: cell))
                let needed = Self.fenceLength(for: output, marker: block.fence.marker)
                let keep = block.fence.length >= needed
                let fence = String(repeating: Character(block.fence.marker), count: max(needed, block.fence.length))
                let eol = lines[block.open].terminator.isEmpty ? "\n" : lines[block.open].terminator
                emitBlock(indent: block.fence.indent, fence: fence, info: block.fence.info,
                          open: keep ? lines[block.open].content : nil,
                          close: keep ? lines[block.close].content : nil,
                          content: output, eol: eol, closeEOL: lines[block.close].terminator)
                next = block.close + 1
            } else {
                copy(upTo: cell.close + 1)
                let eol = lines[cell.close].terminator.isEmpty ? "\n" : lines[cell.close].terminator
                if lines[cell.close].terminator.isEmpty { text += eol }
                changes.append(Change(line: emitted + 1, inserted: true, cell: cell))
                let fence = String(repeating: "`", count: Self.fenceLength(for: output, marker: "`"))
                emitBlock(indent: cell.fence.indent, fence: fence, info: "output", open: nil, close: nil,
                          content: output, eol: eol, closeEOL: eol)
            }
        }
        copy(upTo: lines.count)
        return (text, changes)
    }

    // MARK: - Lines and fences

    /// The lines of `text`, split after each "\n" (a "\r" before it belongs to the terminator).
    static func lines(of text: String) -> [Line] {
        var result: [Line] = []
        var current = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if u == "\n" {
                if current.last == "\r" {
                    current.removeLast()
                    result.append(Line(content: String(current), terminator: "\r\n"))
                } else {
                    result.append(Line(content: String(current), terminator: "\n"))
                }
                current = String.UnicodeScalarView()
            } else {
                current.append(u)
            }
        }
        if !current.isEmpty { result.append(Line(content: String(current), terminator: "")) }
        return result
    }

    /// The fence `line` opens, if it is one.
    static func openingFence(_ line: String) -> Fence? {
        let s = Array(line.unicodeScalars)
        var i = 0
        while i < s.count, s[i] == " " { i += 1 }
        guard i <= 3, i < s.count, s[i] == "`" || s[i] == "~" else { return nil }
        let marker = s[i]
        var j = i
        while j < s.count, s[j] == marker { j += 1 }
        guard j - i >= 3 else { return nil }
        let info = s[j...].drop(while: { $0 == " " || $0 == "\t" })
        if marker == "`", info.contains("`") { return nil }
        var infoText = String(String.UnicodeScalarView(info))
        while let last = infoText.last, last == " " || last == "\t" { infoText.removeLast() }
        return Fence(indent: i, marker: marker, length: j - i, info: infoText)
    }

    /// Whether `line` closes `fence`: up to three spaces, at least as many of the same marker,
    /// then only blanks.
    static func closes(_ line: String, _ fence: Fence) -> Bool {
        let s = Array(line.unicodeScalars)
        var i = 0
        while i < s.count, s[i] == " " { i += 1 }
        guard i <= 3 else { return false }
        var j = i
        while j < s.count, s[j] == fence.marker { j += 1 }
        return j - i >= fence.length && s[j...].allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The index of the line closing `fence` opened at `open`, or `lines.count` when none does.
    static func closingIndex(of fence: Fence, openedAt open: Int, in lines: [Line]) -> Int {
        var j = open + 1
        while j < lines.count, !closes(lines[j].content, fence) { j += 1 }
        return j
    }

    /// The shortest fence (at least 3) of `marker` that no line of `content` would close.
    static func fenceLength(for content: String, marker: Unicode.Scalar) -> Int {
        var longest = 0
        for line in NotebookOutput.splitLines(content) {
            let run = line.unicodeScalars.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 == marker }).count
            longest = max(longest, run)
        }
        return max(3, longest + 1)
    }

    /// `line` without up to `indent` leading spaces (the fence's indentation, CommonMark).
    static func dedent(_ line: String, by indent: Int) -> String {
        var removed = 0
        var rest = Substring(line)
        while removed < indent, rest.first == " " { rest.removeFirst(); removed += 1 }
        return String(rest)
    }

    // MARK: - Commands

    /// The commands of a console block whose first body line is line `firstLine` (1-based).
    /// Blank lines are skipped; a line ending in an odd number of backslashes continues on the
    /// next (the backslash and line break are removed, as in a shell).
    static func commands(in body: [String], firstLine: Int, path: String) throws(NotebookError) -> [Command] {
        var commands: [Command] = []
        var k = 0
        while k < body.count {
            let line = firstLine + k
            let raw = body[k]
            if raw.allSatisfy({ $0 == " " || $0 == "\t" }) { k += 1; continue }
            guard raw.hasPrefix("$ ") else {
                throw .syntax(path: path, line: line, message:
                    "a console block holds only commands, each on a line starting with `$ ` (got \"\(raw)\"); the output goes in an ```output block below it")
            }
            var text = String(raw.dropFirst(2))
            while text.reversed().prefix(while: { $0 == "\\" }).count % 2 == 1 {
                text.removeLast()
                k += 1
                guard k < body.count else {
                    throw .syntax(path: path, line: line, message: "the command ends with a continuation `\\` but the console block ends")
                }
                text += body[k]
            }
            text = NotebookOutput.trimmingTrailingBlanks(text)
            while text.first == " " || text.first == "\t" { text.removeFirst() }
            let words: [String]
            do { words = try ShellWords.split(text) } catch {
                throw .syntax(path: path, line: line, message: "\(error.message) in `\(text)`")
            }
            guard words.first == "jikun" else {
                throw .syntax(path: path, line: line, message:
                    "notebooks run only `jikun …` commands, not `\(text)` (a notebook is not a general shell)")
            }
            if words.count > 1, words[1] == "notebook" {
                throw .syntax(path: path, line: line, message:
                    "a notebook cannot run `jikun notebook` (it would run notebooks from inside a notebook)")
            }
            commands.append(Command(line: line, text: text, arguments: Array(words.dropFirst())))
            k += 1
        }
        return commands
    }
}
