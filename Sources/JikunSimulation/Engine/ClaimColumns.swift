import JikunPolicy

/// The layout of a trial's claims vector: one column per (unit, category, benefit line,
/// period), holding the trial's claims in fen (whole numbers, so every sum over columns and
/// trials is exact in `Double` below 2⁵³ and does not depend on summation order).
public struct ClaimColumns: Sendable, Equatable {
    public let units: Int, categories: Int, periods: Int
    public static let lines = ClaimLine.allCases
    public var lineCount: Int { Self.lines.count }
    public var count: Int { units * categories * lineCount * periods }

    public init(edition: Edition) {
        units = edition.units.count
        categories = edition.categories.count
        periods = edition.periods.count
    }

    @inlinable public func column(unit: Int, category: Int, line: ClaimLine, period: Int) -> Int {
        (((unit * categories) + category) * lineCount + line.index) * periods + period
    }

    /// The inverse of `column(unit:category:line:period:)`.
    public func components(of column: Int) -> (unit: Int, category: Int, line: ClaimLine, period: Int) {
        let period = column % periods
        var rest = column / periods
        let line = Self.lines[rest % lineCount]
        rest /= lineCount
        return (rest / categories, rest % categories, line, period)
    }
}
