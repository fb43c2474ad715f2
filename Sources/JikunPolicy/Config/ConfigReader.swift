import Foundation

/// Strict, typed reading of one `ConfigTable`: every getter records the key it consumed, and
/// `finish()` refuses the keys nobody asked for, so a misspelt key is an error rather than a
/// silently ignored setting.
public final class ConfigReader {
    public let table: ConfigTable
    /// Dotted path of this table from the file's root (empty at the root).
    public let path: String
    // Lists, not sets: a table holds a handful of keys, and hashing each one cost more than
    // the rest of reading it (a scenario's thousands of cells are thousands of tables).
    private var consumed: [String] = []
    /// Keys asked about with `has` (optional keys read only when present): part of the list of
    /// keys this table takes, though asking does not consume them.
    private var mentioned: [String] = []

    private func consume(_ key: String) {
        if !consumed.contains(key) { consumed.append(key) }
    }

    public init(_ table: ConfigTable, path: String = "") {
        self.table = table
        self.path = path
        consumed.reserveCapacity(table.entries.count)
    }

    public func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error located at `key` of this table, in the file that set it; an error about the
    /// table as a whole names the file that last changed it (a what-if over its base).
    public func error(_ key: String?, _ message: String) -> PolicyInputError {
        let file = key.flatMap { table[$0]?.file } ?? table.patchingFile
        return .config(file: file, keyPath: key.map(keyPath) ?? (path.isEmpty ? "(top level)" : path), message: message)
    }

    public func has(_ key: String) -> Bool {
        if !mentioned.contains(key) { mentioned.append(key) }
        return table[key] != nil
    }

    private func node(_ key: String) throws -> ConfigNode {
        consume(key)
        guard let node = table[key] else {
            if let near = Self.nearMiss(key, among: remainingKeys) {
                throw error(nil, "missing key '\(key)' (the table has '\(near)': a misspelling?)")
            }
            throw error(nil, "missing key '\(key)'")
        }
        return node
    }

    /// The key among `candidates` closest to `key` by edit distance, when close enough to be
    /// a slip of the keyboard (at most 2 edits, and fewer than half the key's length).
    static func nearMiss(_ key: String, among candidates: [String]) -> String? {
        let limit = min(2, (key.count - 1) / 2)
        guard limit > 0 else { return nil }
        let scored = candidates.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    /// `editDistance`, for the tests.
    public static func editDistanceForTesting(_ a: String, _ b: String) -> Int { editDistance(a, b) }

    /// Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours counts 1).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    private func mismatch(_ key: String, _ expected: String, _ node: ConfigNode) -> PolicyInputError {
        error(key, "expected \(expected), got \(node.value.typeName)")
    }

    public func string(_ key: String) throws -> String {
        let n = try node(key)
        guard case .string(let s) = n.value else { throw mismatch(key, "a string", n) }
        return s
    }

    public func optionalString(_ key: String) throws -> String? {
        consume(key)
        return has(key) ? try string(key) : nil
    }

    public func bool(_ key: String) throws -> Bool {
        let n = try node(key)
        guard case .bool(let b) = n.value else { throw mismatch(key, "true or false", n) }
        return b
    }

    public func optionalBool(_ key: String) throws -> Bool? {
        consume(key)
        return has(key) ? try bool(key) : nil
    }

    public func integer(_ key: String) throws -> Int {
        let n = try node(key)
        guard case .integer(let i) = n.value else { throw mismatch(key, "an integer", n) }
        return i
    }

    /// A number: TOML integers and floats both count.
    public func double(_ key: String) throws -> Double {
        let n = try node(key)
        switch n.value {
        case .integer(let i): return Double(i)
        case .float(let d):
            guard d.isFinite else { throw error(key, "expected a finite number, got \(d)") }
            return d
        default: throw mismatch(key, "a number", n)
        }
    }

    public func optionalDouble(_ key: String) throws -> Double? {
        consume(key)
        return has(key) ? try double(key) : nil
    }

    /// A non-negative amount of yuan with at most two decimals, below 9·10¹² yuan, exactly.
    public func money(_ key: String) throws -> Money {
        let n = try node(key)
        let money: Money?
        switch n.value {
        case .integer(let i):
            let (fen, overflow) = Int64(i).multipliedReportingOverflow(by: 100)
            guard !overflow, abs(fen) < 900_000_000_000_000 else {
                throw error(key, "expected an amount below 9,000,000,000,000 yuan, got \(i)")
            }
            money = Money(fen: fen)
        case .float(let d):
            guard abs(d) < 9e12 else { throw error(key, "expected an amount below 9,000,000,000,000 yuan, got \(d)") }
            let fen = (d * 100).rounded()
            money = abs(d * 100 - fen) <= 1e-6 ? Money(fen: Int64(fen)) : nil
        case .string(let s): money = Money(parsing: s)
        default: throw mismatch(key, "an amount in yuan", n)
        }
        guard let money else { throw error(key, "expected an amount in yuan with at most two decimals") }
        guard money.fen < 900_000_000_000_000 else { throw error(key, "expected an amount below 9,000,000,000,000 yuan, got \(money)") }
        guard money >= .zero else { throw error(key, "expected an amount ≥ 0, got \(money)") }
        return money
    }

