import Foundation
import JikunOutputs
import JikunPolicy
import JikunTables
import JikunReserving

extension Jikun.Settle {
    /// The corridor on estimated ultimate claims: reported + IBNR per insurer, in fen; with a
    /// bootstrap, every replicate settled exactly. Returns the statement on ultimate claims.
    func settleOnUltimate(_ reported: [SettlementInput], edition: Edition) throws -> Settlement {
        let allocation = allocation.flatMap(CorridorAllocation.init)
        var ibnrByInsurer: [Money]
        var development: Development?
        if let ibnr {
            ibnrByInsurer = try IBNRFile.read(CSVDocument(path: ibnr)).perInsurer(reported, path: ibnr)
        } else {
            var by = Segmentation()
            by.byInsurer = true
            let d = try Development(roster: roster!, options: developOptions, by: by, edition: edition)
            development = d
            ibnrByInsurer = reported.map { input in
                d.insurers.firstIndex(of: input.insurer).map { Money(roundingYuan: d.segments[$0].reserve) } ?? .zero
            }
        }
        let ultimate = try zip(reported, ibnrByInsurer).map { input, ibnr in
            let claims = input.claims + ibnr
            guard claims >= .zero else {
                throw PolicyInputError.usage("insurer \(input.insurer): reported \(input.claims) plus IBNR \(ibnr) is below zero")
            }
            return SettlementInput(insurer: input.insurer, earnedPremium: input.earnedPremium, claims: claims)
        }
        let settlement = try edition.corridor.settle(ultimate, allocation: allocation)
        print("")
        print("On estimated ultimate claims (reported + IBNR, each insurer's IBNR rounded to the fen):")
        var table = TextTable(["insurer", "reported", "IBNR", "ultimate"], rightAligned: [1, 2, 3])
        for (input, ibnr) in zip(reported, ibnrByInsurer) {
            table.add([input.insurer, grouped(input.claims.description), grouped(ibnr.description), grouped((input.claims + ibnr).description)])
        }
        print(table.rendered)
        print("")
        print(TextBuilder.settlement(settlement, corridor: edition.corridor))

        if let d = development, d.segments.first?.bootstrap != nil {
            print("")
            print(try Self.bootstrapSettlement(reported, development: d, edition: edition, allocation: allocation))
        }
        return settlement
    }

    /// Each bootstrap replicate's ultimate claims settled exactly: band probabilities and the
    /// distribution of the refund and the shared top-up.
    static func bootstrapSettlement(_ reported: [SettlementInput], development d: Development, edition: Edition,
                                    allocation: CorridorAllocation?) throws -> String {
        let segmentOf = reported.map { input in d.insurers.firstIndex(of: input.insurer) }
        let replicates = d.segments[0].bootstrap!.replicates
        var bands: [String: Int] = [:], refunds: [Double] = [], topUps: [Double] = [], netCosts: [Double] = []
        for r in 0..<replicates {
            let inputs = reported.enumerated().map { i, input in
                let ibnr = segmentOf[i].map { Money(roundingYuan: d.segments[$0].bootstrap!.totals[r]) } ?? .zero
                let claims = input.claims + ibnr
                return SettlementInput(insurer: input.insurer, earnedPremium: input.earnedPremium, claims: max(claims, .zero))
            }
            let s = try edition.corridor.settle(inputs, allocation: allocation)
            bands[s.total.band.label, default: 0] += 1
            refunds.append(s.total.refund.yuan)
            topUps.append(s.total.sharedTopUp.yuan)
            netCosts.append(s.total.bureauNetCost.yuan)
        }
        var lines = ["Over \(replicates) bootstrap replicates of the claims still to come (seed \(d.segments[0].bootstrap!.seed)):"]
        var table = TextTable(["band", "probability"], rightAligned: [1])
        for band in CorridorBand.allCases.map({ SettlementRow.Band.band($0).label }) + ["mixed"] where band != "mixed" || bands["mixed"] != nil {
            table.add([band, String(format: "%.1f%%", Double(bands[band] ?? 0) / Double(replicates) * 100)])
        }
        lines.append(table.rendered)
        var dist = TextTable(["amount (yuan)", "mean", "p5", "p50", "p95"], rightAligned: [1, 2, 3, 4])
        for (name, values) in [("refund to the bureau", refunds), ("shared top-up", topUps), ("bureau net cost", netCosts)] {
            let sorted = values.sorted()
            let row = [values.reduce(0, +) / Double(values.count), quantile(sorted, 0.05), quantile(sorted, 0.5), quantile(sorted, 0.95)]
            dist.add([name] + row.map { grouped(Money(roundingYuan: $0).description) })
        }
        lines.append(dist.rendered)
        return lines.joined(separator: "\n")
    }
}
