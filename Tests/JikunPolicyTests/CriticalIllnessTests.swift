import Testing
@testable import JikunPolicy

@Suite struct CriticalIllnessScheduleTests {
    let schedule = edition2020.criticalIllnessSchedule(period: 0)

    /// Hand-worked from docs/rules.md §3.2: y = X − 3000, 25 % to 10,000, 30 % to 50,000, 35 % above.
    @Test(arguments: [
        ("3000.00", "0.00"),                 // at the deductible: nothing
        ("3000.01", "0.00"),                 // 0.01 × 25 % = 0.0025 → 0.00
        ("3000.02", "0.01"),                 // 0.005 → 0.01 half-up
        ("13000.00", "2500.00"),             // top of the first tier
        ("20000.00", "4600.00"),             // 2500 + 7000 × 30 %
        ("53000.00", "14500.00"),            // 2500 + 12000
        ("63000.00", "18000.00"),            // 14500 + 10000 × 35 %
        ("440142.85", "150000.00"),          // 14500 + 387142.85 × 35 % = 149999.9975 → rounds up, cap not yet binding
        ("440142.86", "150000.00"),          // the cap binds here
        ("1000000.00", "150000.00"),
    ])
    func benefit(total: String, expected: String) {
        #expect(schedule.benefit(total: yuan(total)) == yuan(expected))
    }

    @Test func capBindsAt440142_86() {
        #expect(schedule.capBindsFrom == yuan("440142.86"))
        #expect(schedule.exactBenefit(total: yuan("440142.85")).capBinds == false)
        #expect(schedule.exactBenefit(total: yuan("440142.86")).capBinds == true)
    }

    @Test func twoStaysCrossingATier() {
        // 10,000 then 8,000: X goes 10,000 → 18,000 across the 13,000 break.
        let first = schedule.stayPayment(totalBefore: .zero, totalAfter: yuan("10000"))
        let second = schedule.stayPayment(totalBefore: yuan("10000"), totalAfter: yuan("18000"))
        #expect(first.0 == yuan("1750.00") && first.1 == .paid)              // 7000 × 25 %
        #expect(second.0 == yuan("2250.00") && second.1 == .paid)            // 750 + 5000 × 30 %
        #expect(first.0 + second.0 == schedule.benefit(total: yuan("18000")))
    }

    @Test func stayReasons() {
        #expect(schedule.stayPayment(totalBefore: .zero, totalAfter: yuan("2999.99")).1 == .belowDeductible)
        #expect(schedule.stayPayment(totalBefore: yuan("1000"), totalAfter: yuan("3000")).1 == .belowDeductible)
        #expect(schedule.stayPayment(totalBefore: yuan("3000"), totalAfter: yuan("3000.01")) == (Money.zero, .paid))
        #expect(schedule.stayPayment(totalBefore: yuan("400000"), totalAfter: yuan("500000")) == (yuan("150000") - schedule.benefit(total: yuan("400000")), .capped))
        #expect(schedule.stayPayment(totalBefore: yuan("500000"), totalAfter: yuan("600000")) == (Money.zero, .capReached))
    }

    @Test func prorateShortPeriodScalesDeductibleAndCap() {
        #expect(edition2020.criticalIllnessSchedule(period: 1).deductible == yuan("3000"))
        var prorated = edition2020.criticalIllness
        prorated.prorateShortPeriod = true
        let e = edition2020.with(criticalIllness: prorated)
        let p2 = e.criticalIllnessSchedule(period: 1)
        #expect(p2.deductible == yuan("500.00") && p2.cap == yuan("25000.00"))
        #expect(e.criticalIllnessSchedule(period: 0).cap == yuan("150000"))
    }
}

