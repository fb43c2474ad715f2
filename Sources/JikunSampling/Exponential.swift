extension RandomStream {
    /// A standard exponential variate by the ziggurat method (see
    /// `SamplerTables.standardExponential(using:)`): ~99% of draws cost one comparison and no
    /// logarithm.
    @inlinable
    public mutating func standardExponential() -> Double {
        SamplerTables.shared.standardExponential(using: &self)
    }
}