    /// An exact rate with at most six decimals, within `range` (by default [0, 1]).
    public func rate(_ key: String, in range: ClosedRange<Double> = 0...1) throws -> Rate {
        let value = try double(key)
        guard range.contains(value) else {
            throw error(key, "expected a rate in [\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))], got \(Self.format(value))")
        }
        guard let rate = Rate(exactly: value) else {
            throw error(key, "expected a rate with at most six decimals, got \(value)")
        }
        return rate
    }

    public func date(_ key: String) throws -> CivilDate {
        let n = try node(key)
        switch n.value {
        case .date(let d): return d
        case .string(let s):
            if let d = CivilDate(parsing: s) { return d }
            throw error(key, "expected a date YYYY-MM-DD, got \"\(s)\"")
        default: throw mismatch(key, "a date (YYYY-MM-DD)", n)
        }
    }

    public func strings(_ key: String) throws -> [String] {
        try array(key).enumerated().map { index, n in
            guard case .string(let s) = n.value else {
                throw PolicyInputError.config(file: n.file, keyPath: "\(keyPath(key))[\(index)]",
                                              message: "expected a string, got \(n.value.typeName)")
            }
            return s
        }
    }

    public func doubles(_ key: String) throws -> [Double] {
        try array(key).enumerated().map { index, n in
            switch n.value {
            case .integer(let i): return Double(i)
            case .float(let d) where d.isFinite: return d
            case .float(let d):
                throw PolicyInputError.config(file: n.file, keyPath: "\(keyPath(key))[\(index)]",
                                              message: "expected a finite number, got \(d)")
            default:
                throw PolicyInputError.config(file: n.file, keyPath: "\(keyPath(key))[\(index)]",
                                              message: "expected a number, got \(n.value.typeName)")
            }
        }
    }

    public func array(_ key: String) throws -> [ConfigNode] {
        let n = try node(key)
        guard case .array(let a) = n.value else { throw mismatch(key, "an array", n) }
        return a
    }

    public func table(_ key: String) throws -> ConfigReader {
        let n = try node(key)
        guard case .table(let t) = n.value else { throw mismatch(key, "a table", n) }
        return ConfigReader(t, path: keyPath(key))
    }

    public func optionalTable(_ key: String) throws -> ConfigReader? {
        consume(key)
        return has(key) ? try table(key) : nil
    }

    /// An array of tables (`[[key]]`), each with its own reader.
    public func tables(_ key: String) throws -> [ConfigReader] {
        try array(key).enumerated().map { index, n in
            guard case .table(let t) = n.value else {
                throw PolicyInputError.config(file: n.file, keyPath: "\(keyPath(key))[\(index)]",
                                              message: "expected a table, got \(n.value.typeName)")
            }
            return ConfigReader(t, path: "\(keyPath(key))[\(index)]")
        }
    }

    /// The keys of this table not yet consumed (for tables keyed by data, e.g. units).
    public var remainingKeys: [String] { table.sortedKeys.filter { !consumed.contains($0) } }

    /// Marks a key as read without reading it (e.g. documentation-only keys).
    public func skip(_ key: String) { consume(key) }

    /// Refuses unknown keys. Call after reading everything this table may hold.
    public func finish() throws {
        guard table.entries.keys.contains(where: { !consumed.contains($0) }) else { return }
        if let unknown = remainingKeys.first {
            let remaining = Set(remainingKeys)
            let known = Set(consumed + mentioned).subtracting(remaining).sorted().joined(separator: ", ")
            // A key left by the base under a what-if's table (a severity of another family, say).
            let patch = table.patchingFile
            if let file = table[unknown]?.file, file != patch, FileManager.default.fileExists(atPath: patch) {
                throw error(unknown, "unknown key '\(unknown)' (this table takes: \(known)); it comes from \(file), which \(patch) merges into key by key: start the table in \(patch) with replace = true to replace it whole")
            }
            throw error(unknown, "unknown key '\(unknown)' (this table takes: \(known))")
        }
    }

    /// A number as a message quotes it: a whole number without ".0".
    public static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
