import Foundation
import JikunSimulation

/// `jikun compare --shard`: a task runs the trials ⌊(i−1)N/k⌋ … ⌊iN/k⌋−1 of every scenario
/// (the same streams as in the whole run) and keeps each trial's key outputs bit for bit, so
/// the merge pairs and sums exactly the values one process would have.
extension Comparison {
    /// The key outputs of every scenario (base first) in one trial. In `part.json` it is one
    /// string of 16-digit hexadecimal bit patterns, scenario by scenario, output by output.
    public struct Trial: Codable, Sendable, Equatable {
        public var values: [Double]

        public init(values: [Double]) { self.values = values }

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            values = try text.split(separator: " ").map { word in
                guard word.count == 16, let pattern = UInt64(word, radix: 16) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(word)\" is not a 16-digit bit pattern")
                }
                return Double(bitPattern: pattern)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(values.map { word in
                let hex = String(word.bitPattern, radix: 16)
                return String(repeating: "0", count: 16 - hex.count) + hex
            }.joined(separator: " "))
        }
    }

    /// What a compare part states besides the base scenario and the seed, one entry per line:
    /// `scenario <hash> <name>` for each scenario (base first), then `output <key> <ratio|money>
    /// <label>` for each key output (a name and a label may hold spaces: they come last). Parts
    /// must agree on all of it.
    public static func partDesign(scenarios: [(name: String, hash: String)], outputs: KeyOutputs) -> [String] {
        scenarios.map { "scenario \($0.hash) \($0.name)" }
            + outputs.outputs.map { "output \($0.key) \($0.isRatio ? "ratio" : "money") \($0.label)" }
    }

    /// Each trial's row of a part: `outputs` holds every scenario's key outputs for the part's trials.
    public static func partTrials(_ outputs: [KeyOutputs]) -> [Trial] {
        let trials = outputs.first?.trials ?? 0
        return (0..<trials).map { t in Trial(values: outputs.flatMap { $0.outputs.map { $0.values[t] } }) }
    }

    /// The scenarios (name and hash, base first) a part design names, or nil if it is not one.
    public static func partScenarios(_ design: [String]) -> [(name: String, hash: String)]? {
        let scenarios = design.compactMap { line -> (name: String, hash: String)? in
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            return fields.count == 3 && fields[0] == "scenario" ? (fields[2], fields[1]) : nil
        }
        return scenarios.count >= 2 ? scenarios : nil
    }

    /// The comparison of the merged trials of every part, in trial order; nil when the design
    /// is not a compare design or a trial holds the wrong number of values.
    public init?(partDesign design: [String], trials: [Trial], seed: UInt64) {
        guard let scenarios = Self.partScenarios(design) else { return nil }
        var layout: [(key: String, label: String, isRatio: Bool)] = []
        for line in design where line.hasPrefix("output ") {
            let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields[2] == "ratio" || fields[2] == "money" else { return nil }
            layout.append((fields[1], fields[3], fields[2] == "ratio"))
        }
        guard !layout.isEmpty, scenarios.count + layout.count == design.count else { return nil }
        let width = layout.count
        guard trials.allSatisfy({ $0.values.count == scenarios.count * width }) else { return nil }
        let outputs = scenarios.indices.map { s in
            KeyOutputs(outputs: layout.enumerated().map { k, o in
                KeyOutputs.Output(key: o.key, label: o.label, isRatio: o.isRatio, values: trials.map { $0.values[s * width + k] })
            }, trials: trials.count)
        }
        self.init(base: (scenarios[0].name, outputs[0]),
                  variants: zip(scenarios.dropFirst(), outputs.dropFirst()).map { ($0.name, $1) }, seed: seed)
    }
}

extension KeyOutputs {
    /// Outputs read back from a part file.
    init(outputs: [Output], trials: Int) {
        self.outputs = outputs
        self.trials = trials
    }
}
