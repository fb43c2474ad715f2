import JikunPolicy

/// `simulate --as-of DATE`: the claims known (reported) by the end of the clearing date beside
/// the ultimate ones, per line and insurer, and the corridor settled on the known claims, as a
/// bureau clearing on that date would settle it. From the run of `Engine.knownClaims(asOf:)`,
/// whose trials are the ultimate run's less the claims not reported yet.
public struct KnownClaimsSummary: Codable, Sendable {
    public struct InsurerKnown: Codable, Sendable {
        public var insurer: String
        public var claims: SimulationSummary.Stat
        /// Mean known claims / mean ultimate claims.
        public var knownShare: Double?
    }
    public struct LineKnown: Codable, Sendable {
        public var line: String
        public var labelZH: String
        public var mean: Double
        public var standardError: Double
        public var knownShare: Double?
    }

    public var date: String
    public var claimsByLine: [LineKnown]
    public var insurers: [InsurerKnown]
    public var totalClaims: SimulationSummary.Stat
    public var knownShare: Double?
    public var lossRatio: SimulationSummary.Stat
    public var bandProbabilities: BandProbabilities
    public var refund: SimulationSummary.Stat
    public var probabilityOfRefund: Double
    public var sharedTopUp: SimulationSummary.Stat
    public var probabilityOfTopUp: Double
    public var bureauNetCost: SimulationSummary.Stat

    /// - Parameters: `known` summarises the known-claims run, `ultimate` the full run.
    public init(asOf: CivilDate, known: SimulationSummary, ultimate: SimulationSummary) {
        func share(_ part: Double, _ whole: Double) -> Double? { whole > 0 ? part / whole : nil }
        date = asOf.description
        claimsByLine = zip(known.claimsByLine, ultimate.claimsByLine).map { k, u in
            LineKnown(line: k.line, labelZH: k.labelZH, mean: k.mean, standardError: k.standardError, knownShare: share(k.mean, u.mean))
        }
        insurers = zip(known.insurers, ultimate.insurers).map { k, u in
            InsurerKnown(insurer: k.insurer, claims: k.claims, knownShare: share(k.claims.mean, u.claims.mean))
        }
        totalClaims = known.totalClaims
        knownShare = share(known.totalClaims.mean, ultimate.totalClaims.mean)
        lossRatio = known.lossRatio
        bandProbabilities = known.bandProbabilities
        refund = known.refund
        probabilityOfRefund = known.probabilityOfRefund
        sharedTopUp = known.sharedTopUp
        probabilityOfTopUp = known.probabilityOfTopUp
        bureauNetCost = known.bureauNetCost
    }
}
