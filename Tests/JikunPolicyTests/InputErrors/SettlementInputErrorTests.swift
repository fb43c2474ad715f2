import Foundation
import Testing
import JikunPolicy

/// Bad settlement inputs (`insurer, earned_premium, claims`) and bad payments files read back
/// for settlement.
@Suite struct SettlementInputErrorTests {
    func settlementInput(_ text: String) throws -> [SettlementInput] {
        try SettlementInput.read(IE.csv(text, path: "insurers.csv"), edition: IE.base)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: String
        var testDescription: String { name }
    }

    static let settlementCases: [Case] = [
        Case(name: "missing column", text: "insurer,earned_premium\npicc,100\n",
             expected: "insurers.csv: row 1, column claims: missing column 'claims' in the header (found: insurer, earned_premium)"),
        Case(name: "bad amount", text: "insurer,earned_premium,claims\npicc,1e6,0\n",
             expected: "insurers.csv: row 2, column earned_premium: expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"1e6\""),
        Case(name: "amount with 3 decimals", text: "insurer,earned_premium,claims\npicc,100,0.001\n",
             expected: "insurers.csv: row 2, column claims: expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"0.001\""),
        Case(name: "negative claims", text: "insurer,earned_premium,claims\npicc,100,-1\n",
             expected: "insurers.csv: row 2, column claims: expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"-1\""),
        Case(name: "empty claims", text: "insurer,earned_premium,claims\npicc,100,\n",
             expected: "insurers.csv: row 2, column claims: expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"\""),
        Case(name: "zero premium", text: "insurer,earned_premium,claims\npicc,100,50\nancheng,0.00,0\n",
             expected: "insurers.csv: row 3, column earned_premium: expected earned premium > 0, got 0.00"),
        Case(name: "duplicate insurer", text: "insurer,earned_premium,claims\npicc,100,50\nancheng,100,50\npicc,1,0\n",
             expected: "insurers.csv: row 4, column insurer: insurer \"picc\" appears twice"),
        Case(name: "missing insurer", text: "insurer,earned_premium,claims\n,100,50\n",
             expected: "insurers.csv: row 2, column insurer: missing value: expected an insurer key"),
        Case(name: "no insurer rows", text: "insurer,earned_premium,claims\n\n",
             expected: "insurers.csv: row 1: no insurer rows to settle"),
    ]

    @Test(arguments: settlementCases)
    func badSettlementInput(_ c: Case) {
        #expect(IE.errorText { _ = try settlementInput(c.text) } == c.expected)
    }

