import Foundation
import JikunAnalysis

/// Each command's standard output, from the same typed results as ``ReportBuilder``'s documents.
public enum TextBuilder {
    /// "1 trial", "2000 trials".
    static func trialCount(_ n: Int) -> String { n == 1 ? "1 trial" : "\(n) trials" }

    /// Said under the heading of a one-trial run: its ± figures read 0 and tell nothing.
    static let oneTrialNote = "One trial: a standard error needs at least two trials, so every ± figure below reads 0 and tells nothing."

    /// Who the bid is for: one insurer, or the whole pool bidding one rate.
    public static func pricedParty(_ pricing: BidPricing) -> String {
        pricing.insurers.count == 1 ? "insurer \(pricing.insurerKeys[pricing.insurers[0]])" : "the whole pool"
    }
}

/// Million yuan to three decimals, as every text table shows money.
func millions(_ x: Double) -> String { String(format: "%.3f", x / 1e6) }
/// A fraction as a percentage.
func percentText(_ x: Double, decimals: Int = 1) -> String { String(format: "%.\(decimals)f%%", x * 100) }

