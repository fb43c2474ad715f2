import Foundation
import Testing

/// `corridor.basis`: `settle` by hand on both bases, and `simulate`, `budget`, `price` and
/// `compare` reading it from the scenario.
@Suite struct CorridorBasisCLITests {
    static let payments = """
        claim_id,person_id,insurer,period,line,payable,reason
        X1,\(CLITests.a),picc,P1,accident_medical,100.00,paid
        X2,\(CLITests.b),ancheng,P1,accident_medical,50.00,paid
        X4,\(CLITests.f),continent,P2,accident_medical,100.00,paid

        """

    /// CLITests' roster earns P1: picc 120, ancheng 80, chinalife 120 (320) and P2: 20 each for
    /// picc, ancheng, chinalife, continent (80).
    /// Per period — P1: C = 150, L = 46.875 %, refund 0.85 × 320 − 150 = 122.00, pro rata
    /// 45.75 / 30.50 / 45.75; P2: C = 100, L = 125 %, the bureau adds 0.5 × 10 % × 80 = 4.00,
    /// 1.00 each. Term: C = 250, P = 400, L = 62.5 %, refund 340 − 250 = 90.00.
    @Test func settlePerPeriodByHand() throws {
        let directory = CLI.temporaryDirectory()
        let roster = CLI.write(CLITests.roster, to: "roster.csv", in: directory)
        let payments = CLI.write(Self.payments, to: "payments.csv", in: directory)
        let out = directory.appendingPathComponent("settlement.csv").path
        let result = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--basis", "per_period", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let statement = try CLI.read(out)
        #expect(statement == """
            insurer,earned_premium,claims,loss_ratio,band,refund,shared_topup,bureau_net_cost,insurer_result
            picc,140.00,100.00,0.714286,mixed,45.75,1.00,95.25,-4.75
            ancheng,100.00,50.00,0.500000,mixed,30.50,1.00,70.50,20.50
            chinalife,140.00,0.00,0.000000,mixed,45.75,1.00,95.25,95.25
            continent,20.00,100.00,5.000000,excess,0.00,1.00,21.00,-79.00
            TOTAL,400.00,250.00,0.625000,mixed,122.00,4.00,282.00,32.00

            """)
        try CLITests.expectRowsAddUpToTotal(statement)
        #expect(result.stdout.contains("Period P1, settled on its own"), "\(result.stdout)")
        #expect(result.stdout.contains("122.00 goes back to the bureau"), "\(result.stdout)")
        #expect(result.stdout.contains("The bureau's net cost: 282.00 yuan"), "\(result.stdout)")

        let term = try CLI.run(["settle", "--roster", roster, "--payments", payments])
        #expect(term.status == 0, "\(term.stderr)")
        #expect(term.stdout.contains("90.00 goes back to the bureau"), "\(term.stdout)")

        // The edition's `corridor.basis` gives the same statement without the option.
        let edition = CLI.write("""
            extends = "\(CLI.packageRoot.path)/scenarios/edition-2020.toml"
            [corridor]
            basis = "per_period"
            """, to: "edition.toml", in: directory)
        let out2 = directory.appendingPathComponent("settlement-2.csv").path
        let fromEdition = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--edition", edition, "--out", out2])
        #expect(fromEdition.status == 0, "\(fromEdition.stderr)")
        #expect(try CLI.read(out2) == statement)
    }

    @Test func perPeriodRefusesWhatItCannotSplit() throws {
        let directory = CLI.temporaryDirectory()
        let input = CLI.write("insurer,earned_premium,claims\npicc,100.00,50.00\n", to: "insurers.csv", in: directory)
        let result = try CLI.run(["settle", "--input", input, "--basis", "per_period"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("give --roster and --payments"), "\(result.stderr)")
        let roster = CLI.write(CLITests.roster, to: "roster.csv", in: directory)
        let payments = CLI.write(Self.payments + "X5,\(CLITests.a),picc,,accident_medical,7.00,paid\n", to: "payments.csv", in: directory)
        let noPeriod = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--basis", "per_period"])
        #expect(noPeriod.status == 1)
        let row = Self.payments.split(separator: "\n").count + 1
        let named = "payments.csv: row \(row), column period: a payment of 7.00 yuan has no period"
        #expect(noPeriod.stderr.contains(named), "\(noPeriod.stderr)")
        // Choosing every period by name must not drop it either.
        let everyPeriod = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--period", "P1,P2"])
        #expect(everyPeriod.status == 1)
        #expect(everyPeriod.stderr.contains(named), "\(everyPeriod.stderr)")
        let bad = try CLI.run(["settle", "--roster", roster, "--payments", payments, "--basis", "yearly"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("yearly"), "\(bad.stderr)")
    }

    /// test-small at 180 yuan a person-month (loss ratio ≈ 0.91 on the term, ≈ 0.90 in P1 and
    /// ≈ 0.99 in P2, ± 7 % a trial: near the corridor), on both bases. Each command keeps the
    /// claims (same seed, same draws) and moves the corridor's figures.
    @Test func simulateBudgetPriceAndCompareReadTheScenariosBasis() throws {
        let directory = CLI.temporaryDirectory()
        let term = CLI.write("""
            extends = "\(CLI.packageRoot.path)/scenarios/test-small.toml"
            [premium]
            per_person_month = 180.00
            """, to: "term.toml", in: directory)
        let perPeriod = CLI.write("""
            extends = "\(term)"
            [corridor]
            basis = "per_period"
            """, to: "per-period.toml", in: directory)
        let common = ["--trials", "200", "--seed", "3"]
        func run(_ arguments: [String]) throws -> String {
            let r = try CLI.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            return r.stdout
        }
        func line(_ text: String, _ prefix: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
        }

        let a = try run(["simulate", term] + common), b = try run(["simulate", perPeriod] + common)
        let claimsOf = { (text: String) in text.components(separatedBy: "Corridor bands").first! }
        #expect(claimsOf(a) == claimsOf(b))
        #expect(line(a, "refund to bureau") != nil && line(a, "refund to bureau") != line(b, "refund to bureau"))
        #expect(line(b, "Corridor bands")?.contains("mixed") == true, "\(b)")

        let budgetA = try run(["budget", term] + common), budgetB = try run(["budget", perPeriod] + common)
        #expect(line(budgetA, "Corridor refund") != nil && line(budgetA, "Corridor refund") != line(budgetB, "Corridor refund"))

        let priceA = try run(["price", term, "--range", "170:190"] + common)
        let priceB = try run(["price", perPeriod, "--range", "170:190"] + common)
        #expect(line(priceA, "           180.00") != nil && line(priceA, "           180.00") != line(priceB, "           180.00"),
                "\(priceA)\n\(priceB)")

        let compared = try run(["compare", term, perPeriod] + common)
        let claims = try #require(line(compared, "Claims 赔款"))
        #expect(claims.contains("exact"), "\(claims)")
        let refund = try #require(line(compared, "Refund to the bureau"))
        #expect(!refund.contains(" 0.000          0.000"), "\(refund)")
    }
}
