import Testing
@testable import JikunPolicy

@Suite struct MoneyTests {
    @Test(arguments: [
        ("0", 0), ("12", 1200), ("12.3", 1230), ("12.34", 1234), ("-0.07", -7), ("4600.00", 460000),
    ] as [(String, Int64)])
    func parsesYuanExactly(text: String, fen: Int64) {
        #expect(Money(parsing: text)?.fen == fen)
    }

    @Test(arguments: ["", "1.234", "1,000", "abc", "1.", ".5", "1e3", "--1", "1.2.3"])
    func refusesAnythingElse(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func formatsTwoDecimals() {
        #expect(Money(fen: 460000).description == "4600.00")
        #expect(Money(fen: 5).description == "0.05")
        #expect(Money(fen: -105).description == "-1.05")
    }

    @Test func scalingRoundsHalfUpOnce() {
        // 0.01 yuan × 25 % = 0.25 fen → 0.00; 0.02 × 25 % = 0.5 fen → 0.01 (half up).
        #expect(Money(fen: 1).scaled(by: Rate(exactly: 0.25)!) == Money(fen: 0))
        #expect(Money(fen: 2).scaled(by: Rate(exactly: 0.25)!) == Money(fen: 1))
        #expect(Money(fen: 3).scaled(by: Rate(exactly: 0.5)!) == Money(fen: 2))
    }

    /// A sampled amount in yuan becomes the nearest fen, ties away from zero: exact ties
    /// (yuan × 100 = k + ½ in binary), amounts too large for a fraction, and random amounts
    /// of either sign against libm's `round`.
    @Test func roundingYuanIsNearestFenTiesAwayFromZero() {
        let cases: [(Double, Int64)] = [
            (0, 0), (0.125, 13), (0.375, 38), (0.625, 63), (-0.625, -63), (-0.125, -13), (0.0049, 0), (-0.0049, 0),
            (1_234.56, 123_456), (1e13, 1_000_000_000_000_000), (1e14, 10_000_000_000_000_000),
            (0x1p51 / 100 + 0.5, 2_251_799_813_685_298), (-3.0, -300),
        ]
        for (yuan, fen) in cases {
            #expect(Money(roundingYuan: yuan).fen == fen, "\(yuan) yuan")
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) * 0x1p-53
            let yuan = (i % 2 == 0 ? 1 : -1) * unit * (i % 3 == 0 ? 10 : 1e9)
            let expected = Int64((yuan * 100).rounded(.toNearestOrAwayFromZero))
            #expect(Money(roundingYuan: yuan).fen == expected, "\(yuan) yuan")
            if Money(roundingYuan: yuan).fen != expected { break }
        }
    }

    @Test func scalingByOneIsTheAmount() {
        for fen: Int64 in [0, 1, 499_999, 500_000, 123_456_789, -7] {
            #expect(Money(fen: fen).scaled(by: .one).fen == fen)
        }
    }

    @Test func rateAcceptsOnlySixDecimals() {
        #expect(Rate(exactly: 0.85)?.partsPerMillion == 850_000)
        #expect(Rate(exactly: 0.123456)?.partsPerMillion == 123_456)
        #expect(Rate(exactly: 0.1234567) == nil)
        #expect(Rate(exactly: 0.3)?.description == "0.3")
    }
}

@Suite struct CivilDateTests {
    @Test func roundTripsAndOrders() {
        let d = date("2021-02-28")
        #expect(d.description == "2021-02-28")
        #expect(CivilDate(daysSinceEpoch: d.daysSinceEpoch + 1).description == "2021-03-01")
        #expect(date("1970-01-01").daysSinceEpoch == 0)
        #expect(date("2020-02-29") < date("2020-03-01"))
        #expect(CivilDate(parsing: "2021-02-29") == nil)
        #expect(CivilDate(parsing: "2021-2-28") == nil)
    }

    /// 周岁: full years, the birthday counting on its own day.
    @Test(arguments: [
        ("2018-05-10", "2021-05-09", 2), ("2018-05-10", "2021-05-10", 3),
        ("1998-05-10", "2021-05-10", 23), ("1998-05-10", "2021-05-09", 22),
        ("2008-02-29", "2021-02-28", 12), ("2008-02-29", "2021-03-01", 13),
    ])
    func fullYears(birth: String, on day: String, age: Int) {
        #expect(date(birth).fullYears(on: date(day)) == age)
    }
}

@Suite struct PersonIDTests {
    @Test func validatesTheCheckCharacter() throws {
        // A classic published example: 11010519491231002X.
        let id = try PersonID.parse("11010519491231002X").get()
        #expect(id.description == "11010519491231002X")
        #expect(id.embeddedBirthDate == date("1949-12-31"))
        #expect(PersonID.parse("110105194912310021") == .failure(.badCheckCharacter(expected: "X", found: "1")))
        #expect(PersonID.parse("11010519491231002x").map(\.description) == .success("11010519491231002X"))
        #expect(PersonID.parse("1101051949123100") == .failure(.length(16)))
        #expect(PersonID.parse("11010519491331002X") != .success(id))
    }
}
