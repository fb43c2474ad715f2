#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Persons of one (category, age band) exposed for the same number of whole months, and how
/// many of them claimed (at most once each: the scenario's rates are probabilities per
/// person-year).
public struct ExposureGroup: Sendable, Equatable {
    public var category: Int
    public var band: Int
    /// Whole months of exposure (docs/rules.md §2 premium months).
    public var months: Int
    public var persons: Int
    public var claimants: Int
    /// The share of its claims reported by the as-of date (development, `DevelopmentShares`; 1: all).
    public var reported: Double

    public init(category: Int, band: Int, months: Int, persons: Int, claimants: Int, reported: Double = 1) {
        self.category = category
        self.band = band
        self.months = months
        self.persons = persons
        self.reported = reported
        self.claimants = claimants
    }
}

/// One (category, band) cell of the observed-vs-fitted table.
public struct FrequencyCell: Sendable, Equatable {
    public var category: Int
    public var band: Int
    public var personYears: Double
    public var claimants: Int
    /// Claimants per person-year with its Garwood interval.
    public var observedRate: Double
    public var interval: ConfidenceInterval?
    /// Expected claimants under the fitted model.
    public var expected: Double
}

/// The fitted multiplicative model p(c, b) = byAge[b] × categoryMultipliers[c] of one line.
public struct FrequencyFit: Sendable, Equatable {
    public var byAge: [Double]
    public var byAgeStandardErrors: [Double]
    public var categoryMultipliers: [Double]
    public var categoryStandardErrors: [Double]
    /// Whether each category's multiplier was estimated (false: kept from the base).
    public var categoryFitted: [Bool]
    /// The age pools (band indices) that share one level parameter.
    public var pools: [[Int]]
    public var claimants: Int
    public var personYears: Double
    /// Standard error of log(total expected claimants): the line's relative level uncertainty.
    public var levelStandardError: Double
    public var cells: [FrequencyCell]
}

/// Maximum likelihood for a line's rates by Fisher scoring.
///
/// A person exposed t = months/12 years in a cell with annual probability p claims with
/// probability q = s·(1 − (1 − p)^t), the engine's exposure rule (TrialKernel), times s, the
/// probability that a claim is reported at all (S(threshold) of the severity when only amounts
/// above a threshold are filed; 1 otherwise). For one-off events (admission) q = s·p.
///
/// Pooling rule (thin cells): age bands are taken youngest first into pools holding at least
/// `minClaimants` claimants (a short last pool joins the one before); inside a pool the base
/// scenario's age shape is kept and one level is fitted. A category with fewer than
/// `minClaimants` claimants keeps the base multiplier; the category with the most exposure is
/// the reference and keeps its base multiplier too (the age levels carry the scale).
public struct FrequencyFitter: Sendable {
    public var minClaimants: Int
    public var level: Double

    public init(minClaimants: Int = 30, level: Double = 0.95) {
        self.minClaimants = minClaimants
        self.level = level
    }

