import Foundation
import JikunAnalysis
import JikunPolicy
import JikunSimulation
import JikunTables

extension TextBuilder {
    /// `price`'s standard output: the bid curve and the bid that meets the target.
    public static func price(_ pricing: BidPricing, curve: [BidPricing.Point], target: BidPricing.Target?,
                            outcome: BidPricing.Outcome?, scenario: Scenario, range: ClosedRange<Double>) -> String {
        var out: [String] = []
        // 0.995 is TVaR99.5, not a rounded TVaR100.
        let tailLevel = String(levelText(pricing.tailLevel, minimumDecimals: 0).dropLast())
        out.append("Bid pricing for \(pricedParty(pricing)), scenario \(scenario.name); \(trialCount(pricing.trials)) re-settled per candidate premium")
        if pricing.trials < 2 { out.append(oneTrialNote) }
        out.append("Other insurers' premium: " + (pricing.insurers.count > 1 ? "all insurers bid the same rate"
            : pricing.others == .current ? String(format: "the edition's %.2f yuan a person-month (the pooled corridor couples the results)", pricing.currentRate)
            : "the same rate as this bid (the pooled corridor couples the results)"))
        out.append("")
        var table = TextTable(["yuan/person-month", "premium (M)", "expected result (M)", "± se", "margin", "P(loss)",
                               "TVaR\(tailLevel) loss / premium", "bureau cost (M)", "loss ratio"],
                              rightAligned: Set(0..<9))
        for p in curve {
            table.add([String(format: "%.2f", p.rate), millions(p.premium), millions(p.expectedResult), millions(p.resultStandardError),
                       percentText(p.margin), percentText(p.probabilityOfLoss), percentText(p.tailLoss99),
                       millions(p.bureauCost), String(format: "%.3f", p.lossRatio)])
        }
        out.append("Bid curve 报价曲线")
        out.append(table.rendered)
        if let target, let outcome {
            out.append("")
            switch outcome {
            case .met(let s):
                out.append(String(format: "Bid %.2f yuan per person-month (%.2f per person-year) meets the target (%@): expected result %@ ± %@ million yuan (margin %@), P(loss) %@, TVaR%@ loss %@ of premium; the bureau's expected net cost %@ million.",
                                  s.rate, s.rate * 12, target.description, millions(s.expectedResult), millions(s.resultStandardError),
                                  percentText(s.margin), percentText(s.probabilityOfLoss), tailLevel, percentText(s.tailLoss99), millions(s.bureauCost)))
            case .unmet(let shortfall):
                out.append(unmetSentence(target, shortfall, range: range))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Why no bid in `range` meets `target`: where above the range it is met, or that it is not
    /// met even far above, and, when the measure has levelled off, that the corridor is why.
    public static func unmetSentence(_ target: BidPricing.Target, _ shortfall: BidPricing.Shortfall, range: ClosedRange<Double>) -> String {
        let head = String(format: "No premium up to %.2f yuan per person-month meets the target (%@)", range.upperBound, target.description)
        if let beyond = shortfall.beyond {
            return head + String(format: "; %.2f yuan does (%@): widen --range to include it.", beyond.rate, target.measure(at: beyond))
        }
        let top = shortfall.top, far = shortfall.far
        var sentence = head + String(format: ", nor does any up to %.2f: at %.2f yuan %@, at %.2f yuan %@.",
                                     far.rate, top.rate, target.measure(at: top), far.rate, target.measure(at: far))
        if case .margin = target, abs(far.margin - top.margin) < 0.001 {
            sentence += " The margin has levelled off: once the loss ratio is below the corridor's refund threshold (\(percentText(shortfall.refundBelow, decimals: 0))), "
                + "that share of each further yuan of premium goes back to the bureau, so no premium reaches this margin."
        }
        return sentence
    }
}
