import Foundation
import JikunBuildInfo
import JikunAnalysis
import JikunPolicy
import JikunReports
import JikunSimulation
import JikunTables

/// The report documents behind `--report FILE.html|FILE.md`: what each command found, with
/// its Monte Carlo error, as key figures, tables and charts (every chart with axes, units and
/// a caption; the programme's terms in Chinese beside the English).
public enum ReportBuilder {
    static func m(_ x: Double) -> String { String(format: "%.2f", x / 1e6) }
    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    // MARK: - Charts shared by several reports

    /// The loss-ratio histogram with the corridor bands shaded.
    static func lossRatioChart(_ values: [Double], corridor c: Corridor) -> Chart {
        let bands = [
            Chart.Band("refund 返还", lower: nil, upper: c.refundBelow.value, role: .refund),
            Chart.Band("neutral 不调整", lower: c.refundBelow.value, upper: c.sharedFrom.value, role: .neutral),
            Chart.Band("shared 共担", lower: c.sharedFrom.value, upper: c.sharedTo.value, role: .shared),
            Chart.Band("excess 超赔自担", lower: c.sharedTo.value, upper: nil, role: .excess),
        ]
        return Chart(title: "Combined loss ratio 赔付率",
                     caption: "Distribution of the combined loss ratio (claims ÷ earned premium) over \(values.count) simulated terms; the corridor bands of the edition are shaded.",
                     xAxis: Chart.Axis("Loss ratio (claims ÷ premium)", format: .percent),
                     yAxis: Chart.Axis("Simulated terms"),
                     kind: .histogram(values: values, bins: 40, bands: bands))
    }

    /// P(cost > x): an exceedance curve of a money amount, in million yuan.
    static func exceedanceChart(_ values: [Double], title: String, caption: String, marks: [Chart.Mark] = []) -> Chart {
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let step = max(1, sorted.count / 300)
        var xs: [Double] = [], ys: [Double] = []
        for i in stride(from: 0, to: sorted.count, by: step) {
            xs.append(sorted[i] / 1e6)
            ys.append(1 - Double(i) / n)
        }
        return Chart(title: title, caption: caption,
                     xAxis: Chart.Axis("Net cost (million yuan)"),
                     yAxis: Chart.Axis("Probability of a higher cost", range: 0...1, format: .percent),
                     kind: .lines([Chart.Series("P(cost > x)", x: xs, y: ys, marks: marks)]))
    }

    static func linesChart(_ s: SimulationSummary) -> Chart {
        Chart(title: "Expected claims by benefit line 各险种赔款",
              caption: "Mean claims per term by benefit line; error bars ± 1.96 Monte Carlo standard errors.",
              xAxis: Chart.Axis("Benefit line"), yAxis: Chart.Axis("Million yuan"),
              kind: .bars(s.claimsByLine.map {
                  Chart.BarGroup($0.labelZH, values: [$0.mean / 1e6], errors: [1.96 * $0.standardError / 1e6], series: ["claims 赔款"])
              }))
    }

    static func insurerCharts(_ s: SimulationSummary) -> [Chart] {
        [
            Chart(title: "Premium and expected claims by insurer 各承保公司",
                  caption: "Earned premium and mean claims per term of each insurer's units; error bars ± 1.96 standard errors of the mean claims.",
                  xAxis: Chart.Axis("Insurer"), yAxis: Chart.Axis("Million yuan"),
                  kind: .bars(s.insurers.map {
                      Chart.BarGroup($0.insurer, values: [$0.premium / 1e6, $0.claims.mean / 1e6],
                                     errors: [0, 1.96 * $0.claims.standardError / 1e6], series: ["premium 保费", "claims 赔款"])
                  })),
            Chart(title: "Each insurer's result 承保结果",
                  caption: "Each insurer's underwriting result after the corridor and its expenses: boxes p25–p75 with the median, whiskers p5–p95, dot the mean.",
                  xAxis: Chart.Axis("Insurer"), yAxis: Chart.Axis("Million yuan"),
                  kind: .boxes(s.insurers.map { i in
                      let q = i.result.quantiles
                      return Chart.BoxSummary(i.insurer, p5: q[.p5] / 1e6, p25: q[.p25] / 1e6, p50: q[.p50] / 1e6,
                                              p75: q[.p75] / 1e6, p95: q[.p95] / 1e6, mean: i.result.mean / 1e6)
                  }),
                  referenceLines: [.horizontal(at: 0, label: "break-even")]),
        ]
    }

