import JikunPolicy

/// The share of trials in each band (docs/model.md, "Summaries"), counted once for `simulate`,
/// `merge` and each point of a sweep. In JSON it is an object keyed by `Band.label`; `mixed`
/// appears only when some trial is mixed.
public struct BandProbabilities: Codable, Sendable, Equatable {
    /// Shares in `Band.allCases` order.
    private var shares: [Double]

    public init(_ bands: [Band]) {
        var counts = [Int](repeating: 0, count: Band.allCases.count)
        for band in bands { counts[Band.allCases.firstIndex(of: band)!] += 1 }
        shares = counts.map { Double($0) / Double(bands.count) }
    }

    /// The share of trials in `band` (0 when none is).
    public subscript(band: Band) -> Double { shares[Band.allCases.firstIndex(of: band)!] }
    public subscript(band: CorridorBand) -> Double { self[.band(band)] }

    /// The share of mixed trials, nil when no trial is mixed (a `pro_rata_premium` run).
    public var mixed: Double? { self[.mixed] > 0 ? self[.mixed] : nil }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        for band in Band.allCases where band != .mixed || mixed != nil {
            try container.encode(self[band], forKey: NamedKey(band.label))
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: NamedKey.self)
        shares = try Band.allCases.map { band in
            band == .mixed ? try container.decodeIfPresent(Double.self, forKey: NamedKey(band.label)) ?? 0
                : try container.decode(Double.self, forKey: NamedKey(band.label))
        }
    }
}
