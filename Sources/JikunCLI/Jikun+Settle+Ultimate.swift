import Foundation
import JikunOutputs
import JikunPolicy
import JikunReserving
import JikunTables

extension Jikun.Settle {
    /// The corridor on estimated ultimate claims: reported + IBNR per insurer, in fen; with a
    /// bootstrap, every replicate settled exactly. Returns the statement on ultimate claims.
    func settleOnUltimate(_ reported: [SettlementInput], edition: Edition) throws -> Settlement {
        let allocation = allocation.flatMap(CorridorAllocation.init)
        var ibnrByInsurer: [Money]
        var development: Development?
        if let ibnr {
            let file = try IBNRFile.read(CSVDocument(path: ibnr))
            ibnrByInsurer = try file.perInsurer(reported, path: ibnr)
            if let disagreement = file.latestDisagreement(with: reported, path: ibnr) {
                printError("Note: \(disagreement): its IBNR belongs to other claims (another --as-of, or --basis paid, whose reserve also holds the claims reported but not yet paid). The ultimate below adds it to these payments as given.")
            }
        } else {
            var by = Segmentation()
            by.byInsurer = true
            let d = try Development(roster: roster!, options: developOptions, by: by, edition: edition)
            development = d
            ibnrByInsurer = try reported.map { input in
                guard let s = d.insurers.firstIndex(of: input.insurer) else { return .zero }
                guard let reserve = Money.rounding(yuan: d.segments[s].reserve) else {
                    throw PolicyInputError.usage("insurer \(input.insurer): the estimated claims still to come, \(d.segments[s].reserve) yuan, are beyond any amount to settle (check --tail and --prior-lr)")
                }
                return reserve
            }
        }
        let source = ibnr ?? "the development of \(developOptions.claims ?? "the claims")"
        let ultimate = try zip(reported, ibnrByInsurer).map { input, ibnr in
            guard let claims = input.claims.adding(ibnr) else {
                throw PolicyInputError.usage("\(source): insurer \(input.insurer)'s reported claims \(input.claims) plus IBNR \(ibnr) pass the largest amount, \(grouped(Money.largest.description)) yuan")
            }
            guard claims >= .zero else {
                throw PolicyInputError.usage("\(source): insurer \(input.insurer): reported \(input.claims) plus IBNR \(ibnr) is below zero")
            }
            return SettlementInput(insurer: input.insurer, earnedPremium: input.earnedPremium, claims: claims)
        }
        let settlement = try edition.corridor.settle(ultimate, allocation: allocation)
        print("")
        print(TextBuilder.ultimateClaims(reported: reported, ibnr: ibnrByInsurer))
        print("")
        print(TextBuilder.settlement(settlement, corridor: edition.corridor))
        if let d = development,
           let bootstrap = try BootstrapSettlement(reported: reported, development: d, corridor: edition.corridor, allocation: allocation) {
            print("")
            print(TextBuilder.bootstrapSettlement(bootstrap))
        }
        return settlement
    }
}
