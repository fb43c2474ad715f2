/// One insurer's earned premium and claims for the year being settled.
public struct SettlementInput: Sendable, Equatable {
    public var insurer: String
    public var earnedPremium: Money
    public var claims: Money

    public init(insurer: String, earnedPremium: Money, claims: Money) {
        self.insurer = insurer
        self.earnedPremium = earnedPremium
        self.claims = claims
    }
}

/// A row of the settlement statement (docs/formats.md, "settlement output").
public struct SettlementRow: Sendable, Equatable {
    /// The band of a row (the TOTAL row may be `.mixed`).
    public typealias Band = JikunPolicy.Band
    public var insurer: String
    public var earnedPremium: Money
    public var claims: Money
    public var band: Band
    public var refund: Money
    public var sharedTopUp: Money

    /// `earned_premium − refund + shared_topup`.
    public var bureauNetCost: Money { earnedPremium - refund + sharedTopUp }
    /// `bureau_net_cost − claims` (before expenses).
    public var insurerResult: Money { bureauNetCost - claims }

    /// `C / P` rounded half-up to six decimals, as text (`0.850000`).
    public var lossRatioText: String {
        let micro = lossRatioMicros
        let whole = micro / 1_000_000, fraction = String(micro % 1_000_000)
        return "\(whole)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// `C / P` in parts per million, rounded half-up.
    public var lossRatioMicros: Int128 {
        (Int128(claims.fen) * 2_000_000 + Int128(earnedPremium.fen)) / (2 * Int128(earnedPremium.fen))
    }

    public var lossRatio: Double { Double(claims.fen) / Double(earnedPremium.fen) }
}

/// A settled year: one row per insurer, in input order, and the TOTAL row; the insurers' rows
/// add up to the total to the fen.
public struct Settlement: Sendable, Equatable {
    public var allocation: CorridorAllocation
    public var rows: [SettlementRow]
    public var total: SettlementRow
}

extension Corridor {
    /// Settles the year exactly (docs/rules.md §5): the combined (or, under `own_experience`, each
    /// insurer's) refund or top-up is rounded half-up to the fen once; a combined amount is split
    /// among insurers pro rata to earned premium by the largest-remainder method, ties to the
    /// insurer listed first.
    public func settle(_ inputs: [SettlementInput], allocation: CorridorAllocation? = nil) throws -> Settlement {
        let allocation = allocation ?? self.allocation
        guard !inputs.isEmpty else { throw PolicyInputError.usage("settlement needs at least one insurer") }
        for input in inputs where input.earnedPremium <= .zero {
            throw PolicyInputError.usage("insurer \(input.insurer): earned premium must be > 0 to settle, got \(input.earnedPremium)")
        }
        for input in inputs where input.claims < .zero {
            throw PolicyInputError.usage("insurer \(input.insurer): claims must be ≥ 0, got \(input.claims)")
        }
        let premium = inputs.reduce(Money.zero) { $0 + $1.earnedPremium }
        let claims = inputs.reduce(Money.zero) { $0 + $1.claims }
        var rows: [SettlementRow] = []
        let totalBand: SettlementRow.Band
        switch allocation {
        case .proRataPremium:
            let combined = adjustment(premium: ExactAmount(premium), claims: ExactAmount(claims))
            let refund = combined.refund.roundedHalfUp(), topUp = combined.sharedTopUp.roundedHalfUp()
            let weights = inputs.map(\.earnedPremium)
            let refunds = Self.splitLargestRemainder(refund, weights: weights)
            let topUps = Self.splitLargestRemainder(topUp, weights: weights)
            for (i, input) in inputs.enumerated() {
                rows.append(SettlementRow(insurer: input.insurer, earnedPremium: input.earnedPremium,
                                          claims: input.claims, band: .band(combined.band),
                                          refund: refunds[i], sharedTopUp: topUps[i]))
            }
            totalBand = .band(combined.band)
        case .ownExperience:
            for input in inputs {
                let own = adjustment(premium: ExactAmount(input.earnedPremium), claims: ExactAmount(input.claims))
                rows.append(SettlementRow(insurer: input.insurer, earnedPremium: input.earnedPremium,
                                          claims: input.claims, band: .band(own.band),
                                          refund: own.refund.roundedHalfUp(), sharedTopUp: own.sharedTopUp.roundedHalfUp()))
            }
            let bands = Set(rows.map(\.band))
            totalBand = bands.count == 1 ? rows[0].band : .mixed
        }
        let total = SettlementRow(
            insurer: "TOTAL", earnedPremium: premium, claims: claims, band: totalBand,
            refund: rows.reduce(.zero) { $0 + $1.refund }, sharedTopUp: rows.reduce(.zero) { $0 + $1.sharedTopUp })
        return Settlement(allocation: allocation, rows: rows, total: total)
    }

    /// Splits `amount` in proportion to `weights` into whole fen that add up to `amount`:
    /// each gets the floor of its exact share, and the fen left over go one each to the largest
    /// remainders, ties to the earlier weight.
    public static func splitLargestRemainder(_ amount: Money, weights: [Money]) -> [Money] {
        let totalWeight = Int128(weights.reduce(Int64(0)) { $0 + $1.fen })
        precondition(totalWeight > 0 && amount >= .zero)
        var shares: [Int64] = []
        var remainders: [(remainder: Int128, index: Int)] = []
        for (i, w) in weights.enumerated() {
            let exact = Int128(amount.fen) * Int128(w.fen)
            shares.append(Int64(exact / totalWeight))
            remainders.append((exact % totalWeight, i))
        }
        var leftover = amount.fen - shares.reduce(0, +)
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in remainders where leftover > 0 {
            shares[entry.index] += 1
            leftover -= 1
        }
        return shares.map { Money(fen: $0) }
    }
}
