import Foundation
import JikunAnalysis
import JikunPolicy
import JikunReports
import JikunSimulation
import JikunTables

/// The workbooks behind `--report FILE.xlsx`: the numbers of each command's report as typed
/// cells (money in yuan, shares as fractions shown as percentages), built from the same
/// results as ``ReportBuilder``'s documents, never from their text. Labels put the
/// programme's Chinese term beside the English one.
public enum WorkbookBuilder {
    typealias Sheet = Workbook.Sheet
    typealias Cell = Workbook.Cell

    // Sheet names (Excel allows 31 characters).
    static let summarySheet = "摘要 Summary"
    static let insurersSheet = "承保公司 Insurers"
    static let linesSheet = "险种 Lines"
    static let settlementSheet = "结算 Settlement"
    static let premiumSheet = "保费 Premium"
    static let budgetSheet = "预算 Budget"
    static let bidCurveSheet = "报价曲线 Bid curve"
    static let comparisonSheet = "方案比较 Comparison"
    static let sweepSheet = "参数扫描 Sweep"
    static let tornadoSheet = "龙卷风图 Tornado"
    static let regressionSheet = "回归 Regression"
    static let correlationSheet = "相关性 Correlations"
    static let knownClaimsSheet = "已报告 Known at clearing date"

    static let summaryHeader = ["项目 Item", "值 Value", "标准误 ± MC se"]

    /// A summary row: a label, a value and, for an estimate, its Monte Carlo standard error.
    static func item(_ label: String, _ value: Cell, se: Cell = .empty) -> [Cell] { [.text(label), value, se] }

    /// A premium: a whole number of fen that its Double sum has drifted from by a few ulps
    /// (37,930,268.52000001), put back on the fen. Means of claims stay as they are.
    static func fen(_ yuan: Double) -> Cell { .yuan((yuan * 100).rounded() / 100) }

    // MARK: - Sheets of one simulation

    static func runItems(_ s: SimulationSummary) -> [[Cell]] {
        var rows: [[Cell]] = [
            item("方案 Scenario", .text(s.scenario)),
            item("版本 Edition", .text(s.edition)),
            item("模拟次数 Trials", .integer(s.trials)),
            // Text: a seed is an identifier, and Excel keeps only 15 digits of a number.
            item("随机种子 Seed", .text(String(s.seed))),
            item("参保人月 Member-months", .number(s.memberMonths, decimals: 0)),
            item("已赚保费 Earned premium (yuan)", fen(s.earnedPremium)),
            item("预期赔款 Expected claims (yuan)", .yuan(s.totalClaims.mean), se: .yuan(s.totalClaims.standardError)),
            item("赔付率 Loss ratio (mean)", .percent(s.lossRatio.mean), se: .percent(s.lossRatio.standardError)),
        ]
        for level in QuantileLevel.allCases {
            rows.append(item("赔付率 Loss ratio \(level.label)", .percent(s.lossRatio.quantiles[level])))
        }
        rows.append(item("民政净成本 Bureau net cost (yuan, mean)", .yuan(s.bureauNetCost.mean), se: .yuan(s.bureauNetCost.standardError)))
        return rows
    }

    static func insurers(_ s: SimulationSummary) -> Sheet {
        var sheet = Sheet(insurersSheet, header: [
            ColumnLabel.insurer.text, ColumnLabel.premium.in(.yuan), ColumnLabel.expenseRatio.text, ColumnLabel.expectedClaims.in(.yuan),
            ColumnLabel.standardError.text, ColumnLabel.lossRatio.text, ColumnLabel.expectedResult.in(.yuan), ColumnLabel.standardError.text,
            ColumnLabel.result(.p5).in(.yuan), ColumnLabel.result(.p50).in(.yuan), ColumnLabel.result(.p95).in(.yuan),
            ColumnLabel.probabilityOfLoss.text,
        ], notes: ["Result: each insurer's underwriting result after the corridor and its expenses, per simulated term."])
        for i in s.insurers {
            let q = i.result.quantiles
            sheet.append([.text(i.insurer), fen(i.premium), .percent(i.expenseRatio), .yuan(i.claims.mean), .yuan(i.claims.standardError),
                          .percent(i.claims.mean / i.premium), .yuan(i.result.mean), .yuan(i.result.standardError),
                          .yuan(q[.p5]), .yuan(q[.p50]), .yuan(q[.p95]),
                          .percent(i.probabilityOfLoss)])
        }
        return sheet
    }