    public func fit(_ groups: [ExposureGroup], baseByAge: [Double], baseCategoryMultipliers: [Double],
                    reported: Double = 1, oneOff: Bool = false) -> FrequencyFit {
        let bands = baseByAge.count, categories = baseCategoryMultipliers.count
        var bandClaims = [Int](repeating: 0, count: bands), categoryClaims = [Int](repeating: 0, count: categories)
        var categoryYears = [Double](repeating: 0, count: categories)
        for g in groups {
            bandClaims[g.band] += g.claimants
            categoryClaims[g.category] += g.claimants
            categoryYears[g.category] += Double(g.persons * g.months) / 12
        }
        // Bands the line can claim in: a positive base rate, or claims seen there.
        let active = (0..<bands).filter { baseByAge[$0] > 0 || bandClaims[$0] > 0 }
        var pools: [[Int]] = []
        var current: [Int] = [], currentClaims = 0
        for b in active {
            current.append(b)
            currentClaims += bandClaims[b]
            if currentClaims >= minClaimants {
                pools.append(current)
                current = []
                currentClaims = 0
            }
        }
        if !current.isEmpty {
            if pools.isEmpty { pools.append(current) } else { pools[pools.count - 1] += current }
        }
        var poolOf = [Int?](repeating: nil, count: bands)
        for (j, pool) in pools.enumerated() { for b in pool { poolOf[b] = j } }
        // Shape inside a pool: the base rate, or 1 where the base has none but claims exist.
        let shape = (0..<bands).map { b -> Double in
            baseByAge[b] > 0 ? baseByAge[b] : (bandClaims[b] > 0 ? (pools[poolOf[b]!].map { baseByAge[$0] }.max() ?? 1).nonZero(or: 1) : 0)
        }
        let reference = categoryYears.indices.max { categoryYears[$0] < categoryYears[$1] } ?? 0
        let fitted = (0..<categories).map { c in c != reference && categoryClaims[c] >= minClaimants && categoryYears[c] > 0 }
        var freeIndex = [Int?](repeating: nil, count: categories)
        var k = pools.count
        for c in 0..<categories where fitted[c] { freeIndex[c] = k; k += 1 }
        let dimension = k

        // Start: each pool's crude level, categories at their base multipliers.
        var theta = [Double](repeating: 0, count: dimension)
        for (j, pool) in pools.enumerated() {
            var claims = 0.0, expected = 0.0
            for g in groups where pool.contains(g.band) {
                claims += Double(g.claimants)
                expected += Double(g.persons) * shape[g.band] * baseCategoryMultipliers[g.category]
                    * (oneOff ? 1 : Double(g.months) / 12) * reported * g.reported
            }
            theta[j] = claims > 0 && expected > 0 ? log(claims / expected) : -20
        }
        for c in 0..<categories { if let i = freeIndex[c] { theta[i] = log(max(baseCategoryMultipliers[c], 1e-3)) } }

        let usable = groups.filter { poolOf[$0.band] != nil && $0.persons > 0 && $0.months > 0 }
        func probability(_ g: ExposureGroup, _ theta: [Double]) -> Double {
            let m = freeIndex[g.category].map { exp(theta[$0]) } ?? baseCategoryMultipliers[g.category]
            return shape[g.band] * exp(theta[poolOf[g.band]!]) * m
        }
        /// (q, dq/d log p) for a group.
        func claimProbability(_ g: ExposureGroup, _ p: Double) -> (Double, Double) {
            let s = reported * g.reported
            if oneOff { return (s * p, s * p) }
            let t = Double(g.months) / 12
            let survive = exp(t * log1p(-p))
            return (s * -expm1(t * log1p(-p)), s * p * t * survive / (1 - p))
        }
        func logLikelihood(_ theta: [Double]) -> Double {
            var l = 0.0
            for g in usable {
                let p = probability(g, theta)
                guard p < 1 else { return -.infinity }
                let (q, _) = claimProbability(g, p)
                if g.claimants > 0 { l += Double(g.claimants) * log(q) }
                l += Double(g.persons - g.claimants) * log1p(-q)
            }
            return l
        }
        func scoreAndInformation(_ theta: [Double]) -> ([Double], [[Double]]) {
            var score = [Double](repeating: 0, count: dimension)
            var info = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: dimension)
            for g in usable {
                let p = probability(g, theta)
                let (q, dq) = claimProbability(g, p)
                guard q > 0, q < 1 else { continue }
                let n = Double(g.persons), d = Double(g.claimants)
                let u = (d - n * q) / (q * (1 - q)) * dq
                let w = n / (q * (1 - q)) * dq * dq
                var idx = [poolOf[g.band]!]
                if let f = freeIndex[g.category] { idx.append(f) }
                for i in idx {
                    score[i] += u
                    for j in idx { info[i][j] += w }
                }
            }
            return (score, info)
        }
        var current0 = logLikelihood(theta)
        for _ in 0..<200 {
            let (score, info) = scoreAndInformation(theta)
            guard let inverse = Numerics.invert(info) else { break }
            var step = [Double](repeating: 0, count: dimension)
            for i in 0..<dimension { for j in 0..<dimension { step[i] += inverse[i][j] * score[j] } }
            var t = 1.0, moved = false
            for _ in 0..<40 {
                let trial = (0..<dimension).map { theta[$0] + t * step[$0] }
                let l = logLikelihood(trial)
                if l.isFinite, l >= current0 - 1e-12 * abs(current0) {
                    theta = trial
                    current0 = l
                    moved = true
                    break
                }
                t *= 0.5
            }
            if !moved || step.map({ abs($0) * t }).max() ?? 0 < 1e-11 { break }
        }
        let (_, info) = scoreAndInformation(theta)
        let covariance = Numerics.invert(info) ?? info.map { $0.map { _ in 0 } }

