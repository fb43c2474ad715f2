import Foundation
import JikunPolicy
import JikunSimulation

/// Changing a scenario the way a what-if file would, from the command line: `--set KEY=VALUE`
/// at a dotted key path of the resolved scenario, or scaling the number(s) at a key path.
public enum ScenarioEdits {
    /// Parses a value as TOML writes scalars: integer, number, true/false, a date, a
    /// bracketed list of numbers, or else a string.
    public static func parseValue(_ text: String) -> ConfigValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let i = Int(trimmed) { return .integer(i) }
        if let d = Double(trimmed), d.isFinite { return .float(d) }
        if trimmed == "true" { return .bool(true) }
        if trimmed == "false" { return .bool(false) }
        if let date = CivilDate(parsing: trimmed) { return .date(date) }
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
            let items = trimmed.dropFirst().dropLast().split(separator: ";", omittingEmptySubsequences: true)
            let numbers = items.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if numbers.count == items.count {
                return .array(numbers.map { ConfigNode(.float($0), file: "--set") })
            }
        }
        var unquoted = trimmed
        if unquoted.count >= 2, unquoted.hasPrefix("\""), unquoted.hasSuffix("\"") { unquoted = String(unquoted.dropFirst().dropLast()) }
        return .string(unquoted)
    }

    /// `key.path=v1,v2,…` → the key path and its values.
    public static func parseAssignment(_ text: String) throws -> (path: [String], values: [ConfigValue]) {
        guard let equals = text.firstIndex(of: "=") else {
            throw PolicyInputError.usage("--set takes KEY=VALUE[,VALUE…] (e.g. premium.per_person_month=10,11,12), got \"\(text)\"")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let path = key.split(separator: ".").map(String.init)
        guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
            throw PolicyInputError.usage("--set: \"\(key)\" is not a dotted key path")
        }
        let values = text[text.index(after: equals)...].split(separator: ",").map { parseValue(String($0)) }
        guard !values.isEmpty else { throw PolicyInputError.usage("--set \(key): give at least one value") }
        return (path, values)
    }

    /// The scenario with `value` at `path` (validated like a file: a wrong key or value is an
    /// error naming the key).
    public static func setting(_ scenario: Scenario, _ path: [String], to value: ConfigValue) throws -> Scenario {
        try setting(scenario, [(path, value)])
    }

    public static func setting(_ scenario: Scenario, _ edits: [(path: [String], value: ConfigValue)],
                               option: String = "--set") throws -> Scenario {
        // A key the scenario leaves out (an optional one, such as corridor.basis) may be set:
        // loading the edited scenario refuses a key it does not know, naming it.
        for edit in edits { try refuseRunKey(edit.path, option: option) }
        do {
            return try scenario.setting(edits, file: option)
        } catch PolicyInputError.config(let file, let keyPath, let message) where file == option {
            // Name the option and the value given, as the user typed them.
            let given = edits.first { $0.path.joined(separator: ".") == keyPath }
            let assignment = given.map { "\(keyPath)=\($0.value.tomlText)" } ?? keyPath
            throw PolicyInputError.usage("\(option) \(assignment): \(message)")
        } catch let error as PolicyInputError {
            // A rule that ties the edited key to another one, reported at the other key's file.
            let assignments = edits.map { "\($0.path.joined(separator: "."))=\($0.value.tomlText)" }.joined(separator: " ")
            throw PolicyInputError.usage("\(option) \(assignments) leaves the scenario inconsistent: \(error.description)")
        }
    }

    /// Keys that say how a run is made rather than what it models. Every point of a sweep and
    /// every run of a sensitivity analysis uses one seed and trial count (common random
    /// numbers), so editing them would be ignored.
    static let runKeys: Set<String> = ["scenario.seed", "scenario.trials"]

    /// Refuses a run key (see `runKeys`) given to `option`.
    public static func refuseRunKey(_ path: [String], option: String) throws {
        let key = path.joined(separator: ".")
        guard runKeys.contains(key) else { return }
        throw PolicyInputError.usage("\(option) \(key): every run of a sweep or sensitivity analysis uses the one seed and "
                                     + "trial count (common random numbers); give --seed or --trials instead")
    }

    /// The value at a key path, if any.
    public static func existingValue(_ table: ConfigTable, _ path: [String]) -> ConfigValue? {
        var current = table
        for (i, key) in path.enumerated() {
            guard let node = current[key] else { return nil }
            if i == path.count - 1 { return node.value }
            guard case .table(let next) = node.value else { return nil }
            current = next
        }
        return nil
    }

    /// A scaled value in the precision its kind of key accepts: amounts of 1 or more to the fen
    /// (money has two decimals), smaller numbers such as rates and shares to six decimals (exact
    /// `Rate`s), and tiny probabilities at full precision.
    static func tidy(_ x: Double, like original: Double) -> Double {
        if abs(original) >= 1 { return (x * 100).rounded() / 100 }
        if abs(original) >= 0.001 { return (x * 1e6).rounded() / 1e6 }
        return x
    }

    /// The scenario with the number (or every number of the list) at `path` multiplied by
    /// `factor`; integers are rounded, other numbers kept in the precision their key accepts
    /// (see `tidy`). A key path that holds no number is an error.
    public static func scaling(_ scenario: Scenario, _ path: [String], by factor: Double) throws -> Scenario {
        try refuseRunKey(path, option: "--parameter")
        guard let value = existingValue(scenario.resolved, path) else {
            throw PolicyInputError.usage("--parameter \(path.joined(separator: ".")): no such key in the scenario "
                                         + "(check the spelling; see scenario.resolved.toml from `jikun simulate --out`)")
        }
        func scaled(_ v: ConfigValue) throws -> ConfigValue {
            switch v {
            case .integer(let i):
                let x = (Double(i) * factor).rounded()
                // Int(exactly:) refuses what Int(_:) would trap on: beyond ±2⁶³.
                guard let scaledInteger = Int(exactly: x) else {
                    throw PolicyInputError.usage("--parameter \(path.joined(separator: ".")): \(i) scaled by \(factor) is beyond the integers a scenario holds")
                }
                return .integer(scaledInteger)
            case .float(let d):
                let x = tidy(d * factor, like: d)
                guard x.isFinite else {
                    throw PolicyInputError.usage("--parameter \(path.joined(separator: ".")): \(d) scaled by \(factor) is not a finite number")
                }
                return .float(x)
            case .array(let items): return .array(try items.map { ConfigNode(try scaled($0.value), file: $0.file) })
            default:
                throw PolicyInputError.usage("--parameter \(path.joined(separator: ".")): expected a number or a list of numbers to scale, got \(v.typeName)")
            }
        }
        let scaledValue = try scaled(value)
        do {
            return try scenario.setting([(path, scaledValue)], file: "--parameter")
        } catch PolicyInputError.config(let file, _, let message) where file == "--parameter" {
            throw PolicyInputError.usage("--parameter \(path.joined(separator: ".")) scaled by \(factor) is \(scaledValue.tomlText): \(message)")
        } catch let error as PolicyInputError {
            throw PolicyInputError.usage("--parameter \(path.joined(separator: ".")) scaled by \(factor) is \(scaledValue.tomlText), "
                                         + "which leaves the scenario inconsistent: \(error.description)")
        }
    }
}

extension ConfigValue {
    /// The value as written in TOML (for tables of results).
    public var tomlText: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .array(let items): return "[" + items.map(\.value.tomlText).joined(separator: "; ") + "]"
        case .table: return "{…}"
        }
    }
}
