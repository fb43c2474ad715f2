#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A severity prepared for a hot loop that draws claim sizes by the thousand (the simulation).
///
/// `fill` draws a batch in two passes: first the random part of every draw (log X), then
/// `exp` over the whole batch. The exponentials do not depend on one another, so the
/// processor overlaps them, where a draw-by-draw loop waits on each one in turn. The laws and
/// methods are those of `Severity.sample`: the lognormal as exp(μ + σZ) with a ziggurat normal.
public struct PreparedSeverity: Sendable {
    /// Draws per batch in `ConditionalSeverity.fill` (a bit each in a mask); also a good size
    /// for a caller's stack buffer.
    public static let batch = 64

    @usableFromInline let isLognormal: Bool
    @usableFromInline let lognormal: LognormalLaw
    public let severity: Severity

    public init(_ severity: Severity) {
        self.severity = severity
        if case let .lognormal(mu, sigma) = severity {
            isLognormal = true
            lognormal = LognormalLaw(mu: mu, sigma: sigma)
        } else {
            isLognormal = false
            lognormal = LognormalLaw(mu: 0, sigma: 1)
        }
    }

    /// One draw, as `Severity.sample(using:)`.
    public func sample(using rng: inout RandomStream) -> Double {
        var x = 0.0
        withUnsafeMutablePointer(to: &x) { fill(UnsafeMutableBufferPointer(start: $0, count: 1), using: &rng, tables: .shared) }
        return x
    }

    /// Fills `out` with independent draws.
    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream, tables: SamplerTables) {
        fill(out, using: &rng, tables: tables) { $0 }
    }

    /// Fills `out` with `transform(x)` of independent draws x, applied in the same pass as
    /// the exponential (e.g. a payment rule, so the draws are not stored and read back).
    @inlinable @inline(__always)
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream, tables: SamplerTables,
                     transform: (Double) -> Double) {
        guard isLognormal else {
            rng = fillOther(out, stream: rng)
            for i in out.indices { out[i] = transform(out[i]) }
            return
        }
        // A local copy of the stream stays in registers; through `inout` every draw would
        // store and reload its state.
        var stream = rng
        defer { rng = stream }
        let mu = lognormal.mu, sigma = lognormal.sigma
        for i in out.indices { out[i] = mu + sigma * tables.standardNormal(using: &stream) }
        tables.expInPlace(out, then: transform)
    }

    /// Draws of a law without a prepared route (the stream by value, as in
    /// `SamplerTables.normalSlowPath`).
    @usableFromInline
    func fillOther(_ out: UnsafeMutableBufferPointer<Double>, stream: RandomStream) -> RandomStream {
        var rng = stream
        for i in out.indices { out[i] = severity.sample(using: &rng) }
        return rng
    }
}

/// X conditioned on X > t, with the constants of the draw computed once for t. The engine
/// builds one per trial and deductible (the deductible moves with the severity factors) and
/// draws every claimant above the deductible from it.
///
/// Every route is exact:
/// - lognormal: log X by the truncated normal `NormalTail`;
/// - spliced with a lognormal body: the Pareto tail with probability π/S(t) (π = the tail's
///   probability), else log X on the body's (log t, log T], both by one `NormalIntervalSampler`.
///   Where that cannot be built (an interval deep in a tail), the tail with probability π/S(t),
///   else up to four draws of the body above t, accepting the first ≤ T, then inversion on
///   (t, T]: each route yields exactly the conditional law, so their mixture does;
/// - above the splice point: Pareto I above t, t·e^{E/α};
/// - t ≤ 0: an unconditional draw; any other law: `Severity.sampleAbove`.
///
/// As `PreparedSeverity.fill`, a batch forms every log X first and exponentiates them together.
/// A draw that rounds onto a boundary is moved just inside it (above t; at most T in the body,
/// above T in the tail), as `Severity.sampleAbove` does.
public struct ConditionalSeverity: Sendable {
    @usableFromInline enum Route: UInt8, Sendable {
        case lognormal, splicedLognormalBody, pareto, unprepared
    }
    @usableFromInline let route: Route
    /// The lognormal (or the spliced law's lognormal body) and log X's truncation.
    @usableFromInline let lognormal: LognormalLaw
    @usableFromInline let normalTail: NormalTail
    /// Spliced laws: log X's body on (log t, log T] mixed with the tail, when it can be built.
    @usableFromInline let bodyOrTail: NormalIntervalSampler?
    /// Spliced laws: the splice point T, its logarithm, P(tail | X > t) and 1/(the Pareto index).
    @usableFromInline let splice: Double
    @usableFromInline let logSplice: Double
    @usableFromInline let tailShare: Double
    @usableFromInline let inverseTailShape: Double
    @usableFromInline let logThreshold: Double
    @usableFromInline let severity: Severity
    /// The threshold t.
    public let threshold: Double
    /// P(X > t).
    public let survival: Double