    static func lines(_ s: SimulationSummary) -> Sheet {
        var sheet = Sheet(linesSheet, header: [
            ColumnLabel.benefitLine.text, ColumnLabel.lineZH.text, ColumnLabel.period.text, ColumnLabel.expectedClaims.in(.yuan),
            ColumnLabel.standardError.text, ColumnLabel.shareOfPremium.text,
        ], notes: ["Mean claims per simulated term; period \"term\" is the whole programme term."])
        for l in s.claimsByLineAndPeriod + s.claimsByLine {
            sheet.append([.text(l.line), .text(l.labelZH), .text(l.period), .yuan(l.mean), .yuan(l.standardError), .percent(l.mean / s.earnedPremium)])
        }
        sheet.append([.text("total"), .text("合计"), .text("term"), .yuan(s.totalClaims.mean), .yuan(s.totalClaims.standardError),
                      .percent(s.totalClaims.mean / s.earnedPremium)])
        return sheet
    }

    static func settlement(_ s: SimulationSummary, corridor c: Corridor) -> Sheet {
        var sheet = Sheet(settlementSheet, header: [
            "项目 Item", "概率或水平 Share of terms or level", "金额 Amount (yuan)", "标准误 ± se", "尾部均值 TVaR (yuan)",
        ], notes: [
            "Corridor bands by the combined loss ratio L: refund below \(c.refundBelow), neutral to \(c.sharedFrom), shared to \(c.sharedTo), excess above.",
            "VaR: the bureau's net cost (premium − refund + top-up) exceeded in (1 − level) of the simulated terms; TVaR: the mean beyond it.",
        ])
        for band in CorridorBand.allCases {
            sheet.append([.text("\(band.labelZH) \(band.rawValue) band"), .percent(s.bandProbabilities[band])])
        }
        if let mixed = s.bandProbabilities.mixed {
            sheet.append([.text("分期不同 mixed bands"), .percent(mixed)])
        }
        sheet.append([.text("返还民政 Refund to the bureau"), .percent(s.probabilityOfRefund), .yuan(s.refund.mean), .yuan(s.refund.standardError)])
        sheet.append([.text("共担补足 Shared top-up"), .percent(s.probabilityOfTopUp), .yuan(s.sharedTopUp.mean), .yuan(s.sharedTopUp.standardError)])
        sheet.append([.text("民政净成本 Bureau net cost (mean)"), .empty, .yuan(s.bureauNetCost.mean), .yuan(s.bureauNetCost.standardError)])
        for t in s.bureauNetCostTail {
            sheet.append([.text("净成本 VaR Bureau net cost at level"), .percent(t.level), .yuan(t.valueAtRisk), .empty, .yuan(t.tailValueAtRisk)])
        }
        return sheet
    }

    /// summary.json's `correlations`: each output's key, mean and standard deviation, then its
    /// row of the correlation matrix (full, so a formula can index it; empty where an output
    /// never varies).
    static func correlations(_ s: SimulationSummary) -> Sheet {
        let c = s.correlations
        var sheet = Sheet(correlationSheet, header: [
            "输出 Output", "类别 Kind", "键 Key", "均值 Mean (yuan)", "标准差 Standard deviation (yuan)",
        ] + c.outputs.map { ReportBuilder.correlationLabel($0) }, notes: [
            "Pearson's correlation between the simulated terms' values of two outputs; empty where an output never varies. Covariance = correlation × the two standard deviations.",
        ])
        for (i, o) in c.outputs.enumerated() {
            sheet.append([.text(ReportBuilder.correlationLabel(o)), .text(o.kind.rawValue), .text(o.key), .yuan(o.mean), .yuan(o.standardDeviation)]
                + c.matrix[i].map { $0.map { .number($0, decimals: 3) } ?? .empty })
        }
        return sheet
    }

