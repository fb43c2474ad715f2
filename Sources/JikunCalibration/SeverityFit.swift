#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import JikunSampling

/// The parametric families `calibrate` fits to claim sizes (the engine's `Severity` cases).
public enum SeverityFamily: String, CaseIterable, Sendable, Equatable {
    case lognormal, gamma, lomax
    /// Lognormal body below a fixed splice point, Pareto I tail above it (`Severity.spliced`).
    case spliced
}

/// Claim sizes as the claims file knows them: exact amounts, amounts known only to exceed a
/// value (right-censored), and a reporting threshold below which nothing is seen (left
/// truncation: every observation is X > `truncation`).
public struct SeverityObservations: Sendable, Equatable {
    /// Exact amounts, ascending.
    public let exact: [Double]
    /// Right-censoring points, ascending: X > c is all that is known.
    public let censored: [Double]
    /// 0 when every positive amount is reported.
    public let truncation: Double

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case notAboveTruncation(Double, truncation: Double)
        case notPositive(Double)

        public var description: String {
            switch self {
            case .empty: "no claim amounts to fit"
            case .notAboveTruncation(let x, let t): "amount \(x) is not above the reporting threshold \(t)"
            case .notPositive(let x): "amount \(x) is not positive (a severity is fitted to amounts > 0)"
            }
        }
    }

    public init(exact: [Double], censored: [Double] = [], truncation: Double = 0) throws(Problem) {
        guard !exact.isEmpty else { throw .empty }
        for x in exact + censored {
            guard x > 0 else { throw .notPositive(x) }
            guard x > truncation else { throw .notAboveTruncation(x, truncation: truncation) }
        }
        self.exact = exact.sorted()
        self.censored = censored.sorted()
        self.truncation = truncation
    }

    public var count: Int { exact.count + censored.count }
}

/// One fitted parameter on its natural scale.
public struct FittedParameter: Sendable, Equatable {
    public var name: String
    public var value: Double
    public var standardError: Double
}

/// A maximum-likelihood fit of one family, with its standard errors (from the observed
/// Fisher information, the Hessian of −log L at the optimum), information criteria and
/// goodness-of-fit statistics.
public struct SeverityFit: Sendable, Equatable {
    public var family: SeverityFamily
    public var severity: Severity
    public var parameters: [FittedParameter]
    public var logLikelihood: Double
    /// 2k − 2 log L.
    public var aic: Double
    /// k log N − 2 log L, N = exact + censored observations.
    public var bic: Double
    /// Kolmogorov–Smirnov D of the exact amounts against the fitted law conditioned on the
    /// observation window (X > truncation, and X ≤ the censoring point when one cap applies).
    public var kolmogorovSmirnov: Double
    /// Anderson–Darling A² against the same conditioned law.
    public var andersonDarling: Double
    /// Standard error of the log of the family's scale (μ for lognormal bodies, log scale
    /// otherwise): the relative uncertainty of the claim-size level.
    public var logScaleStandardError: Double
    /// Covariance of the working parameters (μ, log σ; log k, log θ; log α, log λ;
    /// μ, log σ, logit π, log α).
    public var covariance: [[Double]]
    /// The optimum in the working parameters, and the splice point held fixed.
    public var working: [Double]
    public var spliceThreshold: Double

    /// The family's law at working parameters `w`.
    public static func law(_ family: SeverityFamily, _ w: [Double], spliceThreshold: Double) -> Severity {
        switch family {
        case .lognormal: .lognormal(mu: w[0], sigma: exp(w[1]))
        case .gamma: .gamma(shape: exp(w[0]), scale: exp(w[1]))
        case .lomax: .lomax(shape: exp(w[0]), scale: exp(w[1]))
        case .spliced: .spliced(body: .lognormal(mu: w[0], sigma: exp(w[1])), threshold: spliceThreshold,
                                tailProbability: 1 / (1 + exp(-w[2])), tailShape: exp(w[3]))
        }
    }

