import Foundation
import Testing
@testable import JikunReports

@Suite("Report format and writing")
struct ReportFormatTests {
    @Test(arguments: [
        ("out.html", ReportFormat.html), ("/tmp/A.HTM", .html), ("report.md", .markdown), ("dir.v2/x.Markdown", .markdown),
    ])
    func formatFromExtension(path: String, expected: ReportFormat) {
        #expect(ReportFormat(path: path) == expected)
    }

    @Test(arguments: ["out.pdf", "out", ".html", "dir.html/out", "report.html.txt"])
    func unknownExtensions(path: String) {
        #expect(ReportFormat(path: path) == nil)
    }

    @Test func writePicksTheFormatAndRejectsOthers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-reports-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = ReportDocument(title: "赔付率 <test>", blocks: [.paragraph("x")])
        let html = dir.appendingPathComponent("r.html").path
        let md = dir.appendingPathComponent("r.md").path
        try write(doc, to: html)
        try write(doc, to: md)
        #expect(try String(contentsOfFile: html, encoding: .utf8) == render(doc, as: .html))
        #expect(try String(contentsOfFile: md, encoding: .utf8) == render(doc, as: .markdown))
        let pdf = dir.appendingPathComponent("r.pdf").path
        #expect(throws: ReportError.unsupportedExtension(path: pdf)) { try write(doc, to: pdf) }
        #expect(ReportError.unsupportedExtension(path: "r.pdf").description.contains(".html"))
        let missing = dir.appendingPathComponent("no/such/dir/r.html").path
        #expect {
            try write(doc, to: missing)
        } throws: { error in
            guard case ReportError.cannotWrite(let path, _) = error else { return false }
            return path == missing
        }
    }
}
