import Foundation
import JikunAnalysis
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// `budget`'s standard output: premium outlay, corridor flows, the budget at each confidence.
    public static func budget(_ b: BudgetAnalysis, scenario: Scenario) -> String {
        var out: [String] = []
        out.append("Budget for scenario \(b.scenario) (\(scenario.edition.title)); \(trialCount(b.trials))\(b.growth != 0 ? String(format: "; enrolment growth %+.1f%%", b.growth * 100) : "")")
        if b.trials < 2 { out.append(oneTrialNote) }
        out.append("")
        out.append("Premium outlay 保费支出 (million yuan)")
        var premium = TextTable(["insurer"] + b.periodKeys + ["total"], rightAligned: Set(1...(b.periodKeys.count + 1)))
        for (i, key) in b.insurerKeys.enumerated() {
            let row = b.premiumByPeriodAndInsurer.map { $0[i] }
            premium.add([key] + row.map(millions) + [millions(row.reduce(0, +))])
        }
        premium.add(["total"] + b.premiumByPeriodAndInsurer.map { millions($0.reduce(0, +)) } + [millions(b.totalPremium)])
        out.append(premium.rendered)
        out.append("")
        out.append(String(format: "Expected claims %@ ± %@ million yuan; expected loss ratio %.1f%% (p5 %.1f%%, p95 %.1f%%)",
                          millions(b.expectedClaims.mean), millions(b.expectedClaims.standardError), b.lossRatio.mean * 100,
                          b.lossRatio[.p5].value * 100, b.lossRatio[.p95].value * 100))
        out.append(String(format: "Corridor refund to the bureau 返还: mean %@ million, in %.1f%% of years; p95 %@ million",
                          millions(b.refund.mean), b.probabilityOfRefund * 100, millions(b.refund[.p95].value)))
        out.append(String(format: "Shared top-up paid by the bureau 共担: mean %@ million, in %.1f%% of years; p95 %@ million",
                          millions(b.sharedTopUp.mean), b.probabilityOfTopUp * 100, millions(b.sharedTopUp[.p95].value)))
        out.append(String(format: "Bureau net cost 净成本: mean %@ ± %@ million yuan", millions(b.netCost.mean), millions(b.netCost.standardError)))
        out.append("")
        var levels = TextTable(["confidence", "budget (million yuan)", "95% MC interval", "TVaR (mean beyond)"], rightAligned: [0, 1, 2, 3])
        for l in b.levels {
            levels.add([levelText(l.confidence), millions(l.budget), "\(millions(l.lower))–\(millions(l.upper))", millions(l.tailValueAtRisk)])
        }
        out.append(levels.rendered)
        out.append("")
        for l in b.levels { out.append(b.sentence(l)) }
        return out.joined(separator: "\n")
    }
}
