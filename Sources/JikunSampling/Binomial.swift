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
    /// search when n·p′ < 10, otherwise Hörmann's BTRD (transformed rejection with
    /// decomposition, Hörmann 1993). Never a normal approximation.
    ///
    /// - Precondition: n ≥ 0 and 0 ≤ p ≤ 1 (NaN is rejected).
    public mutating func binomial(n: Int, p: Double) -> Int {
        precondition(n >= 0, "binomial: n must be >= 0, got \(n)")
        precondition(p >= 0 && p <= 1, "binomial: p must be in [0, 1], got \(p)")
        if n == 0 || p == 0 { return 0 }
        if p == 1 { return n }
        if p <= 0.5 {
            return binomialSmallP(n: n, p: p, q: 1 - p)
        }
        // 1 − p is exact for p ≥ ½ (Sterbenz), so the mirrored draw uses the exact complement.
        return n - binomialSmallP(n: n, p: 1 - p, q: p)
    }

    /// binomial(n, p) for 0 < p ≤ ½, with q = 1 − p supplied by the caller.
    @usableFromInline
    internal mutating func binomialSmallP(n: Int, p: Double, q: Double) -> Int {
        if Double(n) * p < 10 {
            return binomialInversion(n: n, p: p, q: q)
        }
        return binomialBTRD(n: n, p: p, q: q)
    }

    /// Inversion by sequential search from 0: P(0) = qⁿ, P(k) = P(k−1)·(n−k+1)p/(kq).
    ///
    /// Expected cost n·p + 1 < 11 steps, each a few multiplications (1/k from a table). If
    /// rounding leaves the uniform above the computed total mass (probability ~1e−16), the
    /// search runs past the point where the probabilities underflow to 0 and the draw
    /// restarts, i.e. it conditions on the representable range, so no value is ever forced.
    @usableFromInline
    internal mutating func binomialInversion(n: Int, p: Double, q: Double) -> Int {
        let tables = SamplerTables.shared
        let probabilityOfZero = tables.exp(Double(n) * log1p(-p))
        let ratio = p / q
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

    /// BTRD (Hörmann 1993, "The generation of binomial random variates", JSCS 46), for
    /// n·p ≥ 10 and p ≤ ½.
    ///
    /// A transformed-rejection envelope built from the hat h(u) = (2a/(½ − |u|) + b)·u + c
    /// accepts most draws at once (step 1); the rest go through a recursive evaluation of
    /// f(k)/f(m) when |k − m| ≤ 15, a squeeze, and finally the exact log-ratio
    /// log f(k) − log f(m). That last test uses Loader's saddle-point form of the binomial
    /// probability instead of the paper's Stirling-corrected log-factorial sums, whose O(n)
    /// terms cancel badly for n beyond ~10⁹; the test is mathematically the same.
    @usableFromInline
    internal mutating func binomialBTRD(n: Int, p: Double, q: Double) -> Int {
        let nd = Double(n)
        let m = ((nd + 1) * p).floorValue  // the mode
        let r = p / q
        let nr = (nd + 1) * r
        let npq = nd * p * q
        let sqrtNpq = npq.squareRoot()
        let b = 1.15 + 2.53 * sqrtNpq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = nd * p + 0.5
        let inverseB = 1 / b
        let alpha = (2.83 + 5.1 * inverseB) * sqrtNpq
        let vr = 0.92 - 4.2 * inverseB
        let inverseVr = 1 / vr
        let urvr = 0.86 * vr
        var logProbabilityAtMode = Double.nan
        while true {
            var v = nextDouble()
            if v <= urvr {
                // Step 1: the centre of the hat, always accepted.
                let u = v * inverseVr - 0.43
                let kd = ((2 * a / (0.5 - abs(u)) + b) * u + c).floorValue
                if kd >= 0 && kd <= nd { return Int(kd) }
                continue
            }
            // Step 2: generate (u, v) in the remaining regions of the hat.
            var u: Double
            if v >= vr {
                u = nextDouble() - 0.5
            } else {
                u = v * inverseVr - 0.93
                u = (u < 0 ? -0.5 : 0.5) - u
                v = nextDouble() * vr
            }
            // Step 3.0
            let us = 0.5 - abs(u)
            let kd = ((2 * a / us + b) * u + c).floorValue
            if !(kd >= 0 && kd <= nd) { continue }
            v = v * alpha / (a / (us * us) + b)
            let km = abs(kd - m)
            if km <= 15 {
                // Step 3.1: f(k)/f(m) by the recurrence f(i)/f(i−1) = ((n+1)r − ir)/i, with
                // numerator and denominator products kept apart so that the at most 15
                // steps need no division (both stay below (n+1)¹⁵ < 10²⁹⁰ for any Int n).
                var numerator = 1.0
                var denominator = 1.0
                if m < kd {
                    var i = m
                    repeat {
                        i += 1
                        numerator *= nr - i * r
                        denominator *= i
                    } while i < kd
                    // Accept if v ≤ f(k)/f(m) = numerator/denominator.
                    if v * denominator <= numerator { return Int(kd) }
                } else if m > kd {
                    var i = kd
                    repeat {
                        i += 1
                        numerator *= nr - i * r
                        denominator *= i
                    } while i < m
                    // Accept if v ≤ f(k)/f(m) = denominator/numerator.
                    if v * numerator <= denominator { return Int(kd) }
                } else if v <= 1 {
                    return Int(kd)
                }
                continue
            }
            // Step 3.2: squeeze on log(f(k)/f(m)).
            v = log(v)
            let rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6) / npq + 0.5)
            let t = -km * km / (2 * npq)
            if v < t - rho { return Int(kd) }
            if v > t + rho { continue }
            // Steps 3.3–3.4: the exact test.
            if logProbabilityAtMode.isNaN {
                logProbabilityAtMode = SpecialFunctions.logBinomialProbability(Int(m), n, p, q)
            }
            let k = Int(kd)
            if v <= SpecialFunctions.logBinomialProbability(k, n, p, q) - logProbabilityAtMode {
                return k
            }
        }
    }
}
