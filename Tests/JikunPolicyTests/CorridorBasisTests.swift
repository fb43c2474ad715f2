import Foundation
import Testing
@testable import JikunPolicy

@Suite struct CorridorBasisTests {
    let corridor = edition2020.corridor

    /// Two insurers (premium 60 % / 40 % in both periods), the 2020 corridor.
    /// P1: P = 1,000,000.00, C = 700,000.00, L = 70 %: refund 0.85P − C = 150,000.00
    ///     (A 90,000.00, B 60,000.00).
    /// P2: P = 200,000.00, C = 190,000.01, L ≈ 95 %: top-up 0.5·(C − 0.9P) = 5,000.005 → 5,000.01
    ///     half-up, split 300,000.6 / 200,000.4 fen → A 3,000.01 (largest remainder), B 2,000.00.
    /// Term: P = 1,200,000.00, C = 890,000.01, L ≈ 74.2 %: refund 1,020,000 − 890,000.01 =
    ///     129,999.99, split 7,799,999.4 / 5,199,999.6 fen → A 77,999.99, B 52,000.00.
    static let periods: [(key: String, inputs: [SettlementInput])] = [
        ("P1", [SettlementInput(insurer: "a", earnedPremium: yuan("600000.00"), claims: yuan("400000.00")),
                SettlementInput(insurer: "b", earnedPremium: yuan("400000.00"), claims: yuan("300000.00"))]),
        ("P2", [SettlementInput(insurer: "a", earnedPremium: yuan("120000.00"), claims: yuan("130000.01")),
                SettlementInput(insurer: "b", earnedPremium: yuan("80000.00"), claims: yuan("60000.00"))]),
    ]

    /// An insurer first insured in P2 takes its edition place in the summed statement, not the last.
    @Test func theSummedStatementKeepsTheEditionsOrder() throws {
        let late: [(key: String, inputs: [SettlementInput])] = [
            ("P1", [SettlementInput(insurer: "b", earnedPremium: yuan("400000.00"), claims: yuan("300000.00"))]),
            ("P2", [SettlementInput(insurer: "a", earnedPremium: yuan("120000.00"), claims: yuan("130000.01")),
                    SettlementInput(insurer: "b", earnedPremium: yuan("80000.00"), claims: yuan("60000.00"))]),
        ]
        #expect(try corridor.settle(periods: late, insurerOrder: ["a", "b"]).total.rows.map(\.insurer) == ["a", "b"])
        #expect(try corridor.settle(periods: late).total.rows.map(\.insurer) == ["b", "a"])
    }

    @Test func perPeriodAndTermDifferByHand() throws {
        let perPeriod = try corridor.settle(periods: Self.periods)
        #expect(perPeriod.periodKeys == ["P1", "P2"])
        #expect(perPeriod.periods[0].total.band == .band(.refund) && perPeriod.periods[1].total.band == .band(.shared))
        let rows = perPeriod.total.rows
        #expect(rows.map(\.insurer) == ["a", "b"])
        #expect(rows[0].refund == yuan("90000.00") && rows[0].sharedTopUp == yuan("3000.01"))
        #expect(rows[1].refund == yuan("60000.00") && rows[1].sharedTopUp == yuan("2000.00"))
        #expect(rows[0].earnedPremium == yuan("720000.00") && rows[0].claims == yuan("530000.01"))
        let total = perPeriod.total.total
        #expect(total.band == .mixed && rows[0].band == .mixed)
        #expect(total.refund == yuan("150000.00") && total.sharedTopUp == yuan("5000.01"))
        #expect(total.bureauNetCost == yuan("1055000.01"))

        let term = try corridor.settle([
            SettlementInput(insurer: "a", earnedPremium: yuan("720000.00"), claims: yuan("530000.01")),
            SettlementInput(insurer: "b", earnedPremium: yuan("480000.00"), claims: yuan("360000.00")),
        ])
        #expect(term.total.band == .band(.refund))
        #expect(term.rows[0].refund == yuan("77999.99") && term.rows[1].refund == yuan("52000.00"))
        #expect(term.total.refund == yuan("129999.99") && term.total.sharedTopUp == .zero)
        #expect(term.total.bureauNetCost == yuan("1070000.01"))
    }

    /// The simulation's settlement per period is the statement's: P2's top-up 0.5 × (190,000.01
    /// − 180,000) = 5,000.005 rounds half-up to 5,000.01, split 3/5 and 2/5 as 3,000.006 and
    /// 2,000.004: floors 3,000.00 and 2,000.00, the fen left to the larger remainder. Its band
    /// is mixed when the periods' bands differ.
    @Test func trialSettlementPerPeriodMatchesTheExactOne() {
        let premium: [Double] = [600_000, 400_000, 120_000, 80_000], claims: [Double] = [400_000, 300_000, 130_000.01, 60_000]
        var scratch = TrialSettlement(insurers: 2), result = scratch
        premium.withUnsafeBufferPointer { p in
            claims.withUnsafeBufferPointer { c in
                corridor.settle(periodPremium: p, periodClaims: c, insurers: 2, scratch: &scratch, into: &result)
            }
        }
        #expect(abs(result.refund[0] - 90_000) < 1e-6 && abs(result.refund[1] - 60_000) < 1e-6)
        #expect(result.sharedTopUp[0] == 3_000.01 && result.sharedTopUp[1] == 2_000.00)
        #expect(result.band == .mixed)
        // Both periods in one band: that band.
        let low: [Double] = [0, 0, 0, 0]
        premium.withUnsafeBufferPointer { p in
            low.withUnsafeBufferPointer { c in
                corridor.settle(periodPremium: p, periodClaims: c, insurers: 2, scratch: &scratch, into: &result)
            }
        }
        #expect(result.band == .band(.refund))
        #expect(abs(result.totalRefund - 0.85 * 1_200_000) < 1e-6)
    }

    @Test func theEditionsBasisIsReadAndCheckedByKey() throws {
        #expect(edition2020.corridor.basis == .term)
        let text = """
            extends = "\(packageRoot.path)/scenarios/edition-2020.toml"
            [corridor]
            basis = "yearly"
            """
        func load(_ text: String) throws -> Edition {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("basis-\(UUID().uuidString).toml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            return try Edition.load(file.path)
        }
        #expect {
            try load(text)
        } throws: { error in
            let message = String(describing: error)
            return message.contains("corridor.basis") && message.contains("per_period") && message.contains("\"yearly\"")
        }
        #expect(try load(text.replacingOccurrences(of: "yearly", with: "per_period")).corridor.basis == .perPeriod)
    }
}
