/// The Bühlmann–Straub credibility model (Bühlmann & Straub 1970) with the usual unbiased
/// structure-parameter estimators, as `actuar::cm(~entity, …, weights = …)` computes them.
///
/// For entity i with ratios X_it and weights w_it (t = 1…n_i):
///   X_iw = Σ_t w_it X_it / w_iΣ,   X_ww = Σ_i w_iΣ X_iw / w_ΣΣ,
///   ŝ² = Σ_i Σ_t w_it (X_it − X_iw)² / Σ_i (n_i − 1)            (within-entity variance),
///   â = w_ΣΣ / (w_ΣΣ² − Σ_i w_iΣ²) · (Σ_i w_iΣ (X_iw − X_ww)² − (I − 1) ŝ²)   (between),
///   z_i = w_iΣ / (w_iΣ + ŝ²/â),   m̂ = Σ_i z_i X_iw / Σ_i z_i   (collective premium),
///   premium_i = z_i X_iw + (1 − z_i) m̂.
/// When â ≤ 0 there is no detectable heterogeneity: every z_i = 0 and m̂ = X_ww.
public struct BuhlmannStraub: Sendable, Equatable {
    public var individualMeans: [Double]
    public var totalWeights: [Double]
    public var withinVariance: Double
    public var betweenVariance: Double
    public var credibility: [Double]
    public var collectiveMean: Double
    public var premiums: [Double]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewEntities
        case noRepeatedPeriods
        case nonPositiveWeight(entity: Int)

        public var description: String {
            switch self {
            case .tooFewEntities: "Bühlmann–Straub needs at least two entities with weight"
            case .noRepeatedPeriods: "Bühlmann–Straub needs at least one entity with two or more periods to estimate the within variance"
            case .nonPositiveWeight(let i): "entity \(i + 1) has no positive weight"
            }
        }
    }

    /// `ratios[i]` and `weights[i]` are entity i's periods (equal lengths; weights > 0; a
    /// period of weight 0 should be left out by the caller).
    public init(ratios: [[Double]], weights: [[Double]]) throws(Failure) {
        precondition(ratios.count == weights.count && zip(ratios, weights).allSatisfy { $0.count == $1.count })
        let entities = ratios.count
        guard entities >= 2 else { throw .tooFewEntities }
        var wi = [Double](repeating: 0, count: entities), xi = wi
        for i in 0..<entities {
            wi[i] = weights[i].reduce(0, +)
            guard wi[i] > 0 else { throw .nonPositiveWeight(entity: i) }
            xi[i] = zip(ratios[i], weights[i]).reduce(0) { $0 + $1.0 * $1.1 } / wi[i]
        }
        let degrees = ratios.reduce(0) { $0 + max($1.count - 1, 0) }
        guard degrees > 0 else { throw .noRepeatedPeriods }
        var within = 0.0
        for i in 0..<entities {
            for (x, w) in zip(ratios[i], weights[i]) { within += w * (x - xi[i]) * (x - xi[i]) }
        }
        within /= Double(degrees)
        let total = wi.reduce(0, +)
        let xww = zip(wi, xi).reduce(0) { $0 + $1.0 * $1.1 } / total
        let spread = zip(wi, xi).reduce(0) { $0 + $1.0 * ($1.1 - xww) * ($1.1 - xww) }
        let between = total / (total * total - wi.reduce(0) { $0 + $1 * $1 }) * (spread - Double(entities - 1) * within)

        individualMeans = xi
        totalWeights = wi
        withinVariance = within
        betweenVariance = between
        if between > 0 {
            credibility = wi.map { $0 / ($0 + within / between) }
            let zSum = credibility.reduce(0, +)
            collectiveMean = zip(credibility, xi).reduce(0) { $0 + $1.0 * $1.1 } / zSum
        } else {
            credibility = [Double](repeating: 0, count: entities)
            collectiveMean = xww
        }
        let m = collectiveMean
        premiums = zip(credibility, xi).map { z, x in z * x + (1 - z) * m }
    }
}
