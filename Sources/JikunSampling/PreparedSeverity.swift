#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A severity prepared for a hot loop that draws claim sizes by the thousand (the simulation).
///
/// The lognormal is drawn by `LognormalStrips` below its 99.9th percentile C (no `exp`, no `log`)
/// and, with probability 0.1 %, as exp(μ + σZ) with Z the normal above (log C − μ)/σ: together
/// exactly the lognormal. Other laws use `Severity.sample`.
public struct PreparedSeverity: Sendable {
    /// Draws per batch in `ConditionalSeverity.fill` (a bit each in a mask); also a good size
    /// for a caller's stack buffer.
    public static let batch = 64
    /// 2¹¹ alias slots (1,023 strips; under 1 % of draws land in a wedge): built once per law, so the
    /// finer table is affordable.
    static let slotBits = 11
    /// The strips end at the 99.9th percentile: z = Φ⁻¹(0.999).
    static let stripsEndAtZ = 3.090_232_306_167_813_5

    @usableFromInline let lognormal: LognormalLaw
    /// The lognormal below C, or nil for other laws.
    @usableFromInline let strips: LognormalStrips?
    /// The normal above (log C − μ)/σ, for draws above C.
    @usableFromInline let upperTail: NormalTail
    public let severity: Severity

    public init(_ severity: Severity) {
        self.severity = severity
        if case let .lognormal(mu, sigma) = severity {
            lognormal = LognormalLaw(mu: mu, sigma: sigma)
            strips = LognormalStrips(mu: mu, sigma: sigma, lower: 0, upper: exp(mu + sigma * Self.stripsEndAtZ),
                                     outsideWeight: NormalDistribution.survival(Self.stripsEndAtZ), slotBits: Self.slotBits)
        } else {
            lognormal = LognormalLaw(mu: 0, sigma: 1)
            strips = nil
        }
        upperTail = NormalTail(above: Self.stripsEndAtZ)
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

    /// Fills `out` with `transform(x)` of independent draws x (e.g. a payment rule), the
    /// transform in a second pass over the batch.
    @inlinable @inline(__always)
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream, tables: SamplerTables,
                     transform: (Double) -> Double) {
        // The stream goes in and out by value (see `SamplerTables.normalSlowPath`).
        rng = strips.map { fillFromStrips($0, out, stream: rng, tables: tables) } ?? fillOther(out, stream: rng)
        for i in out.indices { out[i] = transform(out[i]) }
    }

    /// The draws, in a function of their own: a tight loop whose state stays in registers
    /// (inlined into a large caller, it spilled them).
    @usableFromInline @inline(never)
    func fillFromStrips(_ strips: LognormalStrips, _ out: UnsafeMutableBufferPointer<Double>, stream: RandomStream,
                        tables: SamplerTables) -> RandomStream {
        var rng = stream
        for i in out.indices {
            let x = strips.sample(using: &rng)
            if x.isNaN { (out[i], rng) = aboveStrips(stream: rng, tables: tables) } else { out[i] = x }
        }
        return rng
    }

    /// A draw above the strips' end C, exp(μ + σZ) (the stream by value, as in
    /// `SamplerTables.normalSlowPath`).
    @usableFromInline
    func aboveStrips(stream: RandomStream, tables: SamplerTables) -> (Double, RandomStream) {
        var rng = stream
        let z = upperTail.sample(using: &rng, tables: tables)
        return (max(tables.exp(lognormal.mu + lognormal.sigma * z), strips?.upper.nextUp ?? 0), rng)
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
/// - spliced with a lognormal body: the Pareto tail T·e^{E/α} with probability π/S(t) (π = the
///   tail's probability), else X on the body's (t, T], both by one `LognormalStrips` (the tail
///   is its outside component). Where that cannot be built (an interval deep in a tail), the
///   tail with probability π/S(t), else up to four draws of the body above t, accepting the
///   first ≤ T, then inversion on (t, T]: each route yields exactly the conditional law, so
///   their mixture does;
/// - above the splice point: Pareto I above t, t·e^{E/α};
/// - t ≤ 0: an unconditional draw; any other law: `Severity.sampleAbove`.
///
/// The routes through log X form a batch's logarithms first and exponentiate them together.
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
    /// Spliced laws: the body on (t, T] mixed with the tail, when it can be built.
    @usableFromInline let bodyOrTail: LognormalStrips?
    /// Spliced laws: the splice point T, its logarithm, P(tail | X > t) and 1/(the Pareto index).
    @usableFromInline let splice: Double
    @usableFromInline let logSplice: Double
    @usableFromInline let tailShare: Double
    @usableFromInline let inverseTailShape: Double
    @usableFromInline let logThreshold: Double
    @usableFromInline let severity: Severity
    /// 2⁸ alias slots (127 strips) for the spliced body: rebuilt per trial, so kept small.
    static let bodySlotBits = 8
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
            bodyOrTail = LognormalStrips(mu: lognormal.mu, sigma: lognormal.sigma, lower: t, upper: splice,
                                         outsideWeight: tailShare, slotBits: Self.bodySlotBits)
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
        var rng = stream  // in registers (see `SamplerTables.normalSlowPath`)
        defer { stream = rng }
        let mu = lognormal.mu, sigma = lognormal.sigma
        switch route {
        case .lognormal:
            for i in out.indices { out[i] = mu + sigma * normalTail.sample(using: &rng, tables: tables) }
            tables.expInPlace(out) { $0 > threshold ? $0 : threshold.nextUp }
        case .splicedLognormalBody:
            if let bodyOrTail {
                rng = fillSpliced(bodyOrTail, out, stream: rng, tables: tables)
                return
            }
            let aboveSplice = splice.nextUp, aboveThreshold = threshold.nextUp
            var tailDraws: UInt64 = 0
            (tailDraws, rng) = fillSplicedLogarithms(out, stream: rng, tables: tables)
            tables.expInPlace(out)
            // Tail draws above T, body draws in (t, T].
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

    /// Spliced draws from the strips: body draws in (t, T], tail draws T·e^{E/α} above T, no
    /// logarithms. A function of its own, so that the loop's state stays in registers.
    @usableFromInline @inline(never)
    func fillSpliced(_ strips: LognormalStrips, _ out: UnsafeMutableBufferPointer<Double>, stream: RandomStream,
                     tables: SamplerTables) -> RandomStream {
        var rng = stream
        let aboveThreshold = threshold.nextUp
        for i in out.indices {
            let x = strips.sample(using: &rng)
            if x.isNaN {
                (out[i], rng) = paretoAboveSplice(stream: rng, tables: tables)
            } else {
                // Rounding can put x on t itself (u = 0 in the first strip) or just past T.
                let y = x < aboveThreshold ? aboveThreshold : x
                out[i] = y > splice ? splice : y
            }
        }
        return rng
    }

    /// A draw of the Pareto tail, T·e^{E/α} (at least the next double above T).
    @usableFromInline
    func paretoAboveSplice(stream: RandomStream, tables: SamplerTables) -> (Double, RandomStream) {
        var rng = stream
        let y = splice * tables.exp(tables.standardExponential(using: &rng) * inverseTailShape)
        return (max(y, splice.nextUp), rng)
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
