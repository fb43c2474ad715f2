extension AgeBand {
    /// The band's share of persons of an age within `minimumAge…maximumAge` (full years), for a
    /// benefit limited to those ages. Rule (docs/model.md): ages are taken as uniform over the
    /// band's full years `from…to`, an open-ended band ending at its `eligibilityTo`; the share
    /// is the count of those years inside the limits over the band's count of years.
    public func shareOfAges(within minimumAge: Int, _ maximumAge: Int) -> Double {
        guard let upper = to ?? eligibilityTo else {
            // Loading requires `eligibility_to` whenever an open band reaches the limits.
            precondition(from > maximumAge, "open-ended band \(key) reaches ages \(minimumAge)–\(maximumAge) without eligibility_to")
            return 0
        }
        let inside = Swift.min(upper, maximumAge) - Swift.max(from, minimumAge) + 1
        return inside <= 0 ? 0 : Double(inside) / Double(upper - from + 1)
    }
}
