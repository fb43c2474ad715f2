/// The settlement of one simulated year, held in `Double` yuan: each insurer's premium and claims
/// taken to the fen (they are sums of fen), then settled exactly as a statement is, by
/// `Corridor.adjustment` on exact amounts, rounded half-up to the fen and split by largest
/// remainder. So a trial's refund and top-up are what `jikun settle` gives for its figures.
public struct TrialSettlement: Sendable, Equatable {
    /// The combined band; `.mixed` when, under `own_experience`, insurers fall in different bands.
    public var band: Band
    public var refund: [Double]
    public var sharedTopUp: [Double]

    public var totalRefund: Double { refund.reduce(0, +) }
    public var totalSharedTopUp: Double { sharedTopUp.reduce(0, +) }

    /// Insurer `i`'s underwriting result after the corridor and its expenses (yuan):
    /// premium − refund + shared top-up − claims − expense ratio × premium. The engine's
    /// per-trial results and bid pricing both use this one formula.
    @inlinable
    public func result(of i: Int, premium: Double, claims: Double, expenseRatio: Double) -> Double {
        premium - refund[i] + sharedTopUp[i] - claims - expenseRatio * premium
    }

    public init(insurers: Int) {
        band = .mixed
        refund = Array(repeating: 0, count: insurers)
        sharedTopUp = refund
    }
}

extension Corridor {
    /// Settles one simulated year into `result`, reused across trials.
    /// Under `pro_rata_premium` the combined adjustment is split in proportion to premium.
    public func settle(premium: UnsafeBufferPointer<Double>, claims: UnsafeBufferPointer<Double>,
                       allocation: CorridorAllocation? = nil, into result: inout TrialSettlement) {
        switch allocation ?? self.allocation {
        case .proRataPremium:
            let premiums = premium.map { Money(roundingYuan: $0) }
            var totalPremium = Money.zero, totalClaims = Money.zero
            for i in premium.indices {
                totalPremium += premiums[i]
                totalClaims += Money(roundingYuan: claims[i])
            }
            let combined = adjustment(premium: ExactAmount(totalPremium), claims: ExactAmount(totalClaims))
            result.band = .band(combined.band)
            let refund = combined.refund.roundedHalfUp(), topUp = combined.sharedTopUp.roundedHalfUp()
            // A period nobody is insured in has nothing to split.
            let split = totalPremium > .zero
            let refunds = split && refund > .zero ? Self.splitLargestRemainder(refund, weights: premiums) : nil
            let topUps = split && topUp > .zero ? Self.splitLargestRemainder(topUp, weights: premiums) : nil
            for i in premium.indices {
                result.refund[i] = refunds?[i].yuan ?? 0
                result.sharedTopUp[i] = topUps?[i].yuan ?? 0
            }
        case .ownExperience:
            var band = Band.mixed
            for i in premium.indices {
                let own = adjustment(premium: ExactAmount(Money(roundingYuan: premium[i])), claims: ExactAmount(Money(roundingYuan: claims[i])))
                band = i == 0 || band == .band(own.band) ? .band(own.band) : .mixed
                result.refund[i] = own.refund.roundedHalfUp().yuan
                result.sharedTopUp[i] = own.sharedTopUp.roundedHalfUp().yuan
            }
            result.band = band
        }
    }

    /// Array convenience for `settle(premium:claims:allocation:into:)`.
    public func settle(premium: [Double], claims: [Double], allocation: CorridorAllocation? = nil) -> TrialSettlement {
        var result = TrialSettlement(insurers: premium.count)
        premium.withUnsafeBufferPointer { p in
            claims.withUnsafeBufferPointer { c in settle(premium: p, claims: c, allocation: allocation, into: &result) }
        }
        return result
    }
}
