/// An exact amount of money in units of 10⁻¹² fen, wide enough for two chained rate
/// multiplications (e.g. the bureau's 50 % of the part above 90 % of premium) without any
/// rounding until the one rounding to the fen that docs/rules.md prescribes.
public struct ExactAmount: Hashable, Comparable, Sendable {
    /// 10¹² sub-units per fen: each `Rate` multiplication consumes 10⁶ of it exactly.
    @usableFromInline static let subunitsPerFen: Int128 = 1_000_000_000_000

    @usableFromInline var subunits: Int128

    @inlinable init(subunits: Int128) { self.subunits = subunits }

    @inlinable public init(_ money: Money) { self.subunits = Int128(money.fen) * Self.subunitsPerFen }

    public static let zero = ExactAmount(subunits: 0)

    @inlinable public static func + (a: Self, b: Self) -> Self { Self(subunits: a.subunits + b.subunits) }
    @inlinable public static func - (a: Self, b: Self) -> Self { Self(subunits: a.subunits - b.subunits) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.subunits < b.subunits }

    /// `self × rate`. Exact while `self` carries at most one earlier rate factor; a third
    /// chained factor traps rather than rounding silently.
    @inlinable public func scaled(by rate: Rate) -> Self {
        let product = subunits * Int128(rate.partsPerMillion)
        precondition(product % Int128(Rate.denominator) == 0, "more than two chained rates")
        return Self(subunits: product / Int128(Rate.denominator))
    }

    /// Rounded half-up to the fen; a negative amount rounds half away from zero (symmetric).
    @inlinable public func roundedHalfUp() -> Money {
        let half = Self.subunitsPerFen / 2
        let magnitude = subunits.magnitude
        let fen = Int64((magnitude + UInt128(half)) / UInt128(Self.subunitsPerFen))
        return Money(fen: subunits < 0 ? -fen : fen)
    }

    /// The amount as a `Double` number of yuan (for display of unrounded intermediate values).
    public var yuan: Double { Double(subunits) / Double(Self.subunitsPerFen) / 100 }
}