    static func summaryBlocks(_ s: SimulationSummary, result r: SimulationResult, scenario: Scenario) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        blocks.append(.chart(lossRatioChart(r.lossRatio, corridor: scenario.edition.corridor)))
        var bandRows: [[String]] = []
        for band in CorridorBand.allCases {
            bandRows.append(["\(band.rawValue) \(band.labelZH)", pct(s.bandProbabilities[band])])
        }
        blocks.append(.table(ReportTable(header: [ColumnLabel.corridorBand.text, ColumnLabel.shareOfTerms.text], rows: bandRows, numericColumns: [1],
                                         caption: "How often each band of the corridor applies.")))
        blocks.append(.chart(linesChart(s)))
        var lineRows: [[String]] = []
        for l in s.claimsByLine {
            lineRows.append(["\(l.line) \(l.labelZH)", m(l.mean), m(l.standardError), pct(l.mean / s.earnedPremium)])
        }
        blocks.append(.table(ReportTable(header: [ColumnLabel.benefitLine.text, ColumnLabel.expectedClaims.in(.millionYuan), ColumnLabel.standardError.text, ColumnLabel.shareOfPremium.text],
                                         rows: lineRows, numericColumns: [1, 2, 3], caption: "Expected claims per term by line.")))
        blocks += insurerCharts(s).map { .chart($0) }
        return blocks
    }

    // MARK: - Commands

    public static func budget(_ b: BudgetAnalysis, result r: SimulationResult, scenario: Scenario, population: Population) -> ReportDocument {
        let summary = SimulationSummary(result: r, scenario: scenario, population: population)
        var doc = ReportDocument(title: "Budget 预算 — \(scenario.title)",
                                 subtitle: "Scenario \(b.scenario), \(b.trials) simulated terms\(b.growth != 0 ? String(format: ", enrolment growth %+.1f%%", b.growth * 100) : "")")
        if b.trials < 2 { doc.append(.note(TextBuilder.oneTrialNote)) }
        doc.append(.keyFigures([
            KeyFigure(label: "Premium outlay 保费", value: "\(m(b.totalPremium)) M", note: "member-months × \(scenario.edition.premiumPerPersonMonth) yuan"),
            KeyFigure(label: "Expected net cost 净成本", value: "\(m(b.netCost.mean)) M", note: "± \(m(b.netCost.standardError)) M (MC se)"),
        ] + b.levels.map {
            KeyFigure(label: "Budget at \(levelText($0.confidence))", value: "\(m($0.budget)) M", note: "95% MC interval \(m($0.lower))–\(m($0.upper)) M")
        }))
        for level in b.levels { doc.append(.paragraph(b.sentence(level))) }
        doc.append(.heading("Premium outlay by period and insurer", level: 2))
        var rows: [[String]] = []
        for (i, key) in b.insurerKeys.enumerated() {
            let row = b.premiumByPeriodAndInsurer.map { $0[i] }
            rows.append([key] + row.map(m) + [m(row.reduce(0, +))])
        }
        rows.append(["total"] + b.premiumByPeriodAndInsurer.map { m($0.reduce(0, +)) } + [m(b.totalPremium)])
        doc.append(.table(ReportTable(header: [ColumnLabel.insurer.text] + b.periodKeys + [ColumnLabel.total.text], rows: rows,
                                      numericColumns: Set(1...(b.periodKeys.count + 1)), caption: "Premium in million yuan.")))
        doc.append(.heading("What the corridor gives back or asks for 资金管理", level: 2))
        doc.append(.table(ReportTable(
            header: ["", "Mean (M)", "In how many terms", "p50 (M)", "p95 (M)", "p99 (M)"],
            rows: [
                ["Refund to the bureau 返还", m(b.refund.mean), pct(b.probabilityOfRefund), m(b.refund[.p50].value),
                 m(b.refund[.p95].value), m(b.refund[.p99].value)],
                ["Shared top-up 共担", m(b.sharedTopUp.mean), pct(b.probabilityOfTopUp), m(b.sharedTopUp[.p50].value),
                 m(b.sharedTopUp[.p95].value), m(b.sharedTopUp[.p99].value)],
            ], numericColumns: [1, 2, 3, 4, 5], caption: "Corridor transfers per term.")))
        doc.append(.chart(exceedanceChart(r.bureauCost, title: "The bureau's net cost: exceedance 净成本超越概率",
                                          caption: "Probability that the bureau's net cost (premium − refund + top-up) exceeds each amount; marked: the budgets at the chosen confidence levels.",
                                          marks: b.levels.map { Chart.Mark(x: $0.budget / 1e6, y: 1 - $0.confidence, label: "\(levelText($0.confidence))") })))
        doc.append(.heading("The simulated terms", level: 2))
        for block in summaryBlocks(summary, result: r, scenario: scenario) { doc.append(block) }
        doc.append(.note("Monte Carlo: \(TextBuilder.trialCount(b.trials)). A budget level is the empirical quantile of the net cost; its interval comes from the order statistics around n·level (±1.96 binomial standard deviations)."))
        return doc
    }

    public static func price(_ pricing: BidPricing, curve: [BidPricing.Point], target: BidPricing.Target?,
                      outcome: BidPricing.Outcome?, range: ClosedRange<Double>, scenario: Scenario) -> ReportDocument {
        let who = TextBuilder.pricedParty(pricing)
        var doc = ReportDocument(title: "Bid pricing 投标报价 — \(who)",
                                 subtitle: "Scenario \(scenario.name), \(pricing.trials) simulated terms re-settled at each premium")
        if pricing.trials < 2 { doc.append(.note(TextBuilder.oneTrialNote)) }
        if let target, let outcome {
            switch outcome {
            case .met(let s):
                doc.append(.keyFigures([
                    KeyFigure(label: "Bid 报价", value: String(format: "%.2f yuan", s.rate), note: String(format: "a person-month (%.2f a year)", s.rate * 12)),
                    KeyFigure(label: "Expected result", value: "\(m(s.expectedResult)) M", note: "margin \(pct(s.margin))"),
                    KeyFigure(label: "P(loss)", value: pct(s.probabilityOfLoss), note: nil),
                ]))
                doc.append(.paragraph("Target: \(target.description). The lowest premium (to the fen) that meets it is \(String(format: "%.2f", s.rate)) yuan a person-month."))
            case .unmet(let shortfall):
                doc.append(.paragraph(TextBuilder.unmetSentence(target, shortfall, range: range)))
            }
        }
        doc.append(.paragraph(pricing.insurers.count > 1 ? "All insurers bid the same premium." :
            pricing.others == .current ? String(format: "The other insurers are assumed to keep the edition's %.2f yuan a person-month; the pooled corridor couples their results with this bid.", pricing.currentRate)
                : "The other insurers are assumed to bid the same premium; the pooled corridor couples the results."))
        let rates = curve.map(\.rate)
        doc.append(.chart(Chart(title: "Bid curve 报价曲线: expected result",
                                caption: "Expected underwriting result (after the corridor and expenses) at each premium, with ± 1.96 standard errors; common random numbers across premiums.",
                                xAxis: Chart.Axis("Premium (yuan a person-month)"), yAxis: Chart.Axis("Million yuan"),
                                kind: .lines([Chart.Series("expected result", x: rates, y: curve.map { $0.expectedResult / 1e6 },
                                                           lower: curve.map { ($0.expectedResult - 1.96 * $0.resultStandardError) / 1e6 },
                                                           upper: curve.map { ($0.expectedResult + 1.96 * $0.resultStandardError) / 1e6 },
                                                           bandLabel: "95% MC interval", showsPoints: true,
                                                           marks: outcome?.bid.map { [Chart.Mark(x: $0.rate, y: $0.expectedResult / 1e6, label: String(format: "bid %.2f", $0.rate))] } ?? [])]),
                                referenceLines: [.horizontal(at: 0, label: "break-even")])))
        doc.append(.chart(Chart(title: "Bid curve: probability of a loss and the bureau's cost",
                                caption: "Probability that the result is negative (left) at each premium; the bureau's expected net cost is in the table below.",
                                xAxis: Chart.Axis("Premium (yuan a person-month)"), yAxis: Chart.Axis("Probability of a loss", range: 0...1, format: .percent),
                                kind: .lines([Chart.Series("P(loss)", x: rates, y: curve.map(\.probabilityOfLoss), showsPoints: true)]))))
        doc.append(.table(ReportTable(
            header: [ColumnLabel.premiumRate.in(.yuanPerPersonMonth), ColumnLabel.premium.in(.millionYuan), ColumnLabel.expectedResult.in(.millionYuan),
                     ColumnLabel.standardError.text, ColumnLabel.margin.text, ColumnLabel.probabilityOfLoss.text,
                     ColumnLabel.bureauNetCost.in(.millionYuan), ColumnLabel.lossRatio.text],
            rows: curve.map { [String(format: "%.2f", $0.rate), m($0.premium), m($0.expectedResult), m($0.resultStandardError),
                               pct($0.margin), pct($0.probabilityOfLoss), m($0.bureauCost), String(format: "%.3f", $0.lossRatio)] },
            numericColumns: Set(0..<8), caption: "The bid curve.")))
        return doc
    }

    public static func compare(_ c: Comparison) -> ReportDocument {
        var doc = ReportDocument(title: "What-if comparison 方案比较", subtitle: "Base \(c.base); \(TextBuilder.trialCount(c.trials)) on common random numbers (seed \(c.seed))")
        let estimable = c.trials >= 2
        if !estimable { doc.append(.note(TextBuilder.oneTrialColumnsNote)) }
        for v in c.variants {
            doc.append(.heading("\(v.name) − \(c.base)", level: 2))
            let money = v.differences.filter { !$0.isRatio }
            // One trial has no interval to draw.
            if estimable { doc.append(.chart(Chart(title: "Differences: \(v.name) − \(c.base)",
                                    caption: "Paired differences of the means (variant − base) with 95% confidence intervals, in million yuan.",
                                    xAxis: Chart.Axis("Million yuan"), yAxis: Chart.Axis("Output"),
                                    kind: .intervals(money.map { Chart.Interval($0.label, estimate: $0.difference.mean / 1e6,
                                                                                  lower: $0.difference.lower / 1e6, upper: $0.difference.upper / 1e6) }),
                                    referenceLines: [.vertical(at: 0, label: "no change")]))) }
            doc.append(.table(ReportTable(
                header: [ColumnLabel.output.text, ColumnLabel.base.text, ColumnLabel.variantValue.text, ColumnLabel.difference.text,
                         ColumnLabel.pairedStandardError.text, ColumnLabel.confidenceInterval.text, ColumnLabel.independentStandardError.text,
                         ColumnLabel.varianceReduction.in(.times)],
                rows: v.differences.map { d in
                    let f: (Double) -> String = d.isRatio ? { String(format: "%.4f", $0) } : { m($0) }
                    return [d.label, f(d.base.mean), f(d.variant.mean), f(d.difference.mean)] + (estimable
                        ? [f(d.difference.standardError), "\(f(d.difference.lower)) … \(f(d.difference.upper))", f(d.independentStandardError),
                           d.varianceReduction.isFinite ? String(format: "×%.0f", d.varianceReduction) : "exact"]
                        : ["n/a", "n/a", "n/a", "n/a"])
                }, numericColumns: Set(1..<8), caption: "Money in million yuan; ratios as fractions.")))
        }
        return doc
    }

    public static func sweep(_ s: JikunAnalysis.Sweep, scenario: Scenario) -> ReportDocument {
        var doc = ReportDocument(title: "Sweep 参数扫描 — \(s.axes.map(\.key).joined(separator: " × "))",
                                 subtitle: "Scenario \(scenario.name); \(TextBuilder.trialCount(s.trials)) per point on common random numbers")
        if s.trials < 2 { doc.append(.note(TextBuilder.oneTrialNote)) }
        if let first = s.axes.first, s.rows.allSatisfy({ $0.numericValues.first! != nil }) {
            // One line per value of the other keys (or a single line).
            var series: [Chart.Series] = []
            var groups: [String: [(Double, Double, Double)]] = [:]
            var order: [String] = []
            for row in s.rows {
                let rest = row.values.dropFirst().joined(separator: ", ")
                if groups[rest] == nil { order.append(rest) }
                let lr = row.outputs["loss_ratio"]!
                groups[rest, default: []].append((row.numericValues[0]!, lr.mean, lr.standardError))
            }
            for name in order {
                let points = groups[name]!
                series.append(Chart.Series(name.isEmpty ? "loss ratio" : name, x: points.map(\.0), y: points.map(\.1),
                                           lower: points.map { $0.1 - 1.96 * $0.2 }, upper: points.map { $0.1 + 1.96 * $0.2 }, showsPoints: true))
            }
            doc.append(.chart(Chart(title: "Mean loss ratio by \(first.key)",
                                    caption: "Mean combined loss ratio at each point of the grid, ± 1.96 standard errors" + (s.axes.count > 1 ? "; one line per value of \(s.axes.dropFirst().map(\.key).joined(separator: ", "))." : "."),
                                    xAxis: Chart.Axis(first.key), yAxis: Chart.Axis("Loss ratio", format: .percent), kind: .lines(series))))
        }
        doc.append(.table(ReportTable(
            header: s.axes.map(\.key) + [ColumnLabel.lossRatio.text, ColumnLabel.standardError.text]
                + [CorridorBand.refund, .shared, .excess].map { ColumnLabel.bandProbability($0).text }
                + [ColumnLabel.bureauNetCost.in(.millionYuan), ColumnLabel.bureauNetCostP95.in(.millionYuan), ColumnLabel.insurersResult.in(.millionYuan)],
            rows: s.rows.map { row in
                row.values + [String(format: "%.4f", row.outputs["loss_ratio"]!.mean), String(format: "%.4f", row.outputs["loss_ratio"]!.standardError),
                              pct(row.bandProbabilities[.refund]), pct(row.bandProbabilities[.shared]), pct(row.bandProbabilities[.excess]),
                              m(row.outputs["bureau_net_cost"]!.mean), m(row.bureauCostP95), m(row.outputs["insurers_result"]!.mean)]
            }, numericColumns: Set(0..<(s.axes.count + 8)), caption: "One row per grid point.")))
        return doc
    }

    public static func sensitivity(_ s: JikunAnalysis.Sensitivity, scenario: Scenario) -> ReportDocument {
        var doc = ReportDocument(title: "Sensitivity 敏感性分析 — \(scenario.name)",
                                 subtitle: String(format: "Each parameter ±%.0f%%; tornado on %d trials per run; global design %d × %d trials", s.delta * 100, s.trials, s.samples, s.trialsPerSample))
        for t in s.tornadoes {
            let ratio = t.output == "loss_ratio"
            let scale = ratio ? 1.0 : 1e6
            doc.append(.chart(Chart(title: "Tornado: \(t.output)",
                                    caption: String(format: "Mean %@ with each parameter at −%.0f%% and +%.0f%% (common random numbers), sorted by swing; the line is the base.", t.output, s.delta * 100, s.delta * 100),
                                    xAxis: Chart.Axis(ratio ? "Loss ratio" : "Million yuan", format: ratio ? .percent : .plain), yAxis: Chart.Axis("Parameter"),
                                    kind: .tornado(t.bars.map { Chart.TornadoBar($0.parameter, low: $0.low / scale, high: $0.high / scale, base: t.base / scale,
                                                                                 lowNote: "−\(Int(s.delta * 100))%", highNote: "+\(Int(s.delta * 100))%") }))))
        }
        for r in s.regressions {
            doc.append(.table(ReportTable(header: [ColumnLabel.parameter.text, ColumnLabel.standardisedCoefficient.text],
                                          rows: r.coefficients.map { [$0.parameter, String(format: "%+.3f", $0.standardised)] },
                                          numericColumns: [1],
                                          caption: String(format: "Global view for %@: coefficients of a least-squares fit of the output on all parameters at once (R² = %.2f).", r.output, r.rSquared))))
        }
        return doc
    }

    public static func simulate(_ s: SimulationSummary, result r: SimulationResult, scenario: Scenario) -> ReportDocument {
        var doc = ReportDocument(title: "Simulation 模拟 — \(scenario.title)", subtitle: "Scenario \(s.scenario), \(TextBuilder.trialCount(s.trials)), seed \(s.seed)")
        if s.trials < 2 { doc.append(.note(TextBuilder.oneTrialNote)) }
        doc.append(.keyFigures([
            KeyFigure(label: "Earned premium 保费", value: "\(m(s.earnedPremium)) M", note: nil),
            KeyFigure(label: "Expected claims 赔款", value: "\(m(s.totalClaims.mean)) M", note: "± \(m(s.totalClaims.standardError)) M"),
            KeyFigure(label: "Loss ratio 赔付率", value: pct(s.lossRatio.mean), note: "p5–p95 \(pct(s.lossRatio.quantiles[.p5]))–\(pct(s.lossRatio.quantiles[.p95]))"),
            KeyFigure(label: "Bureau net cost", value: "\(m(s.bureauNetCost.mean)) M", note: "p95 \(m(s.bureauNetCost.quantiles[.p95])) M"),
        ]))
        for block in summaryBlocks(s, result: r, scenario: scenario) + knownClaimsBlocks(s) { doc.append(block) }
        doc.append(.chart(exceedanceChart(r.bureauCost, title: "The bureau's net cost: exceedance 净成本超越概率",
                                          caption: "Probability that the bureau's net cost (premium − refund + top-up) exceeds each amount.")))
        for block in correlationBlocks(s) { doc.append(block) }
        return doc
    }
}

