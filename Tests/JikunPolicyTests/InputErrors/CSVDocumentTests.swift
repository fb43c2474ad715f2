import Foundation
import Testing
import JikunPolicy
import JikunTables
import CSV

/// The CSV reader on RFC 4180 corner cases, each cross-checked against the reference library
/// yaslab/CSV.swift (which keeps blank lines as one-empty-field rows: those are dropped from its
/// output before comparing, since docs/formats.md skips them).
@Suite struct CSVDocumentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var header: [String]
        var records: [[String]]
        /// The file line each record starts on (the header is row 1).
        var rows: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain", text: "a,b\n1,2\n3,4\n", header: ["a", "b"], records: [["1", "2"], ["3", "4"]], rows: [2, 3]),
        Case(name: "no final line end", text: "a,b\n1,2\n3,4", header: ["a", "b"], records: [["1", "2"], ["3", "4"]], rows: [2, 3]),
        Case(name: "quoted fields with commas", text: "a,b\n\"x, y\",\"1,000.00\"\n",
             header: ["a", "b"], records: [["x, y", "1,000.00"]], rows: [2]),
        Case(name: "doubled quotes", text: "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n",
             header: ["a", "b"], records: [["say \"hi\"", "\""]], rows: [2]),
        Case(name: "empty quoted field", text: "a,b\n\"\",2\n", header: ["a", "b"], records: [["", "2"]], rows: [2]),
        Case(name: "CRLF line ends", text: "a,b\r\n1,2\r\n3,4\r\n", header: ["a", "b"], records: [["1", "2"], ["3", "4"]], rows: [2, 3]),
        Case(name: "CRLF after a quoted field", text: "a,b\r\n1,\"2\"\r\n3,4\r\n", header: ["a", "b"], records: [["1", "2"], ["3", "4"]], rows: [2, 3]),
        Case(name: "UTF-8 byte-order mark", text: "\u{FEFF}a,b\n1,2\n", header: ["a", "b"], records: [["1", "2"]], rows: [2]),
        Case(name: "embedded newlines in quotes", text: "a,b\n1,\"line one\nline two\"\n2,\"x\r\ny\"\n3,z\n",
             header: ["a", "b"], records: [["1", "line one\nline two"], ["2", "x\r\ny"], ["3", "z"]], rows: [2, 4, 6]),
        Case(name: "blank lines skipped", text: "a,b\n\n1,2\n\r\n\n3,4\n\n", header: ["a", "b"], records: [["1", "2"], ["3", "4"]], rows: [3, 6]),
        Case(name: "trailing comma is an empty last field", text: "a,b,c\n1,2,\n3,,\n", header: ["a", "b", "c"],
             records: [["1", "2", ""], ["3", "", ""]], rows: [2, 3]),
        Case(name: "trailing comma at the end of the file", text: "a,b\n1,", header: ["a", "b"], records: [["1", ""]], rows: [2]),
        Case(name: "non-ASCII text", text: "unit,name\nyuzhong,渝中区\n", header: ["unit", "name"], records: [["yuzhong", "渝中区"]], rows: [2]),
        Case(name: "spaces are kept in fields", text: "a,b\n 1 , 2\n", header: ["a", "b"], records: [[" 1 ", " 2"]], rows: [2]),
    ]

    @Test(arguments: cases)
    func readsAsRFC4180(_ c: Case) throws {
        let document = try CSVDocument(bytes: Array(c.text.utf8), path: "t.csv")
        #expect(document.header == c.header)
        var records: [[String]] = [], rows: [Int] = []
        try document.forEachRecord { record in
            records.append(record.strings)
            rows.append(record.row)
        }
        #expect(records == c.records)
        #expect(rows == c.rows)
    }

    @Test(arguments: cases)
    func agreesWithTheReferenceLibrary(_ c: Case) throws {
        // The stream initialiser strips a byte-order mark as ours does.
        let reader = try CSVReader(stream: InputStream(data: Data(c.text.utf8)), hasHeaderRow: true)
        var reference: [[String]] = []
        while let row = reader.next() {
            if row == [""] { continue }   // a blank line
            reference.append(row)
        }
        #expect(reader.error == nil)
        let document = try CSVDocument(bytes: Array(c.text.utf8), path: "t.csv")
        #expect(document.header == reader.headerRow)
        #expect(try IE.records(document) == reference)
    }

    /// Found by the csv fuzzer: a first header field that starts with U+FEFF (after trimmed
    /// tabs) used to be written unquoted, and read back as a byte-order mark.
    @Test func aFieldStartingWithTheByteOrderMarkSurvivesARoundTrip() throws {
        let document = try CSVDocument(bytes: Array("\t\u{FEFF}person_id,unit\n1,2\n".utf8), path: "a.csv")
        #expect(document.header == ["\u{FEFF}person_id", "unit"])
        let writer = CSVWriter(header: document.header)
        #expect(writer.text == "\"\u{FEFF}person_id\",unit\n")
        #expect(try CSVDocument(bytes: writer.bytes, path: "b.csv").header == document.header)
    }

    /// Found by the csv fuzzer (bytes 04 22 DD 8A 22): a doubled quote followed by a combining
    /// mark (U+074A) was not collapsed on reading, because a String replace compares grapheme
    /// clusters and `"` + U+074A is one cluster.
    @Test func aDoubledQuoteBeforeACombiningMarkIsCollapsed() throws {
        let field = "\u{04}\"\u{074A}\""
        let writer = CSVWriter(header: [field, "b"])
        #expect(writer.bytes == [0x22, 0x04, 0x22, 0x22, 0xDD, 0x8A, 0x22, 0x22, 0x22] + Array(",b\n".utf8))
        let document = try CSVDocument(bytes: writer.bytes, path: "t.csv")
        #expect(Array(document.header[0].unicodeScalars) == Array(field.unicodeScalars))
        let body = try CSVDocument(bytes: Array("a\n\"x\"\"\u{0301}\"\"\"\n".utf8), path: "t.csv")
        #expect(try IE.records(body).map { $0.map { Array($0.unicodeScalars) } } == [[Array("x\"\u{0301}\"".unicodeScalars)]])
    }

    @Test func headerNamesAreTrimmed() throws {
        let document = try CSVDocument(bytes: Array(" a , b\n1,2\n".utf8), path: "t.csv")
        #expect(document.header == ["a", "b"])
        #expect(document.columnIndex("b") == 1)
        #expect(try document.requiredColumn("a") == 0)
    }

    @Test func onlyAByteOrderMarkIsAnEmptyFile() {
        let text = IE.errorText { _ = try CSVDocument(bytes: [0xEF, 0xBB, 0xBF], path: "t.csv") }
        #expect(text == "t.csv: row 1: the file is empty: expected a header row")
    }

    @Test func unclosedQuoteNamesTheLineItOpensOn() {
        // The record starts on line 3; the open quote swallows the rest of the file.
        let text = IE.errorText {
            _ = try IE.records(IE.csv("a,b\n1,2\n3,\"4\n5,6\n", path: "t.csv"))
        }
        #expect(text == "t.csv: row 3: a quoted field is not closed before the end of the file")
    }

    @Test func unclosedQuoteInTheHeader() {
        let text = IE.errorText { _ = try IE.csv("a,\"b\n1,2\n", path: "t.csv") }
        #expect(text == "t.csv: row 1: a quoted field is not closed before the end of the file")
    }

    @Test func rowNumbersCountFileLinesAfterAnEmbeddedNewline() {
        let text = IE.errorText {
            _ = try IE.records(IE.csv("a,b\n1,\"x\ny\"\n2\n", path: "t.csv"))
        }
        #expect(text == "t.csv: row 4: expected 2 fields as in the header, got 1")
    }

    @Test func missingFileIsAFileError() {
        let path = IE.temporaryDirectory().appendingPathComponent("absent.csv").path
        #expect(IE.errorText { _ = try CSVDocument(path: path) } == "\(path): no such file")
    }

    @Test func aFolderIsNotAFile() {
        let path = IE.temporaryDirectory().path
        #expect(IE.errorText { _ = try CSVDocument(path: path) } == "\(path): is a folder, expected a file")
    }

    struct EncodingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { name }
    }

    // Each invalid sequence is named by row and column, never replaced with U+FFFD.
    static let encodingCases: [EncodingCase] = [
        EncodingCase(name: "GBK bytes in a field", bytes: Array("a,b\n1,".utf8) + [0xD6, 0xD8] + Array("\n".utf8),
                     expected: "t.csv: row 2, column b: not UTF-8 text (byte 0xD6): save the file as UTF-8"),
        EncodingCase(name: "a lone continuation byte in a quoted field", bytes: Array("a,b\n1,2\n\"".utf8) + [0x80] + Array("x\",3\n".utf8),
                     expected: "t.csv: row 3, column a: not UTF-8 text (byte 0x80): save the file as UTF-8"),
        EncodingCase(name: "a truncated sequence at the end", bytes: Array("a,b\n1,2\n3,".utf8) + [0xE4, 0xB8],
                     expected: "t.csv: row 3, column b: not UTF-8 text (byte 0xE4): save the file as UTF-8"),
        EncodingCase(name: "an encoded surrogate", bytes: Array("a,b\n1,".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8),
                     expected: "t.csv: row 2, column b: not UTF-8 text (byte 0xED): save the file as UTF-8"),
        EncodingCase(name: "in the header", bytes: Array("a,".utf8) + [0xFF] + Array("\n1,2\n".utf8),
                     expected: "t.csv: row 1: not UTF-8 text (byte 0xFF): save the file as UTF-8"),
    ]

    @Test(arguments: encodingCases)
    func notUTF8IsAnErrorNamingRowAndColumn(_ c: EncodingCase) {
        #expect(IE.errorText { _ = try CSVDocument(bytes: c.bytes, path: "t.csv") } == c.expected)
    }

    @Test func validUTF8IsRead() throws {
        // 2-, 3- and 4-byte sequences, and more than eight ASCII bytes before them.
        let text = "name,unit\nabcdefghijkl é,渝中区 😀\n"
        let records = try IE.records(CSVDocument(bytes: Array(text.utf8), path: "t.csv"))
        #expect(records == [["abcdefghijkl é", "渝中区 😀"]])
    }

    @Test func writerQuotesWhatNeedsQuotingAndReadsBack() throws {
        var writer = CSVWriter(header: ["a", "b", "c"])
        writer.writeRow(["x, y", "say \"hi\"", "two\nlines"])
        writer.writeRow(["plain", "", "渝中区"])
        #expect(writer.text == "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,渝中区\n")
        let document = try CSVDocument(bytes: writer.bytes, path: "t.csv")
        #expect(try IE.records(document) == [["x, y", "say \"hi\"", "two\nlines"], ["plain", "", "渝中区"]])
    }
}
