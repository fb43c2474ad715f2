import Foundation
import Testing

/// The worked analyses in notebooks-md/ must show what the current code prints: this re-runs
/// every command of every notebook (small trial counts) and fails on a stale output.
@Suite struct ShippedNotebooksTests {
    @Test(.timeLimit(.minutes(20)))
    func notebooksAreUpToDate() throws {
        let result = try CLI.run(["notebook", "check"])
        #expect(result.status == 0, "jikun notebook check:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("up to date"))
        #expect(!result.stdout.hasPrefix("0 notebooks"))
    }
}