extension ReportDocument {
    /// Writes the document as HTML or Markdown, chosen by the file's extension.
    public func write(to path: String) throws {
        guard let format = ReportFormat(path: path) else { throw ReportError.unsupportedExtension(path: path) }
        try OutputFile.write(render(self, as: format), to: path)
    }

    /// Writes the document as `write(to:)` does, ending with where it came from: the build,
    /// and each scenario's hash, seed and trials. (The resolved text of a scenario is
    /// `scenario.resolved.toml` from `jikun simulate --out`; its hash identifies it.)
    public func write(to path: String, provenance: [(label: String, record: Provenance)]) throws {
        var doc = self
        doc.append(.heading("Provenance 来源", level: 2))
        for line in Provenance.lines(provenance) { doc.append(.note(line)) }
        try doc.write(to: path)
    }
}

extension Provenance {
    /// The provenance of a run of trials 0 ..< `result.trials` of `scenario`.
    public static func of(_ result: SimulationResult, _ scenario: Scenario) -> Provenance {
        Provenance(scenarioText: scenario.resolved.tomlText, seed: result.seed, firstTrial: result.firstTrial, trialCount: result.trials)
    }

    /// The sentences a report or workbook ends with: the build, then each run's scenario hash,
    /// seed and trials.
    public static func lines(_ records: [(label: String, record: Provenance)]) -> [String] {
        ["Written by jikun \(BuildInfo.version) (commit \(BuildInfo.commit))."]
            + records.map { label, p in
                "\(label): scenario \(p.scenarioHash); seed \(p.seed); trials \(p.firstTrial)–\(p.firstTrial + p.trialCount - 1)."
            }
    }
}

/// `NAME.provenance.json` beside a CSV file that a command wrote (`sweep.csv` →
/// `sweep.provenance.json`): the build, the scenario's hash and text, the seed, the trials and
/// the command line, so the CSV itself stays plain for spreadsheets and pandas.
public enum ProvenanceSidecar {
    public static func path(beside file: String) -> String {
        let url = URL(fileURLWithPath: file)
        return url.deletingPathExtension().path + ".provenance.json"
    }

    public static func write(beside file: String, _ provenance: Provenance, scenarioText: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(encoder.encode(provenance.sidecar(scenarioText: scenarioText, command: CommandLine.arguments)),
                             to: path(beside: file))
    }
}
