import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation

/// Reads an .xlsx workbook back for the tests: a zip archive (opened with ZIPFoundation) of
/// XML parts (parsed with Foundation's XMLParser). Only what the tests look at: the sheets in
/// order, each cell's value (a number or a string) and the number format shown for it.
struct XLSXReader {
    enum Value: Equatable {
        case number(Double)
        case string(String)
    }
    struct Cell {
        var value: Value
        /// The cell's number format code, e.g. "#,##0.00"; "General" when it has none.
        var format: String
    }
    struct Sheet {
        var name: String
        /// By reference ("B3").
        var cells: [String: Cell]
        /// The row split of the frozen pane (1: the header row is frozen), 0 if none.
        var frozenRows: Int
        /// Column widths by column number from 1.
        var widths: [Int: Double]
        /// The part's XML, for looks the accessors above do not cover.
        var xml: String

        func string(_ ref: String) -> String? {
            if case .string(let s)? = cells[ref]?.value { return s }
            return nil
        }
        func number(_ ref: String) -> Double? {
            if case .number(let x)? = cells[ref]?.value { return x }
            return nil
        }
        /// The number in column `column` of the first row whose column-A text is `label`.
        func number(column: String, whereA label: String) -> Double? {
            guard let row = rowNumber(whereA: label) else { return nil }
            return number("\(column)\(row)")
        }
        func rowNumber(whereA label: String) -> Int? {
            cells.filter { $0.key.hasPrefix("A") && $0.value.value == .string(label) }
                .compactMap { Int($0.key.dropFirst()) }.min()
        }
        /// The strings of row `row`, column A onwards, up to the first empty cell.
        func texts(row: Int) -> [String] {
            var out: [String] = []
            for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
                guard let s = string("\(letter)\(row)") else { break }
                out.append(s)
            }
            return out
        }
    }

    var sheets: [Sheet]
    /// docProps/core.xml, whose dc:title is the workbook's title.
    var coreProperties: String

    subscript(name: String) -> Sheet? { sheets.first { $0.name == name } }

    init(path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        func part(_ name: String) throws -> Data {
            let entry = try #require(archive[name], "the workbook has no part \(name)")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        let workbook = try XMLTree(part("xl/workbook.xml"))
        let relations = try XMLTree(part("xl/_rels/workbook.xml.rels"))
        var targets: [String: String] = [:]
        for r in relations.all("Relationship") { targets[r.attributes["Id"] ?? ""] = r.attributes["Target"] }
        var shared: [String] = []
        if archive["xl/sharedStrings.xml"] != nil {
            shared = try XMLTree(part("xl/sharedStrings.xml")).all("si").map { $0.text }
        }
        let styles = try XMLTree(part("xl/styles.xml"))
        var codes: [Int: String] = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"]
        for f in styles.all("numFmt") {
            if let id = f.attributes["numFmtId"].flatMap(Int.init) { codes[id] = f.attributes["formatCode"] }
        }
        let cellFormats = styles.all("cellXfs").first?.children.filter { $0.name == "xf" } ?? []
        let formatOfStyle = cellFormats.map { codes[Int($0.attributes["numFmtId"] ?? "0") ?? 0] ?? "?" }

        sheets = try workbook.all("sheet").map { s in
            let target = try #require(targets[s.attributes["r:id"] ?? ""], "sheet \(s.attributes["name"] ?? "") has no part")
            let data = try part("xl/" + target)
            let tree = try XMLTree(data)
            var cells: [String: Cell] = [:]
            for c in tree.all("c") {
                guard let ref = c.attributes["r"], let v = c.children.first(where: { $0.name == "v" })?.text else { continue }
                let style = Int(c.attributes["s"] ?? "0") ?? 0
                let format = formatOfStyle.indices.contains(style) ? formatOfStyle[style] : "General"
                if c.attributes["t"] == "s" {
                    cells[ref] = Cell(value: .string(shared[Int(v)!]), format: format)
                } else {
                    cells[ref] = Cell(value: .number(Double(v)!), format: format)
                }
            }
            var widths: [Int: Double] = [:]
            for col in tree.all("col") {
                if let lo = Int(col.attributes["min"] ?? ""), let hi = Int(col.attributes["max"] ?? ""), let w = Double(col.attributes["width"] ?? "") {
                    for i in lo...hi { widths[i] = w }
                }
            }
            let frozen = tree.all("pane").first.flatMap { Int($0.attributes["ySplit"] ?? "") } ?? 0
            return Sheet(name: s.attributes["name"] ?? "", cells: cells, frozenRows: frozen, widths: widths,
                         xml: String(decoding: data, as: UTF8.self))
        }
        coreProperties = try String(decoding: part("docProps/core.xml"), as: UTF8.self)
    }
}

/// A parsed XML document as a tree of elements.
final class XMLTree: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var ownText = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
        /// The text of the element and its descendants.
        var text: String { ownText + children.map(\.text).joined() }
    }
    private var stack: [Node] = [Node(name: "#document", attributes: [:])]
    var root: Node { stack[0] }

    init(_ data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw XMLTreeError(message: parser.parserError.map { "\($0)" } ?? "unknown error") }
    }

    func all(_ name: String) -> [Node] {
        var out: [Node] = []
        func visit(_ node: Node) {
            if node.name == name { out.append(node) }
            node.children.forEach(visit)
        }
        visit(root)
        return out
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = Node(name: elementName, attributes: attributeDict)
        stack.last!.children.append(node)
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.ownText += string }
}

struct XMLTreeError: Error { var message: String }
