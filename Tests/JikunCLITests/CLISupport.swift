import Foundation
import Testing

/// Runs the built `jikun` executable as a subprocess.
enum CLI {
    /// The package root: three directories above this file's folder (`Tests/JikunCLITests/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // JikunCLITests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root

    /// The `jikun` binary built next to the test bundle (whatever the scratch path), else the
    /// package's default `.build/debug/jikun`.
    static let executable: URL? = {
        let fm = FileManager.default
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let bundle = Bundle.main.bundleURL
        let directories = [
            argument0.deletingLastPathComponent(),
            argument0.deletingLastPathComponent().deletingLastPathComponent(),
            bundle,
            bundle.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        for directory in directories {
            let candidate = directory.appendingPathComponent("jikun")
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    struct Result {
        var status: Int32
        /// False when the process died of a signal (a crash) rather than exiting.
        var exited: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `jikun ARGUMENTS` in `directory` (default: the package root, where the shipped
    /// edition is found as `scenarios/edition-2020.toml`).
    static func run(_ arguments: [String], in directory: URL = packageRoot, environment extra: [String: String] = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let binary = try #require(executable, "the jikun executable was not found next to the tests", sourceLocation: sourceLocation)
        let outputs = temporaryDirectory()
        let outURL = outputs.appendingPathComponent("stdout"), errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "JIKUN_SCENARIOS")
        environment["COLUMNS"] = "200"
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, exited: process.terminationReason == .exit,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// This test process's scratch folder, removed when the process exits.
    private static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jikun-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: CLI.scratch) }
        return url
    }()

    /// A fresh, empty directory inside this process's scratch folder.
    static func temporaryDirectory() -> URL {
        let url = scratch.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ text: String, to name: String, in directory: URL) -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}