    /// `simulate --as-of`: the claims known at the clearing date beside the ultimate ones, per
    /// line, per insurer and in total, and the corridor settled on the known claims.
    static func knownClaims(_ k: KnownClaimsSummary, ultimate s: SimulationSummary) -> Sheet {
        let share: (Double?) -> Cell = { $0.map { .percent($0) } ?? .empty }
        var sheet = Sheet(knownClaimsSheet, header: [
            "项目 Item", "线别 Line (中文)", "已报告 Known (yuan, mean)", ColumnLabel.standardError.text, "最终 Ultimate (yuan, mean)",
            "已报告占比 Known share",
        ], notes: [
            "Claims reported by the end of \(k.date), from the same trials as the ultimate run (docs/model.md, reporting delays); the corridor rows settle the known claims as a clearing on that date would.",
        ])
        for (known, ultimate) in zip(k.claimsByLine, s.claimsByLine) {
            sheet.append([.text(known.line), .text(known.labelZH), .yuan(known.mean), .yuan(known.standardError), .yuan(ultimate.mean),
                          share(known.knownShare)])
        }
        for (known, ultimate) in zip(k.insurers, s.insurers) {
            sheet.append([.text(known.insurer), .empty, .yuan(known.claims.mean), .yuan(known.claims.standardError),
                          .yuan(ultimate.claims.mean), share(known.knownShare)])
        }
        sheet.append([.text("total"), .text("合计"), .yuan(k.totalClaims.mean), .yuan(k.totalClaims.standardError),
                      .yuan(s.totalClaims.mean), share(k.knownShare)])
        sheet.append([.text("赔付率 Loss ratio (mean)"), .empty, .percent(k.lossRatio.mean), .percent(k.lossRatio.standardError),
                      .percent(s.lossRatio.mean), .empty])
        sheet.append([.text("返还民政 Refund to the bureau"), .empty, .yuan(k.refund.mean), .yuan(k.refund.standardError),
                      .yuan(s.refund.mean), .empty])
        sheet.append([.text("共担补足 Shared top-up"), .empty, .yuan(k.sharedTopUp.mean), .yuan(k.sharedTopUp.standardError),
                      .yuan(s.sharedTopUp.mean), .empty])
        sheet.append([.text("民政净成本 Bureau net cost"), .empty, .yuan(k.bureauNetCost.mean), .yuan(k.bureauNetCost.standardError),
                      .yuan(s.bureauNetCost.mean), .empty])
        return sheet
    }

    /// The insurers, lines and settlement sheets of one simulation.
    static func simulationSheets(_ s: SimulationSummary, scenario: Scenario) -> [Sheet] {
        [insurers(s), lines(s), settlement(s, corridor: scenario.edition.corridor)]
    }

    // MARK: - Commands

    public static func simulate(_ s: SimulationSummary, scenario: Scenario) -> Workbook {
        var summary = Sheet(summarySheet, header: summaryHeader, rows: runItems(s),
                            notes: ["Monte Carlo: \(TextBuilder.trialCount(s.trials)), seed \(s.seed). Money in yuan per programme term."])
        summary.rows.insert(item("标题 Title", .text(scenario.title)), at: 0)
        let known = s.asOf.map { [knownClaims($0, ultimate: s)] } ?? []
        return Workbook(title: "Simulation 模拟 — \(scenario.title)",
                        sheets: [summary] + simulationSheets(s, scenario: scenario) + known + [correlations(s)])
    }

