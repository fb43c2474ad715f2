import Foundation
@testable import JikunReports
import Testing

/// `Workbook.write(to:)` (JikunReports' libxlsxwriter layer), read back from the .xlsx.
@Suite struct WorkbookTests {
    typealias Sheet = Workbook.Sheet

    static let sample = Workbook(title: "Test 测试", sheets: [
        Sheet("摘要 Summary", header: ["项目 Item", "值 Value"], rows: [
            [.text("保费 Premium"), .yuan(1_234_567.891)],
            [.text("赔付率 Loss ratio"), .percent(0.8513)],
            [.text("模拟次数 Trials"), .integer(2000)],
            [.text("SRC"), .number(-0.1234, decimals: 3)],
            [.text("undefined"), .yuan(.nan)],
            [.text("blank"), .empty],
        ], notes: ["A note 说明."]),
        Sheet("Second", header: ["A", "B"], rows: [[.integer(1), .integer(2)]]),
    ])

    func written(_ workbook: Workbook) throws -> (path: String, reader: XLSXReader) {
        let path = CLI.temporaryDirectory().appendingPathComponent("book.xlsx").path
        try workbook.write(to: path)
        return (path, try XLSXReader(path: path))
    }

    @Test func sheetsLabelsAndNumbersWithTheirFormats() throws {
        let (_, book) = try written(Self.sample)
        #expect(book.sheets.map(\.name) == ["摘要 Summary", "Second"])
        let s = try #require(book["摘要 Summary"])
        #expect(s.texts(row: 1) == ["项目 Item", "值 Value"])
        #expect(s.string("A2") == "保费 Premium")
        // Numbers are numbers, at full precision, each with its display format.
        #expect(s.number("B2") == 1_234_567.891)
        #expect(s.cells["B2"]?.format == "#,##0.00")
        #expect(s.number("B3") == 0.8513)
        #expect(s.cells["B3"]?.format == "0.00%")
        #expect(s.number("B4") == 2000)
        #expect(s.cells["B4"]?.format == "#,##0")
        #expect(s.number("B5") == -0.1234)
        #expect(s.cells["B5"]?.format == "#,##0.000")
        // A cell cannot hold NaN: it says so in words; an empty cell is absent.
        #expect(s.string("B6") == "NaN")
        #expect(s.cells["B7"] == nil)
        // The note goes one row below the table (6 rows + header, a blank row, then row 9).
        #expect(s.string("A9") == "A note 说明.")
        #expect(s.frozenRows == 1)
        #expect(book["Second"]?.number("B2") == 2)
        #expect(book.coreProperties.contains("<dc:title>Test 测试</dc:title>"))
    }

    @Test func columnsAreSizedToTheirTextWithIdeographsCountingTwo() throws {
        // Column A's longest text, "赔付率 Loss ratio", is 3 ideographs × 2 + 11 = 17, plus 2 of
        // margin: 19 characters; column B's longest, "1,234,567.89", 12 + 2 = 14.
        #expect(Self.sample.sheets[0].columnWidth(0) == 19)
        #expect(Self.sample.sheets[0].columnWidth(1) == 14)
        let (_, book) = try written(Self.sample)
        let widths = try #require(book["摘要 Summary"]?.widths)
        // libxlsxwriter stores a width plus its pixel padding (19 → 19.7109375).
        #expect(abs(widths[1]! - 19.71) < 0.01, "\(widths)")
        #expect(abs(widths[2]! - 14.71) < 0.01, "\(widths)")
    }

    @Test func theCreationTimeComesFromSourceDateEpochSoRunsCanBeReproduced() throws {
        let directory = CLI.temporaryDirectory()
        let paths = ["a.xlsx", "b.xlsx"].map { directory.appendingPathComponent($0).path }
        for path in paths {
            let result = try CLI.run(["simulate", "--trials", "20", "--seed", "3", "--report", path],
                                     environment: ["SOURCE_DATE_EPOCH": "1609459200"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: paths[0])), b = try Data(contentsOf: URL(fileURLWithPath: paths[1]))
        #expect(a == b)
        #expect(try XLSXReader(path: paths[0]).coreProperties.contains("2021-01-01T00:00:00Z"))
    }

    @Test(arguments: [
        ("a/b", "Excel does not allow '/' in a sheet name"),
        ("", "a sheet needs a name"),
        (String(repeating: "x", count: 32), "Excel allows at most 31 characters, this has 32"),
    ])
    func aNameExcelRefusesIsAnErrorNamingIt(name: String, reason: String) throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("bad.xlsx").path
        let workbook = Workbook(title: "t", sheets: [Sheet(name, header: ["x"])])
        #expect(throws: WorkbookError.badSheetName(name, reason: reason)) { try workbook.write(to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aRepeatedNameIsAnErrorAndTheFileThereIsLeftAsItWas() throws {
        let directory = CLI.temporaryDirectory()
        let path = CLI.write("keep me", to: "old.xlsx", in: directory)
        let workbook = Workbook(title: "t", sheets: [Sheet("Lines", header: ["x"]), Sheet("lines", header: ["y"])])
        #expect(throws: WorkbookError.badSheetName("lines", reason: "another sheet already has this name")) { try workbook.write(to: path) }
        #expect(try CLI.read(path) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["old.xlsx"])
    }

    @Test func anUnwritableFolderIsAnErrorNamingThePath() throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("missing/book.xlsx").path
        do {
            try Self.sample.write(to: path)
            Issue.record("the write should have failed")
        } catch let error as WorkbookError {
            guard case .cannotWrite(let named, _) = error else { Issue.record("\(error)"); return }
            #expect(named == path)
            #expect(error.description.hasPrefix("Cannot write the workbook to '\(path)': "))
        }
    }
}