    /// SE of log S(x) by the delta method: ∇ log S(x) (central differences in the working
    /// parameters) through the covariance.
    public func logSurvivalStandardError(at x: Double) -> Double {
        deltaMethodStandardError { log($0.survival(x)) }
    }

    /// SE of log E[X] by the delta method through the covariance of every working parameter,
    /// shapes included (for the lognormal, ∇ = (1, σ²) in (μ, log σ); for the gamma, (1, 1) in
    /// (log k, log θ)); nil when the fitted mean is infinite (a tail shape ≤ 1). This is the σ
    /// of the severity's systemic factor: the engine can only scale a severity, and a factor
    /// with this σ moves the expected claim size as much as the whole fit's uncertainty does.
    public var logMeanStandardError: Double? {
        guard severity.mean.isFinite else { return nil }
        let se = deltaMethodStandardError { log($0.mean) }
        return se.isFinite ? se : nil
    }

    /// √(∇g · C · ∇g) for a function g of the law, ∇g by central differences in the working
    /// parameters (step 10⁻⁵ relative: truncation error O(h²) ≈ 10⁻¹⁰ of the gradient).
    func deltaMethodStandardError(_ g: (Severity) -> Double) -> Double {
        let n = working.count
        var gradient = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let h = 1e-5 * max(1, abs(working[i]))
            var up = working, down = working
            up[i] += h
            down[i] -= h
            gradient[i] = (g(Self.law(family, up, spliceThreshold: spliceThreshold))
                - g(Self.law(family, down, spliceThreshold: spliceThreshold))) / (2 * h)
        }
        var variance = 0.0
        for i in 0..<n { for j in 0..<n { variance += gradient[i] * covariance[i][j] * gradient[j] } }
        return max(variance, 0).squareRoot()
    }
}

/// Fits the four families by maximum likelihood.
public struct SeverityFitter: Sendable {
    /// The splice point of the spliced family (held fixed, not estimated).
    public var spliceThreshold: Double

    public init(spliceThreshold: Double) {
        self.spliceThreshold = spliceThreshold
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewTail(Int)
        case tooFewBody(Int)
        case noOptimum(SeverityFamily)

        public var description: String {
            switch self {
            case .tooFewTail(let n): "the spliced family needs at least 5 exact amounts above its splice point, got \(n)"
            case .tooFewBody(let n): "the spliced family needs at least 5 exact amounts below its splice point, got \(n)"
            case .noOptimum(let family): "the \(family.rawValue) likelihood has no finite maximum on these data"
            }
        }
    }

    /// Sufficient statistics of the exact amounts (all of them, and split at the splice point).
    struct Sums {
        var n = 0.0, logSum = 0.0, logSquares = 0.0, sum = 0.0
        mutating func add(_ x: Double) {
            let l = log(x)
            n += 1; logSum += l; logSquares += l * l; sum += x
        }
    }

