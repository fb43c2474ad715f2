/// Bornhuetter–Ferguson and Cape Cod: the part still to come is an expected loss ratio times
/// the premium, spread by the chain-ladder development pattern.
///
/// With `F_i` the cumulative factor from origin `i`'s latest development to ultimate (tail
/// included) and `P_i` its earned premium, the unreported share is `1 − 1/F_i` and
///
///     Û_i = C_{i,I_i} + LR · P_i · (1 − 1/F_i)
///
/// Bornhuetter–Ferguson takes `LR` a priori; Cape Cod (Stanard–Bühlmann) estimates it from the
/// triangle as reported claims over used-up premium: `LR = Σ C_{i,I_i} / Σ P_i / F_i`.
public struct ExpectedLossMethod: Sendable {
    public enum Method: Sendable, Equatable {
        case bornhuetterFerguson(priorLossRatio: Double)
        case capeCod
    }

    public let chainLadder: ChainLadder
    /// The loss ratio used: the prior for BF, the estimate for Cape Cod.
    public let lossRatio: Double
    public let estimates: [OriginEstimate]

    /// - Parameter premium: earned premium per origin, in the triangle's origin order.
    public init(_ triangle: Triangle, premium: [Double], method: Method, tail: TailFactor = .none) throws {
        guard premium.count == triangle.originCount else {
            throw ReservingError.option("\(premium.count) premiums for \(triangle.originCount) origins")
        }
        guard premium.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw ReservingError.option("premiums must be finite and ≥ 0") }
        let cl = try ChainLadder(triangle, tail: tail)
        // The reported share 1/F; a factor of 0 (every later value 0) is read as fully reported.
        let reported = (0..<triangle.originCount).map { i -> Double in
            let f = cl.development.toUltimate(from: triangle.observed(i) - 1)
            return f > 0 ? 1 / f : 1
        }
        let lossRatio: Double
        switch method {
        case .bornhuetterFerguson(let prior):
            guard prior.isFinite, prior >= 0 else { throw ReservingError.option("the prior loss ratio must be ≥ 0, got \(prior)") }
            lossRatio = prior
        case .capeCod:
            let usedUp = zip(premium, reported).map { $0 * $1 }.reduce(0, +)
            guard usedUp > 0 else { throw ReservingError.tooSmall(method: "Cape Cod", message: "the used-up premium Σ P_i / F_i is 0") }
            lossRatio = cl.totalLatest / usedUp
        }
        self.chainLadder = cl
        self.lossRatio = lossRatio
        self.estimates = cl.estimates.indices.map { i in
            let latest = cl.estimates[i].latest
            return OriginEstimate(origin: cl.estimates[i].origin, latest: latest,
                                  ultimate: latest + lossRatio * premium[i] * (1 - reported[i]))
        }
    }
}
