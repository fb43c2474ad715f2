import Foundation
import JikunPolicy
import JikunSimulation
import JikunTables

/// An insurer's question: what premium per person-month to bid (issue "Insurers: jikun price").
///
/// The claims do not depend on the premium, so the trials are simulated once and re-settled
/// at each candidate premium on the same (common) random numbers; a target is met by
/// bisection over the premium.
public struct BidPricing: Sendable {
    public enum Target: Sendable, Equatable {
        /// Expected result ≥ margin × premium.
        case margin(Double)
        /// P(result < 0) ≤ probability.
        case lossProbability(Double)
        /// TVaR at `level` of the loss (−result) ≤ limit × premium.
        case tailLoss(limit: Double, level: Double)

        public var description: String {
            switch self {
            case .margin(let m): "expected margin ≥ \(levelText(m)) of premium"
            case .lossProbability(let p): "probability of a loss ≤ \(levelText(p))"
            case .tailLoss(let limit, let level): "TVaR \(levelText(level)) of the loss ≤ \(levelText(limit)) of premium"
            }
        }

        /// The measure the target bounds, at `point`: "margin 5.0%", "P(loss) 0.4%", …
        public func measure(at point: Point) -> String {
            switch self {
            case .margin: String(format: "margin %.1f%%", point.margin * 100)
            case .lossProbability: String(format: "P(loss) %.1f%%", point.probabilityOfLoss * 100)
            case .tailLoss(_, let level): String(format: "TVaR %@ of the loss %.1f%% of premium", levelText(level), point.tailLoss99 * 100)
            }
        }
    }

    /// What the other insurers are assumed to charge while one insurer's bid varies — the pooled
    /// corridor couples them, so the assumption matters.
    public enum OthersPremium: String, Sendable, CaseIterable {
        /// The edition's premium rate.
        case current
        /// The same rate as the bid.
        case same
    }

    public struct Point: Sendable, Codable {
        public var rate: Double
        public var premium: Double
        public var expectedResult: Double
        public var resultStandardError: Double
        public var margin: Double
        public var probabilityOfLoss: Double
        public var tailLoss99: Double
        public var bureauCost: Double
        public var lossRatio: Double
    }

    let claims: [Double]          // [trial][insurer], yuan
    let memberMonths: [Double]    // per insurer
    /// Under the `per_period` corridor basis: `[trial][period][insurer]` claims and
    /// `[period][insurer]` member-months; empty under `term`.
    let periodClaims: [Double]
    let periodMemberMonths: [Double]
    let expenseRatios: [Double]
    let corridor: Corridor
    public let insurers: [Int]
    public let insurerKeys: [String]
    public let currentRate: Double
    public let others: OthersPremium
    public let trials: Int
    public let tailLevel: Double

    /// `insurer` nil prices the whole pool (all insurers at the bid).
    public init(result r: SimulationResult, scenario: Scenario, population: Population, insurer: Int?,
                others: OthersPremium, tailLevel: Double = 0.99) {
        let e = scenario.edition
        claims = r.insurerClaims
        let byPeriod = population.memberMonthsByPeriodAndInsurer(edition: e)
        memberMonths = e.insurers.indices.map { i in byPeriod.reduce(0) { $0 + $1[i] } }
        precondition(e.corridor.basis == .term || !r.insurerPeriodClaims.isEmpty,
                     "a per_period corridor needs the engine's per-period claims (a merged run does not keep them)")
        periodClaims = e.corridor.basis == .perPeriod ? r.insurerPeriodClaims : []
        periodMemberMonths = e.corridor.basis == .perPeriod ? byPeriod.flatMap { $0 } : []
        expenseRatios = scenario.expenseRatios
        corridor = e.corridor
        insurers = insurer.map { [$0] } ?? Array(e.insurers.indices)
        insurerKeys = e.insurers.map(\.key)
        currentRate = e.premiumPerPersonMonth.yuan
        self.others = others
        trials = r.trials
        self.tailLevel = tailLevel
    }

