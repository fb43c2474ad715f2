import Foundation
import Testing
import JikunPolicy

/// Shared helpers of the bad-input suites (kept in one namespace so that they cannot clash with
/// the helpers of other test files in this target).
enum IE {
    /// The package root: the directory three levels above this file's folder
    /// (`Tests/JikunPolicyTests/InputErrors/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // InputErrors
        .deletingLastPathComponent()   // JikunPolicyTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root

    /// The shipped 2020 edition every bad edition of these tests `extends`.
    static let basePath: String = packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path

    /// The 2020 edition as loaded from `basePath`.
    static let base: Edition = {
        do { return try Edition.load(basePath) } catch { fatalError("the shipped edition does not load: \(error)") }
    }()

    /// This test process's scratch folder, removed when the process exits.
    private static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jikun-input-errors-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: IE.scratch) }
        return url
    }()

    /// A fresh, empty directory inside this process's scratch folder.
    static func temporaryDirectory() -> URL {
        let url = scratch.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `directory` and returns the file's path.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: URL) -> String {
        let url = directory.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    /// A what-if edition in a fresh directory: `extends` the shipped edition (by absolute path),
    /// then `body`. Returns the file's path.
    static func whatIf(_ body: String, name: String = "what-if.toml") -> String {
        write("extends = \"\(basePath)\"\n\n" + body, to: name, in: temporaryDirectory())
    }

    /// The text of the `PolicyInputError` that `body` throws, recording an issue when it throws
    /// nothing or another kind of error.
    static func errorText(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> String? {
        do {
            try body()
            Issue.record("expected a PolicyInputError, but nothing was thrown", sourceLocation: sourceLocation)
            return nil
        } catch let error as PolicyInputError {
            return String(describing: error)
        } catch {
            Issue.record("expected a PolicyInputError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// A valid GB 11643 identity number for someone born on `birth` (`YYYY-MM-DD`): region code,
    /// birth date, a three-digit serial and the ISO 7064 MOD 11-2 check character.
    static func id(born birth: String, serial: Int, region: String = "500101") -> String {
        precondition(region.count == 6 && (0..<1000).contains(serial))
        let serialText = String(serial)
        let digits = region + birth.replacingOccurrences(of: "-", with: "")
            + String(repeating: "0", count: 3 - serialText.count) + serialText
        precondition(digits.count == 17)
        return digits + String(PersonID.checkCharacter(for: digits))
    }

    /// Checks the error for a file that does not exist: `PATH: cannot read the file (REASON)`,
    /// REASON being Foundation's text (pinned where it is known: on Linux).
    static func expectCannotRead(_ text: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text == "\(path): no such file", sourceLocation: sourceLocation)
    }

    /// A CSV document over `text` (nothing touches the disk; `path` only names it in errors).
    static func csv(_ text: String, path: String) throws -> CSVDocument {
        try CSVDocument(bytes: Array(text.utf8), path: path)
    }

    /// Every record of `document` as strings.
    static func records(_ document: CSVDocument) throws -> [[String]] {
        var rows: [[String]] = []
        try document.forEachRecord { rows.append($0.strings) }
        return rows
    }
}
