import JikunPolicy
import JikunReserving

/// `settle --develop --bootstrap`: each bootstrap replicate of the claims still to come added
/// to the reported claims and settled exactly under the corridor, per insurer in fen.
public struct BootstrapSettlement: Sendable {
    public var replicates: Int
    public var seed: UInt64
    /// How many replicates settled in each band (`SettlementRow.Band.label`).
    public var bandCounts: [String: Int]
    /// Per replicate, in yuan: the term's refund, shared top-up and bureau net cost.
    public var refunds: [Double]
    public var topUps: [Double]
    public var netCosts: [Double]

    /// nil when `development` carries no bootstrap.
    public init?(reported: [SettlementInput], development d: Development, corridor: Corridor,
                 allocation: CorridorAllocation?) throws {
        guard let first = d.segments.first?.bootstrap else { return nil }
        let segmentOf = reported.map { input in d.insurers.firstIndex(of: input.insurer) }
        replicates = first.replicates
        seed = first.seed
        bandCounts = [:]
        refunds = []
        topUps = []
        netCosts = []
        for r in 0..<replicates {
            let inputs = try reported.enumerated().map { i, input in
                let total = segmentOf[i].map { d.segments[$0].bootstrap!.totals[r] } ?? 0
                guard let ibnr = Money.rounding(yuan: total), let claims = input.claims.adding(ibnr) else {
                    throw PolicyInputError.usage("insurer \(input.insurer): bootstrap replicate \(r + 1)'s claims still to come, \(total) yuan, are beyond any amount to settle")
                }
                return SettlementInput(insurer: input.insurer, earnedPremium: input.earnedPremium, claims: max(claims, .zero))
            }
            let s = try corridor.settle(inputs, allocation: allocation)
            bandCounts[s.total.band.label, default: 0] += 1
            refunds.append(s.total.refund.yuan)
            topUps.append(s.total.sharedTopUp.yuan)
            netCosts.append(s.total.bureauNetCost.yuan)
        }
    }
}
