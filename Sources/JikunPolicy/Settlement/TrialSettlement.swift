/// The settlement of one simulated year in `Double` yuan: the same `Corridor.adjustment` as the
/// exact statement, without rounding to the fen (agrees with it within a fen per insurer).
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
    /// Settles one simulated year into `result` (reused across trials to avoid allocation).
    /// Under `pro_rata_premium` the combined adjustment is split in proportion to premium.
    @inlinable
    public func settle(premium: UnsafeBufferPointer<Double>, claims: UnsafeBufferPointer<Double>,
                       allocation: CorridorAllocation? = nil, into result: inout TrialSettlement) {
        switch allocation ?? self.allocation {
        case .proRataPremium:
            var totalPremium = 0.0, totalClaims = 0.0
            for i in premium.indices {
                totalPremium += premium[i]
                totalClaims += claims[i]
            }
            let combined = adjustment(premium: totalPremium, claims: totalClaims)
            result.band = .band(combined.band)
            for i in premium.indices {
                let share = totalPremium > 0 ? premium[i] / totalPremium : 0
                result.refund[i] = combined.refund * share
                result.sharedTopUp[i] = combined.sharedTopUp * share
            }
        case .ownExperience:
            var band = Band.mixed
            for i in premium.indices {
                let own = adjustment(premium: premium[i], claims: claims[i])
                band = i == 0 || band == .band(own.band) ? .band(own.band) : .mixed
                result.refund[i] = own.refund
                result.sharedTopUp[i] = own.sharedTopUp
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
