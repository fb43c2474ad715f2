import JikunPolicy

extension Scenario {
    /// This scenario with `patch` applied over its resolved configuration, as a what-if file
    /// `extends` its base (tables merge key by key), then read and validated like a file: a new
    /// value whose `resolved` is exactly what it was built from.
    public func applying(_ patch: ConfigTable) throws -> Scenario {
        try Scenario(config: resolved.merging(patch))
    }

    /// This scenario with a what-if patch in TOML (`file` names it in error messages).
    public func applying(_ whatIf: String, file: String = "what-if") throws -> Scenario {
        try applying(ConfigFile.parse(whatIf, file: file))
    }

    /// This scenario with each value set at its dotted key path of the resolved configuration
    /// (what `--set KEY=VALUE` does), read and validated again; `file` names the edit in errors.
    public func setting(_ edits: [(path: [String], value: ConfigValue)], file: String) throws -> Scenario {
        var table = resolved
        for edit in edits { table.set(edit.value, at: edit.path, file: file) }
        return try Scenario(config: table)
    }
}