    static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    public func fit(_ family: SeverityFamily, _ data: SeverityObservations) throws(Failure) -> SeverityFit {
        var all = Sums(), body = Sums(), tail = Sums()
        for x in data.exact {
            all.add(x)
            if x <= spliceThreshold { body.add(x) } else { tail.add(x) }
        }
        let total = Double(data.count), t = data.truncation, T = spliceThreshold
        let censored = data.censored
        let logMean = all.logSum / all.n
        let logVar = max(all.logSquares / all.n - logMean * logMean, 1e-6)

        func lognormalExact(_ s: Sums, _ mu: Double, _ sigma: Double) -> Double {
            -s.logSum - s.n * log(sigma) - s.n * Self.halfLogTwoPi
                - (s.logSquares - 2 * mu * s.logSum + s.n * mu * mu) / (2 * sigma * sigma)
        }
        let negLogLik: ([Double]) -> Double
        let start: [Double]
        switch family {
        case .lognormal:
            start = [logMean, 0.5 * log(logVar)]
            negLogLik = { p in
                let mu = p[0], sigma = exp(p[1])
                var l = lognormalExact(all, mu, sigma)
                for c in censored { l += log(NormalDistribution.survival((log(c) - mu) / sigma)) }
                if t > 0 { l -= total * log(NormalDistribution.survival((log(t) - mu) / sigma)) }
                return -l
            }
        case .gamma:
            let mean = all.sum / all.n
            let variance = max(data.exact.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / all.n, 1e-12 * mean * mean)
            start = [log(mean * mean / variance), log(variance / mean)]
            negLogLik = { p in
                let k = exp(p[0]), theta = exp(p[1])
                var l = (k - 1) * all.logSum - all.sum / theta - all.n * SpecialFunctions.logGamma(k) - all.n * k * log(theta)
                for c in censored { l += log(SpecialFunctions.regularizedGamma(k, c / theta).q) }
                if t > 0 { l -= total * log(SpecialFunctions.regularizedGamma(k, t / theta).q) }
                return -l
            }
        case .lomax:
            let mean = all.sum / all.n
            let variance = data.exact.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / all.n
            let cv2 = variance / (mean * mean)
            let alpha = cv2 > 1.05 ? 2 * cv2 / (cv2 - 1) : 20
            start = [log(alpha), log(mean * (alpha - 1))]
            let exact = data.exact
            negLogLik = { p in
                let alpha = exp(p[0]), lambda = exp(p[1])
                var s = 0.0
                for x in exact { s += log1p(x / lambda) }
                var l = all.n * (log(alpha) - log(lambda)) - (alpha + 1) * s
                for c in censored { l -= alpha * log1p(c / lambda) }
                if t > 0 { l += total * alpha * log1p(t / lambda) }
                return -l
            }
        case .spliced:
            guard tail.n >= 5 else { throw .tooFewTail(Int(tail.n)) }
            guard body.n >= 5 else { throw .tooFewBody(Int(body.n)) }
            let bMean = body.logSum / body.n
            let bVar = max(body.logSquares / body.n - bMean * bMean, 1e-6)
            let pi = (tail.n + Double(censored.filter { $0 > T }.count)) / total
            let hill = tail.n / max(tail.logSum - tail.n * log(T), 1e-9)
            start = [bMean, 0.5 * log(bVar), log(pi / (1 - pi)), log(hill)]
            let logT = log(T)
            negLogLik = { p in
                let mu = p[0], sigma = exp(p[1]), pi = 1 / (1 + exp(-p[2])), alpha = exp(p[3])
                let cdfT = NormalDistribution.cdf((logT - mu) / sigma)
                func logSurvival(_ x: Double) -> Double {
                    if x > T { return log(pi) - alpha * (log(x) - logT) }
                    let below = max(cdfT - NormalDistribution.cdf((log(x) - mu) / sigma), 0)
                    return log(pi + (1 - pi) * below / cdfT)
                }
                var l = body.n * (log1p(-pi) - log(cdfT)) + lognormalExact(body, mu, sigma)
                l += tail.n * (log(pi) + log(alpha) + alpha * logT) - (alpha + 1) * tail.logSum
                for c in censored { l += logSurvival(c) }
                if t > 0 { l -= total * logSurvival(t) }
                return -l
            }
        }
        let best = Numerics.minimize(negLogLik, start: start)
        let nll = negLogLik(best)
        guard nll.isFinite else { throw .noOptimum(family) }
        let (_, hessian) = Numerics.derivatives(negLogLik, at: best)
        guard let cov = Numerics.invert(hessian), (0..<best.count).allSatisfy({ cov[$0][$0] > 0 }) else {
            throw .noOptimum(family)
        }
        let se = (0..<best.count).map { cov[$0][$0].squareRoot() }
        let severity: Severity
        let parameters: [FittedParameter]
        let logScaleSE: Double
        switch family {
        case .lognormal:
            let sigma = exp(best[1])
            severity = .lognormal(mu: best[0], sigma: sigma)
            parameters = [.init(name: "mu", value: best[0], standardError: se[0]),
                          .init(name: "sigma", value: sigma, standardError: sigma * se[1])]
            logScaleSE = se[0]
        case .gamma:
            let k = exp(best[0]), theta = exp(best[1])
            severity = .gamma(shape: k, scale: theta)
            parameters = [.init(name: "shape", value: k, standardError: k * se[0]),
                          .init(name: "scale", value: theta, standardError: theta * se[1])]
            logScaleSE = se[1]
        case .lomax:
            let alpha = exp(best[0]), lambda = exp(best[1])
            severity = .lomax(shape: alpha, scale: lambda)
            parameters = [.init(name: "shape", value: alpha, standardError: alpha * se[0]),
                          .init(name: "scale", value: lambda, standardError: lambda * se[1])]
            logScaleSE = se[1]
        case .spliced:
            let sigma = exp(best[1]), pi = 1 / (1 + exp(-best[2])), alpha = exp(best[3])
            severity = .spliced(body: .lognormal(mu: best[0], sigma: sigma), threshold: T, tailProbability: pi, tailShape: alpha)
            parameters = [.init(name: "mu", value: best[0], standardError: se[0]),
                          .init(name: "sigma", value: sigma, standardError: sigma * se[1]),
                          .init(name: "tail_probability", value: pi, standardError: pi * (1 - pi) * se[2]),
                          .init(name: "tail_shape", value: alpha, standardError: alpha * se[3])]
            logScaleSE = se[0]
        }
        let k = Double(best.count)
        let (ks, ad) = GoodnessOfFit.statistics(severity, data)
        return SeverityFit(family: family, severity: severity, parameters: parameters, logLikelihood: -nll,
                           aic: 2 * k + 2 * nll, bic: k * log(total) + 2 * nll,
                           kolmogorovSmirnov: ks, andersonDarling: ad, logScaleStandardError: logScaleSE,
                           covariance: cov, working: best, spliceThreshold: T)
    }

