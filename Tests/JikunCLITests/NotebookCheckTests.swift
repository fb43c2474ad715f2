import Foundation
import Testing

/// The worked analyses in notebooks-md/ must show what the current code prints: this re-runs
/// every command of every notebook (small trial counts) and fails on a stale output.
@Suite struct ShippedNotebooksTests {
    /// The shipped notebooks, as `jikun notebook check` finds them by default.
    static let notebooks: [String] = {
        let folder = CLI.packageRoot.appendingPathComponent("notebooks-md")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
            .map { "notebooks-md/" + $0 }
    }()

    /// One notebook at a time, each announced on standard error: this is the slow part of the
    /// suite (a minute or more in a debug build), and a silent wait looks like a hang.
    @Test(.timeLimit(.minutes(20)))
    func notebooksAreUpToDate() throws {
        #expect(Self.notebooks.count >= 4, "notebooks found: \(Self.notebooks)")
        for (i, notebook) in Self.notebooks.enumerated() {
            FileHandle.standardError.write(Data("ShippedNotebooksTests: re-running \(notebook) (\(i + 1) of \(Self.notebooks.count))…\n".utf8))
            let start = Date()
            let result = try CLI.run(["notebook", "check", notebook])
            #expect(result.status == 0, "jikun notebook check \(notebook):\n\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("up to date"), "jikun notebook check \(notebook):\n\(result.stdout)")
            FileHandle.standardError.write(Data(String(format: "ShippedNotebooksTests: %@ %@ (%.0f s)\n",
                notebook, result.status == 0 ? "up to date" : "FAILED", Date().timeIntervalSince(start)).utf8))
        }
    }
}
