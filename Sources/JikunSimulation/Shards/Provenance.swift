import JikunBuildInfo

/// Where a result came from: the build, the scenario as it ran, the seed and the trials. It sits
/// in `summary.json` (without the scenario text, which is `scenario.resolved.toml` beside it)
/// and, whole, in the `provenance.json` sidecar that covers `trials.csv` and the other files.
public struct Provenance: Codable, Sendable, Equatable {
    /// `git describe --always --dirty` of the build (see `BuildInfo`).
    public var version: String
    public var commit: String
    /// `sha256:` and the SHA-256 of the resolved scenario text (`scenario.resolved.toml`).
    public var scenarioHash: String
    public var seed: UInt64
    /// The trials `firstTrial ..< firstTrial + trialCount` of the run.
    public var firstTrial: Int
    public var trialCount: Int
    /// The resolved scenario text itself (in the sidecar only).
    public var scenarioResolved: String?
    /// The command line that wrote the outputs (in the sidecar only).
    public var command: [String]?

    public init(scenarioText: String, seed: UInt64, firstTrial: Int, trialCount: Int,
                version: String = BuildInfo.version, commit: String = BuildInfo.commit) {
        self.version = version
        self.commit = commit
        scenarioHash = Self.hash(scenarioText)
        self.seed = seed
        self.firstTrial = firstTrial
        self.trialCount = trialCount
    }

    public static func hash(_ scenarioText: String) -> String { "sha256:" + SHA256.hex(scenarioText) }

    /// What keeps this run and `reference` from being parts of one run (the build, the scenario
    /// or the seed), as (what, this run's value, the reference's value); nil when they agree.
    public func mismatch(with reference: Provenance) -> (what: String, mine: String, theirs: String)? {
        if version != reference.version || commit != reference.commit {
            return ("was written by jikun", "\(version) (\(commit))", "\(reference.version) (\(reference.commit))")
        }
        if scenarioHash != reference.scenarioHash { return ("scenario", scenarioHash, reference.scenarioHash) }
        if seed != reference.seed { return ("seed", String(seed), String(reference.seed)) }
        return nil
    }

    /// This record with the scenario text and the command line, for `provenance.json`.
    public func sidecar(scenarioText: String, command: [String]) -> Provenance {
        var copy = self
        copy.scenarioResolved = scenarioText
        copy.command = command
        return copy
    }
}
