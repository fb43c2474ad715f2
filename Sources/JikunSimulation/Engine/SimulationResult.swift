import JikunPolicy

/// What a run produced: per-trial outputs (for quantiles and `trials.csv`) and exact totals of
/// the finest breakdown (for means by unit and category).
public struct SimulationResult: Sendable {
    public let scenarioName: String
    /// Trials in this result (a shard holds a range of a larger run).
    public let trials: Int
    /// Index of the first trial: trial `t` of the arrays is trial `firstTrial + t` of the run.
    public let firstTrial: Int
    public let seed: UInt64
    public let insurerKeys: [String]
    public let periodKeys: [String]
    public let lines: [ClaimLine]
    /// Earned premium per insurer over the term (yuan).
    public let premiumByInsurer: [Double]
    /// `[period][insurer]` earned premium in yuan, for the `per_period` corridor basis (empty
    /// for a merged run, which does not re-settle).
    public let premiumByPeriodAndInsurer: [Double]
    public var totalPremium: Double { premiumByInsurer.reduce(0, +) }
    let expenseRatios: [Double]

    /// `[trial][line][period]` claims in yuan.
    public internal(set) var linePeriodClaims: [Double]
    /// `[trial][insurer]` claims in yuan (all lines and periods).
    public internal(set) var insurerClaims: [Double]
    /// `[trial][period][insurer]` claims in yuan, kept only under the `per_period` corridor
    /// basis (to re-settle trials, as `jikun price` does); empty otherwise.
    public internal(set) var insurerPeriodClaims: [Double] = []
    public internal(set) var totalClaims: [Double]
    public internal(set) var lossRatio: [Double]
    public internal(set) var refund: [Double]
    public internal(set) var sharedTopUp: [Double]
    public internal(set) var bureauCost: [Double]
    /// `[trial][insurer]`: premium − refund + top-up − claims − expenses.
    public internal(set) var insurerResult: [Double]
    /// The combined band per trial (`.mixed` when insurers' own bands differ).
    public internal(set) var band: [Band]

    /// Sum over trials of each claims column (`ClaimColumns` layout), in fen: exact.
    public internal(set) var columnSums: [Int64] = []
    /// Sum and sum of squares over trials of each category's claims, in fen: exact.
    public internal(set) var categorySums: [Int64] = []
    public internal(set) var categorySquares: [Int128] = []
    public internal(set) var claimantsSampled = 0
    public internal(set) var cellEvents = 0
    /// Population cells (cohorts) each trial samples, for the cost report (0 when unknown).
    public internal(set) var cells = 0
    public internal(set) var samplingTime: Duration = .zero
    public internal(set) var aggregationTime: Duration = .zero
    public internal(set) var settlementTime: Duration = .zero
    public let columns: ClaimColumns
    public let categoryKeys: [String]
    public let unitKeys: [String]

    init(engine: Engine, trials: Int, seed: UInt64, firstTrial: Int) {
        self.init(scenario: engine.scenario, columns: engine.columns, premiumByInsurer: engine.premiumByInsurer,
                  trials: trials, seed: seed, firstTrial: firstTrial,
                  premiumByPeriodAndInsurer: engine.population.memberMonthsByPeriodAndInsurer(edition: engine.scenario.edition)
                      .flatMap { $0 }.map { $0 * engine.scenario.edition.premiumPerPersonMonth.yuan })
        cells = engine.population.cohorts.count
    }

    /// Empty per-trial storage for `trials` trials of `scenario`.
    init(scenario: Scenario, columns: ClaimColumns, premiumByInsurer: [Double], trials: Int, seed: UInt64, firstTrial: Int,
         premiumByPeriodAndInsurer: [Double] = []) {
        self.premiumByPeriodAndInsurer = premiumByPeriodAndInsurer
        let e = scenario.edition
        scenarioName = scenario.name
        self.trials = trials
        self.firstTrial = firstTrial
        self.seed = seed
        insurerKeys = e.insurers.map(\.key)
        periodKeys = e.periods.map(\.key)
        categoryKeys = e.categories.map(\.key)
        unitKeys = e.units.map(\.key)
        lines = ClaimColumns.lines
        self.premiumByInsurer = premiumByInsurer
        expenseRatios = scenario.expenseRatios
        corridor = e.corridor
        self.columns = columns
        let i = insurerKeys.count
        linePeriodClaims = Array(repeating: 0, count: trials * lines.count * periodKeys.count)
        insurerClaims = Array(repeating: 0, count: trials * i)
        totalClaims = Array(repeating: 0, count: trials)
        lossRatio = totalClaims
        refund = totalClaims
        sharedTopUp = totalClaims
        bureauCost = totalClaims
        insurerResult = insurerClaims
        band = Array(repeating: .mixed, count: trials)
        if e.corridor.basis == .perPeriod, !premiumByPeriodAndInsurer.isEmpty { insurerPeriodClaims = Array(repeating: 0, count: trials * i * periodKeys.count) }
    }

    /// Raw per-trial storage that workers write at disjoint trial indices.
    struct TrialStorage: @unchecked Sendable {
        let linePeriod: UnsafeMutablePointer<Double>
        let insurer: UnsafeMutablePointer<Double>
        let total: UnsafeMutablePointer<Double>
        let lossRatio: UnsafeMutablePointer<Double>
        let refund: UnsafeMutablePointer<Double>
        let topUp: UnsafeMutablePointer<Double>
        let bureau: UnsafeMutablePointer<Double>
        let result: UnsafeMutablePointer<Double>
        let band: UnsafeMutablePointer<Band>
        /// `[trial][period][insurer]` claims, under the `per_period` basis only.
        let insurerPeriod: UnsafeMutablePointer<Double>?
        let periodPremium: [Double]
        let lines: Int, periods: Int, insurers: Int
        let premium: [Double]
        let totalPremium: Double
        let expenseRatios: [Double]
        let corridor: Corridor

