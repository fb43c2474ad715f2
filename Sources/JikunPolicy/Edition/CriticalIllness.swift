/// 大病补充, the critical-illness supplement (docs/rules.md §3.2), as the edition states it.
public struct CriticalIllnessBenefit: Sendable, Equatable {
    public var deductible: Money
    public var periodCap: Money
    /// Marginal tiers over `y = max(0, X − deductible)`, by increasing lower bound, the first at 0.
    public var tiers: [CriticalIllnessSchedule.Tier]
    /// Reading switch: scale deductible and cap by months/12 in a short period.
    public var prorateShortPeriod: Bool

    public func schedule(months: Int) -> CriticalIllnessSchedule {
        guard prorateShortPeriod, months != 12 else {
            return CriticalIllnessSchedule(deductible: deductible, cap: periodCap, tiers: tiers)
        }
        // months/12 has no exact six-decimal form for every month count: scale in fen directly.
        func prorate(_ m: Money) -> Money {
            Money(fen: (m.fen * Int64(months) * 2 + 12) / 24)  // half-up to the fen
        }
        return CriticalIllnessSchedule(deductible: prorate(deductible), cap: prorate(periodCap), tiers: tiers)
    }
}

/// The tiered benefit `B(X)` in force in one period, computed exactly in fen.
///
/// `B(X) = min(cap, Σᵢ rateᵢ · slice_i(y))` with `y = max(0, X − deductible)` and `slice_i` the
/// part of `y` between tier i's lower bound and the next one's. The sum is exact in fen·ppm
/// (integer); only the final amount rounds half-up to the fen.
public struct CriticalIllnessSchedule: Sendable, Equatable {
    public struct Tier: Sendable, Equatable {
        /// Lower bound of the slice of `y` (yuan above the deductible) this rate applies to.
        public var from: Money
        public var rate: Rate
        public init(from: Money, rate: Rate) {
            self.from = from
            self.rate = rate
        }
    }

    public let deductible: Money
    public let cap: Money
    public let tiers: [Tier]
    /// Past this `y` (fen) the benefit no longer changes (the cap binds or every rate is 0),
    /// which also keeps the fen·ppm arithmetic far from overflow.
    @usableFromInline let saturationExcess: Int64
    @usableFromInline let capReachable: Bool
    /// The tiers as parallel arrays for `uncappedNumerator`: lower bounds then `Int64.max`, and
    /// rates in parts per million; and the cap in fen·10⁻⁶.
    @usableFromInline let bounds: [Int64]
    @usableFromInline let ratesPerMillion: [Int64]
    @usableFromInline let capNumerator: Int64
    /// Whether the largest sum `uncappedNumerator` can form (at `saturationExcess`), plus the
    /// half for rounding, fits in Int64, so that its arithmetic cannot wrap.
    @usableFromInline let numeratorFits: Bool
    /// The uncapped numerator at each tier's lower bound (the sum of the tiers below it, each
    /// up to `saturationExcess`), for `benefitsInPlace`: one tier's term a total, not all of them.
    @usableFromInline let numeratorAtBound: [Int64]

    public init(deductible: Money, cap: Money, tiers: [Tier]) {
        precondition(!tiers.isEmpty && tiers[0].from == .zero, "tiers start at 0")
        precondition(zip(tiers, tiers.dropFirst()).allSatisfy { $0.from < $1.from }, "tiers in increasing order")
        self.deductible = deductible
        self.cap = cap
        self.tiers = tiers
        // Walk the tiers to where the uncapped benefit first reaches the cap.
        let capNumerator = cap.fen * Rate.denominator
        var accumulated: Int64 = 0
        var saturation: Int64? = nil
        for (i, tier) in tiers.enumerated() {
            let upper = i + 1 < tiers.count ? tiers[i + 1].from.fen : Int64.max
            let rate = tier.rate.partsPerMillion
            if rate > 0 {
                // ⌈remaining / rate⌉ without forming remaining + rate − 1, which can pass Int64.max
                // for a cap near 9.2·10¹⁰ yuan.
                let remaining = capNumerator - accumulated
                let needed = remaining > 0 ? (remaining - 1) / rate + 1 : 0
                if needed <= upper - tier.from.fen {
                    saturation = tier.from.fen + needed
                    break
                }
            }
            if upper == Int64.max { break }
            accumulated += (upper - tier.from.fen) * rate
        }
        self.saturationExcess = saturation ?? tiers[tiers.count - 1].from.fen
        self.capReachable = saturation != nil
        bounds = tiers.map(\.from.fen) + [Int64.max]
        ratesPerMillion = tiers.map(\.rate.partsPerMillion)
        self.capNumerator = capNumerator
        var largest: Int64 = Rate.denominator / 2, fits = true
        var atBound: [Int64] = []
        for i in tiers.indices {
            atBound.append(largest &- Rate.denominator / 2)
            let width = min(saturationExcess, bounds[i + 1]) - bounds[i]
            guard width > 0 else { continue }
            let (term, overflowed) = width.multipliedReportingOverflow(by: ratesPerMillion[i])
            let (sum, overflowedAgain) = largest.addingReportingOverflow(term)
            fits = fits && !overflowed && !overflowedAgain
            largest = sum
        }
        numeratorFits = fits
        numeratorAtBound = atBound
    }

    /// The smallest total `X` (fen) at which the uncapped benefit reaches the cap (440,142.86 for
    /// the 2020 edition), or nil when the cap can never bind.
    public var capBindsFrom: Money? {
        capReachable ? deductible + Money(fen: saturationExcess) : nil
    }

    /// The total `X` past which `B(X)` no longer changes: the same benefit for any larger X.
    public var saturationTotal: Money { deductible + Money(fen: saturationExcess) }

