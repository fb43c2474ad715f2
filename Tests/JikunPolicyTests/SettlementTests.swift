import Testing
@testable import JikunPolicy

@Suite struct SettlementTests {
    let corridor = edition2020.corridor

    func settle(_ premium: String, _ claims: String) throws -> SettlementRow {
        try corridor.settle([SettlementInput(insurer: "x", earnedPremium: yuan(premium), claims: yuan(claims))]).total
    }

    /// The corridor at exactly 85 %, 90 %, 100 % and a fen either side (P = 1,000,000.00).
    @Test(arguments: [
        ("849999.99", "refund", "0.01", "0.00", "999999.99"),        // L a fen under 85 %: cost C + 0.15P
        ("850000.00", "neutral", "0.00", "0.00", "1000000.00"),
        ("850000.01", "neutral", "0.00", "0.00", "1000000.00"),
        ("899999.99", "neutral", "0.00", "0.00", "1000000.00"),
        ("900000.00", "neutral", "0.00", "0.00", "1000000.00"),
        ("900000.01", "shared", "0.00", "0.01", "1000000.01"),       // 0.005 → 0.01 half-up
        ("999999.99", "shared", "0.00", "50000.00", "1050000.00"),   // 0.5 × 99,999.99 = 49,999.995 → half-up
        ("1000000.00", "shared", "0.00", "50000.00", "1050000.00"),
        ("1000000.01", "excess", "0.00", "50000.00", "1050000.00"),
        ("0.00", "refund", "850000.00", "0.00", "150000.00"),
        ("2500000.00", "excess", "0.00", "50000.00", "1050000.00"),
    ])
    func bandsAtTheEdges(claims: String, band: String, refund: String, topUp: String, bureau: String) throws {
        let row = try settle("1000000.00", claims)
        #expect(row.band.label == band)
        #expect(row.refund == yuan(refund))
        #expect(row.sharedTopUp == yuan(topUp))
        #expect(row.bureauNetCost == yuan(bureau))
        #expect(row.insurerResult == row.bureauNetCost - yuan(claims))
    }

    @Test func lossRatioHasSixDecimalsRoundedHalfUp() throws {
        #expect(try settle("3.00", "2.00").lossRatioText == "0.666667")
        #expect(try settle("1000000.00", "850000.00").lossRatioText == "0.850000")
        #expect(try settle("100.00", "123.45").lossRatioText == "1.234500")
    }

    @Test func proRataSplitAddsUpToTheFen() throws {
        // P = 1,000.03, C = 500.01 (L ≈ 0.499995): refund = round(0.85 P) − C = 850.03 − 500.01
        // = 350.02. Split by premium (fen): 35,002 × (33,333, 33,335, 33,335) / 100,003 =
        // 11,666.867, 11,667.567, 11,667.567 → floors 11,666 + 11,667 + 11,667 = 35,000; the two
        // fen left go to the largest remainders (.867 for a, then .567 for b, the earlier of the
        // tie): 11,667, 11,668, 11,667 (checked with python's exact Fraction).
        let inputs = [
            SettlementInput(insurer: "a", earnedPremium: yuan("333.33"), claims: yuan("100")),
            SettlementInput(insurer: "b", earnedPremium: yuan("333.35"), claims: yuan("300.01")),
            SettlementInput(insurer: "c", earnedPremium: yuan("333.35"), claims: yuan("100.00")),
        ]
        let s = try corridor.settle(inputs)
        #expect(s.total.band.label == "refund")
        #expect(s.total.refund == yuan("350.02"))
        #expect(s.rows.map(\.refund) == [yuan("116.67"), yuan("116.68"), yuan("116.67")])
        #expect(s.rows.reduce(Money.zero) { $0 + $1.refund } == s.total.refund)
        #expect(s.rows.allSatisfy { $0.band == s.total.band })
    }

    @Test func largestRemainderTiesGoToTheFirstListed() {
        // 0.02 over three equal weights: 0.00 each + 2 fen to the first two.
        let split = Corridor.splitLargestRemainder(Money(fen: 2), weights: [yuan("1"), yuan("1"), yuan("1")])
        #expect(split == [Money(fen: 1), Money(fen: 1), Money(fen: 0)])
        let uneven = Corridor.splitLargestRemainder(Money(fen: 100), weights: [Money(fen: 1), Money(fen: 2), Money(fen: 4)])
        // exact shares 14.29, 28.57, 57.14 → floors 14, 28, 57 (99) + 1 fen to the largest remainder (28.57).
        #expect(uneven == [Money(fen: 14), Money(fen: 29), Money(fen: 57)])
    }

    @Test func ownExperienceSettlesEachInsurerAndMarksMixed() throws {
        let inputs = [
            SettlementInput(insurer: "a", earnedPremium: yuan("1000"), claims: yuan("500")),    // refund 350
            SettlementInput(insurer: "b", earnedPremium: yuan("1000"), claims: yuan("950")),    // shared 25
        ]
        let s = try corridor.settle(inputs, allocation: .ownExperience)
        #expect(s.rows.map(\.band.label) == ["refund", "shared"])
        #expect(s.total.band == .mixed)
        #expect(s.rows.map(\.refund) == [yuan("350"), .zero])
        #expect(s.rows.map(\.sharedTopUp) == [.zero, yuan("25")])
        #expect(s.total.refund == yuan("350") && s.total.sharedTopUp == yuan("25"))
    }

    /// The simulation's settlement of a trial is the statement's, to the fen and in the band,
    /// at random amounts and at every band edge (it once kept half a fen of the top-up).
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func trialFormIsTheStatementToTheFen(seed: UInt64) throws {
        var rng = CriticalIllnessProperties.LCG(state: seed)
        var cases: [([Money], [Money])] = []
        for _ in 0..<300 {
            let premiums = (0..<5).map { _ in Money(fen: 1 + rng.next(3_000_000_000)) }
            let targetRatio = Double(rng.next(1_400_000)) / 1_000_000
            cases.append((premiums, premiums.map { Money(fen: Int64(Double($0.fen) * targetRatio * (0.7 + Double(rng.next(600)) / 1000))) }))
        }
        // Claims at 85 %, 90 % and 100 % of the premium and a fen either side, on one insurer.
        let premium = Money(fen: 100_000_000 + rng.next(1_000_000))
        for edge in [Rate(partsPerMillion: 850_000), Rate(partsPerMillion: 900_000), Rate(partsPerMillion: 1_000_000)] {
            let at = ExactAmount(premium).scaled(by: edge).roundedHalfUp()
            for fen in [-1, 0, 1] as [Int64] { cases.append(([premium], [Money(fen: at.fen + fen)])) }
        }
        for (premiums, claims) in cases {
            for allocation in CorridorAllocation.allCases {
                let exact = try corridor.settle(zip(premiums, claims).enumerated().map {
                    SettlementInput(insurer: "i\($0.offset)", earnedPremium: $0.element.0, claims: $0.element.1)
                }, allocation: allocation)
                let trial = corridor.settle(premium: premiums.map(\.yuan), claims: claims.map(\.yuan), allocation: allocation)
                for i in premiums.indices {
                    #expect(trial.refund[i] == exact.rows[i].refund.yuan)
                    #expect(trial.sharedTopUp[i] == exact.rows[i].sharedTopUp.yuan)
                }
                #expect(trial.band == exact.total.band)
            }
        }
    }
}
