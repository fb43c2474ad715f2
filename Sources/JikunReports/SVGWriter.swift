/// Builds SVG markup element by element. Attribute values and text are escaped here, numbers
/// go through ``NumberText/coordinate(_:)``, and attributes keep the order they are given in,
/// so the same calls always produce the same bytes.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    enum Value {
        case string(String)
        case number(Double)
    }

    mutating func open(_ name: String, _ attributes: [(String, Value)] = []) {
        line("<\(name)\(render(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element with no children, or with `content` as its escaped text.
    mutating func element(_ name: String, _ attributes: [(String, Value)] = [], content: String? = nil) {
        if let content {
            line("<\(name)\(render(attributes))>\(TextEscaping.xml(content))</\(name)>")
        } else {
            line("<\(name)\(render(attributes))/>")
        }
    }

    /// A text element: one line, or one `<tspan>` per line `lineHeight` apart.
    mutating func label(_ lines: [String], x: Double, y: Double, lineHeight: Double = 13,
                        _ attributes: [(String, Value)] = []) {
        let base: [(String, Value)] = [("x", .number(x)), ("y", .number(y))] + attributes
        if lines.count == 1 {
            element("text", base, content: lines[0])
            return
        }
        var inner = ""
        for (i, l) in lines.enumerated() {
            inner += "<tspan x=\"\(NumberText.coordinate(x))\"\(i == 0 ? "" : " dy=\"\(NumberText.coordinate(lineHeight))\"")>\(TextEscaping.xml(l))</tspan>"
        }
        line("<text\(render(base))>\(inner)</text>")
    }

    mutating func raw(_ markup: String) { line(markup) }

    private mutating func line(_ s: String) {
        text += String(repeating: " ", count: depth) + s + "\n"
    }

    private func render(_ attributes: [(String, Value)]) -> String {
        var out = ""
        for (name, value) in attributes {
            switch value {
            case .string(let s): out += " \(name)=\"\(TextEscaping.xml(s))\""
            case .number(let x): out += " \(name)=\"\(NumberText.coordinate(x))\""
            }
        }
        return out
    }
}

extension SVGWriter.Value: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension SVGWriter.Value: ExpressibleByStringInterpolation {}
