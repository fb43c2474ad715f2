import Foundation

/// Writing a `ConfigTable` back as TOML, e.g. the scenario as resolved after `extends`, so a
/// result can be traced to (and re-run from) exactly what produced it.
extension ConfigTable {
    public var tomlText: String {
        var out = ""
        render(into: &out, header: "")
        return out
    }

    /// Appends this table's lines: its plain keys, then each subtable and each item of an array
    /// of tables under its dotted `header` (formed once per key, not once per item: a scenario
    /// with explicit cells has thousands of `[[population.cells]]`).
    private func render(into out: inout String, header: String) {
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
                out += Self.key(key)
                out += " = "
                Self.inline(node.value, into: &out)
                out += "\n"
            }
        }
        func dotted(_ key: String) -> String { header.isEmpty ? Self.key(key) : header + "." + Self.key(key) }
        for (key, table) in tables {
            let sub = dotted(key)
            out += "\n[" + sub + "]\n"
            table.render(into: &out, header: sub)
        }
        for (key, items) in tableArrays {
            let sub = dotted(key), line = "\n[[" + sub + "]]\n"
            for item in items {
                out += line
                item.render(into: &out, header: sub)
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

    static func inline(_ value: ConfigValue, into out: inout String) {
        switch value {
        case .string(let s): out += quoted(s)
        case .integer(let i): out += String(i)
        case .float(let d):
            if d.isNaN { out += "nan"; return }
            if d.isInfinite { out += d > 0 ? "inf" : "-inf"; return }
            let text = "\(d)"
            out += text
            if !(text.contains(".") || text.contains("e")) { out += ".0" }
        case .bool(let b): out += b ? "true" : "false"
        case .date(let d): out += d.description
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                inline(item.value, into: &out)
            }
            out += "]"
        case .table(let t):
            out += "{ "
            for (i, k) in t.sortedKeys.enumerated() {
                if i > 0 { out += ", " }
                out += key(k)
                out += " = "
                inline(t.entries[k]!.value, into: &out)
            }
            out += " }"
        }
    }
}