    public static func budget(_ b: BudgetAnalysis, summary s: SimulationSummary, scenario: Scenario) -> Workbook {
        var summary = Sheet(summarySheet, header: summaryHeader, rows: runItems(s),
                            notes: ["Monte Carlo: \(TextBuilder.trialCount(b.trials)). A budget level is the empirical quantile of the net cost; its interval comes from the order statistics around n·level."])
        summary.rows.insert(item("标题 Title", .text(scenario.title)), at: 0)
        summary.rows.insert(item("参保增长 Enrolment growth", .percent(b.growth)), at: 4)
        summary.append(item("保费支出 Premium outlay (yuan)", fen(b.totalPremium)))
        summary.append(item("返还民政 Refund to the bureau (yuan, mean)", .yuan(b.refund.mean), se: .yuan(b.refund.standardError)))
        summary.append(item("共担补足 Shared top-up (yuan, mean)", .yuan(b.sharedTopUp.mean), se: .yuan(b.sharedTopUp.standardError)))
        for level in b.levels {
            summary.append(item("预算 Budget at \(levelText(level.confidence, minimumDecimals: 0)) confidence (yuan)", .yuan(level.budget)))
        }

        var levels = Sheet(budgetSheet, header: [
            ColumnLabel.confidence.text, ColumnLabel.budget.in(.yuan), ColumnLabel.monteCarloLower.in(.yuan), ColumnLabel.monteCarloUpper.in(.yuan),
            ColumnLabel.tailValueAtRisk.in(.yuan),
        ], notes: b.levels.map { b.sentence($0) })
        for l in b.levels {
            levels.append([.percent(l.confidence), .yuan(l.budget), .yuan(l.lower), .yuan(l.upper), .yuan(l.tailValueAtRisk)])
        }

        var premium = Sheet(premiumSheet, header: [ColumnLabel.insurer.text] + b.periodKeys.map { "\($0) (yuan)" } + [ColumnLabel.total.in(.yuan)],
                            notes: ["Premium outlay by period and insurer: member-months × \(scenario.edition.premiumPerPersonMonth) yuan a person-month."])
        for (i, key) in b.insurerKeys.enumerated() {
            let row = b.premiumByPeriodAndInsurer.map { $0[i] }
            premium.append([.text(key)] + row.map(fen) + [fen(row.reduce(0, +))])
        }
        premium.append([.text("合计 total")] + b.premiumByPeriodAndInsurer.map { fen($0.reduce(0, +)) } + [fen(b.totalPremium)])

        return Workbook(title: "Budget 预算 — \(scenario.title)",
                        sheets: [summary, levels, premium] + simulationSheets(s, scenario: scenario))
    }

    public static func price(_ pricing: BidPricing, curve: [BidPricing.Point], target: BidPricing.Target?, outcome: BidPricing.Outcome?,
                      range: ClosedRange<Double>, summary s: SimulationSummary, scenario: Scenario) -> Workbook {
        var summary = Sheet(summarySheet, header: summaryHeader, rows: [
            item("方案 Scenario", .text(scenario.name)),
            item("报价对象 Priced", .text(TextBuilder.pricedParty(pricing))),
            item("模拟次数 Trials", .integer(pricing.trials)),
            item("现行费率 Edition's premium (yuan a person-month)", .number(pricing.currentRate, decimals: 2)),
            item("其他公司 Other insurers", .text(pricing.insurers.count > 1 ? "all bid the same" : pricing.others.rawValue)),
        ], notes: ["Results are after the corridor and each insurer's expenses; every premium re-settles the same simulated terms (common random numbers)."])
        if let target, let outcome {
            summary.append(item("目标 Target", .text(target.description)))
            switch outcome {
            case .met(let p):
                summary.append(item("报价 Bid (yuan a person-month)", .number(p.rate, decimals: 2)))
                summary.append(item("报价 Bid (yuan a person-year)", .number(p.rate * 12, decimals: 2)))
                summary.append(item("承保结果 Expected result (yuan)", .yuan(p.expectedResult), se: .yuan(p.resultStandardError)))
                summary.append(item("利润率 Margin", .percent(p.margin)))
                summary.append(item("亏损概率 P(loss)", .percent(p.probabilityOfLoss)))
                summary.append(item("尾部亏损 TVaR loss / premium", .percent(p.tailLoss99)))
                summary.append(item("民政净成本 Bureau net cost (yuan)", .yuan(p.bureauCost)))
            case .unmet(let shortfall):
                summary.append(item("报价 Bid", .text(TextBuilder.unmetSentence(target, shortfall, range: range))))
            }
        }
        var bid = Sheet(bidCurveSheet, header: [
            ColumnLabel.premiumRate.in(.yuanPerPersonMonth), ColumnLabel.premium.in(.yuan), ColumnLabel.expectedResult.in(.yuan),
            ColumnLabel.standardError.text, ColumnLabel.margin.text, ColumnLabel.probabilityOfLoss.text,
            ColumnLabel.tailLoss(level: levelText(pricing.tailLevel, minimumDecimals: 0)).text, ColumnLabel.bureauNetCost.in(.yuan), ColumnLabel.lossRatio.text,
        ], notes: ["The other sheets describe the simulated terms at the edition's premium."])
        for p in curve {
            bid.append([.number(p.rate, decimals: 2), fen(p.premium), .yuan(p.expectedResult), .yuan(p.resultStandardError), .percent(p.margin),
                        .percent(p.probabilityOfLoss), .percent(p.tailLoss99), .yuan(p.bureauCost), .percent(p.lossRatio)])
        }
        return Workbook(title: "Bid pricing 投标报价 — \(TextBuilder.pricedParty(pricing))",
                        sheets: [summary, bid] + simulationSheets(s, scenario: scenario))
    }

