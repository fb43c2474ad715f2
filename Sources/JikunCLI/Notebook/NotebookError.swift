/// What goes wrong with a notebook: every message names the notebook and, where there is one,
/// the line (1-based), as `PATH:LINE: message`.
enum NotebookError: Error, Equatable, CustomStringConvertible {
    /// The notebook cannot be read, is not UTF-8, or is not inside a `notebooks-md/` folder.
    case file(path: String, message: String)
    /// A console or output block that does not follow the format (notebooks-md/README.md).
    case syntax(path: String, line: Int, message: String)
    /// A command exited non-zero (or was killed); `stderr` is what it wrote on standard error.
    case commandFailed(path: String, line: Int, command: String, status: Int32, killed: Bool, stderr: String)
    /// The `jikun` executable to run cannot be found or started.
    case executable(String)
    /// `notebook check`: the stale blocks and failed commands, one entry each.
    case stale(problems: [String])

    var description: String {
        switch self {
        case .file(let path, let message):
            return "\(path): \(message)"
        case .syntax(let path, let line, let message):
            return "\(path):\(line): \(message)"
        case .commandFailed(let path, let line, let command, let status, let killed, let stderr):
            let how = killed ? "was killed by signal \(status)" : "exited with status \(status)"
            let trimmed = NotebookOutput.trimmingTrailingBlanks(stderr)
            guard !trimmed.isEmpty else { return "\(path):\(line): `\(command)` \(how) (nothing on standard error)" }
            return "\(path):\(line): `\(command)` \(how); standard error:\n" + NotebookOutput.indented(trimmed)
        case .executable(let message):
            return message
        case .stale(let problems):
            let header = problems.count == 1
                ? "1 notebook block is stale or failed (update with `jikun notebook run FILE`):"
                : "\(problems.count) notebook blocks are stale or failed (update with `jikun notebook run FILE`):"
            return ([header] + problems).joined(separator: "\n")
        }
    }
}
