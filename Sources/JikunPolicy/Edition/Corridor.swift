/// The loss-ratio corridor (资金管理, docs/rules.md §5): with `L = C / P`,
/// - `L < refundBelow`: the shortfall `(refundBelow − L)·P` goes back to the bureau (`refund`);
/// - `refundBelow ≤ L ≤ sharedFrom`: no adjustment (`neutral`);
/// - `sharedFrom < L ≤ sharedTo`: the bureau pays `bureauShare·(L − sharedFrom)·P` (`shared`);
/// - `L > sharedTo`: the bureau pays `bureauShare·(sharedTo − sharedFrom)·P`, the insurers
///   bear the rest (`excess`).
public struct Corridor: Sendable, Equatable {
    public var refundBelow: Rate
    public var sharedFrom: Rate
    public var sharedTo: Rate
    public var bureauShare: Rate
    public var allocation: CorridorAllocation
    /// One settlement over the term, or one per coverage period (`CorridorBasis`).
    public var basis: CorridorBasis

    public init(refundBelow: Rate, sharedFrom: Rate, sharedTo: Rate, bureauShare: Rate,
                allocation: CorridorAllocation, basis: CorridorBasis = .term) {
        self.refundBelow = refundBelow
        self.sharedFrom = sharedFrom
        self.sharedTo = sharedTo
        self.bureauShare = bureauShare
        self.allocation = allocation
        self.basis = basis
    }

    /// The band and the transfers for premium `P` and claims `C`. One implementation serves the
    /// exact settlement (`ExactAmount`, rounded once at the end) and the simulation (`Double`).
    @inlinable
    public func adjustment<Amount: CorridorAmount>(premium: Amount, claims: Amount) -> CorridorAdjustment<Amount> {
        if claims < premium.scaled(by: refundBelow) {
            return CorridorAdjustment(band: .refund, refund: premium.scaled(by: refundBelow) - claims, sharedTopUp: .zero)
        }
        if claims <= premium.scaled(by: sharedFrom) {
            return CorridorAdjustment(band: .neutral, refund: .zero, sharedTopUp: .zero)
        }
        if claims <= premium.scaled(by: sharedTo) {
            let above = claims - premium.scaled(by: sharedFrom)
            return CorridorAdjustment(band: .shared, refund: .zero, sharedTopUp: above.scaled(by: bureauShare))
        }
        let band = Rate(partsPerMillion: sharedTo.partsPerMillion - sharedFrom.partsPerMillion)
        return CorridorAdjustment(band: .excess, refund: .zero,
                                  sharedTopUp: premium.scaled(by: band).scaled(by: bureauShare))
    }
}

/// How the corridor's adjustment reaches the insurers (docs/rules.md §5 Reading).
public enum CorridorAllocation: String, Sendable, Equatable, CaseIterable {
    /// The notice: one combined loss ratio; the adjustment split pro rata to earned premium.
    case proRataPremium = "pro_rata_premium"
    /// What-if: each insurer applies the corridor to its own loss ratio.
    case ownExperience = "own_experience"
}

/// The corridor band a loss ratio falls in.
public enum CorridorBand: String, Sendable, Equatable, CaseIterable {
    case refund, neutral, shared, excess

    public var labelZH: String {
        switch self {
        case .refund: "返还"
        case .neutral: "不调整"
        case .shared: "共担"
        case .excess: "超赔自担"
        }
    }
}

public struct CorridorAdjustment<Amount: CorridorAmount>: Sendable where Amount: Sendable {
    public var band: CorridorBand
    /// Paid back to the bureau (L below the corridor).
    public var refund: Amount
    /// Paid by the bureau on top of the premium (L above the neutral band).
    public var sharedTopUp: Amount

    @inlinable public init(band: CorridorBand, refund: Amount, sharedTopUp: Amount) {
        self.band = band
        self.refund = refund
        self.sharedTopUp = sharedTopUp
    }
}

/// What the corridor needs of a number: exact money (`ExactAmount`) or the simulation's `Double`.
public protocol CorridorAmount: Comparable, Sendable {
    static var zero: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    func scaled(by rate: Rate) -> Self
}

extension ExactAmount: CorridorAmount {}

extension Double: CorridorAmount {
    @inlinable public func scaled(by rate: Rate) -> Double { self * rate.value }
}