    /// Σᵢ rateᵢ · (the part of y in tier i), for 0 ≤ y ≤ `saturationExcess`. Every tier is
    /// visited (the part is 0 above y), so the simulation's millions of calls take no branch
    /// that depends on the amount.
    @inlinable @inline(__always)
    static func uncappedNumerator(excessFen y: Int64, rates: UnsafeBufferPointer<Int64>, bounds: UnsafeBufferPointer<Int64>,
                                  fits: Bool) -> Int64 {
        var sum: Int64 = 0
        if fits {
            // Every term and sum is at most the one at `saturationExcess`, checked in `init` to
            // fit: the wrapping operators cannot wrap.
            for i in 0..<rates.count {
                sum &+= max(0, min(y, bounds[i + 1]) &- bounds[i]) &* rates[i]
            }
        } else {
            for i in 0..<rates.count {
                sum += max(0, min(y, bounds[i + 1]) - bounds[i]) * rates[i]
            }
        }
        return sum
    }

    /// `B(X)` unrounded, in fen·10⁻⁶, and whether the cap bound.
    @inlinable public func exactBenefit(total: Money) -> (fenMicros: Int64, capBinds: Bool) {
        ratesPerMillion.withUnsafeBufferPointer { rates in
            bounds.withUnsafeBufferPointer { bounds in
                exactBenefit(totalFen: total.fen, rates: rates, bounds: bounds)
            }
        }
    }

    @inlinable @inline(__always)
    func exactBenefit(totalFen: Int64, rates: UnsafeBufferPointer<Int64>, bounds: UnsafeBufferPointer<Int64>)
        -> (fenMicros: Int64, capBinds: Bool) {
        let excess = max(0, totalFen - deductible.fen)
        let uncapped = Self.uncappedNumerator(excessFen: min(excess, saturationExcess), rates: rates, bounds: bounds,
                                              fits: numeratorFits)
        if uncapped > capNumerator || (capReachable && excess > saturationExcess) {
            return (capNumerator, true)
        }
        return (uncapped, false)
    }

    /// `round(B(X))`, half-up to the fen.
    @inlinable public func benefit(total: Money) -> Money {
        Money(fen: Self.roundedFen(exactBenefit(total: total).fenMicros))
    }

    /// `benefit(total:)` of many totals at once, in place (fen in, fen out): the simulation pays
    /// its claimants a batch at a time. A total's numerator is its tier's cumulative value at the
    /// tier's lower bound plus one term (`numeratorAtBound`), the same integer as the sum over
    /// all tiers that `benefit(total:)` forms (a test checks the two agree).
    @inlinable public func benefitsInPlace(_ totalsFen: UnsafeMutableBufferPointer<Int64>) {
        withBatchRule { benefit in
            for i in totalsFen.indices { totalsFen[i] = benefit(totalsFen[i]) }
        }
    }

    /// `benefit(total: Money(roundingYuan: x))` of many period totals x in yuan, in place, as
    /// whole fen in `Double` (so that a caller's sums are exact): the simulation's sampled totals
    /// go through the rule in one pass.
    @inlinable public func benefitsInPlace(totalsYuan: UnsafeMutableBufferPointer<Double>) {
        withBatchRule { benefit in
            for i in totalsYuan.indices { totalsYuan[i] = Double(benefit(Money(roundingYuan: totalsYuan[i]).fen)) }
        }
    }

    /// Calls `body` with the rule from a total in fen to its benefit in fen: one term per total
    /// (`numeratorAtBound`) when every numerator fits in Int64, the single rule's sum otherwise.
    @inlinable @inline(__always)
    func withBatchRule(_ body: ((Int64) -> Int64) -> Void) {
        ratesPerMillion.withUnsafeBufferPointer { rates in
            bounds.withUnsafeBufferPointer { bounds in
                guard numeratorFits else {
                    body { Self.roundedFen(exactBenefit(totalFen: $0, rates: rates, bounds: bounds).fenMicros) }
                    return
                }
                numeratorAtBound.withUnsafeBufferPointer { atBound in
                    let deductibleFen = deductible.fen, saturation = saturationExcess, capNumerator = capNumerator
                    // The last tier whose lower bound y reaches is the number of later bounds it
                    // reaches (bounds increase); up to four tiers, from the second, third and
                    // fourth bounds (Int64.max where a schedule has fewer), so that the count is
                    // three compares and no loop.
                    let few = rates.count <= 4
                    let second = rates.count > 1 ? bounds[1] : .max, third = rates.count > 2 ? bounds[2] : .max
                    let fourth = rates.count > 3 ? bounds[3] : .max
                    body { totalFen in
                        let y = min(max(0, totalFen - deductibleFen), saturation)
                        var tier = 0
                        if few {
                            tier = (y >= second ? 1 : 0) &+ (y >= third ? 1 : 0) &+ (y >= fourth ? 1 : 0)
                        } else {
                            for t in 1..<rates.count { tier = y >= bounds[t] ? t : tier }
                        }
                        // At most the numerator at `saturationExcess`, which `init` checked fits.
                        let uncapped = atBound[tier] &+ (y &- bounds[tier]) &* rates[tier]
                        // Past the saturation point y stops there, where the uncapped sum has
                        // reached the cap (if it ever does), so the cap is just a minimum.
                        return Self.roundedFen(min(uncapped, capNumerator))
                    }
                }
            }
        }
    }

    /// fen·10⁻⁶ rounded half-up to the fen. The numerator is never negative: unsigned division
    /// is exact and cheaper.
    @inlinable @inline(__always)
    static func roundedFen(_ numerator: Int64) -> Int64 {
        Int64(UInt64(numerator + Rate.denominator / 2) / UInt64(Rate.denominator))
    }
}
