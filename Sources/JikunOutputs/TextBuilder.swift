import JikunAnalysis

/// Each command's standard output, from the same typed results as ``ReportBuilder``'s documents.
public enum TextBuilder {
    /// Who the bid is for: one insurer, or the whole pool bidding one rate.
    public static func pricedParty(_ pricing: BidPricing) -> String {
        pricing.insurers.count == 1 ? "insurer \(pricing.insurerKeys[pricing.insurers[0]])" : "the whole pool"
    }
}