    /// - Precondition: t is not NaN and P(X > t) > 0 (as `Severity.sampleAbove`).
    public init(_ severity: Severity, above t: Double) {
        precondition(!t.isNaN, "sampleAbove: threshold is nan")
        self.severity = severity
        threshold = t
        survival = severity.survival(t)
        var route = Route.unprepared
        var lognormal = LognormalLaw(mu: 0, sigma: 1)
        var splice = Double.infinity, tailShare = 0.0, tailShape = 1.0
        if t > 0 {
            precondition(t.isFinite, "sampleAbove: no probability mass above \(t)")
            switch severity {
            case let .lognormal(mu, sigma):
                route = .lognormal
                lognormal = LognormalLaw(mu: mu, sigma: sigma)
            case let .spliced(.lognormal(mu, sigma), threshold, tailProbability, shape):
                route = t >= threshold ? .pareto : .splicedLognormalBody
                lognormal = LognormalLaw(mu: mu, sigma: sigma)
                splice = threshold
                tailShare = tailProbability / survival
                tailShape = shape
            case let .spliced(_, threshold, _, shape) where t >= threshold:
                route = .pareto
                tailShape = shape
            default:
                break
            }
        }
        self.route = route
        self.lognormal = lognormal
        normalTail = NormalTail(above: route == .lognormal || route == .splicedLognormalBody ? lognormal.standardized(t) : 0)
        self.splice = splice
        logSplice = log(splice)
        self.tailShare = tailShare
        inverseTailShape = 1 / tailShape
        logThreshold = t > 0 ? log(t) : -.infinity
        if route == .splicedLognormalBody {
            let body = Severity.lognormal(mu: lognormal.mu, sigma: lognormal.sigma)
            bodyOrTail = NormalIntervalSampler(lower: lognormal.standardized(t), upper: lognormal.standardized(splice),
                                               bodyMass: body.mass(from: t, to: splice), outsideWeight: tailShare)
        } else {
            bodyOrTail = nil
        }
    }

    /// One draw of X given X > t.
    public func sample(using rng: inout RandomStream) -> Double {
        var x = 0.0
        withUnsafeMutablePointer(to: &x) { fill(UnsafeMutableBufferPointer(start: $0, count: 1), using: &rng, tables: .shared) }
        return x
    }