    public static func compare(_ c: Comparison) -> Workbook {
        let estimable = c.trials >= 2
        let summary = Sheet(summarySheet, header: summaryHeader, rows: [
            item("基准 Base", .text(c.base)),
            item("方案 Variants", .text(c.variants.map(\.name).joined(separator: ", "))),
            item("模拟次数 Trials", .integer(c.trials)),
            item("随机种子 Seed", .text(String(c.seed))),
        ], notes: ["Every scenario ran on the same random numbers, so differences are paired trial by trial."])
        var sheet = Sheet(comparisonSheet, header: [
            ColumnLabel.variant.text, ColumnLabel.output.text, ColumnLabel.base.text, ColumnLabel.variantValue.text,
            ColumnLabel.difference.text, ColumnLabel.pairedStandardError.text, ColumnLabel.lower.text, ColumnLabel.upper.text,
            ColumnLabel.independentStandardError.text, ColumnLabel.varianceReduction.in(.times),
        ], notes: ["Money in yuan; ratios as percentages. Variance reduction: (independent se ÷ paired se)²; \"exact\" when the paired se is 0."]
            + (estimable ? [] : [TextBuilder.oneTrialColumnsNote]))
        for v in c.variants {
            for d in v.differences {
                let value: (Double) -> Cell = d.isRatio ? { .percent($0) } : { .yuan($0) }
                let spread: [Cell] = estimable
                    ? [value(d.difference.standardError), value(d.difference.lower), value(d.difference.upper), value(d.independentStandardError),
                       d.varianceReduction.isFinite ? .number(d.varianceReduction, decimals: 1) : .text("exact")]
                    : Array(repeating: .text("n/a"), count: 5)
                sheet.append([.text(v.name), .text(d.label), value(d.base.mean), value(d.variant.mean), value(d.difference.mean)] + spread)
            }
        }
        return Workbook(title: "What-if comparison 方案比较", sheets: [summary, sheet])
    }