        var byAge = [Double](repeating: 0, count: bands), byAgeSE = byAge
        for b in 0..<bands {
            guard let j = poolOf[b] else { continue }
            byAge[b] = shape[b] * exp(theta[j])
            byAgeSE[b] = byAge[b] * max(covariance[j][j], 0).squareRoot()
        }
        var multipliers = baseCategoryMultipliers, multiplierSE = [Double](repeating: 0, count: categories)
        for c in 0..<categories {
            guard let i = freeIndex[c] else { continue }
            multipliers[c] = exp(theta[i])
            multiplierSE[c] = multipliers[c] * max(covariance[i][i], 0).squareRoot()
        }
        // Delta method for the line's total expected claimants.
        var total = 0.0, gradient = [Double](repeating: 0, count: dimension)
        var cellExpected = [Double](repeating: 0, count: categories * bands)
        var cellYears = cellExpected, cellClaims = [Int](repeating: 0, count: categories * bands)
        for g in groups {
            let slot = g.category * bands + g.band
            cellYears[slot] += Double(g.persons * g.months) / 12
            cellClaims[slot] += g.claimants
        }
        for g in usable {
            let (q, dq) = claimProbability(g, probability(g, theta))
            let n = Double(g.persons)
            total += n * q
            cellExpected[g.category * bands + g.band] += n * q
            gradient[poolOf[g.band]!] += n * dq
            if let f = freeIndex[g.category] { gradient[f] += n * dq }
        }
        var variance = 0.0
        for i in 0..<dimension { for j in 0..<dimension { variance += gradient[i] * covariance[i][j] * gradient[j] } }
        var cells: [FrequencyCell] = []
        for c in 0..<categories {
            for b in 0..<bands {
                let slot = c * bands + b
                guard cellYears[slot] > 0 || cellClaims[slot] > 0 else { continue }
                let years = cellYears[slot]
                cells.append(FrequencyCell(
                    category: c, band: b, personYears: years, claimants: cellClaims[slot],
                    observedRate: years > 0 ? Double(cellClaims[slot]) / years : .infinity,
                    interval: years > 0 ? ExactInterval.poisson(events: cellClaims[slot], exposure: years, level: level) : nil,
                    expected: cellExpected[slot]))
            }
        }
        return FrequencyFit(byAge: byAge, byAgeStandardErrors: byAgeSE, categoryMultipliers: multipliers,
                            categoryStandardErrors: multiplierSE, categoryFitted: fitted.enumerated().map { $0.element && freeIndex[$0.offset] != nil },
                            pools: pools, claimants: groups.reduce(0) { $0 + $1.claimants },
                            personYears: cellYears.reduce(0, +),
                            levelStandardError: total > 0 ? variance.squareRoot() / total : 0, cells: cells)
    }
}

extension Double {
    func nonZero(or fallback: Double) -> Double { self > 0 ? self : fallback }
}
