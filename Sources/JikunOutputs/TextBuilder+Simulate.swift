import Foundation
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// `simulate`'s standard output: the run, claims by line and period, the loss ratio and the
    /// corridor bands, the corridor's transfers, the insurers, and the analytic check if asked.
    public static func simulation(_ s: SimulationSummary, scenario: Scenario, analytic: AnalyticExpectation?) -> String {
        let e = scenario.edition
        var out: [String] = []
        func yuanM(_ x: Double) -> String { String(format: "%.3f", x / 1e6) }
        out.append("Scenario \(s.scenario) — \(scenario.title)")
        out.append("Edition \(s.edition); \(trialCount(s.trials)), seed \(s.seed)")
        if s.trials < 2 { out.append(oneTrialNote) }
        out.append("Insured at the start of each period: " + e.periods.map { "\($0.key) \(grouped(Double(s.insuredAtStart[$0.key] ?? 0)))" }.joined(separator: ", "))
        out.append("Member-months \(grouped(s.memberMonths)); earned premium \(yuanM(s.earnedPremium)) million yuan (\(e.premiumPerPersonMonth) a person-month)")
        out.append("")

        out.append("Expected claims by benefit line and period (million yuan; ± Monte Carlo standard error)")
        var lines = TextTable(["line", "线别"] + e.periods.map(\.key) + ["term", "share of premium"],
                              rightAligned: Set(2..<(4 + e.periods.count)))
        for (l, line) in ClaimColumns.lines.enumerated() {
            var row = [line.rawValue, line.labelZH]
            for p in e.periods.indices {
                let stat = s.claimsByLineAndPeriod[l * e.periods.count + p]
                row.append("\(yuanM(stat.mean)) ± \(yuanM(stat.standardError))")
            }
            let term = s.claimsByLine[l]
            row.append("\(yuanM(term.mean)) ± \(yuanM(term.standardError))")
            row.append(String(format: "%.1f%%", term.mean / s.earnedPremium * 100))
            lines.add(row)
        }
        lines.add(["total", "合计"] + e.periods.indices.map { p in
            yuanM(ClaimColumns.lines.indices.reduce(0) { $0 + s.claimsByLineAndPeriod[$1 * e.periods.count + p].mean })
        } + ["\(yuanM(s.totalClaims.mean)) ± \(yuanM(s.totalClaims.standardError))",
             String(format: "%.1f%%", s.totalClaims.mean / s.earnedPremium * 100)])
        out.append(lines.rendered)
        out.append("")

        let levels = QuantileLevel.allCases
        out.append("Combined loss ratio 赔付率 (claims / premium)")
        var lr = TextTable(["mean", "± se"] + levels.map(\.label), rightAligned: Set(0..<(levels.count + 2)))
        lr.add([String(format: "%.4f", s.lossRatio.mean), String(format: "%.4f", s.lossRatio.standardError)]
               + levels.map { String(format: "%.4f", s.lossRatio.quantiles[$0]) })
        out.append(lr.rendered)
        let c = e.corridor
        out.append("Corridor bands: " + CorridorBand.allCases.map { band in
            let range: String
            switch band {
            case .refund: range = "L < \(c.refundBelow)"
            case .neutral: range = "\(c.refundBelow)–\(c.sharedFrom)"
            case .shared: range = "\(c.sharedFrom)–\(c.sharedTo)"
            case .excess: range = "L > \(c.sharedTo)"
            }
            return "\(band.rawValue) \(band.labelZH) (\(range)) \(String(format: "%.1f%%", s.bandProbabilities[band] * 100))"
        }.joined(separator: "; ") + (s.bandProbabilities.mixed.map { String(format: "; mixed %.1f%%", $0 * 100) } ?? ""))
        out.append("")

        out.append("Corridor transfers and the bureau's net cost (million yuan)")
        let moneyLevels: [QuantileLevel] = [.p5, .p50, .p90, .p95, .p99, .p99_5]
        var money = TextTable(["", "mean", "± se", "P(> 0)"] + moneyLevels.map(\.label), rightAligned: Set(1..<10))
        func row(_ name: String, _ stat: SimulationSummary.Stat, _ probability: Double?) -> [String] {
            [name, yuanM(stat.mean), yuanM(stat.standardError), probability.map { String(format: "%.1f%%", $0 * 100) } ?? ""]
                + moneyLevels.map { yuanM(stat.quantiles[$0]) }
        }
        money.add(row("refund to bureau 返还", s.refund, s.probabilityOfRefund))
        money.add(row("shared top-up 共担", s.sharedTopUp, s.probabilityOfTopUp))
        money.add(row("bureau net cost 净成本", s.bureauNetCost, nil))
        out.append(money.rendered)
        out.append("Bureau net cost VaR / TVaR: " + s.bureauNetCostTail.map {
            String(format: "%.1f%%: %@ / %@", $0.level * 100, yuanM($0.valueAtRisk), yuanM($0.tailValueAtRisk))
        }.joined(separator: "; "))
        out.append("")

        out.append("Insurers' underwriting result after the corridor and expenses (million yuan)")
        var ins = TextTable(["insurer", "premium", "expenses", "claims mean", "result mean", "± se", "p5", "p50", "p95", "P(loss)"],
                            rightAligned: Set(1..<10))
        for i in s.insurers {
            ins.add([i.insurer, yuanM(i.premium), String(format: "%.0f%%", i.expenseRatio * 100), yuanM(i.claims.mean),
                     yuanM(i.result.mean), yuanM(i.result.standardError), yuanM(i.result.quantiles[.p5]),
                     yuanM(i.result.quantiles[.p50]), yuanM(i.result.quantiles[.p95]),
                     String(format: "%.1f%%", i.probabilityOfLoss * 100)])
        }
        out.append(ins.rendered)
        out.append("")
        out.append("Expected claims by category (million yuan): " + zip(s.claimsByCategory, e.categories).map {
            "\($0.key) \($1.nameZH) \(yuanM($0.mean))" + ($0.standardError.map { " ± \(yuanM($0))" } ?? "")
        }.joined(separator: ", "))

        if let analytic {
            out.append("")
            out.append("Analytic check: exact expectation vs Monte Carlo mean (yuan)")
            var table = TextTable(["line", "period", "analytic", "Monte Carlo", "± se", "z"], rightAligned: [2, 3, 4, 5])
            for (l, line) in ClaimColumns.lines.enumerated() {
                for (p, period) in e.periods.enumerated() {
                    let stat = s.claimsByLineAndPeriod[l * e.periods.count + p]
                    let expected = analytic.claims[l][p]
                    guard s.trials >= 2 else {
                        table.add([line.rawValue, period.key, grouped(expected, decimals: 0), grouped(stat.mean, decimals: 0), "n/a", "n/a"])
                        continue
                    }
                    // No spread (every trial the same): a difference is infinitely many errors away, with its sign.
                    let difference = stat.mean - expected
                    let z = stat.standardError > 0 ? difference / stat.standardError
                        : (difference == 0 ? 0 : (difference < 0 ? -Double.infinity : .infinity))
                    table.add([line.rawValue, period.key, grouped(expected, decimals: 0), grouped(stat.mean, decimals: 0),
                               grouped(stat.standardError, decimals: 0), String(format: "%+.2f", z)])
                }
            }
            out.append(table.rendered)
        }
        return out.joined(separator: "\n")
    }
}
