import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup with Foundation's XMLParser (libxml2 on Linux) and records the elements, so
/// tests can prove the output is well formed and look at its geometry.
final class XMLCheck: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }
    private(set) var elements: [Element] = []
    private(set) var text = ""
    private(set) var error: String?

    /// Parses `markup`; returns nil when it is well formed, else the parser's message.
    static func parse(_ markup: String) -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = check
        if !parser.parse() {
            check.error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" } ?? "unknown error"
        }
        return check
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func elements(named name: String, class className: String? = nil) -> [Element] {
        elements.filter { e in
            e.name == name && (className.map { c in (e.attributes["class"] ?? "").split(separator: " ").contains(Substring(c)) } ?? true)
        }
    }
}

extension XMLCheck.Element {
    func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
}

/// The `<svg …>…</svg>` elements of an HTML page, in order.
func svgElements(in html: String) -> [String] {
    var result: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        result.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return result
}