        /// Stores trial `trial` from its insurer × line × period claims (fen) and settles it.
        func record(trial: Int, insurerLinePeriod row: [Double], offset: Int,
                    settlement: inout TrialSettlement, insurerClaims: inout [Double]) {
            let lp = lines * periods
            let linePeriodBase = linePeriod + trial * lp
            for j in 0..<lp { linePeriodBase[j] = 0 }
            var totalFen = 0.0
            for i in 0..<insurers {
                var fen = 0.0
                for j in 0..<lp {
                    let v = row[offset + i * lp + j]
                    fen += v
                    linePeriodBase[j] += v
                }
                insurerClaims[i] = fen / 100
                insurer[trial * insurers + i] = fen / 100
                totalFen += fen
            }
            for j in 0..<lp { linePeriodBase[j] /= 100 }
            if let insurerPeriod {
                // `per_period`: each period's insurer claims, settled on their own.
                let base = insurerPeriod + trial * insurers * periods
                for p in 0..<periods {
                    for i in 0..<insurers {
                        var fen = 0.0
                        for l in 0..<lines { fen += row[offset + i * lp + l * periods + p] }
                        base[p * insurers + i] = fen / 100
                    }
                }
                var scratch = TrialSettlement(insurers: insurers)
                periodPremium.withUnsafeBufferPointer { p in
                    corridor.settle(periodPremium: p, periodClaims: UnsafeBufferPointer(start: base, count: insurers * periods),
                                    insurers: insurers, scratch: &scratch, into: &settlement)
                }
            } else {
                premium.withUnsafeBufferPointer { p in
                    insurerClaims.withUnsafeBufferPointer { c in
                        corridor.settle(premium: p, claims: c, into: &settlement)
                    }
                }
            }
            var refundTotal = 0.0, topUpTotal = 0.0
            for i in 0..<insurers {
                refundTotal += settlement.refund[i]
                topUpTotal += settlement.sharedTopUp[i]
                result[trial * insurers + i] = settlement.result(of: i, premium: premium[i], claims: insurerClaims[i],
                                                                 expenseRatio: expenseRatios[i])
            }
            total[trial] = totalFen / 100
            lossRatio[trial] = totalFen / 100 / totalPremium
            refund[trial] = refundTotal
            topUp[trial] = topUpTotal
            bureau[trial] = totalPremium - refundTotal + topUpTotal
            band[trial] = settlement.band
        }
    }

    mutating func withTrialStorage(_ body: (TrialStorage) -> Void) {
        let premium = premiumByInsurer, totalPremium = self.totalPremium, expenseRatios = self.expenseRatios
        let periodPremium = premiumByPeriodAndInsurer
        let corridor = self.corridor, lineCount = lines.count, periodCount = periodKeys.count, insurerCount = insurerKeys.count
        linePeriodClaims.withUnsafeMutableBufferPointer { lp in
            insurerClaims.withUnsafeMutableBufferPointer { ins in
                totalClaims.withUnsafeMutableBufferPointer { tot in
                    lossRatio.withUnsafeMutableBufferPointer { lr in
                        refund.withUnsafeMutableBufferPointer { rf in
                            sharedTopUp.withUnsafeMutableBufferPointer { tu in
                                bureauCost.withUnsafeMutableBufferPointer { bc in
                                    insurerResult.withUnsafeMutableBufferPointer { ir in
                                        band.withUnsafeMutableBufferPointer { bd in
                                            insurerPeriodClaims.withUnsafeMutableBufferPointer { ip in
                                                body(TrialStorage(
                                                    linePeriod: lp.baseAddress!, insurer: ins.baseAddress!, total: tot.baseAddress!,
                                                    lossRatio: lr.baseAddress!, refund: rf.baseAddress!, topUp: tu.baseAddress!,
                                                    bureau: bc.baseAddress!, result: ir.baseAddress!, band: bd.baseAddress!,
                                                    insurerPeriod: ip.isEmpty ? nil : ip.baseAddress,
                                                    periodPremium: periodPremium,
                                                    lines: lineCount, periods: periodCount, insurers: insurerCount,
                                                    premium: premium, totalPremium: totalPremium,
                                                    expenseRatios: expenseRatios, corridor: corridor))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    let corridor: Corridor

    mutating func absorb(_ workers: [WorkerTotals]) {
        columnSums = Array(repeating: 0, count: columns.count)
        categorySums = Array(repeating: 0, count: workers.first?.categorySums.count ?? 0)
        categorySquares = Array(repeating: 0, count: categorySums.count)
        for w in workers {
            for j in columnSums.indices { columnSums[j] &+= w.columnSums[j] }
            for j in categorySums.indices {
                categorySums[j] &+= w.categorySums[j]
                categorySquares[j] &+= w.categorySquares[j]
            }
            claimantsSampled += w.counters.claimants
            cellEvents += w.counters.cellEvents
            samplingTime += w.samplingTime
            aggregationTime += w.aggregationTime
            settlementTime += w.settlementTime
        }
    }
}
