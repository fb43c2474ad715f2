import Foundation
import Testing
import JikunReports

/// Writes the sample report (one chart of each kind) for a visual check, only when
/// `JIKUN_REPORT_SAMPLE_DIR` names a directory:
///
///     JIKUN_REPORT_SAMPLE_DIR=/tmp/jikun-sample swift test --filter SampleOutput
///     scripts/render-report.sh /tmp/jikun-sample/sample.html /tmp/jikun-sample/sample.png
@Suite("Sample output")
struct SampleOutputTests {
    static let directory = ProcessInfo.processInfo.environment["JIKUN_REPORT_SAMPLE_DIR"]

    @Test(.enabled(if: directory != nil, "set JIKUN_REPORT_SAMPLE_DIR to write the sample report"))
    func writeSampleReport() throws {
        let dir = try #require(Self.directory)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try write(SampleReport.document, to: dir + "/sample.html")
        try write(SampleReport.document, to: dir + "/sample.md")
        #expect(try String(contentsOfFile: dir + "/sample.html", encoding: .utf8) == render(SampleReport.document, as: .html))
    }

    /// `write` picks the format by extension and writes exactly the rendered text, replacing
    /// what was there.
    @Test func writtenFilesHoldTheRenderedText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-sample-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/sample.html"))
        try write(SampleReport.document, to: dir + "/sample.html")
        try write(SampleReport.document, to: dir + "/sample.md")
        #expect(try String(contentsOfFile: dir + "/sample.html", encoding: .utf8) == render(SampleReport.document, as: .html))
        #expect(try String(contentsOfFile: dir + "/sample.md", encoding: .utf8) == render(SampleReport.document, as: .markdown))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["sample.html", "sample.md"])
        #expect(throws: ReportError.unsupportedExtension(path: dir + "/sample.pdf")) {
            try write(SampleReport.document, to: dir + "/sample.pdf")
        }
    }
}
