import Foundation

/// The quantile levels a summary statistic reports (`SampleSummary.defaultLevels`).
public enum QuantileLevel: Int, Sendable, CaseIterable, Codable {
    case p5, p25, p50, p75, p90, p95, p99, p99_5

    public var level: Double {
        switch self {
        case .p5: 0.05
        case .p25: 0.25
        case .p50: 0.5
        case .p75: 0.75
        case .p90: 0.9
        case .p95: 0.95
        case .p99: 0.99
        case .p99_5: 0.995
        }
    }

    /// The key in outputs: `p5`, … , `p99.5`.
    public var label: String {
        let percent = level * 100
        return percent == percent.rounded() ? "p\(Int(percent))" : "p" + String(format: "%.1f", percent)
    }
}

/// One value per `QuantileLevel`, looked up by level (no string keys). In JSON it is an object
/// keyed by `QuantileLevel.label`.
public struct Quantiles<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    private var values: [Value]

    /// `value(level)` for every level, in `QuantileLevel.allCases` order.
    public init(_ value: (QuantileLevel) -> Value) {
        values = QuantileLevel.allCases.map(value)
    }

    public subscript(level: QuantileLevel) -> Value { values[level.rawValue] }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        for level in QuantileLevel.allCases { try container.encode(self[level], forKey: NamedKey(level.label)) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: NamedKey.self)
        values = try QuantileLevel.allCases.map { try container.decode(Value.self, forKey: NamedKey($0.label)) }
    }
}
