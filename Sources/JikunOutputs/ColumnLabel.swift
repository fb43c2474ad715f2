import JikunPolicy
import JikunSimulation

/// The name of a column in the report tables (HTML, Markdown) and the workbook sheets, written
/// once: the programme's Chinese term beside the English one. A rendering adds the unit it
/// shows the values in (`in(.yuan)` for a workbook, `in(.millionYuan)` for a report).
enum ColumnLabel {
    case insurer, premium, premiumRate, expenseRatio, expectedClaims, standardError, lossRatio, expectedResult
    case result(QuantileLevel), probabilityOfLoss
    case benefitLine, lineZH, period, shareOfPremium, total
    case corridorBand, shareOfTerms, bandProbability(CorridorBand)
    case margin, tailLoss(level: String), bureauNetCost, bureauNetCostP95, insurersResult, probabilityInsurersLose
    case variant, output, base, variantValue, difference, pairedStandardError, confidenceInterval, lower, upper
    case independentStandardError, varianceReduction
    case parameter, atLow, atHigh, swing, standardisedCoefficient, rSquared
    case confidence, budget, monteCarloLower, monteCarloUpper, tailValueAtRisk

    enum Unit: String {
        case yuan, millionYuan = "M yuan", yuanPerPersonMonth = "yuan a person-month", times = "×"
    }

    /// The Chinese and English names (the Chinese may be empty for a symbol such as R²).
    var names: (zh: String, en: String) {
        switch self {
        case .insurer: ("承保公司", "Insurer")
        case .premium: ("保费", "Premium")
        case .premiumRate: ("费率", "Premium")
        case .expenseRatio: ("费用率", "Expense ratio")
        case .expectedClaims: ("预期赔款", "Expected claims")
        case .standardError: ("标准误", "± se")
        case .lossRatio: ("赔付率", "Loss ratio")
        case .expectedResult: ("承保结果", "Expected result")
        case .result(let level): ("结果", "Result \(level.label)")
        case .probabilityOfLoss: ("亏损概率", "P(loss)")
        case .benefitLine: ("险种", "Benefit line")
        case .lineZH: ("线别", "Line (中文)")
        case .period: ("期间", "Period")
        case .shareOfPremium: ("占保费", "Share of premium")
        case .total: ("合计", "Total")
        case .corridorBand: ("结算区间", "Corridor band")
        case .shareOfTerms: ("占模拟年度", "Share of simulated terms")
        case .bandProbability(let band): (band.labelZH, "P(\(band.rawValue))")
        case .margin: ("利润率", "Margin")
        case .tailLoss(let level): ("尾部亏损", "TVaR\(level) loss / premium")
        case .bureauNetCost: ("民政净成本", "Bureau net cost")
        case .bureauNetCostP95: ("净成本 p95", "Bureau p95")
        case .insurersResult: ("承保结果", "Insurers' result")
        case .probabilityInsurersLose: ("亏损概率", "P(insurers lose)")
        case .variant: ("方案", "Variant")
        case .output: ("指标", "Output")
        case .base: ("基准", "Base")
        case .variantValue: ("方案", "Variant value")
        case .difference: ("差异", "Difference")
        case .pairedStandardError: ("标准误", "± se (paired)")
        case .confidenceInterval: ("95% 区间", "95% CI")
        case .lower: ("95% 下限", "Lower")
        case .upper: ("95% 上限", "Upper")
        case .independentStandardError: ("独立标准误", "± se if independent")
        case .varianceReduction: ("方差缩减", "Variance reduction")
        case .parameter: ("参数", "Parameter")
        case .atLow: ("下调", "At −δ")
        case .atHigh: ("上调", "At +δ")
        case .swing: ("摆幅", "Swing")
        case .standardisedCoefficient: ("标准化回归系数", "Standardised coefficient")
        case .rSquared: ("", "R²")
        case .confidence: ("置信水平", "Confidence")
        case .budget: ("预算", "Budget")
        case .monteCarloLower: ("95% 区间下限", "MC lower")
        case .monteCarloUpper: ("95% 区间上限", "MC upper")
        case .tailValueAtRisk: ("尾部均值", "TVaR")
        }
    }

    /// `预期赔款 Expected claims`.
    var text: String { names.zh.isEmpty ? names.en : "\(names.zh) \(names.en)" }

    /// `预期赔款 Expected claims (yuan)`.
    func `in`(_ unit: Unit) -> String { "\(text) (\(unit.rawValue))" }
}
