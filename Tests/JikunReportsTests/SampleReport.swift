import Foundation
@testable import JikunReports

/// A report with one chart of every kind and realistic numbers for the programme, shared by
/// the tests. Values come from a seeded SplitMix64, so the document is the same every run.
enum SampleReport {
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        /// Standard normal by Box–Muller (one of the pair).
        mutating func normal() -> Double {
            let u = max(uniform(), 1e-300), v = uniform()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
    }

    static let insurers = ["PICC 人保财险", "Ping An 平安", "CPIC 太平洋", "China United 中华联合", "Guoyuan 国元"]
    static let lines = ["Small accident 小额意外", "Critical illness 大病补充", "Disease death 疾病身故"]

    /// 4,000 loss ratios around 0.88 (a skewed mix of normals), in 0.6…1.15.
    static func lossRatios(count: Int = 4_000) -> [Double] {
        var rng = SplitMix64(state: 2020)
        return (0..<count).map { _ in
            let z = rng.normal()
            return 0.88 + 0.055 * z + 0.012 * z * z
        }
    }

    static let corridorBands: [Chart.Band] = [
        Chart.Band("Refund 返还", lower: nil, upper: 0.85, role: .refund),
        Chart.Band("No adjustment 不调整", lower: 0.85, upper: 0.90, role: .neutral),
        Chart.Band("Shared 共担", lower: 0.90, upper: 1.00, role: .shared),
        Chart.Band("Excess 超额", lower: 1.00, upper: nil, role: .excess),
    ]

    static var histogram: Chart {
        Chart(title: "Loss ratio 赔付率 across trials",
              caption: "Combined loss ratio L = C / P over 4,000 trials, with the corridor bands of 渝民〔2020〕238号 shaded.",
              xAxis: .init("Loss ratio 赔付率", format: .percent),
              yAxis: .init("Share of trials", format: .percent),
              kind: .histogram(values: lossRatios(), bins: 40, bands: corridorBands),
              referenceLines: [.vertical(at: 0.8812, label: "Mean 0.881")])
    }

    static var exceedance: Chart {
        // Bureau net cost in yuan, 95…135 million, P(cost > x) falling from 1 to 0.
        let xs = stride(from: 95.0, through: 135.0, by: 1.0).map { $0 * 1e6 }
        let ys = xs.map { x -> Double in
            let z = (x / 1e6 - 114) / 6.5
            return 0.5 * erfc(z / 2.0.squareRoot())
        }
        let se = ys.map { ($0 * (1 - $0) / 4_000).squareRoot() }
        return Chart(title: "Bureau cost exceedance 财政支出超越概率",
                     caption: "Probability that the bureau's net cost exceeds x; the band is ± 1.96 Monte Carlo standard errors.",
                     xAxis: .init("Net cost to the bureau (million yuan 百万元)", format: .millions),
                     yAxis: .init("P(cost > x)", range: 0...1, format: .percent),
                     kind: .lines([Chart.Series("P(cost > x)", x: xs, y: ys,
                                                lower: zip(ys, se).map { max(0, $0 - 1.96 * $1) },
                                                upper: zip(ys, se).map { min(1, $0 + 1.96 * $1) },
                                                bandLabel: "95% MC interval",
                                                marks: [Chart.Mark(x: 124.7e6, y: 0.05, label: "95% budget 124.7")])]),
                     referenceLines: [.horizontal(at: 0.05, label: "5% 超支概率"), .vertical(at: 120e6, label: "Budget 预算 120")])
    }

    static var bidCurve: Chart {
        let premiums = stride(from: 100.0, through: 140.0, by: 5.0).map { $0 }
        let series = [("All insurers 全部", 0.0), ("PICC 人保财险", -0.8), ("Ping An 平安", 0.6)].map { name, shift in
            Chart.Series(name, x: premiums, y: premiums.map { ($0 - 118) * 0.9 + shift + 0.02 * ($0 - 120) * ($0 - 120) * 0.1 },
                         showsPoints: true)
        }
        return Chart(title: "Bid curve: premium → expected result 投标曲线",
                     caption: "Expected underwriting result per insured person-year at each premium, after the corridor.",
                     xAxis: .init("Premium (yuan per person-year 元/人年)"),
                     yAxis: .init("Expected result (yuan 元)"),
                     kind: .lines(series), referenceLines: [.vertical(at: 120, label: "Current premium 当前保费")])
    }

    static var barsByInsurer: Chart {
        var rng = SplitMix64(state: 7)
        let groups = insurers.map { insurer in
            Chart.BarGroup(insurer, values: lines.map { _ in 8e6 + 9e6 * rng.uniform() },
                           errors: lines.map { _ in 2.5e5 + 3e5 * rng.uniform() }, series: lines)
        }
        return Chart(title: "Expected claims by line and insurer 各险种赔款",
                     caption: "Mean claims per insurer and benefit line; error bars are ± 1.96 MC standard errors.",
                     xAxis: .init("Insurer 承保公司"), yAxis: .init("Expected claims (million yuan 百万元)", format: .millions),
                     kind: .bars(groups))
    }

