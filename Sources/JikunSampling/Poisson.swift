#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// A Poisson(mean) variate, exact for every mean.
    ///
    /// Inversion by sequential search for mean < 10 (one uniform, mean + 1 steps on
    /// average); Hörmann's PTRS transformed rejection with squeeze (Hörmann 1993, as numpy)
    /// for mean ≥ 10, whose final test compares against the exact log-probability in
    /// Loader's saddle-point form, accurate for any mean.
    ///
    /// - Precondition: 0 ≤ mean ≤ 2⁶² (so the result fits in `Int`); NaN is rejected.
    public mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean <= 0x1.0p62, "poisson: mean must be in [0, 2^62], got \(mean)")
        if mean == 0 { return 0 }
        if mean < 10 { return poissonInversion(mean: mean) }
        return poissonPTRS(mean: mean)
    }

    /// Sequential-search inversion: P(0) = e^{−λ}, P(k) = P(k−1)·λ/k.
    ///
    /// If rounding leaves the uniform above the computed total mass, the search reaches
    /// probabilities that underflow to 0 and restarts (conditioning on the representable
    /// range) instead of returning a forced value.
    @usableFromInline
    internal mutating func poissonInversion(mean: Double) -> Int {
        let tables = SamplerTables.shared
        let probabilityOfZero = tables.exp(-mean)
        restart: while true {
            var u = nextDouble()
            var k = 0
            var probability = probabilityOfZero
            while u >= probability {
                u -= probability
                k += 1
                probability *= mean * tables.reciprocal(k)
                if probability == 0 { continue restart }
            }
            return k
        }
    }

    /// PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson
    /// random variables", Insurance: Mathematics and Economics 12), for mean ≥ 10.
    ///
    /// k = ⌊(2a/(½ − |u|) + b)·u + λ + 0.43⌋ with the paper's constants; the box
    /// |u| ≤ 0.43, v ≤ v_r is accepted at once (≈ 87% of draws), the thin regions are
    /// rejected by a cheap test, and the rest compare log(v·α/(a/u_s² + b)) with the exact
    /// log f(k).
    @usableFromInline
    internal mutating func poissonPTRS(mean lambda: Double) -> Int {
        let sqrtLambda = lambda.squareRoot()
        let b = 0.931 + 2.53 * sqrtLambda
        let a = -0.059 + 0.02483 * b
        let logInverseAlpha = log(1.1239 + 1.1328 / (b - 3.4))
        let vr = 0.9277 - 3.6224 / (b - 2)
        let largest = 0x1.0p63 - 1024  // below Int.max, so the conversion cannot trap
        while true {
            let u = nextDouble() - 0.5
            let v = nextDouble()
            let us = 0.5 - abs(u)
            let kd = ((2 * a / us + b) * u + lambda + 0.43).floorValue
            if us >= 0.07 && v <= vr && kd >= 0 { return Int(kd) }
            if !(kd >= 0 && kd < largest) || (us < 0.013 && v > us) { continue }
            let k = Int(kd)
            if log(v) + logInverseAlpha - log(a / (us * us) + b)
                <= SpecialFunctions.logPoissonProbability(k, lambda) {
                return k
            }
        }
    }
}