    @Test func goodSettlementInputIsReadExactly() throws {
        let inputs = try settlementInput("claims,insurer,earned_premium,note\n850.5,picc,1000,x\n0,ancheng,0.01,\n"
                                         + "1,chinalife,2,\n2,continent,3,\n3,chinaunited,4,\n")
        #expect(inputs == [SettlementInput(insurer: "picc", earnedPremium: Money(yuan: 1000), claims: Money(fen: 85_050)),
                           SettlementInput(insurer: "ancheng", earnedPremium: Money(fen: 1), claims: .zero),
                           SettlementInput(insurer: "chinalife", earnedPremium: Money(yuan: 2), claims: Money(yuan: 1)),
                           SettlementInput(insurer: "continent", earnedPremium: Money(yuan: 3), claims: Money(yuan: 2)),
                           SettlementInput(insurer: "chinaunited", earnedPremium: Money(yuan: 4), claims: Money(yuan: 3))])
    }

    @Test func everyInsurerOfTheEditionIsNeeded() {
        let one = "insurer,earned_premium,claims\npicc,100,50\nancheng,100,50\nchinalife,1,0\ncontinent,1,0\n"
        #expect(IE.errorText { _ = try settlementInput(one) }
                == "insurers.csv: row 1, column insurer: no row for insurer chinaunited of edition 2020: the corridor settles every insurer of the edition together")
        #expect(IE.errorText { _ = try settlementInput("insurer,earned_premium,claims\npicc,100,50\n") }
                == "insurers.csv: row 1, column insurer: no row for insurers ancheng, chinalife, continent, chinaunited of edition 2020: the corridor settles every insurer of the edition together")
    }

    // MARK: - payments.csv read back

    static let paymentsHeader = "claim_id,person_id,insurer,period,line,payable,reason"

    func paid(_ body: String, periods: Set<String>? = nil) throws -> PaidClaims {
        try PaidClaims.read(IE.csv(Self.paymentsHeader + "\n" + body, path: "payments.csv"), edition: IE.base, periods: periods)
    }

    static let paymentCases: [Case] = [
        Case(name: "bad amount", text: "C1,x,picc,P1,disease_death,12.345,paid\n",
             expected: "payments.csv: row 2, column payable: expected an amount ≥ 0 with at most two decimals and 15 digits before the point, got \"12.345\""),
        Case(name: "negative amount", text: "C1,x,picc,P1,disease_death,-2000.00,paid\n",
             expected: "payments.csv: row 2, column payable: expected an amount ≥ 0 with at most two decimals and 15 digits before the point, got \"-2000.00\""),
        Case(name: "missing amount", text: "C1,x,picc,P1,disease_death,,paid\n",
             expected: "payments.csv: row 2, column payable: expected an amount ≥ 0 with at most two decimals and 15 digits before the point, got \"\""),
        Case(name: "unknown insurer", text: "C1,x,picc,P1,disease_death,2000.00,paid\nC2,x,axa,P1,disease_death,2000.00,paid\n",
             expected: "payments.csv: row 3, column insurer: unknown insurer \"axa\" (expected one of picc, ancheng, chinalife, continent, chinaunited)"),
        Case(name: "unknown period", text: "C1,x,picc,P3,disease_death,2000.00,paid\n",
             expected: "payments.csv: row 2, column period: unknown period \"P3\" (expected one of P1, P2 or empty)"),
        Case(name: "payable without insurer", text: "C1,x,,P1,disease_death,2000.00,paid\n",
             expected: "payments.csv: row 2, column insurer: a payable amount needs an insurer"),
        Case(name: "sum past the range of Money",
             text: (1...93).map { "C\($0),x,picc,P1,hospitalisation,999999999999999.99,paid\n" }.joined(),
             expected: "payments.csv: row 94, column payable: insurer picc's payable amounts add up past 92,233,720,368,547,758.07 yuan here, more than an amount can hold"),
        Case(name: "money with a reason that pays nothing", text: "C1,x,picc,P1,accident_medical,100.00,below_deductible\n",
             expected: "payments.csv: row 2, column payable: 100.00 yuan with reason below_deductible, which pays 0.00 (only paid and capped pay)"),
        Case(name: "unknown line", text: "C1,x,picc,P1,no_such_line,50.00,paid\n",
             expected: "payments.csv: row 2, column line: unknown line \"no_such_line\" (expected one of \(ClaimLine.allCases.map(\.rawValue).joined(separator: ", ")))"),
        Case(name: "unknown reason", text: "C1,x,picc,P1,disease_death,0.00,lost\n",
             expected: "payments.csv: row 2, column reason: unknown reason \"lost\" (expected one of \(PaymentReason.allCases.map(\.rawValue).joined(separator: ", ")))"),
        Case(name: "repeated claim_id", text: "C1,x,picc,P1,disease_death,2000.00,paid\nC2,x,picc,P1,disease_death,0.00,duplicate_death\nC1,x,picc,P1,disease_death,2000.00,paid\n",
             expected: "payments.csv: row 4, column claim_id: claim_id \"C1\" appears twice (first at row 2): a claim is paid once"),
    ]

    @Test(arguments: paymentCases)
    func badPaymentsFile(_ c: Case) {
        #expect(IE.errorText { _ = try paid(c.text) } == c.expected)
    }

    @Test(arguments: ["insurer", "period", "payable", "claim_id", "line", "reason"])
    func paymentsMissingColumn(_ column: String) {
        let header = Self.paymentsHeader.split(separator: ",").map(String.init).filter { $0 != column }
        let text = IE.errorText {
            _ = try PaidClaims.read(IE.csv(header.joined(separator: ",") + "\n", path: "payments.csv"), edition: IE.base)
        }
        #expect(text == "payments.csv: row 1, column \(column): missing column '\(column)' in the header (found: \(header.joined(separator: ", ")))")
    }

    @Test func paymentsAreSummedPerInsurerAndPeriod() throws {
        let body = """
            C1,x,picc,P1,accident_medical,100.10,paid
            C2,x,picc,P2,accident_medical,0.90,paid
            C3,x,,P1,disease_death,0.00,not_insured
            C4,x,chinaunited,,accident_medical,0.00,after_period
            C5,x,chinaunited,P2,hospitalisation,4600.00,paid

            """
        let all = try paid(body)
        #expect(all.rows == 5)
        #expect(all.byInsurer == [Money(yuan: 101), .zero, .zero, .zero, Money(yuan: 4600)])
        let p2 = try paid(body, periods: ["P2"])
        #expect(p2.byInsurer == [Money(fen: 90), .zero, .zero, .zero, Money(yuan: 4600)])
    }

    /// With periods chosen, a paid row without its period belongs to none of them: refused,
    /// not left out (without a choice it counts, as the term basis needs).
    @Test func aPaymentWithoutItsPeriodIsRefusedWhenPeriodsAreChosen() throws {
        let body = "C1,x,picc,P1,accident_medical,100.10,paid\nC2,x,picc,,accident_medical,3405.86,paid\n"
        #expect(try paid(body).byInsurer[0] == Money(fen: 350_596))
        #expect(IE.errorText { _ = try paid(body, periods: ["P1", "P2"]) }
                == "payments.csv: row 3, column period: a payment of 3405.86 yuan has no period, and claims settled by period (--period, or the per_period corridor basis) need each payment's period")
    }
}
