import Foundation
import JikunSimulation

/// A researcher's question: how does a variant differ from the base? (issue "jikun compare").
/// All scenarios run on common random numbers — the same seed, so trial t of every scenario
/// sees the same streams — and the differences are paired trial by trial.
public struct Comparison: Sendable {
    public struct Difference: Sendable, Codable {
        public var output: String
        public var label: String
        public var isRatio: Bool
        public var base: Estimate
        public var variant: Estimate
        /// Paired: mean and standard error of (variant − base) trial by trial.
        public var difference: Estimate
        /// What the standard error of the difference would be with independent runs.
        public var independentStandardError: Double
        /// Variance of the independent difference over the paired one (how much CRN saved).
        public var varianceReduction: Double {
            difference.standardError > 0 ? pow(independentStandardError / difference.standardError, 2) : .infinity
        }
    }
    public struct Variant: Sendable {
        public var name: String
        public var differences: [Difference]
    }
    public var base: String
    public var trials: Int
    public var seed: UInt64
    public var variants: [Variant]

    public init(base: (name: String, outputs: KeyOutputs), variants: [(name: String, outputs: KeyOutputs)], seed: UInt64) {
        self.base = base.name
        trials = base.outputs.trials
        self.seed = seed
        self.variants = variants.map { variant in
            Variant(name: variant.name, differences: base.outputs.outputs.compactMap { b in
                guard let v = variant.outputs[b.key] else { return nil }
                return Self.difference(b, v)
            })
        }
    }

    static func difference(_ b: KeyOutputs.Output, _ v: KeyOutputs.Output) -> Difference {
        let diff = zip(v.values, b.values).map { $0 - $1 }
        let base = Estimate(b.values), variant = Estimate(v.values)
        return Difference(output: b.key, label: b.label, isRatio: b.isRatio, base: base, variant: variant,
                          difference: Estimate(diff),
                          independentStandardError: (base.standardError * base.standardError + variant.standardError * variant.standardError).squareRoot())
    }
}