    static var tornado: Chart {
        let base = 112.4e6
        let bars: [Chart.TornadoBar] = [
            .init("Hospitalisation rate 住院率", low: 104.1e6, high: 121.0e6, base: base, lowNote: "×0.9", highNote: "×1.1"),
            .init("CI deductible 起付线", low: 116.9e6, high: 108.6e6, base: base, lowNote: "2,000", highNote: "4,000"),
            .init("Enrolment 参保人数", low: 109.5e6, high: 115.2e6, base: base, lowNote: "−5%", highNote: "+5%"),
            .init("Severity mean 次均费用", low: 106.3e6, high: 118.9e6, base: base, lowNote: "×0.9", highNote: "×1.1"),
            .init("Accident death rate 意外身故率", low: 112.1e6, high: 112.8e6, base: base),
        ]
        return Chart(title: "What drives the bureau's cost 敏感性分析",
                     caption: "Bureau net cost with each parameter at its low and high setting, others at base.",
                     xAxis: .init("Net cost to the bureau (million yuan 百万元)", format: .millions),
                     yAxis: .init(""), kind: .tornado(bars))
    }

    static var boxes: Chart {
        let boxes = insurers.enumerated().map { i, name in
            let m = Double(i) * 0.6 - 1.0
            return Chart.BoxSummary(name, p5: (m - 3.2) * 1e6, p25: (m - 1.1) * 1e6, p50: m * 1e6, p75: (m + 1.0) * 1e6,
                                    p95: (m + 2.6) * 1e6, mean: (m - 0.1) * 1e6)
        }
        return Chart(title: "Insurers' results 各承保公司经营结果",
                     caption: "Distribution of each insurer's underwriting result after the corridor settlement.",
                     xAxis: .init("Insurer 承保公司"), yAxis: .init("Result (million yuan 百万元)", format: .millions),
                     kind: .boxes(boxes))
    }

    static var intervals: Chart {
        let rows: [Chart.Interval] = [
            .init("Premium 130 保费130", estimate: -6.1e6, lower: -7.0e6, upper: -5.2e6),
            .init("CI deductible 2,000 起付线", estimate: 2.3e6, lower: 1.6e6, upper: 3.0e6),
            .init("Fourth tier 第四档", estimate: 0.4e6, lower: -0.3e6, upper: 1.1e6),
            .init("Epidemic year 疫情年", estimate: 4.8e6, lower: 3.5e6, upper: 6.1e6),
            .init("Enrolment +10% 参保人数", estimate: 1.2e6, lower: 0.2e6, upper: 2.2e6),
        ]
        return Chart(title: "Change in bureau cost vs base 与基准相比",
                     caption: "Differences from the base scenario with 95% confidence intervals (common random numbers).",
                     xAxis: .init("Difference in net cost (million yuan 百万元)", format: .millions),
                     yAxis: .init(""), kind: .intervals(rows))
    }

    static var document: ReportDocument {
        ReportDocument(
            title: "Budget 2021 预算 — 民政惠民济困保",
            subtitle: "Scenario chongqing-2020 · 4,000 trials · seed 2020",
            blocks: [
                .keyFigures([
                    KeyFigure(label: "Expected cost 预期成本", value: "112.4 M", note: "± 0.3 MC se"),
                    KeyFigure(label: "Loss ratio 赔付率", value: "88.1%", note: "± 0.1 pp"),
                    KeyFigure(label: "P(refund) 返还概率", value: "31.2%"),
                ]),
                .heading("Corridor 风险调节", level: 2),
                .paragraph("Losses between 90% and 100% are shared; R&D <notes> & \"quotes\" 'single' are escaped."),
                .chart(histogram),
                .table(ReportTable(header: ["Insurer 承保公司", "Premium (yuan)", "Claims (yuan)", "Loss ratio 赔付率"],
                                   rows: [["PICC 人保财险", "41,230,000", "36,110,200", "87.6%"],
                                          ["Ping An | 平安", "22,400,000", "20,050,100", "89.5%"]],
                                   numericColumns: [1, 2, 3], caption: "Premium and claims by insurer")),
                .heading("Budget", level: 2),
                .chart(exceedance),
                .chart(bidCurve),
                .chart(barsByInsurer),
                .heading("Sensitivity and comparison", level: 2),
                .chart(tornado),
                .chart(boxes),
                .chart(intervals),
                .note("Source: 渝民〔2020〕238号; edition-2020.toml. Figures are Monte Carlo estimates."),
            ])
    }
}
