import JikunPolicy

extension Band {
    /// The band as a shard's `trials.f64` stores it: the `CorridorBand` index (0…3), 255 for
    /// `.mixed` (the format `jikun-shard/2`; the code exists only in that file).
    var shardCode: Double {
        switch self {
        case .band(let b): Double(CorridorBand.allCases.firstIndex(of: b)!)
        case .mixed: 255
        }
    }

    /// The band of a stored code; nil for any value that is no code.
    init?(shardCode code: Double) {
        if code == 255 { self = .mixed; return }
        guard code >= 0, code < Double(CorridorBand.allCases.count), code == code.rounded() else { return nil }
        self = .band(CorridorBand.allCases[Int(code)])
    }
}
