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
    }
}