    /// Re-settles every trial with the bid `rate` (yuan per person-month).
    public func evaluate(rate: Double) -> Point {
        let n = memberMonths.count
        var premium = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let bidding = insurers.contains(i) || others == .same
            premium[i] = memberMonths[i] * (bidding ? rate : currentRate)
        }
        let ownPremium = insurers.reduce(0) { $0 + premium[$1] }
        let totalPremium = premium.reduce(0, +)
        var results = [Double](repeating: 0, count: trials)
        var bureau = 0.0, lossRatio = 0.0
        var settlement = TrialSettlement(insurers: n), scratch = settlement
        let periods = periodMemberMonths.count / max(n, 1)
        let periodPremium = periodMemberMonths.indices.map { k in
            let i = k % n
            return periodMemberMonths[k] * (insurers.contains(i) || others == .same ? rate : currentRate)
        }
        claims.withUnsafeBufferPointer { all in
            premium.withUnsafeBufferPointer { p in
                for t in 0..<trials {
                    let c = UnsafeBufferPointer(rebasing: all[(t * n)..<((t + 1) * n)])
                    if periods > 0 {
                        periodClaims.withUnsafeBufferPointer { pc in
                            periodPremium.withUnsafeBufferPointer { pp in
                                corridor.settle(periodPremium: pp, periodClaims: UnsafeBufferPointer(rebasing: pc[(t * n * periods)..<((t + 1) * n * periods)]),
                                                insurers: n, scratch: &scratch, into: &settlement)
                            }
                        }
                    } else {
                        corridor.settle(premium: p, claims: c, into: &settlement)
                    }
                    var result = 0.0, trialClaims = 0.0
                    for i in 0..<n { trialClaims += c[i] }
                    for i in insurers {
                        result += settlement.result(of: i, premium: p[i], claims: c[i], expenseRatio: expenseRatios[i])
                    }
                    results[t] = result
                    bureau += totalPremium - settlement.totalRefund + settlement.totalSharedTopUp
                    lossRatio += trialClaims / totalPremium
                }
            }
        }
        let estimate = Estimate(results)
        let tail = TailRisk(results.map { -$0 }, level: tailLevel)
        return Point(rate: rate, premium: ownPremium, expectedResult: estimate.mean, resultStandardError: estimate.standardError,
                     margin: estimate.mean / ownPremium,
                     probabilityOfLoss: Double(results.lazy.filter { $0 < 0 }.count) / Double(trials),
                     tailLoss99: tail.tailValueAtRisk / ownPremium,
                     bureauCost: bureau / Double(trials), lossRatio: lossRatio / Double(trials))
    }

    /// What the search for a bid found: the bid, or why there is none in the range.
    public enum Outcome: Sendable {
        case met(Point)
        case unmet(Shortfall)

        public var bid: Point? {
            if case .met(let point) = self { point } else { nil }
        }
    }

    /// A target that no premium of the searched range meets: the point at the top of the range,
    /// the point at `Shortfall.reach` times that premium, and the lowest premium between the two
    /// that meets the target, if one does. Under the corridor's refund a higher premium mostly
    /// returns to the bureau, so the margin levels off and widening the range may not help.
    public struct Shortfall: Sendable {
        public static let reach = 4.0
        public var top: Point
        public var far: Point
        public var beyond: Point?
        /// The corridor's refund threshold: the share of a further yuan of premium refunded
        /// once the loss ratio is below it.
        public var refundBelow: Double
    }

    /// The lowest bid in `range` that meets `target`, or else why none does.
    public func outcome(_ target: Target, in range: ClosedRange<Double>) -> Outcome {
        if let bid = solve(target, in: range) { return .met(bid) }
        let farRate = range.upperBound * Shortfall.reach
        return .unmet(Shortfall(top: evaluate(rate: range.upperBound), far: evaluate(rate: farRate),
                                beyond: solve(target, in: range.upperBound...farRate), refundBelow: corridor.refundBelow.value))
    }

    func meets(_ point: Point, _ target: Target) -> Bool {
        switch target {
        case .margin(let m): point.margin >= m
        case .lossProbability(let p): point.probabilityOfLoss <= p
        case .tailLoss(let limit, _): point.tailLoss99 <= limit
        }
    }

    /// The lowest rate in `range` (to the fen) that meets `target`, or nil when even the top of
    /// the range does not. Bisection on the re-settled trials.
    public func solve(_ target: Target, in range: ClosedRange<Double>) -> Point? {
        guard meets(evaluate(rate: range.upperBound), target) else { return nil }
        if meets(evaluate(rate: range.lowerBound), target) { return evaluate(rate: range.lowerBound) }
        var lo = range.lowerBound, hi = range.upperBound
        while hi - lo > 0.001 {
            let mid = (lo + hi) / 2
            if meets(evaluate(rate: mid), target) { hi = mid } else { lo = mid }
        }
        // A bid is quoted in fen: round up, then make sure the quoted rate still meets the target.
        var quoted = (hi * 100).rounded(.up) / 100
        while !meets(evaluate(rate: quoted), target), quoted < range.upperBound { quoted += 0.01 }
        return evaluate(rate: quoted)
    }

    /// The bid curve over `rates`.
    public func curve(_ rates: [Double]) -> [Point] { rates.map(evaluate(rate:)) }
}
