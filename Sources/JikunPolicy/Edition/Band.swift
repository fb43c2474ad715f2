/// The band a settled term falls in: one corridor band for the combined loss ratio, or
/// `.mixed` when, under `own_experience`, the insurers' own loss ratios fall in different bands.
/// The exact statement's TOTAL row, the simulation's trials and every output use this one type.
public enum Band: Sendable, Hashable {
    case band(CorridorBand)
    case mixed

    /// Every band in output order: the corridor's four, then `mixed`.
    public static let allCases: [Band] = CorridorBand.allCases.map(Band.band) + [.mixed]

    /// The name in outputs (`refund`, … , `mixed`): trials.csv, the settlement statement, JSON keys.
    public var label: String {
        switch self {
        case .band(let b): b.rawValue
        case .mixed: "mixed"
        }
    }

    public var labelZH: String {
        switch self {
        case .band(let b): b.labelZH
        case .mixed: "分期不同"
        }
    }

    /// The one corridor band, nil for `mixed`.
    public var corridorBand: CorridorBand? {
        if case .band(let b) = self { return b }
        return nil
    }

    /// The band whose `label` is `label`, nil for any other text.
    public init?(label: String) {
        guard let band = Band.allCases.first(where: { $0.label == label }) else { return nil }
        self = band
    }
}
