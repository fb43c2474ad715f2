#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// A binomial(n, p) variate, exact for every n and p.
    ///
    /// With p′ = min(p, 1 − p) (and n − X returned when p > ½): inversion by sequential
    /// search when n·p′ < 30, otherwise Hörmann's BTRD (transformed rejection with
    /// decomposition, Hörmann 1993). Never a normal approximation.
    ///
    /// - Precondition: n ≥ 0 and 0 ≤ p ≤ 1 (NaN is rejected).
    public mutating func binomial(n: Int, p: Double) -> Int {
        BinomialDraws(p: p).sample(n: n, using: &self)
    }
}

/// Binomial draws with one success probability and any number of trials: what depends on p
/// alone (the mirror at ½, p′/(1 − p′), log(1 − p′)) is computed once. The members of an event
/// group in the simulation share p, so a group prepares it once for all its cohorts.
public struct BinomialDraws: Sendable {
    /// p as given; p′ = min(p, 1 − p) and q′ = 1 − p′.
    public let p: Double
    @usableFromInline let smallP: Double
    @usableFromInline let smallQ: Double
    @usableFromInline let mirrored: Bool
    @usableFromInline let ratio: Double
    @usableFromInline let logQ: Double

    /// - Precondition: 0 ≤ p ≤ 1 (NaN is rejected).
    public init(p: Double) {
        precondition(p >= 0 && p <= 1, "binomial: p must be in [0, 1], got \(p)")
        self.p = p
        // 1 − p is exact for p ≥ ½ (Sterbenz), so the mirrored draw uses the exact complement.
        mirrored = p > 0.5
        smallP = mirrored ? 1 - p : p
        smallQ = mirrored ? p : 1 - p
        ratio = smallP / smallQ
        logQ = log1p(-smallP)
    }

    /// Below this mean n·p′, inversion: its n·p′ + 1 short steps beat BTRD, whose first, cheap
    /// test accepts only about half the draws at means of 10–30 (numpy's BINV also runs to 30).
    public static let inversionBelowMean = 30.0

    /// A binomial(n, p) variate.
    ///
    /// - Precondition: n ≥ 0.
    @inlinable
    public func sample(n: Int, using rng: inout RandomStream) -> Int {
        precondition(n >= 0, "binomial: n must be >= 0, got \(n)")
        if n == 0 || p == 0 { return 0 }
        if p == 1 { return n }
        let k = Double(n) * smallP < Self.inversionBelowMean ? rng.binomialInversion(n: n, draws: self) : rng.binomialBTRD(n: n, draws: self)
        return mirrored ? n - k : k
    }
}

extension RandomStream {
    /// Inversion by sequential search from 0: P(0) = q′ⁿ, P(k) = P(k−1)·(n−k+1)p′/(kq′).
    ///
    /// Expected cost n·p′ + 1 < 31 steps, each a few multiplications (1/k from a table). If
    /// rounding leaves the uniform above the computed total mass (probability ~1e−16), the
    /// search runs past the point where the probabilities underflow to 0 and the draw
    /// restarts, i.e. it conditions on the representable range, so no value is ever forced.
    @usableFromInline
    internal mutating func binomialInversion(n: Int, draws: BinomialDraws) -> Int {
        let tables = SamplerTables.shared
        let probabilityOfZero = tables.exp(Double(n) * draws.logQ)
        let ratio = draws.ratio
        restart: while true {
            var u = nextDouble()
            var k = 0
            var probability = probabilityOfZero
            while u >= probability {
                u -= probability
                k += 1
                probability *= ratio * Double(n - k + 1) * tables.reciprocal(k)
                if probability == 0 { continue restart }
            }
            return k
        }
    }

    /// The constants of BTRD for one (n, p′).
    @usableFromInline
    struct BTRDConstants {
        var nd, p, q, m, r, nr, npq, b, a, c, alpha, vr, inverseVr, urvr: Double
    }