    /// Every family that can be fitted, best (lowest) AIC first; families that fail are left out
    /// with their reason.
    public func fitAll(_ data: SeverityObservations, families: [SeverityFamily] = SeverityFamily.allCases)
        -> (fits: [SeverityFit], failures: [(SeverityFamily, Failure)]) {
        var fits: [SeverityFit] = [], failures: [(SeverityFamily, Failure)] = []
        for family in families {
            do { fits.append(try fit(family, data)) } catch { failures.append((family, error)) }
        }
        fits.sort { $0.aic < $1.aic }
        return (fits, failures)
    }
}

/// Goodness-of-fit statistics of exact amounts against a fitted law conditioned on the window
/// the data could be seen in.
public enum GoodnessOfFit {
    /// The conditioned distribution function F*(x) = (S(t) − S(x)) / (S(t) − S(u)), t the
    /// truncation point and u the censoring cap when every exact amount lies at or below a
    /// single smallest cap (otherwise u = ∞).
    public static func conditionedCDF(_ severity: Severity, _ data: SeverityObservations) -> (Double) -> Double {
        let st = data.truncation > 0 ? severity.survival(data.truncation) : 1
        var su = 0.0
        if let cap = data.censored.first, let last = data.exact.last, last <= cap { su = severity.survival(cap) }
        let window = st - su
        return { x in min(max((st - severity.survival(x)) / window, 0), 1) }
    }

    /// (KS D, AD A²) of `data.exact` against the conditioned law:
    /// D = maxᵢ max(i/n − Fᵢ, Fᵢ − (i − 1)/n),
    /// A² = −n − (1/n) Σᵢ (2i − 1)[log Fᵢ + log(1 − F_{n+1−i})].
    public static func statistics(_ severity: Severity, _ data: SeverityObservations) -> (ks: Double, ad: Double) {
        let F = conditionedCDF(severity, data)
        let values = data.exact.map(F)
        let n = Double(values.count)
        var d = 0.0, s = 0.0
        for (i, f) in values.enumerated() {
            let k = Double(i)
            d = max(d, (k + 1) / n - f, f - k / n)
            let lower = max(f, 1e-300), upper = max(1 - values[values.count - 1 - i], 1e-300)
            s += (2 * k + 1) * (log(lower) + log(upper))
        }
        return (d, -n - s / n)
    }
}
