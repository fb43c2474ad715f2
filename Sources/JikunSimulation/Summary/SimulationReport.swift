import Foundation
import JikunPolicy
import JikunTables

/// Renderings of a run: the text summary, JSON and the per-trial CSV.
public enum SimulationReport {
    public static func json(_ summary: SimulationSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    /// `trials.csv`: one row per trial — claims per line and period, premium, loss ratio, band,
    /// refund, shared top-up, bureau cost, and each insurer's claims and result.
    public static func trialsCSV(_ r: SimulationResult) -> CSVWriter {
        var header = ["trial"]
        for line in r.lines { for period in r.periodKeys { header.append("claims_\(line.rawValue)_\(period)") } }
        header += ["claims_total", "premium", "loss_ratio", "band", "refund", "shared_topup", "bureau_net_cost"]
        for key in r.insurerKeys { header += ["claims_\(key)", "result_\(key)"] }
        var writer = CSVWriter(header: header)
        let lp = r.lines.count * r.periodKeys.count, n = r.insurerKeys.count
        func money(_ x: Double) -> String { String(format: "%.2f", x) }
        for t in 0..<r.trials {
            var row = [String(r.firstTrial + t)]
            for j in 0..<lp { row.append(money(r.linePeriodClaims[t * lp + j])) }
            row += [money(r.totalClaims[t]), money(r.totalPremium), String(format: "%.6f", r.lossRatio[t]),
                    r.band[t].label,
                    money(r.refund[t]), money(r.sharedTopUp[t]), money(r.bureauCost[t])]
            for i in 0..<n { row += [money(r.insurerClaims[t * n + i]), money(r.insurerResult[t * n + i])] }
            writer.writeRow(row)
        }
        return writer
    }

    public static func text(_ s: SimulationSummary, scenario: Scenario, analytic: AnalyticExpectation?) -> String {
        let e = scenario.edition
        var out: [String] = []
        func yuanM(_ x: Double) -> String { String(format: "%.3f", x / 1e6) }
        out.append("Scenario \(s.scenario) — \(scenario.title)")
        out.append("Edition \(s.edition); \(s.trials) trials, seed \(s.seed)")
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
                    let z = stat.standardError > 0 ? (stat.mean - expected) / stat.standardError : (stat.mean == expected ? 0 : .infinity)
                    table.add([line.rawValue, period.key, grouped(expected, decimals: 0), grouped(stat.mean, decimals: 0),
                               grouped(stat.standardError, decimals: 0), String(format: "%+.2f", z)])
                }
            }
            out.append(table.rendered)
        }
        return out.joined(separator: "\n")
    }
}

extension SimulationReport {
    /// Where the time went: per claimant, per group draw, and by phase (thread time, so it does
    /// not depend on the number of threads). Not part of the results: timings vary run to run.
    public static func timings(_ r: SimulationResult, wall: Duration) -> String {
        let claimants = Double(r.claimantsSampled), events = Double(r.cellEvents)
        let sampling = r.samplingTime.seconds, aggregation = r.aggregationTime.seconds, settlement = r.settlementTime.seconds
        let busy = sampling + aggregation + settlement
        let trials = Double(max(r.trials, 1))
        return String(format: "%d trials in %.2f s wall (%.0f trials/s); thread time %.2f s: sampling %.0f%%, aggregation (scatter) %.0f%%, settlement %.0f%%; %@ claimants and %@ group draws sampled, %.0f ns per claimant, %.0f ns per cell (%@ cells), %.0f ns per trial",
                      r.trials, wall.seconds, Double(r.trials) / max(wall.seconds, 1e-9), busy,
                      busy > 0 ? sampling / busy * 100 : 0, busy > 0 ? aggregation / busy * 100 : 0, busy > 0 ? settlement / busy * 100 : 0,
                      grouped(claimants), grouped(events), claimants > 0 ? sampling * 1e9 / claimants : 0,
                      r.cells > 0 ? busy * 1e9 / (trials * Double(r.cells)) : 0, grouped(Double(r.cells)),
                      busy * 1e9 / trials)
    }
}
