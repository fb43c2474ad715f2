import ArgumentParser
import JikunPolicy

extension CorridorBasis: ExpressibleByArgument {}

extension Jikun.Settle {
    /// The `per_period` basis: each period's earned premium (from the roster) and paid claims
    /// (from the payments) settled on their own, then added up per insurer.
    func settlePerPeriod(edition: Edition) throws -> PeriodSettlement {
        let chosen = try period.map { text -> Set<String> in
            let keys = Set(text.split(separator: ",").map(String.init))
            for key in keys { _ = try periodIndex(key, edition) }
            return keys
        }
        let rosterFile = try Roster.read(CSVDocument(path: roster!), edition: edition)
        let premium = EarnedPremium(roster: rosterFile, edition: edition)
        let document = try CSVDocument(path: payments!)
        var perPeriod: [(key: String, inputs: [SettlementInput])] = []
        for (p, period) in edition.periods.enumerated() {
            // (Refuses a payment without a period, which no period's claims would hold.)
            let paid = try PaidClaims.read(document, edition: edition, periods: [period.key])
            guard chosen?.contains(period.key) ?? true else { continue }
            var premiumByInsurer = [Money](repeating: .zero, count: edition.insurers.count)
            for cell in premium.cells where cell.period == p { premiumByInsurer[cell.insurer] += cell.premium }
            // A period nobody is insured in settles nothing, unless it holds payments.
            if premiumByInsurer.contains(where: { $0 > .zero }) || paid.byInsurer.contains(where: { $0 > .zero }) {
                try checkPremium(premiumByInsurer, paid: paid.byInsurer, edition: edition, during: "period \(period.key)")
            }
            perPeriod.append((period.key, edition.insurers.indices.compactMap { i in
                premiumByInsurer[i] > .zero || paid.byInsurer[i] > .zero
                    ? SettlementInput(insurer: edition.insurers[i].key, earnedPremium: premiumByInsurer[i], claims: paid.byInsurer[i])
                    : nil
            }))
        }
        guard perPeriod.contains(where: { !$0.inputs.isEmpty }) else {
            throw PolicyInputError.usage("\(roster!): nobody is insured in the term, so there is no earned premium to settle against")
        }
        return try edition.corridor.settle(periods: perPeriod, allocation: allocation.flatMap(CorridorAllocation.init),
                                                insurerOrder: edition.insurers.map(\.key))
    }
}
