/// The methods `jikun develop --method` offers.
public enum ReservingMethod: String, Sendable, CaseIterable {
    /// Volume-weighted chain ladder, no standard errors.
    case chainLadder = "chain-ladder"
    /// Chain ladder with Mack's (1993) standard errors.
    case mack
    /// Bornhuetter–Ferguson with an a-priori loss ratio.
    case bf
    /// Cape Cod: the loss ratio estimated from the triangle and the premium.
    case capeCod = "cape-cod"

    public var needsPremium: Bool { self == .bf || self == .capeCod }
}

/// Settings of one reserving run.
public struct ReservingOptions: Sendable {
    public var method: ReservingMethod
    public var tail: TailFactor
    public var priorLossRatio: Double?
    /// Bootstrap replicates (nil: no bootstrap).
    public var replicates: Int?
    public var seed: UInt64
    public var threads: Int
    /// Told the replicates finished, block by block (a progress bar); never changes a result.
    public var progress: (@Sendable (Int) -> Void)?

    public init(method: ReservingMethod = .mack, tail: TailFactor = .none, priorLossRatio: Double? = nil,
                replicates: Int? = nil, seed: UInt64 = 1, threads: Int = 1) {
        self.method = method
        self.tail = tail
        self.priorLossRatio = priorLossRatio
        self.replicates = replicates
        self.seed = seed
        self.threads = threads
    }
}

/// One segment's reserve: the triangle, its factors, the estimates by origin and, when asked,
/// the bootstrap distribution.
public struct SegmentReserve: Sendable {
    /// `all`, an insurer key, a line, or `insurer/line`.
    public var label: String
    public var triangle: Triangle
    public var development: DevelopmentFactors
    public var estimates: [OriginEstimate]
    /// Mack's standard error of the total (methods chain-ladder with Mack, and mack).
    public var totalStandardError: Double?
    /// The loss ratio used by BF or estimated by Cape Cod.
    public var lossRatio: Double?
    public var bootstrap: ReserveBootstrap?

    public var latest: Double { estimates.map(\.latest).reduce(0, +) }
    public var ultimate: Double { estimates.map(\.ultimate).reduce(0, +) }
    public var reserve: Double { estimates.map(\.reserve).reduce(0, +) }

    /// Runs `options.method` on `triangle`; `premium` per origin is needed by BF and Cape Cod.
    /// The bootstrap (always of the chain ladder) draws from streams keyed by
    /// `(seed, replicate)` and the segment's label, so segments do not share draws.
    public init(label: String, triangle: Triangle, premium: [Double]?, options: ReservingOptions) throws {
        self.label = label
        self.triangle = triangle
        switch options.method {
        case .chainLadder:
            let cl = try ChainLadder(triangle, tail: options.tail)
            development = cl.development
            estimates = cl.estimates
        case .mack:
            let mack: MackChainLadder
            do {
                mack = try MackChainLadder(triangle, tail: options.tail)
            } catch ReservingError.tooSmall(let method, let message) where method == "Mack" {
                // The factors may still be estimable where their variances are not.
                throw ReservingError.tooSmall(method: method, message: message + "; --method chain-ladder gives the estimate without standard errors")
            }
            development = mack.chainLadder.development
            estimates = mack.estimates
            totalStandardError = mack.totalStandardError
        case .bf, .capeCod:
            guard let premium else { throw ReservingError.option("--method \(options.method.rawValue) needs the earned premium of each origin (give --roster)") }
            let method: ExpectedLossMethod.Method
            if options.method == .bf {
                guard let prior = options.priorLossRatio else { throw ReservingError.option("--method bf needs --prior-lr, the a-priori loss ratio (e.g. 0.8)") }
                method = .bornhuetterFerguson(priorLossRatio: prior)
            } else {
                method = .capeCod
            }
            let expected = try ExpectedLossMethod(triangle, premium: premium, method: method, tail: options.tail)
            development = expected.chainLadder.development
            estimates = expected.estimates
            lossRatio = expected.lossRatio
        }
        // Values near the ends of the doubles (1e200, 1e−320, a tail of 1e308) can carry an
        // estimate, or the sum over origins, to ∞ or NaN: refused here rather than printed or settled.
        let numbers: [Double] = estimates.flatMap { [$0.latest, $0.ultimate, $0.reserve, $0.standardError ?? 0] } + [latest, ultimate, reserve]
        guard numbers.allSatisfy(\.isFinite), (totalStandardError ?? 0).isFinite else {
            throw ReservingError.option("the estimates are not finite numbers: the triangle's values, --tail or --prior-lr lie beyond what the arithmetic holds")
        }
        if let replicates = options.replicates {
            bootstrap = try ReserveBootstrap(triangle, tail: options.tail, replicates: replicates, seed: options.seed,
                                             threads: options.threads, key: label == "all" ? 0 : Self.key(label),
                                             progress: options.progress)
            guard bootstrap!.totals.allSatisfy(\.isFinite) else {
                throw ReservingError.option("the bootstrap's reserves are not finite numbers: the triangle's values or --tail lie beyond what the arithmetic holds")
            }
        }
    }

    /// FNV-1a of the label: a stream key that depends on what the segment is, not where it is listed.
    static func key(_ label: String) -> UInt64 {
        label.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
