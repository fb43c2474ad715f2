/// A run-off triangle: cumulative amounts (or counts) by origin period and development period.
///
/// Origin `i` (oldest first) is observed at developments `0 ..< observed(i)`, with
/// `observed(i) = min(n, m − i)` for `m` origins and `n` development periods: the last cell of
/// each row lies on the latest diagonal (the valuation date). Values are cumulative and ≥ 0.
public struct Triangle: Sendable, Equatable {
    /// Origin labels, oldest first (e.g. `1981`, `2021-03`, `2021-Q2`).
    public let origins: [String]
    /// Development labels, earliest first (e.g. `1`…`10`, or months since the event `0`, `1`, …).
    public let developments: [String]
    /// `rows[i][k]`: cumulative value of origin `i` at development `k`.
    public let rows: [[Double]]

    /// A triangle whose rows have the staircase shape above.
    ///
    /// - Throws: `ReservingError.option` when the shape is wrong or a value is negative or not finite.
    public init(origins: [String], developments: [String], rows: [[Double]]) throws {
        let m = origins.count, n = developments.count
        guard m >= 1, n >= 1 else { throw ReservingError.option("a triangle needs at least one origin and one development period") }
        guard rows.count == m else { throw ReservingError.option("\(rows.count) rows for \(m) origins") }
        for (i, row) in rows.enumerated() {
            guard row.count == min(n, m - i) else {
                throw ReservingError.option("origin \(origins[i]) has \(row.count) values, expected \(min(n, m - i)) (up to the latest diagonal)")
            }
            for (k, value) in row.enumerated() where !(value.isFinite && value >= 0) {
                throw ReservingError.option("origin \(origins[i]), development \(developments[k]): cumulative value must be finite and ≥ 0, got \(value)")
            }
        }
        self.origins = origins
        self.developments = developments
        self.rows = rows
    }

    public var originCount: Int { origins.count }
    public var developmentCount: Int { developments.count }

    /// Number of developments observed for origin `i`.
    public func observed(_ i: Int) -> Int { rows[i].count }

    /// The latest diagonal: each origin's last cumulative value.
    public var latest: [Double] { rows.map { $0.last! } }

    /// Incremental value of origin `i` at development `k` (observed cells only).
    public func incremental(_ i: Int, _ k: Int) -> Double {
        k == 0 ? rows[i][0] : rows[i][k] - rows[i][k - 1]
    }

    /// The triangle of cumulative sums of incremental rows.
    public init(origins: [String], developments: [String], incrementalRows: [[Double]]) throws {
        try self.init(origins: origins, developments: developments, rows: incrementalRows.map { row in
            var sum = 0.0
            return row.map { sum += $0; return sum }
        })
    }
}
