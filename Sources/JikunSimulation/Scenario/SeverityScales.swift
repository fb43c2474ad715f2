import JikunPolicy

/// Multipliers on a line's severity law (`events.<line>.severity_overrides` and
/// `events.<line>.severity.period_scale`): a claimant of category c, age band b in period p has
/// the cost k·X with X from the line's law and k = `scale(category:band:period:)`, the product
/// of the override covering (c, b) (1 if none) and the period's scale (1 if not given).
/// Systemic severity factors multiply on top. The benefit is then computed from k·X by the
/// edition's rules, as for any cost.
public struct SeverityScales: Sendable, Equatable {
    /// A scale for the cells (category, band) with `categories` × `bands`.
    public struct Override: Sendable, Equatable {
        public var categories: Set<Int>
        public var bands: Set<Int>
        public var scale: Double
        public init(categories: Set<Int>, bands: Set<Int>, scale: Double) {
            self.categories = categories
            self.bands = bands
            self.scale = scale
        }
    }
    /// At most one override covers a cell (checked at load).
    public var overrides: [Override]
    /// Per period (indexed like `edition.periods`); empty: 1 for every period.
    public var periodScales: [Double]

    public init(overrides: [Override] = [], periodScales: [Double] = []) {
        self.overrides = overrides
        self.periodScales = periodScales
    }

    /// No override and no period scale: the law applies as given.
    public var isIdentity: Bool { overrides.isEmpty && periodScales.allSatisfy { $0 == 1 } }

    public func scale(category: Int, band: Int, period: Int) -> Double {
        let cell = overrides.first { $0.categories.contains(category) && $0.bands.contains(band) }?.scale ?? 1
        return cell * (periodScales.isEmpty ? 1 : periodScales[period])
    }
}

extension Scenario {
    /// Reads `[[events.<line>.severity_overrides]]` from the event's table and
    /// `period_scale` from its `severity` table.
    static func readSeverityScales(event t: ConfigReader, edition: Edition, bands: [AgeBand]) throws -> SeverityScales {
        var overrides: [SeverityScales.Override] = []
        var covered: [Int: [Int: Int]] = [:]  // category → band → override number (1-based)
        if t.has("severity_overrides") {
            for (i, o) in try t.tables("severity_overrides").enumerated() {
                func indices(_ key: String, _ keys: [String], what: String) throws -> Set<Int> {
                    guard o.has(key) else { return Set(keys.indices) }
                    let given = try o.strings(key)
                    guard !given.isEmpty else { throw o.error(key, "expected at least one \(what) key (leave '\(key)' out for all)") }
                    return Set(try given.map { k in
                        guard let index = keys.firstIndex(of: k) else {
                            throw o.error(key, "unknown \(what) \"\(k)\" (expected one of \(keys.joined(separator: ", ")))")
                        }
                        return index
                    })
                }
                let categories = try indices("categories", edition.categories.map(\.key), what: "category")
                let bandSet = try indices("bands", bands.map(\.key), what: "age band")
                let scale = try o.double("scale")
                guard scale.isFinite, scale > 0 else {
                    throw o.error("scale", "expected a severity multiplier > 0, got \(scale)")
                }
                guard scale <= 1e6 else { throw o.error("scale", "expected a severity multiplier ≤ 10⁶, got \(scale)") }
                o.skip("source")
                try o.finish()
                for c in categories.sorted() {
                    for b in bandSet.sorted() {
                        if let earlier = covered[c]?[b] {
                            throw o.error(nil, "override \(i + 1) covers category \(edition.categories[c].key), band \(bands[b].key), already covered by override \(earlier); give each cell one scale")
                        }
                        covered[c, default: [:]][b] = i + 1
                    }
                }
                overrides.append(.init(categories: categories, bands: bandSet, scale: scale))
            }
        }
        var periodScales: [Double] = []
        if let severity = try t.optionalTable("severity"), let table = try severity.optionalTable("period_scale") {
            table.skip("source")
            periodScales = try edition.periods.map { period in
                guard table.has(period.key) else { return 1 }
                let k = try table.double(period.key)
                guard k.isFinite, k > 0, k <= 1e6 else {
                    throw table.error(period.key, "expected a severity multiplier in (0, 10⁶], got \(k)")
                }
                return k
            }
            try table.finish()
        }
        return SeverityScales(overrides: overrides, periodScales: periodScales)
    }
}
