import ArgumentParser
import Foundation
import JikunOutputs
import JikunPolicy
import JikunReserving

extension Jikun {
    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a year under the loss-ratio corridor (资金管理), exactly, to the fen.",
            discussion: """
            With the combined loss ratio L = C / P (claims over earned premium, all insurers together), the edition's corridor applies: below its refund threshold the shortfall is refunded to the bureau (返还); inside the neutral band nothing changes; in the shared band the bureau pays its share of the part above the band's floor; above the band's ceiling the bureau pays a fixed share of premium and the insurers bear the rest. The statement names the thresholds of the edition in use (the 2020 edition's are in its file, scenarios/edition-2020.toml).

            The combined amount is split among insurers pro rata to earned premium (largest remainder, so the rows add up to the total to the fen); --allocation own_experience applies the corridor to each insurer's own loss ratio instead (a what-if). An --input file needs a row for every insurer of the edition. The edition's corridor.basis (or --basis) per_period settles each coverage period on its own and adds up the refunds and top-ups; it needs --roster and --payments.

            On ultimate claims: --ibnr FILE (the --out of `jikun develop`) or --develop (develops \
            --claims known at --as-of by insurer, inline) adds each insurer's estimated claims still \
            to come, rounded to the fen half away from zero, and settles again; --out then writes \
            that statement. An IBNR file without insurer rows is split pro rata to reported claims \
            by largest remainder. With --develop --bootstrap N, each replicate's ultimate claims are \
            settled exactly, giving the probability of each band and the distribution of the refund \
            and the top-up (a replicate's ultimate claims are floored at 0).

            Examples:
              jikun settle --input example/insurers.csv
              jikun settle --roster roster.csv --payments payments.csv --out settlement.csv
              jikun settle --roster roster.csv --payments payments.csv --ibnr ibnr.csv
              jikun settle --roster roster.csv --payments payments.csv --develop --claims claims.csv \\
                           --as-of 2021-12-31 --bootstrap 2000 --seed 7
            """)

        @Option(help: ArgumentHelp("Per-insurer earned premium and claims (insurer, earned_premium, claims).", valueName: "file"))
        var input: String?

        @Option(help: ArgumentHelp("Roster to compute earned premium from (with --payments).", valueName: "file"))
        var roster: String?

        @Option(help: ArgumentHelp("payments.csv from `jikun adjudicate` to sum claims from (with --roster).", valueName: "file"))
        var payments: String?

        @Option(help: ArgumentHelp("Settle only these periods (comma-separated keys); default: the whole term.", valueName: "keys"))
        var period: String?

        @Option(help: ArgumentHelp("pro_rata_premium (the notice) or own_experience (what-if); default: the edition's.", valueName: "rule"))
        var allocation: String?

        @Option(help: ArgumentHelp("term (one settlement over the whole term) or per_period (each coverage period on its own, with --roster and --payments); default: the edition's corridor.basis.", valueName: "basis"))
        var basis: CorridorBasis?

        @Option(help: ArgumentHelp("Write the statement as CSV here.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("IBNR estimates from `jikun develop --out`, to settle on ultimate claims too.", valueName: "file"))
        var ibnr: String?

        @Flag(help: "Develop --claims known at --as-of inline (by insurer) and settle on ultimate claims too.")
        var develop = false

        @OptionGroup(title: "Developing claims (with --develop)") var developOptions: DevelopOptions

        @OptionGroup var editionOptions: EditionOptions

        @OptionGroup var csvOptions: CSVOptions

        func validate() throws {
            if input != nil, roster != nil || payments != nil {
                throw ValidationError("give either --input, or --roster with --payments, not both")
            }
            if input == nil, roster == nil || payments == nil {
                throw ValidationError("give --input FILE, or both --roster FILE and --payments FILE")
            }
            if let allocation, CorridorAllocation(rawValue: allocation) == nil {
                throw ValidationError("--allocation must be one of \(CorridorAllocation.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(allocation)\"")
            }
            if input != nil, period != nil {
                throw ValidationError("--period applies with --roster and --payments only")
            }
            if ibnr != nil || develop {
                guard input == nil else { throw ValidationError("--ibnr and --develop apply with --roster and --payments only") }
                guard !(ibnr != nil && develop) else { throw ValidationError("give either --ibnr FILE or --develop, not both") }
            }
            if develop, developOptions.claims == nil || developOptions.asOf == nil {
                throw ValidationError("--develop needs --claims FILE and --as-of DATE")
            }
            if !develop, developOptions.claims != nil || developOptions.asOf != nil || developOptions.bootstrap != nil {
                throw ValidationError("--claims, --as-of and --bootstrap apply with --develop")
            }
        }

        func run() throws {
            var outputs = OutputCheck()
            outputs.input("--input", input)
            outputs.input("--roster", roster)
            outputs.input("--payments", payments)
            outputs.input("--ibnr", ibnr)
            outputs.input("--claims", developOptions.claims)
            outputs.input("--edition", try editionOptions.resolvedPath())
            outputs.output("--out", out)
            outputs.output("--out's provenance sidecar", out.map(ProvenanceSidecar.path(beside:)))
            try outputs.check()
            let edition = try editionOptions.load()
            let basis = self.basis ?? edition.corridor.basis
            if basis == .perPeriod {
                guard input == nil else {
                    throw PolicyInputError.usage("the per_period corridor basis settles each period's premium and claims: give --roster and --payments (an --input file holds the whole term per insurer), or --basis term")
                }
                guard ibnr == nil, !develop else {
                    throw PolicyInputError.usage("--ibnr and --develop settle ultimate claims over the term: use them with --basis term")
                }
            }
            let inputs: [SettlementInput]
            if basis == .perPeriod {
                let settlement = try settlePerPeriod(edition: edition)
                print(TextBuilder.settlement(settlement, corridor: edition.corridor))
                if let out {
                    try settlement.total.csv.write(to: out, byteOrderMark: csvOptions.byteOrderMark)
                    print("Written to \(out)")
                }
                return
            } else if let input {
                inputs = try SettlementInput.read(CSVDocument(path: input), edition: edition)
            } else {
                let periodKeys = try period.map { text -> Set<String> in
                    let keys = Set(text.split(separator: ",").map(String.init))
                    for key in keys { _ = try periodIndex(key, edition) }
                    return keys
                }
                let rosterFile = try Roster.read(CSVDocument(path: roster!), edition: edition)
                let premium = EarnedPremium(roster: rosterFile, edition: edition)
                let paid = try PaidClaims.read(CSVDocument(path: payments!), edition: edition, periods: periodKeys)
                var premiumByInsurer = [Money](repeating: .zero, count: edition.insurers.count)
                for cell in premium.cells where periodKeys?.contains(edition.periods[cell.period].key) ?? true {
                    premiumByInsurer[cell.insurer] += cell.premium
                }
                try checkPremium(premiumByInsurer, paid: paid.byInsurer, edition: edition,
                                 during: periodKeys.map { "period\($0.count == 1 ? "" : "s") \($0.sorted().joined(separator: ", "))" } ?? "the term")
                inputs = edition.insurers.indices.compactMap { i in
                    premiumByInsurer[i] > .zero || paid.byInsurer[i] > .zero
                        ? SettlementInput(insurer: edition.insurers[i].key, earnedPremium: premiumByInsurer[i], claims: paid.byInsurer[i])
                        : nil
                }
            }
            var settlement = try edition.corridor.settle(inputs, allocation: allocation.flatMap(CorridorAllocation.init))
            print(TextBuilder.settlement(settlement, corridor: edition.corridor))
            if ibnr != nil || develop {
                settlement = try settleOnUltimate(inputs, edition: edition)
            }
            if let out {
                try settlement.csv.write(to: out, byteOrderMark: csvOptions.byteOrderMark)
                try InputProvenance(edition: edition, inputs: [("--input", input), ("--roster", roster), ("--payments", payments), ("--ibnr", ibnr),
                                                               ("--claims", developOptions.claims), ("--edition", editionOptions.resolvedPath())],
                                    outputs: [out]).write(to: ProvenanceSidecar.path(beside: out))
                print("Written to \(out)")
            }
        }
    }
}

extension Jikun.Settle {
    /// Refuses, naming the files, what the corridor cannot settle: no earned premium at all on
    /// the roster, or an insurer with paid claims but no premium to set them against.
    func checkPremium(_ premium: [Money], paid: [Money], edition: Edition, during: String) throws {
        guard premium.contains(where: { $0 > .zero }) else {
            throw PolicyInputError.usage("\(roster!): nobody is insured in \(during), so there is no earned premium to settle against")
        }
        if let i = premium.indices.first(where: { premium[$0] == .zero && paid[$0] > .zero }) {
            throw PolicyInputError.usage("\(payments!): insurer \(edition.insurers[i].key) is paid \(paid[i]) yuan in \(during), but \(roster!) gives it no earned premium there")
        }
    }
}
