import Foundation
import JikunPolicy

/// A notebook read from disk, with the folder its commands run in.
struct LoadedNotebook: Sendable {
    /// How the notebook is named in messages (the path as given).
    var path: String
    var url: URL
    /// The repository root: the parent of the `notebooks-md/` folder holding the notebook.
    var root: URL
    var document: NotebookDocument
    /// `out/` beside the notebook: the only place its commands may write files.
    var outputFolder: URL { url.deletingLastPathComponent().appendingPathComponent("out", isDirectory: true) }

    /// Reads and parses the notebook at `path` (relative to the current directory).
    static func load(_ path: String) throws -> LoadedNotebook {
        let url = URL(fileURLWithPath: path).absoluteURL.standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw NotebookError.file(path: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError.file(path: path, message: "is not UTF-8 text")
        }
        guard let root = repositoryRoot(of: url) else {
            throw NotebookError.file(path: path, message:
                "a notebook must be inside a notebooks-md/ folder (its commands run from that folder's parent, the repository root)")
        }
        return LoadedNotebook(path: path, url: url, root: root, document: try NotebookDocument(text: text, path: path))
    }

    /// The parent of the nearest folder named `notebooks-md` holding `url`.
    static func repositoryRoot(of url: URL) -> URL? {
        var folder = url.deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            if folder.lastPathComponent == "notebooks-md" { return folder.deletingLastPathComponent() }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// Every `*.md` in the `notebooks-md/` folder of the current directory (or of the nearest
    /// parent that has one) except README.md, sorted by name.
    static func defaultPaths() throws -> [String] {
        let fm = FileManager.default
        let current = URL(fileURLWithPath: fm.currentDirectoryPath)
        var base = current
        while true {
            var isDirectory: ObjCBool = false
            let folder = base.appendingPathComponent("notebooks-md")
            if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
                let prefix = base == current ? "notebooks-md/" : folder.path + "/"
                let names = try fm.contentsOfDirectory(atPath: folder.path)
                    .filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".") }
                    .sorted()
                return names.map { prefix + $0 }
            }
            guard base.path != "/", !base.path.isEmpty else { break }
            base.deleteLastPathComponent()
        }
        throw NotebookError.file(path: current.path, message:
            "no notebooks-md/ folder here or above: run from the repository root or name the notebooks")
    }
}

/// Runs notebook commands with a `jikun` executable, as subprocesses in the repository root,
/// with `JIKUN_NOTEBOOK=1` and `COLUMNS=80` in their environment and standard input empty.
/// Standard error is captured (so never a terminal: no progress bars) and shown only when a
/// command fails.
struct NotebookRunner: Sendable {
    let executable: URL

    /// The executable given with `--jikun PATH`, else the running one.
    static func executable(_ path: String?) throws -> URL {
        let fm = FileManager.default
        if let path {
            let url = URL(fileURLWithPath: path).absoluteURL.standardizedFileURL
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  fm.isExecutableFile(atPath: url.path) else {
                throw NotebookError.executable("--jikun \(path): not an executable file")
            }
            return url
        }
        var candidates: [String] = []
        if let target = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { candidates.append(target) }
        if let bundled = Bundle.main.executableURL { candidates.append(bundled.path) }
        let argument0 = CommandLine.arguments.first ?? "jikun"
        if argument0.contains("/") {
            candidates.append(URL(fileURLWithPath: argument0).absoluteURL.standardizedFileURL.path)
        } else {
            let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
            candidates += searchPath.split(separator: ":").map { "\($0)/\(argument0)" }
        }
        for candidate in candidates where fm.isExecutableFile(atPath: candidate) {
            return URL(fileURLWithPath: candidate)
        }
        throw NotebookError.executable("cannot find the running jikun executable: pass --jikun PATH")
    }

    struct Result: Sendable {
        var status: Int32
        /// True when the process died of a signal (`status` is then the signal).
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `jikun ARGUMENTS` in `directory`.
    func run(_ arguments: [String], in directory: URL, outputs: URL? = nil) throws -> Result {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("jikun-notebook-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil) else {
            throw NotebookError.file(path: scratch.path, message: "cannot create the files capturing a command's output")
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["JIKUN_NOTEBOOK"] = "1"
        environment["COLUMNS"] = "80"   // help text wraps the same everywhere
        if let outputs { environment[OutputFile.notebookOutputsVariable] = outputs.path }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            try? out.close()
            try? err.close()
            throw NotebookError.executable("cannot start \(executable.path): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try Data(contentsOf: outURL), stderr = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The output of each cell of `notebook` now (normalised), running its commands in order;
    /// throws `NotebookError.commandFailed` at the first command that fails.
    func outputs(of notebook: LoadedNotebook) throws -> [String] {
        try notebook.document.cells.map { cell in
            var outputs: [String] = []
            for command in cell.commands {
                let result = try run(command.arguments, in: notebook.root, outputs: notebook.outputFolder)
                guard result.status == 0, !result.killed else {
                    throw NotebookError.commandFailed(path: notebook.path, line: command.line, command: command.text,
                                                      status: result.status, killed: result.killed, stderr: result.stderr)
                }
                outputs.append(result.stdout)
            }
            return NotebookOutput.joined(outputs)
        }
    }

    /// What `notebook check` says is wrong with `notebook`: each stale or missing output block,
    /// or the command that failed (later commands are not run: they may need its files).
    func problems(in notebook: LoadedNotebook) throws -> [String] {
        let outputs: [String]
        do {
            outputs = try self.outputs(of: notebook)
        } catch let error as NotebookError {
            guard case .commandFailed = error else { throw error }
            return [error.description]
        }
        var problems: [String] = []
        for (cell, output) in zip(notebook.document.cells, outputs) {
            guard let block = cell.output else {
                problems.append("\(notebook.path):\(cell.line): \(cell.label) has no output block below it")
                continue
            }
            guard block.content != output else { continue }
            let diff = NotebookOutput.shortDiff(old: block.content, new: output, firstLine: block.open + 2)
            problems.append("\(notebook.path):\(block.open + 1): the output of \(cell.label) is stale:\n"
                            + NotebookOutput.indented(diff))
        }
        return problems
    }
}