    /// Fills `out` with independent draws of X given X > t.
    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream, tables: SamplerTables) {
        var start = 0
        while start < out.count {
            let end = min(out.count, start + PreparedSeverity.batch)
            fillBatch(UnsafeMutableBufferPointer(rebasing: out[start..<end]), using: &rng, tables: tables)
            start = end
        }
    }

    /// At most `PreparedSeverity.batch` draws: a bit per draw marks the spliced law's tail draws.
    @inlinable @inline(__always)
    func fillBatch(_ out: UnsafeMutableBufferPointer<Double>, using stream: inout RandomStream, tables: SamplerTables) {
        var rng = stream  // in registers (see `PreparedSeverity.fill`)
        defer { stream = rng }
        let mu = lognormal.mu, sigma = lognormal.sigma
        switch route {
        case .lognormal:
            for i in out.indices { out[i] = mu + sigma * normalTail.sample(using: &rng, tables: tables) }
            tables.expInPlace(out) { $0 > threshold ? $0 : threshold.nextUp }
        case .splicedLognormalBody:
            var tailDraws: UInt64 = 0
            if let bodyOrTail {
                for i in out.indices {
                    let z = bodyOrTail.sample(using: &rng, tables: tables)
                    if z.isNaN {
                        out[i] = logSplice + tables.standardExponential(using: &rng) * inverseTailShape
                        tailDraws |= 1 << UInt64(i)
                    } else {
                        out[i] = mu + sigma * z
                    }
                }
            } else {
                (tailDraws, rng) = fillSplicedLogarithms(out, stream: rng, tables: tables)
            }
            tables.expInPlace(out)
            // Tail draws above T, body draws in (t, T] (selects, not branches: which is which is
            // a coin flip the processor cannot predict).
            let aboveSplice = splice.nextUp, aboveThreshold = threshold.nextUp
            for i in out.indices {
                let x = out[i]
                let body = min(max(x, aboveThreshold), splice)
                out[i] = tailDraws & (1 << UInt64(i)) != 0 ? max(x, aboveSplice) : body
            }
        case .pareto:
            for i in out.indices { out[i] = logThreshold + tables.standardExponential(using: &rng) * inverseTailShape }
            tables.expInPlace(out) { $0 > threshold ? $0 : threshold.nextUp }
        case .unprepared:
            rng = fillUnprepared(out, stream: rng)
        }
    }

    /// log X of spliced draws when the strip sampler could not be built (an interval too deep
    /// in the tail): the tail with probability π/S(t), else up to four draws of the body above
    /// t by `NormalTail`, accepting the first ≤ T, then inversion on (t, T].
    /// (Streams pass by value into the rare routes, as in `SamplerTables.normalSlowPath`.)
    @usableFromInline
    func fillSplicedLogarithms(_ out: UnsafeMutableBufferPointer<Double>, stream: RandomStream,
                               tables: SamplerTables) -> (tailDraws: UInt64, stream: RandomStream) {
        var rng = stream
        var tailDraws: UInt64 = 0
        let mu = lognormal.mu, sigma = lognormal.sigma
        for i in out.indices {
            if rng.nextDouble() < tailShare {
                out[i] = logSplice + tables.standardExponential(using: &rng) * inverseTailShape
                tailDraws |= 1 << UInt64(i)
                continue
            }
            out[i] = .nan
            for _ in 0..<4 {
                let logX = mu + sigma * normalTail.sample(using: &rng, tables: tables)
                if logX <= logSplice {
                    out[i] = logX
                    break
                }
            }
            if out[i].isNaN { out[i] = log(bodyBetween(using: &rng)) }
        }
        return (tailDraws, rng)
    }

    @usableFromInline
    func fillUnprepared(_ out: UnsafeMutableBufferPointer<Double>, stream: RandomStream) -> RandomStream {
        var rng = stream
        for i in out.indices { out[i] = unpreparedDraw(using: &rng) }
        return rng
    }

    /// The lognormal body on (t, T] by inversion (after four rejected draws).
    @usableFromInline
    func bodyBetween(using rng: inout RandomStream) -> Double {
        Severity.lognormal(mu: lognormal.mu, sigma: lognormal.sigma).sampleBetween(threshold, splice, using: &rng)
    }

    @usableFromInline
    func unpreparedDraw(using rng: inout RandomStream) -> Double {
        threshold > 0 ? severity.sampleAbove(threshold, using: &rng) : severity.sample(using: &rng)
    }
}
