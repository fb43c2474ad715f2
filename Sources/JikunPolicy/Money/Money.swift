/// An amount of money in integer fen (分, 0.01 yuan): the unit every exact rule works in.
///
/// Parsing accepts yuan with at most two decimals and 15 digits before the point, so every
/// amount in a file is represented exactly; formatting always writes two decimals.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var fen: Int64

    @inlinable public init(fen: Int64) { self.fen = fen }

    /// Whole yuan (元).
    @inlinable public init(yuan: Int64) { self.fen = yuan * 100 }

    @inlinable public static var zero: Money { Money(fen: 0) }

    @inlinable public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    @inlinable public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    @inlinable public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    @inlinable public static func * (a: Money, n: Int64) -> Money { Money(fen: a.fen * n) }

    /// The largest amount a `Money` holds: 92,233,720,368,547,758.07 yuan.
    public static let largest = Money(fen: .max)

    /// The sum, or nil when it passes the range of `Money` (a file's amounts can add up past
    /// it: each is below 10¹⁵ yuan, 93 of them are not).
    @inlinable public func adding(_ other: Money) -> Money? {
        let (sum, overflowed) = fen.addingReportingOverflow(other.fen)
        return overflowed ? nil : Money(fen: sum)
    }

    /// The amount in yuan as a `Double`, for the simulation and for charts.
    @inlinable public var yuan: Double { Double(fen) / 100 }

    /// Nearest fen to a `Double` amount of yuan (half away from zero): how a sampled amount
    /// becomes a claim amount before it meets the exact rules.
    @inlinable @inline(__always) public init(roundingYuan yuan: Double) {
        let cents = yuan * 100
        let magnitude = abs(cents)
        if magnitude < 0x1p52 {
            // The nearest integer k (ties to even) is read from the bits of |cents| + 2⁵²; a tie
            // then moves up, away from zero. No libm call, no conversion check, no branch on
            // the amount (the simulation rounds millions of sampled amounts).
            let shifted = magnitude + 0x1p52
            let nearest = shifted - 0x1p52
            let k = Int64(bitPattern: shifted.bitPattern &- (0x1p52 as Double).bitPattern)
                &+ (magnitude - nearest == 0.5 ? 1 : 0)
            self.fen = cents < 0 ? -k : k
        } else {
            // Already a whole number of fen (NaN and amounts beyond Int64 trap).
            self.fen = Int64(cents)
        }
    }

    /// `Money(roundingYuan:)`, or nil for an amount that is not finite or lies beyond 10¹⁶ yuan
    /// (an estimate, not an amount read from a file, can).
    public static func rounding(yuan: Double) -> Money? {
        yuan.isFinite && abs(yuan) < 1e16 ? Money(roundingYuan: yuan) : nil
    }

    /// `"1234.50"`, `"-0.07"`: yuan with exactly two decimals.
    public var description: String {
        let magnitude = fen.magnitude
        let whole = magnitude / 100, cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(whole) + (cents < 10 ? ".0" : ".") + String(cents)
    }

    /// Parses yuan written as `123`, `123.4` or `123.45` (optionally signed). Returns nil for
    /// anything else, including a third decimal: amounts are never silently rounded.
    public init?(parsing text: Substring) { self.init(utf8: text.utf8) }

    @inlinable
    public init?<Bytes: Collection>(utf8 text: Bytes) where Bytes.Element == UInt8 {
        var bytes = text[...]
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var whole: Int64 = 0, cents: Int64 = 0, decimals = 0, digits = 0, seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            let digit = Int64(byte - 48)
            if seenPoint {
                decimals += 1
                if decimals > 2 { return nil }
                cents = cents * 10 + digit
            } else {
                digits += 1
                if digits > 15 { return nil }
                whole = whole * 10 + digit
            }
        }
        if digits == 0 || (seenPoint && decimals == 0) { return nil }
        if decimals == 1 { cents *= 10 }
        let fen = whole * 100 + cents
        self.fen = negative ? -fen : fen
    }

    public init?(parsing text: String) { self.init(parsing: text[...]) }
}

extension Money: ExpressibleByIntegerLiteral {
    /// An integer literal is whole yuan: `Money(2000)` is 2,000.00 yuan.
    public init(integerLiteral yuan: Int64) { self.init(yuan: yuan) }
}
