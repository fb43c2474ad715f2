import Foundation

/// Writing a `ConfigTable` back as TOML, e.g. the scenario as resolved after `extends`, so a
/// result can be traced to (and re-run from) exactly what produced it.
extension ConfigTable {
    public var tomlText: String {
        var out: [String] = []
        render(into: &out, path: [])
        return out.joined(separator: "\n") + "\n"
    }

    private func render(into out: inout [String], path: [String]) {
        var tables: [(String, ConfigTable)] = []
        var tableArrays: [(String, [ConfigTable])] = []
        for key in sortedKeys {
            let node = entries[key]!
            switch node.value {
            case .table(let t):
                tables.append((key, t))
            case .array(let items) where !items.isEmpty && items.allSatisfy({ if case .table = $0.value { true } else { false } }):
                tableArrays.append((key, items.compactMap { if case .table(let t) = $0.value { t } else { nil } }))
            default:
                out.append("\(Self.key(key)) = \(Self.inline(node.value))")
            }
        }
        for (key, table) in tables {
            let sub = path + [key]
            out.append("")
            out.append("[\(sub.map(Self.key).joined(separator: "."))]")
            table.render(into: &out, path: sub)
        }
        for (key, items) in tableArrays {
            let sub = path + [key]
            for item in items {
                out.append("")
                out.append("[[\(sub.map(Self.key).joined(separator: "."))]]")
                item.render(into: &out, path: sub)
            }
        }
    }

    /// A bare key (A–Z, a–z, 0–9, `_`, `-`) as it is, any other quoted. Checked on the bytes:
    /// a resolved scenario with explicit cells writes half a million keys.
    static func key(_ k: String) -> String {
        let bare = !k.isEmpty && k.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F || byte == 0x2D
        }
        return bare ? k : quoted(k)
    }

    static func quoted(_ s: String) -> String {
        var r = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            case "\r": r += "\\r"
            default:
                if scalar.value < 0x20 { r += String(format: "\\u%04X", scalar.value) } else { r.unicodeScalars.append(scalar) }
            }
        }
        return r + "\""
    }

    static func inline(_ value: ConfigValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .integer(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d > 0 ? "inf" : "-inf" }
            let text = "\(d)"
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .array(let items): return "[" + items.map { inline($0.value) }.joined(separator: ", ") + "]"
        case .table(let t):
            return "{ " + t.sortedKeys.map { "\(key($0)) = \(inline(t.entries[$0]!.value))" }.joined(separator: ", ") + " }"
        }
    }
}