    public static func sweep(_ s: JikunAnalysis.Sweep, scenario: Scenario) -> Workbook {
        let summary = Sheet(summarySheet, header: summaryHeader, rows: [
            item("方案 Scenario", .text(scenario.name)),
            item("扫描参数 Keys", .text(s.axes.map(\.key).joined(separator: " × "))),
            item("网格点 Grid points", .integer(s.rows.count)),
            item("每点模拟次数 Trials per point", .integer(s.trials)),
            item("随机种子 Seed", .text(String(s.seed))),
        ], notes: ["Every grid point ran on the same random numbers."])
        var sheet = Sheet(sweepSheet, header: s.axes.map(\.key) + [ColumnLabel.lossRatio.text, ColumnLabel.standardError.text]
            + CorridorBand.allCases.map { ColumnLabel.bandProbability($0).text } + [
            ColumnLabel.bureauNetCost.in(.yuan), ColumnLabel.standardError.text, ColumnLabel.bureauNetCostP95.in(.yuan),
            ColumnLabel.insurersResult.in(.yuan), ColumnLabel.standardError.text, ColumnLabel.probabilityInsurersLose.text,
        ])
        for row in s.rows {
            let values: [Cell] = zip(row.values, row.numericValues).map { text, number in number.map { .number($0, decimals: decimals(text)) } ?? .text(text) }
            let lr = row.outputs["loss_ratio"], cost = row.outputs["bureau_net_cost"], result = row.outputs["insurers_result"]
            var cells = values
            cells += [lr.map { .percent($0.mean) } ?? .empty, lr.map { .percent($0.standardError) } ?? .empty]
            cells += CorridorBand.allCases.map { .percent(row.bandProbabilities[$0]) }
            cells += [cost.map { .yuan($0.mean) } ?? .empty, cost.map { .yuan($0.standardError) } ?? .empty, .yuan(row.bureauCostP95),
                      result.map { .yuan($0.mean) } ?? .empty, result.map { .yuan($0.standardError) } ?? .empty,
                      .percent(row.insurersProbabilityOfLoss)]
            sheet.append(cells)
        }
        return Workbook(title: "Sweep 参数扫描 — \(s.axes.map(\.key).joined(separator: " × "))", sheets: [summary, sheet])
    }

    /// The decimals a grid value was written with (so 0.70 shows as 0.70).
    static func decimals(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }

    public static func sensitivity(_ s: JikunAnalysis.Sensitivity, scenario: Scenario) -> Workbook {
        let summary = Sheet(summarySheet, header: summaryHeader, rows: [
            item("方案 Scenario", .text(scenario.name)),
            item("参数变动 Change of each parameter (±)", .percent(s.delta)),
            item("每次模拟次数 Tornado trials per run", .integer(s.trials)),
            item("全局设计点 Global design points", .integer(s.samples)),
            item("每点模拟次数 Trials per design point", .integer(s.trialsPerSample)),
            item("参数 Parameters", .text(s.parameters.map(\.key).joined(separator: ", "))),
        ])
        var tornado = Sheet(tornadoSheet, header: [
            ColumnLabel.output.text, ColumnLabel.parameter.text, ColumnLabel.base.text, ColumnLabel.atLow.text, ColumnLabel.atHigh.text,
            ColumnLabel.swing.text,
        ], notes: ["Loss ratios as percentages, money in yuan; bars sorted by swing within each output."])
        for t in s.tornadoes {
            let value: (Double) -> Cell = t.output == "loss_ratio" ? { .percent($0) } : { .yuan($0) }
            for b in t.bars {
                tornado.append([.text(t.output), .text(b.parameter), value(t.base), value(b.low), value(b.high), value(b.swing)])
            }
        }
        var regression = Sheet(regressionSheet, header: [ColumnLabel.output.text, ColumnLabel.parameter.text, ColumnLabel.standardisedCoefficient.text, ColumnLabel.rSquared.text],
                               notes: ["Least-squares fit of each output on all parameters at once over the global design."])
        for r in s.regressions {
            for c in r.coefficients {
                regression.append([.text(r.output), .text(c.parameter), .number(c.standardised, decimals: 3), .number(r.rSquared, decimals: 3)])
            }
        }
        return Workbook(title: "Sensitivity 敏感性分析 — \(scenario.name)", sheets: [summary, tornado, regression])
    }

}

/// Writes `--report FILE`: an .xlsx workbook, else the document as HTML or Markdown.
public func writeReport(to path: String, document: () -> ReportDocument, workbook: () -> Workbook,
                 provenance: [(label: String, record: Provenance)]) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    if path.lowercased().hasSuffix(".xlsx") {
        // libxlsxwriter writes and renames on its own: the checks every other output gets first.
        try OutputFile.checkWritable(path)
        var book = workbook()
        book.sheets.append(Workbook.Sheet("来源 Provenance", header: ["来源 Provenance"],
                                          rows: Provenance.lines(provenance).map { [.text($0)] }))
        try book.write(to: path)
    } else {
        try document().write(to: path, provenance: provenance)
    }
}
