/// What the corridor settles (`corridor.basis`, docs/rules.md §5).
public enum CorridorBasis: String, Sendable, Equatable, CaseIterable {
    /// One loss ratio over the whole term: all periods' premium and claims together.
    case term
    /// Each coverage period on its own loss ratio; the periods' refunds and top-ups add up.
    case perPeriod = "per_period"
}

/// A term settled period by period: each period's statement, and their sum (the rows summed
/// per insurer, to the fen; a band that differs between periods shows as `mixed`).
public struct PeriodSettlement: Sendable, Equatable {
    public var periodKeys: [String]
    public var periods: [Settlement]
    public var total: Settlement
}

extension Corridor {
    /// Settles each period exactly (`settle(_:allocation:)`, rounding each period's amounts to
    /// the fen as its own statement would) and adds the periods up per insurer, in the order of
    /// `insurerOrder` (the edition's; an insurer not in it, or every insurer when it is empty,
    /// in the order first met). A period with no insurer is skipped.
    public func settle(periods inputs: [(key: String, inputs: [SettlementInput])],
                       allocation: CorridorAllocation? = nil, insurerOrder: [String] = []) throws -> PeriodSettlement {
        var keys: [String] = [], statements: [Settlement] = []
        for (key, period) in inputs where !period.isEmpty {
            do {
                statements.append(try settle(period, allocation: allocation))
            } catch PolicyInputError.usage(let message) {
                throw PolicyInputError.usage("period \(key): \(message)")
            }
            keys.append(key)
        }
        guard let first = statements.first else { throw PolicyInputError.usage("settlement needs at least one insurer") }
        var order: [String] = []
        var sums: [String: SettlementRow] = [:]
        func combine(_ a: SettlementRow.Band, _ b: SettlementRow.Band) -> SettlementRow.Band { a == b ? a : .mixed }
        for statement in statements {
            for row in statement.rows {
                if var sum = sums[row.insurer] {
                    sum.earnedPremium += row.earnedPremium
                    sum.claims += row.claims
                    sum.refund += row.refund
                    sum.sharedTopUp += row.sharedTopUp
                    sum.band = combine(sum.band, row.band)
                    sums[row.insurer] = sum
                } else {
                    order.append(row.insurer)
                    sums[row.insurer] = row
                }
            }
        }
        // An insurer with no premium in the first period is met late: the edition says where it goes.
        let rank = { (key: String) in insurerOrder.firstIndex(of: key) ?? insurerOrder.count }
        let ranked = order.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
        let rows = ranked.map { sums[$0.element]! }
        var total = first.total
        for statement in statements.dropFirst() {
            total.earnedPremium += statement.total.earnedPremium
            total.claims += statement.total.claims
            total.refund += statement.total.refund
            total.sharedTopUp += statement.total.sharedTopUp
            total.band = combine(total.band, statement.total.band)
        }
        return PeriodSettlement(periodKeys: keys, periods: statements,
                                total: Settlement(allocation: first.allocation, rows: rows, total: total))
    }

    /// Settles one simulated term period by period, in `Double` yuan: `premium` and `claims`
    /// hold `[period][insurer]`; `scratch` is reused for each period. The band is the periods'
    /// common band, or `.mixed` when they (or the insurers) differ.
    @inlinable
    public func settle(periodPremium premium: UnsafeBufferPointer<Double>, periodClaims claims: UnsafeBufferPointer<Double>,
                       insurers n: Int, allocation: CorridorAllocation? = nil,
                       scratch: inout TrialSettlement, into result: inout TrialSettlement) {
        for i in 0..<n {
            result.refund[i] = 0
            result.sharedTopUp[i] = 0
        }
        let periods = n == 0 ? 0 : premium.count / n
        var band: Band? = nil  // not yet set
        for p in 0..<periods {
            let range = (p * n)..<((p + 1) * n)
            var premiumTotal = 0.0
            for i in range { premiumTotal += premium[i] }
            guard premiumTotal > 0 else { continue }  // a period nobody is insured in settles nothing
            settle(premium: UnsafeBufferPointer(rebasing: premium[range]), claims: UnsafeBufferPointer(rebasing: claims[range]),
                   allocation: allocation, into: &scratch)
            for i in 0..<n {
                result.refund[i] += scratch.refund[i]
                result.sharedTopUp[i] += scratch.sharedTopUp[i]
            }
            band = band.map { $0 == scratch.band ? $0 : .mixed } ?? scratch.band
        }
        result.band = band ?? .mixed
    }
}