    /// BTRD (Hörmann 1993, "The generation of binomial random variates", JSCS 46), for
    /// n·p′ ≥ 30 and p′ ≤ ½.
    ///
    /// A transformed-rejection envelope built from the hat h(u) = (2a/(½ − |u|) + b)·u + c
    /// accepts most draws at once (step 1, here); the rest go to `btrdRejectionStep`.
    @usableFromInline
    internal mutating func binomialBTRD(n: Int, draws: BinomialDraws) -> Int {
        let p = draws.smallP, q = draws.smallQ
        let nd = Double(n)
        let r = draws.ratio
        let npq = nd * p * q
        let sqrtNpq = npq.squareRoot()
        let b = 1.15 + 2.53 * sqrtNpq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = nd * p + 0.5
        let inverseB = 1 / b
        let vr = 0.92 - 4.2 * inverseB
        let inverseVr = 1 / vr
        let urvr = 0.86 * vr
        while true {
            let v = nextDouble()
            if v <= urvr {
                // Step 1: the centre of the hat, always accepted.
                let u = v * inverseVr - 0.43
                let kd = ((2 * a / (0.5 - abs(u)) + b) * u + c).floorValue
                if kd >= 0 && kd <= nd { return Int(kd) }
                continue
            }
            let constants = BTRDConstants(nd: nd, p: p, q: q, m: ((nd + 1) * p).floorValue, r: r, nr: (nd + 1) * r,
                                          npq: npq, b: b, a: a, c: c, alpha: (2.83 + 5.1 * inverseB) * sqrtNpq,
                                          vr: vr, inverseVr: inverseVr, urvr: urvr)
            let (k, stream) = Self.btrdRejectionStep(constants, v: v, stream: self)
            self = stream
            if let k { return k }
        }
    }

    /// BTRD steps 2–3 for a first uniform v > u_r·v_r (about 14 % of draws): nil when the
    /// point is rejected (the caller starts again at step 1). The stream goes by value, as in
    /// `SamplerTables.normalSlowPath`, so the common path keeps it in registers.
    ///
    /// Step 3.1 evaluates f(k)/f(m) by recursion when |k − m| ≤ 15; then a squeeze; finally
    /// the exact log-ratio log f(k) − log f(m), by Loader's saddle-point form of the binomial
    /// probability instead of the paper's Stirling-corrected log-factorial sums, whose O(n)
    /// terms cancel badly for n beyond ~10⁹; the test is mathematically the same.
    @usableFromInline @inline(never)
    static func btrdRejectionStep(_ k: BTRDConstants, v first: Double, stream: RandomStream) -> (Int?, RandomStream) {
        var rng = stream
        var v = first
        // Step 2: generate (u, v) in the remaining regions of the hat.
        var u: Double
        if v >= k.vr {
            u = rng.nextDouble() - 0.5
        } else {
            u = v * k.inverseVr - 0.93
            u = (u < 0 ? -0.5 : 0.5) - u
            v = rng.nextDouble() * k.vr
        }
        // Step 3.0
        let us = 0.5 - abs(u)
        let kd = ((2 * k.a / us + k.b) * u + k.c).floorValue
        if !(kd >= 0 && kd <= k.nd) { return (nil, rng) }
        v = v * k.alpha / (k.a / (us * us) + k.b)
        let m = k.m
        let km = abs(kd - m)
        if km <= 15 {
            // Step 3.1: f(k)/f(m) by the recurrence f(i)/f(i−1) = ((n+1)r − ir)/i, with
            // numerator and denominator products kept apart so that the at most 15
            // steps need no division (both stay below (n+1)¹⁵ < 10²⁹⁰ for any Int n).
            // The products run from the lower of k and m to the higher, so their ratio is
            // f(max)/f(min).
            var numerator = 1.0
            var denominator = 1.0
            var i = min(m, kd)
            while i < max(m, kd) {
                i += 1
                numerator *= k.nr - i * k.r
                denominator *= i
            }
            // Accept if v ≤ f(k)/f(m): numerator/denominator above the mode, its inverse below
            // (at the mode both are 1).
            let accepted = kd >= m ? v * denominator <= numerator : v * numerator <= denominator
            return (accepted ? Int(kd) : nil, rng)
        }
        // Step 3.2: squeeze on log(f(k)/f(m)).
        v = log(v)
        let npq = k.npq
        let rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6) / npq + 0.5)
        let t = -km * km / (2 * npq)
        if v < t - rho { return (Int(kd), rng) }
        if v > t + rho { return (nil, rng) }
        // Steps 3.3–3.4: the exact test.
        let n = Int(k.nd)
        let logRatio = SpecialFunctions.logBinomialProbability(Int(kd), n, k.p, k.q)
            - SpecialFunctions.logBinomialProbability(Int(m), n, k.p, k.q)
        return (v <= logRatio ? Int(kd) : nil, rng)
    }
}
