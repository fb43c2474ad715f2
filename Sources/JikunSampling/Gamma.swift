#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// A gamma variate with the given shape and scale (mean shape·scale).
    ///
    /// Marsaglia & Tsang (2000) for shape ≥ 1; for shape < 1 the boost
    /// Gamma(a) = Gamma(a + 1)·U^{1/a}. Exact (rejection sampling).
    ///
    /// - Precondition: shape > 0 and scale > 0, both finite.
    public mutating func gamma(shape: Double, scale: Double) -> Double {
        precondition(shape > 0 && shape.isFinite, "gamma: shape must be > 0 and finite, got \(shape)")
        precondition(scale > 0 && scale.isFinite, "gamma: scale must be > 0 and finite, got \(scale)")
        return standardGamma(shape: shape) * scale
    }

    /// Gamma(shape, 1). For shape < 1 the result can underflow to 0 when the true value
    /// is below the smallest double (only for very small shapes).
    @usableFromInline
    internal mutating func standardGamma(shape a: Double) -> Double {
        if a < 1 {
            // If G ~ Gamma(a + 1) and U ~ U(0,1) independently, G·U^{1/a} ~ Gamma(a).
            let g = marsagliaTsang(shape: a + 1)
            return g * exp(log(nextOpenDouble()) / a)
        }
        return marsagliaTsang(shape: a)
    }

    /// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", a ≥ 1.
    ///
    /// With d = a − ⅓, c = 1/√(9d), X = d·(1 + cZ)³ for normal Z is accepted when
    /// log U < Z²/2 + d(1 − V + log V), V = (1 + cZ)³; the squeeze U < 1 − 0.0331 Z⁴
    /// accepts most draws without a logarithm. The exact test uses log(1+w) − w with
    /// w = V − 1 so that it stays accurate when d is huge and V is close to 1.
    @usableFromInline
    internal mutating func marsagliaTsang(shape a: Double) -> Double {
        let d = a - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var cx: Double
            repeat {
                x = standardNormal()
                cx = c * x
            } while cx <= -1
            let base = 1 + cx
            let v = base * base * base
            let u = nextOpenDouble()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            // w = (1 + cx)³ − 1 without cancellation.
            let w = cx * (3 + cx * (3 + cx))
            if log(u) < 0.5 * x2 + d * SpecialFunctions.log1pMinusX(w) { return d * v }
        }
    }

    /// Gamma(shape, 1) conditioned on X > y (y > 0), exact.
    ///
    /// - shape < 1: the density x^{a−1}e^{−x} on (y, ∞) is dominated by x^{a−1} on (y, 1]
    ///   and by e^{−x} on (max(y, 1), ∞); each piece is sampled by inversion and accepted
    ///   with probability e^{−x} or (x/max(y,1))^{a−1} respectively (Ahrens–Dieter GS
    ///   style, acceptance ≥ ~0.6 for every y).
    /// - shape = 1: y + Exp(1) (memorylessness).
    /// - shape > 1 and y < a: draw the unconditional gamma until it exceeds y (acceptance
    ///   P(X > y) ≥ P(X > a) ≥ e^{−1}).
    /// - shape > 1 and y ≥ a: proposal y + Exp(rate b) with the optimal
    ///   b = (y − a + √((y − a)² + 4y))/(2y) (Philippe 1997), accepted with probability
    ///   (x/x*)^{a−1} e^{−(1−b)(x − x*)}, x* = (a − 1)/(1 − b) the maximiser of the ratio.
    ///
    /// An accepted value that rounds to y or below (possible only when the conditional
    /// spread is below one ulp of y) is returned as the next double above y, so the
    /// result always exceeds y and the loop always ends.
    @usableFromInline
    internal mutating func standardGammaAbove(shape a: Double, threshold y: Double) -> Double {
        if !(y > 0) { return standardGamma(shape: a) }
        if a == 1 { return y - log(nextOpenDouble()) }
        if a < 1 {
            let corner = max(y, 1)
            // Envelope masses: ∫_y^1 x^{a−1} dx = (1 − y^a)/a, and ∫_c^∞ c^{a−1} e^{−x} dx.
            let oneMinusYToA = y < 1 ? -expm1(a * log(y)) : 0
            let bodyMass = oneMinusYToA / a
            let tailMass = exp((a - 1) * log(corner) - corner)
            while true {
                if nextDouble() * (bodyMass + tailMass) < bodyMass {
                    // Inversion of x^{a−1} on (y, 1]: x^a = 1 − V(1 − y^a).
                    let x = exp(log1p(-nextOpenDouble() * oneMinusYToA) / a)
                    if nextDouble() < exp(-x) { return x > y ? x : y.nextUp }
                } else {
                    let x = corner - log(nextOpenDouble())
                    if nextDouble() < exp((a - 1) * log(x / corner)) { return x > y ? x : y.nextUp }
                }
            }
        }
        if y < a {
            while true {
                let x = marsagliaTsang(shape: a)
                if x > y { return x }
            }
        }
        // With D = √((y − a)² + 4y): b = (y − a + D)/(2y), and since (y + a)² − D² = 4y(a − 1),
        // 1 − b = 2(a − 1)/(y + a + D) and x* = (a − 1)/(1 − b) = (y + a + D)/2, both free of
        // cancellation (1 − b is far below 1e−16 for thresholds far in the tail). D is
        // formed as gap·√(1 + 4y/gap²) when gap > 1 so that it cannot overflow.
        let gap = y - a
        let d = gap > 1 ? gap * (1 + 4 * y / (gap * gap)).squareRoot() : (gap * gap + 4 * y).squareRoot()
        let half = 0.5 * y + 0.5 * (a + d)  // (y + a + D)/2 without overflow
        let oneMinusB = (a - 1) / half
        let b = 1 - oneMinusB
        let peak = max(y, half)
        while true {
            let x = y - log(nextOpenDouble()) / b
            let logRatio = (a - 1) * log(x / peak) - oneMinusB * (x - peak)
            if log(nextOpenDouble()) <= logRatio { return x > y ? x : y.nextUp }
        }
    }
}
