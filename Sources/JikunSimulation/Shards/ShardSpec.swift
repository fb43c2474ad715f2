/// Which part of a run a task computes: shard `index` of `count` (1-based) of `totalTrials`
/// trials covers trials ⌊(i−1)N/k⌋ ..< ⌊iN/k⌋, so the k shards tile 0 ..< N exactly.
public struct ShardSpec: Sendable, Equatable, Codable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError.spec("the shard count must be at least 1, got \(count)") }
        guard (1...count).contains(index) else {
            throw ShardError.spec("the shard index must be in 1…\(count), got \(index)")
        }
        self.index = index
        self.count = count
    }

    /// The trials of this shard in a run of `totalTrials`.
    public func trials(of totalTrials: Int) -> Range<Int> {
        // Int128 so that i·N cannot overflow.
        let lower = Int(Int128(index - 1) * Int128(totalTrials) / Int128(count))
        let upper = Int(Int128(index) * Int128(totalTrials) / Int128(count))
        return lower..<upper
    }

    /// Parses `i/k`, or `auto` / `auto/k` from the scheduler's environment: Slurm's
    /// `SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` + 1 of `SLURM_ARRAY_TASK_COUNT`, else
    /// Kubernetes' `JOB_COMPLETION_INDEX` + 1 of the stated `k` (an Indexed Job has no count
    /// variable). A stated `k` must agree with Slurm's count.
    public static func parse(_ text: String, environment: [String: String]) throws(ShardError) -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, !parts[0].isEmpty else { throw ShardError.spec("expected i/k (e.g. 2/4), auto or auto/k, got \"\(text)\"") }
        var stated: Int? = nil
        if parts.count == 2 {
            guard let k = Int(parts[1]) else { throw ShardError.spec("expected a whole number of shards after '/', got \"\(parts[1])\"") }
            stated = k
        }
        if parts[0] != "auto" {
            guard let i = Int(parts[0]), let k = stated else {
                throw ShardError.spec("expected i/k (e.g. 2/4), auto or auto/k, got \"\(text)\"")
            }
            return try ShardSpec(index: i, count: k)
        }
        func integer(_ name: String) throws(ShardError) -> Int? {
            guard let value = environment[name] else { return nil }
            // Bounded far above any scheduler's array, so the arithmetic below cannot overflow.
            guard let n = Int(value), (0...10_000_000).contains(n) else {
                throw ShardError.spec("\(name) should be a whole number from 0 to 10000000, got \"\(value)\"")
            }
            return n
        }
        if let id = try integer("SLURM_ARRAY_TASK_ID") {
            guard let count = try integer("SLURM_ARRAY_TASK_COUNT") else {
                throw ShardError.spec("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")
            }
            let first = try integer("SLURM_ARRAY_TASK_MIN") ?? 0
            if let stated, stated != count {
                throw ShardError.spec("--shard auto/\(stated) states \(stated) shards but SLURM_ARRAY_TASK_COUNT is \(count)")
            }
            // A stepped or sparse --array would leave trials out; only a contiguous one is accepted.
            if let last = try integer("SLURM_ARRAY_TASK_MAX"), last - first + 1 != count {
                throw ShardError.spec("the Slurm array \(first)-\(last) has \(count) tasks: use a contiguous --array=\(first)-\(first + count - 1)")
            }
            return try ShardSpec(index: id - first + 1, count: count)
        }
        if let index = try integer("JOB_COMPLETION_INDEX") {
            guard let stated else {
                throw ShardError.spec("JOB_COMPLETION_INDEX is set but the shard count is not: use --shard auto/k with the Job's completions")
            }
            return try ShardSpec(index: index + 1, count: stated)
        }
        throw ShardError.spec("--shard auto needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm array) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, with auto/k); neither is set")
    }
}

/// A shard that cannot be written, read or merged; names the shard (its folder) at fault.
public enum ShardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bad `--shard` value or scheduler environment.
    case spec(String)
    /// A problem with one shard folder.
    case shard(path: String, message: String)
    /// A problem with the set of shards as a whole.
    case set(String)

    public var description: String {
        switch self {
        case .spec(let message): "--shard: \(message)"
        case .shard(let path, let message): "shard \(path): \(message)"
        case .set(let message): "shards: \(message)"
        }
    }
}
