/// An exact rate (a tier's 25 %, a band edge of 85 %, a sharing ratio of 50 %) held in parts
/// per million, so that money times a rate is an exact rational number of fen.
///
/// Policy rates have at most six decimals; a `Double` from a file is accepted only when it is
/// that exact, never rounded to fit.
public struct Rate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let denominator: Int64 = 1_000_000
    public var partsPerMillion: Int64

    @inlinable public init(partsPerMillion: Int64) { self.partsPerMillion = partsPerMillion }

    /// The rate whose decimal expansion is `value`, or nil when `value` has more than six decimals.
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        let scaled = value * Double(Rate.denominator)
        let nearest = scaled.rounded()
        guard abs(scaled - nearest) <= 1e-9 * max(1, abs(nearest)), abs(nearest) < 9e15
        else { return nil }
        self.partsPerMillion = Int64(nearest)
    }

    public static let zero = Rate(partsPerMillion: 0)
    public static let one = Rate(partsPerMillion: denominator)

    @inlinable public var value: Double { Double(partsPerMillion) / Double(Rate.denominator) }

    public static func < (a: Rate, b: Rate) -> Bool { a.partsPerMillion < b.partsPerMillion }

    /// `0.25`, `0.3`, `1`: the shortest exact decimal.
    public var description: String {
        let whole = partsPerMillion / Rate.denominator
        var fraction = String(partsPerMillion % Rate.denominator)
        if fraction == "0" { return String(whole) }
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}

extension Money {
    /// `self × rate`, rounded half-up to the fen (docs/rules.md: each payment rounds half-up).
    @inlinable @inline(__always) public func scaled(by rate: Rate) -> Money {
        // 100 % (accident medical): the amount itself, exactly what the formula below gives.
        if rate.partsPerMillion == Rate.denominator { return self }
        // The same rational fen·ppm/10⁶ in Int64 when it cannot overflow (any amount below
        // 9·10⁹ yuan at a rate ≤ 100 %); the wide path otherwise.
        if fen >= 0, fen < 9_000_000_000_000, rate.partsPerMillion >= 0, rate.partsPerMillion <= Rate.denominator {
            // Below 9·10¹² × 10⁶ + ½·10⁶ < Int64.max: the wrapping operators cannot wrap here.
            return Money(fen: (fen &* rate.partsPerMillion &+ Rate.denominator / 2) / Rate.denominator)
        }
        return ExactAmount(self).scaled(by: rate).roundedHalfUp()
    }
}
