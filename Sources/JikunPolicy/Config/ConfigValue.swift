/// A parsed configuration file (an edition or a scenario) as plain Swift values, each
/// remembering the file it came from so that an error can name it after `extends` merged files.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case date(CivilDate)
    case array([ConfigNode])
    case table(ConfigTable)

    /// The TOML type name, for "expected … , got …" messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .bool: "a boolean"
        case .date: "a date"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A value and the file that set it.
public struct ConfigNode: Sendable, Equatable {
    public var value: ConfigValue
    public var file: String

    public init(_ value: ConfigValue, file: String) {
        self.value = value
        self.file = file
    }
}

/// A table: keys in sorted order (TOML tables are unordered; arrays keep order).
public struct ConfigTable: Sendable, Equatable {
    public var entries: [String: ConfigNode]
    /// The file that opened this table (the base file, or the patch that added it).
    public var file: String

    public init(entries: [String: ConfigNode] = [:], file: String) {
        self.entries = entries
        self.file = file
    }

    public subscript(key: String) -> ConfigNode? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    public var sortedKeys: [String] { entries.keys.sorted() }

    /// The file that last changed the table: a patch that set a value in it (one of them, when
    /// several did), else the file that opened it. An error about the table as a whole names it.
    public var patchingFile: String {
        var patches: [String] = []
        func visit(_ node: ConfigNode) {
            if node.file != file, !patches.contains(node.file) { patches.append(node.file) }
            switch node.value {
            case .table(let t): for key in t.sortedKeys { visit(t[key]!) }
            case .array(let items): items.forEach(visit)
            default: break
            }
        }
        for key in sortedKeys { visit(entries[key]!) }
        return patches.last ?? file
    }

    /// Applies `patch` over `self` the way a what-if file patches its base (like an OpenFisca
    /// reform): tables merge key by key, recursively; any other value — scalars and arrays,
    /// including arrays of tables such as tier lists — is replaced whole. A patch table with
    /// `replace = true` replaces the base's table whole instead (the key is consumed), so a
    /// fitted file can swap a spliced severity for a lognormal one without the base's keys.
    public func merging(_ patch: ConfigTable) -> ConfigTable {
        var result = self
        for (key, node) in patch.entries {
            if case .table(var patchTable) = node.value, case .bool(true)? = patchTable.entries["replace"]?.value {
                patchTable.entries.removeValue(forKey: "replace")
                result.entries[key] = ConfigNode(.table(patchTable), file: node.file)
            } else if case .table(let patchTable) = node.value,
               let existing = result.entries[key], case .table(let baseTable) = existing.value {
                result.entries[key] = ConfigNode(.table(baseTable.merging(patchTable)), file: existing.file)
            } else {
                result.entries[key] = node
            }
        }
        return result
    }

    /// Sets the value at a dotted key path (`corridor.bureau_share`), creating tables on the way:
    /// what `--set KEY=VALUE` uses.
    public mutating func set(_ value: ConfigValue, at path: [String], file: String) {
        guard let head = path.first else { return }
        if path.count == 1 {
            entries[head] = ConfigNode(value, file: file)
            return
        }
        var child: ConfigTable
        if let existing = entries[head], case .table(let table) = existing.value {
            child = table
        } else {
            child = ConfigTable(file: file)
        }
        child.set(value, at: Array(path.dropFirst()), file: file)
        entries[head] = ConfigNode(.table(child), file: entries[head]?.file ?? file)
    }
}