/// Invariants over seeded random amounts (a small LCG keeps the test self-contained).
@Suite struct CriticalIllnessProperties {
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int64) -> Int64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int64((state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func neverNegativeNeverOverCapMonotone(seed: UInt64) {
        let schedule = edition2020.criticalIllnessSchedule(period: 0)
        var rng = LCG(state: seed)
        var previous = Money.zero, previousBenefit = Money.zero
        var totals = (0..<2000).map { _ in Money(fen: rng.next(60_000_000)) }
        totals.sort()
        for total in totals {
            let b = schedule.benefit(total: total)
            #expect(b >= .zero && b <= schedule.cap)
            #expect(total < previous || b >= previousBenefit)
            previous = total
            previousBenefit = b
        }
    }

    /// The batch form pays every total as `benefit(total:)` does, for both editions' schedules
    /// and a prorated one, across the tiers, the cap and far past it.
    @Test(arguments: [21, 22, 23] as [UInt64])
    func theBatchPaysAsTheSingleRule(seed: UInt64) {
        var rng = LCG(state: seed)
        for schedule in [edition2020.criticalIllnessSchedule(period: 0), edition2020.criticalIllnessSchedule(period: 1)] {
            var totals = (0..<3000).map { _ in rng.next(100_000_000) } + [0, 299_999, 300_000, 300_001, 44_014_286, Int64(1) << 50]
            let expected = totals.map { schedule.benefit(total: Money(fen: $0)).fen }
            totals.withUnsafeMutableBufferPointer { schedule.benefitsInPlace($0) }
            #expect(totals == expected)
        }
    }

    /// The batch form over sampled totals in yuan pays each as `benefit(total:)` of the total
    /// rounded to the fen, by both of its routes: one term a total (the editions' schedules, four
    /// tiers with a zero-rate one, five tiers, numerators past 2⁵²) and the single rule's sum
    /// (numerators past Int64). Ties of half a fen in the total and
    /// in the benefit, the deductible, every tier's bound, the saturation point, far past it.
    @Test(arguments: [24, 25] as [UInt64])
    func theBatchOverYuanPaysAsTheSingleRule(seed: UInt64) {
        var rng = LCG(state: seed)
        func tier(_ yuan: Int64, _ ppm: Int64) -> CriticalIllnessSchedule.Tier {
            .init(from: Money(fen: yuan * 100), rate: Rate(partsPerMillion: ppm))
        }
        let fourTiers = CriticalIllnessSchedule(deductible: Money(fen: 200_000), cap: Money(fen: 20_000_000),
                                                tiers: [tier(0, 200_000), tier(5_000, 0), tier(8_000, 450_000), tier(60_000, 1_000_000)])
        let fiveTiers = CriticalIllnessSchedule(deductible: Money(fen: 300_000), cap: Money(fen: 30_000_000),
                                                tiers: [tier(0, 250_000), tier(10_000, 300_000), tier(50_000, 350_000),
                                                        tier(100_000, 400_000), tier(200_000, 500_000)])
        let large = CriticalIllnessSchedule(deductible: .zero, cap: Money(fen: 5_000_000_000),
                                                   tiers: [tier(0, 1_000_000)])
        let wide = CriticalIllnessSchedule(deductible: Money(fen: 1), cap: Money(fen: 9_223_372_036_854),
                                           tiers: [tier(0, 999_999)])
        let schedules = [edition2020.criticalIllnessSchedule(period: 0), edition2020.criticalIllnessSchedule(period: 1),
                         fourTiers, fiveTiers, large, wide]
        #expect(schedules.map(\.numeratorFits) == [true, true, true, true, true, false])
        for schedule in schedules {
            var totals = (0..<3000).map { _ in Double(rng.next(800_000_000)) / 8 }    // to 10⁸ yuan, in eighths
            let saturation = Double(schedule.saturationTotal.fen) / 100
            for bound in schedule.bounds.dropLast() {
                let yuan = Double(schedule.deductible.fen + bound) / 100
                totals += [yuan - 0.01, yuan - 0.005, yuan, yuan + 0.005, yuan + 0.01]
            }
            totals += [0, -0.005, -12.5, 2999.995, 3000, 3000.005, 3000.01, saturation - 0.01, saturation, saturation + 0.01,
                       4.5e13, 1e13, 1e15]
            let expected = totals.map { Double(schedule.benefit(total: Money(roundingYuan: $0)).fen) }
            var batch = totals
            batch.withUnsafeMutableBufferPointer { schedule.benefitsInPlace(totalsYuan: $0) }
            let wrong = totals.indices.filter { batch[$0] != expected[$0] }
            #expect(wrong.isEmpty, "\(wrong.count) totals paid differently, first: \(wrong.prefix(3).map { (totals[$0], batch[$0], expected[$0]) })")
        }
    }

    /// The batch form's one-term-per-total sum (`numeratorAtBound`) against the single rule's
    /// sum over all tiers, on schedules the editions do not have: four tiers with a zero-rate
    /// one, a cap no total reaches, and bounds so large that the batch falls back to the
    /// single rule's arithmetic. Each tier's bound and the saturation point are hit exactly
    /// and one fen either side.
    @Test(arguments: [31, 32] as [UInt64])
    func theBatchPaysAsTheSingleRuleOnOtherSchedules(seed: UInt64) {
        func tier(_ yuan: Int64, _ ppm: Int64) -> CriticalIllnessSchedule.Tier {
            .init(from: Money(fen: yuan * 100), rate: Rate(partsPerMillion: ppm))
        }
        let schedules = [
            CriticalIllnessSchedule(deductible: Money(fen: 200_000), cap: Money(fen: 20_000_000),
                                    tiers: [tier(0, 200_000), tier(5_000, 0), tier(8_000, 450_000), tier(60_000, 1_000_000)]),
            // The last rate is 0, so the cap (1,000,000 yuan) is never reached.
            CriticalIllnessSchedule(deductible: .zero, cap: Money(fen: 100_000_000),
                                    tiers: [tier(0, 333_333), tier(1_000, 666_667), tier(5_000, 0)]),
            // The numerator at saturation plus the rounding half passes Int64.max by 463,957.
            CriticalIllnessSchedule(deductible: Money(fen: 1), cap: Money(fen: 9_223_372_036_854), tiers: [tier(0, 999_999)]),
        ]
        #expect(schedules.map(\.numeratorFits) == [true, true, false])
        #expect(schedules.map(\.capReachable) == [true, false, true])
        var rng = LCG(state: seed)
        for schedule in schedules {
            var totals = (0..<2000).map { _ in rng.next(20_000_000) } + (0..<200).map { _ in rng.next(Int64(1) << 52) }
            for point in schedule.bounds.dropLast() + [schedule.saturationExcess] {
                let total = schedule.deductible.fen + point
                totals += [total - 1, total, total + 1].filter { $0 >= 0 }
            }
            let expected = totals.map { schedule.benefit(total: Money(fen: $0)).fen }
            totals.withUnsafeMutableBufferPointer { schedule.benefitsInPlace($0) }
            #expect(totals == expected)
        }
    }

    /// A period's stay payments add up exactly to round(B(X_total)), however the stays fall.
    @Test(arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func staysSumToTheBenefitOfTheTotal(seed: UInt64) {
        let schedule = edition2020.criticalIllnessSchedule(period: 0)
        var rng = LCG(state: seed)
        for _ in 0..<200 {
            var total = Money.zero, paid = Money.zero
            for _ in 0..<(1 + rng.next(8)) {
                let stay = Money(fen: rng.next(rng.next(2) == 0 ? 500_000 : 20_000_000))
                let (pay, reason) = schedule.stayPayment(totalBefore: total, totalAfter: total + stay)
                #expect(pay >= .zero)
                #expect(reason.isPayable || pay == .zero)
                total += stay
                paid += pay
            }
            #expect(paid == schedule.benefit(total: total))
        }
    }
}
