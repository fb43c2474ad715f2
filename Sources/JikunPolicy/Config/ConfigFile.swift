import Foundation
import TOMLKit

/// Loading TOML files into `ConfigTable`s, following `extends` chains.
public enum ConfigFile {
    /// Reads `path` and, when it has a top-level `extends = "base.toml"` (relative to the file),
    /// the base first, then applies this file over it. The `extends` key itself is consumed.
    /// Cycles are refused.
    public static func load(_ path: String) throws -> ConfigTable {
        try load(path, chain: [])
    }

    private static func load(_ path: String, chain: [String]) throws -> ConfigTable {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
        if chain.contains(canonical) {
            throw PolicyInputError.config(
                file: path, keyPath: "extends",
                message: "extends chain loops back to this file (\((chain + [canonical]).joined(separator: " → ")))")
        }
        let bytes = try InputFile.bytes(path)
        if let bad = InputFile.firstInvalidUTF8(bytes) {
            let (line, column) = InputFile.lineAndColumn(bytes, offset: bad)
            throw PolicyInputError.config(
                file: path, keyPath: "line \(line), column \(column)",
                message: "not UTF-8 text (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))): save the file as UTF-8")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var table = try parse(text, file: path)
        guard let extendsNode = table.entries.removeValue(forKey: "extends") else { return table }
        guard case .string(let basePath) = extendsNode.value else {
            throw PolicyInputError.config(
                file: path, keyPath: "extends",
                message: "expected a string naming the base file, got \(extendsNode.value.typeName)")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let resolved = basePath.hasPrefix("/") ? basePath : directory.appendingPathComponent(basePath).path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder) else {
            throw PolicyInputError.config(file: path, keyPath: "extends",
                                          message: "the base file \(resolved) does not exist")
        }
        guard !isFolder.boolValue else {
            throw PolicyInputError.config(file: path, keyPath: "extends",
                                          message: "\"\(basePath)\" is a folder (\(resolved)); expected the base TOML file, e.g. \"edition-2020.toml\"")
        }
        let base = try load(resolved, chain: chain + [canonical])
        return base.merging(table)
    }

    /// `path` and the files its `extends` chain names, as far as they can be read: the inputs
    /// an output must not overwrite (loading reports whatever is wrong with them).
    public static func extendsChain(_ path: String) -> [String] {
        var chain: [String] = [], next: String? = path
        while let file = next, !chain.contains(file), chain.count < 64 {
            chain.append(file)
            next = nil
            guard let bytes = try? InputFile.bytes(file), InputFile.firstInvalidUTF8(bytes) == nil,
                  let table = try? parse(String(decoding: bytes, as: UTF8.self), file: file),
                  case .string(let base)? = table["extends"]?.value else { break }
            next = base.hasPrefix("/") ? base : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(base).path
        }
        return chain
    }

    /// Parses TOML text into a table whose nodes remember `file`.
    public static func parse(_ text: String, file: String) throws -> ConfigTable {
        // TOML allows no raw control character but tab and line ends; the parser below reads a
        // C string and would stop silently at a NUL, dropping the rest of the file.
        let bytes = Array(text.utf8)
        if let bad = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
            let (line, column) = InputFile.lineAndColumn(bytes, offset: bad)
            throw PolicyInputError.config(
                file: file, keyPath: "line \(line), column \(column)",
                message: "not valid TOML: a control character (byte 0x\(String(format: "%02X", bytes[bad]))) may not appear in TOML text; write it as an escape such as \\u0000 inside a string, or remove it")
        }
        if let bad = TOMLHeaderCheck.badHeader(in: text) {
            throw PolicyInputError.config(
                file: file, keyPath: "line \(bad.line), column \(bad.column)",
                message: "not valid TOML: \(bad.rule), saw \(bad.character.isNewline ? "the end of the line" : "'\(bad.character)'")")
        }
        let toml: TOMLTable
        do {
            toml = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PolicyInputError.config(
                file: file, keyPath: "line \(error.source.begin.line), column \(error.source.begin.column)",
                message: "not valid TOML: \(error.description)")
        }
        return try convert(toml, file: file, path: "")
    }

    /// Deeper than any scenario key (they nest about six levels): a key dotted thousands of
    /// times deep would otherwise exhaust the stack of the recursive conversion below. (The
    /// parser itself stops arrays and inline tables at 256 levels.)
    static let deepestNesting = 32

    private static func convert(_ table: TOMLTable, file: String, path: String, depth: Int = 0) throws -> ConfigTable {
        guard depth < deepestNesting else {
            throw PolicyInputError.config(file: file, keyPath: String(path.prefix(200)) + (path.count > 200 ? "…" : ""),
                                          message: "tables nest more than \(deepestNesting) levels deep here; no scenario or edition key is that deep")
        }
        var result = ConfigTable(file: file)
        for key in table.keys {
            guard let value = table[key] else { continue }
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            result.entries[key] = ConfigNode(try convert(value, file: file, path: keyPath, depth: depth + 1), file: file)
        }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible, file: String, path: String, depth: Int) throws -> ConfigValue {
        switch value.type {
        case .string: return .string(value.string!)
        case .int: return .integer(value.int!)
        case .double: return .float(value.double!)
        case .bool: return .bool(value.bool!)
        case .date:
            let d = value.date!
            guard let date = CivilDate(year: d.year, month: d.month, day: d.day) else {
                throw PolicyInputError.config(file: file, keyPath: path, message: "not a calendar date")
            }
            return .date(date)
        case .table: return .table(try convert(value.table!, file: file, path: path, depth: depth))
        case .array:
            var nodes: [ConfigNode] = []
            for (index, element) in value.array!.enumerated() {
                nodes.append(ConfigNode(try convert(element, file: file, path: "\(path)[\(index)]", depth: depth + 1), file: file))
            }
            return .array(nodes)
        case .time, .dateTime:
            throw PolicyInputError.config(
                file: file, keyPath: path, message: "expected a date (YYYY-MM-DD) without a time of day")
        }
    }

    static func reason(_ error: Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.isEmpty ? String(describing: error) : text
    }
}
