#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Log-gamma, the regularised incomplete gamma functions and their inverses.
///
/// Written here rather than taken from libm because glibc's `lgamma` writes the global
/// `signgam` (a data race when trials run in parallel) and libm has no incomplete gamma.
/// Accuracy targets are a few ulps in relative terms for P and Q in the tail that each
/// computes directly (P below the mean, Q above it).
public enum SpecialFunctions {
    /// ½ log(2π).
    @usableFromInline static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    /// log Γ(x) for x > 0.
    ///
    /// For x ≥ 10 the Stirling series (x − ½) log x − x + ½ log 2π + Σ B₂ₖ / (2k(2k−1) x²ᵏ⁻¹)
    /// with eight terms (truncation error below 2e−18 at x = 10); smaller x are shifted up
    /// with Γ(x) = Γ(x + n) / (x (x+1) ⋯ (x+n−1)). Absolute error about 1e−15.
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma needs x > 0, got \(x)")
        if x >= 10 { return (x - 0.5) * log(x) - x + halfLogTwoPi + stirlingSeries(x) }
        if x.isInfinite { return .infinity }
        var product = 1.0
        var y = x
        while y < 10 {
            product *= y
            y += 1
        }
        return (y - 0.5) * log(y) - y + halfLogTwoPi + stirlingSeries(y) - log(product)
    }

    /// The tail of Stirling's series, log Γ(x) − [(x − ½) log x − x + ½ log 2π], for x ≥ 10.
    @usableFromInline
    static func stirlingSeries(_ x: Double) -> Double {
        let r = 1 / x
        let r2 = r * r
        // Coefficients B₂ₖ / (2k (2k − 1)) for k = 1…8.
        let c1 = 1.0 / 12, c2 = -1.0 / 360, c3 = 1.0 / 1260, c4 = -1.0 / 1680
        let c5 = 1.0 / 1188, c6 = -691.0 / 360_360, c7 = 1.0 / 156, c8 = -3617.0 / 122_400
        return r * (c1 + r2 * (c2 + r2 * (c3 + r2 * (c4 + r2 * (c5 + r2 * (c6 + r2 * (c7 + r2 * c8)))))))
    }

    /// Stirling's error δ(x) = log Γ(x + 1) − [(x + ½) log x − x + ½ log 2π], for x > 0.
    ///
    /// Equal to the Stirling series at x (since log Γ(x + 1) = log Γ(x) + log x); used in
    /// the saddle-point forms of the binomial and Poisson probabilities (Loader 2000).
    /// Below 10 it recurs upwards with δ(x) = δ(x + 1) + (x + ½) log(1 + 1/x) − 1, whose
    /// steps are small and lose only ~1e−16 each, instead of cancelling O(x log x) terms.
    @usableFromInline
    static func stirlingError(_ x: Double) -> Double {
        if x >= 10 { return stirlingSeries(x) }
        var y = x
        var correction = 0.0
        while y < 10 {
            correction += (y + 0.5) * log1p(1 / y) - 1
            y += 1
        }
        return stirlingSeries(y) + correction
    }

    /// log(1 + d) − d for d > −1, without cancellation near 0.
    ///
    /// For |d| ≤ ½ uses y = d / (2 + d) and log(1 + d) = 2 atanh y = 2(y + y³/3 + y⁵/5 + …),
    /// so log(1 + d) − d = −d·y + 2(y³/3 + y⁵/5 + …), both terms of order d² with no
    /// cancellation (|y| ≤ ⅓, at most ~17 terms).
    @usableFromInline
    static func log1pMinusX(_ d: Double) -> Double {
        if !(abs(d) <= 0.5) { return log1p(d) - d }
        let y = d / (2 + d)
        let y2 = y * y
        var power = y2 * y
        var sum = 0.0
        var k = 3.0
        while true {
            let next = sum + power / k
            if next == sum { break }
            sum = next
            power *= y2
            k += 2
        }
        return -d * y + 2 * sum
    }

    /// The deviance term bd0(x, M) = x log(x / M) + M − x ≥ 0 (Loader 2000), for x ≥ 0, M > 0.
    ///
    /// Near x = M it uses v = (x − M)/(x + M): bd0 = (x − M) v + 2x Σ_{j≥1} v²ʲ⁺¹/(2j + 1),
    /// which stays accurate in relative terms where the direct formula cancels.
    @usableFromInline
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if x == 0 { return m }
        let diff = x - m
        if abs(diff) < 0.1 * (x + m) {
            let v = diff / (x + m)
            let v2 = v * v
            var sum = diff * v
            var term = 2 * x * v
            var j = 1.0
            while true {
                term *= v2
                let next = sum + term / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
        }
        return x * log(x / m) + m - x
    }

    /// log of the binomial probability C(n, k) pᵏ qⁿ⁻ᵏ, with q = 1 − p passed separately.
    ///
    /// Saddle-point form (Loader 2000): for 0 < k < n,
    /// log f = δ(n) − δ(k) − δ(n−k) − bd0(k, np) − bd0(n−k, nq) + ½ log(n / (2π k (n−k))),
    /// accurate to a few ulps of the result even for n near 2⁵³ (no cancellation of
    /// O(n) terms, unlike sums of log-factorials).
    @usableFromInline
    static func logBinomialProbability(_ k: Int, _ n: Int, _ p: Double, _ q: Double) -> Double {
        if k == 0 { return Double(n) * (q < 0.5 ? log(q) : log1p(-p)) }
        if k == n { return Double(n) * (p < 0.5 ? log(p) : log1p(-q)) }
        let nd = Double(n), kd = Double(k), rest = Double(n - k)
        return stirlingError(nd) - stirlingError(kd) - stirlingError(rest)
            - deviance(kd, nd * p) - deviance(rest, nd * q)
            + 0.5 * log(nd / (2 * Double.pi * kd * rest))
    }

    /// log of the Poisson probability e^{−λ} λᵏ / k!, in the saddle-point form
    /// −bd0(k, λ) − ½ log(2πk) − δ(k) (Loader 2000), accurate for any λ.
    @usableFromInline
    static func logPoissonProbability(_ k: Int, _ lambda: Double) -> Double {
        if k == 0 { return -lambda }
        let kd = Double(k)
        return -deviance(kd, lambda) - 0.5 * log(2 * Double.pi * kd) - stirlingError(kd)
    }

    /// log(xᵃ e⁻ˣ / Γ(a + 1)), the common factor of the series and continued fraction.
    ///
    /// For a ≥ 10 it is a·[log(1 + d) − d] − ½ log(2πa) − δ(a) with d = (x − a)/a, which
    /// avoids cancelling the O(a) terms a log x, x and log Γ(a + 1) against each other. Below
    /// x = a/2 the bracket is taken as log(x/a) − (x − a)/a: 1 + d would lose the digits of a
    /// tiny x/a (P(30, 1.2e−9) = 1e−300 came out 1e−4 off).
    @usableFromInline
    static func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
        if a < 10 { return a * log(x) - x - logGamma(a + 1) }
        let bracket = x < 0.5 * a ? log(x / a) - (x - a) / a : log1pMinusX((x - a) / a)
        return a * bracket - 0.5 * log(2 * Double.pi * a) - stirlingError(a)
    }

    /// The regularised incomplete gamma functions (P(a, x), Q(a, x)), a > 0, x ≥ 0.
    ///
    /// P(a, x) = γ(a, x)/Γ(a) by its power series for x < a + 1, where P is the smaller
    /// side and Q = 1 − P; otherwise Q by Legendre's continued fraction evaluated with the
    /// modified Lentz method, and P = 1 − Q. Each directly computed side is accurate in
    /// relative terms (so tiny tail probabilities keep their precision).
    public static func regularizedGamma(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
        precondition(a > 0, "regularizedGamma needs a > 0, got \(a)")
        if x.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let logPrefactor = logGammaPrefactor(a, x)
        if x < a + 1 {
            // P = xᵃe⁻ˣ/Γ(a+1) · Σ_{n≥0} xⁿ / ((a+1)(a+2)⋯(a+n)); the terms decrease since x < a + 1.
            var sum = 1.0
            var term = 1.0
            var denominator = a
            while true {
                denominator += 1
                term *= x / denominator
                let next = sum + term
                if next == sum { break }
                sum = next
            }
            let p = exp(logPrefactor) * sum
            return (p, 1 - p)
        }
        // Q = xᵃe⁻ˣ/Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ⋯))), and xᵃe⁻ˣ/Γ(a) = a·prefactor.
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 1e-16 { break }
            i += 1
        }
        let q = exp(logPrefactor + log(a)) * h
        return (1 - q, q)
    }

    /// P(a, x), the regularised lower incomplete gamma function (the Gamma(a, 1) CDF at x).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        regularizedGamma(a, x).p
    }

    /// Q(a, x) = 1 − P(a, x), the Gamma(a, 1) survival function at x.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        regularizedGamma(a, x).q
    }

    /// The x with P(a, x) = p, for p in (0, 1).
    public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        inverseRegularizedGamma(a, target: p, upper: false)
    }

    /// The x with Q(a, x) = q, for q in (0, 1); accurate for tiny q (deep upper tail).
    public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
        inverseRegularizedGamma(a, target: q, upper: true)
    }

    /// Solves P(a, x) = target (or Q(a, x) = target when `upper`) by safeguarded Halley steps.
    ///
    /// The start is Wilson–Hilferty for a > 1 (with an accurate normal quantile; its error is
    /// O(1/a), so large shapes start within a few Halley steps of the root) or the small-shape
    /// approximations of Numerical Recipes §6.2.1 for a ≤ 1. Each iteration keeps a bracket
    /// [lo, hi] around the root. While the computed side is more than a factor 2 from the
    /// target, Newton steps on its logarithm cross the tail in a few steps; near the root
    /// Halley's step is taken while its correction factor is reliable (|u·f''/f'| ≤ 1),
    /// Newton's otherwise, and bisection (or doubling) whenever
    /// the step leaves the bracket, so it always converges. It stops when the step is below
    /// 1e−15 relative, which includes a step too small to change x: near the root of a large
    /// shape the residual is rounding noise, and bisecting on its sign would throw the
    /// iterate out of the bracket's good end. The function compared is the side computed
    /// directly, so tiny targets keep their relative accuracy.
    static func inverseRegularizedGamma(_ a: Double, target: Double, upper: Bool) -> Double {
        precondition(a > 0, "inverse incomplete gamma needs a > 0, got \(a)")
        if target.isNaN || target < 0 || target > 1 { return .nan }
        if target == 0 { return upper ? .infinity : 0 }
        if target == 1 { return upper ? 0 : .infinity }
        // Starting point.
        var x: Double
        if a > 1 {
            let z = upper ? NormalDistribution.upperQuantile(target) : NormalDistribution.quantile(target)
            let w = 1 - 1 / (9 * a) + z / (3 * a.squareRoot())
            x = a * w * w * w
            if !(x > 0) { x = 1e-3 * a }
        } else {
            let t = 1 - a * (0.253 + a * 0.12)
            let lowerProbability = upper ? 1 - target : target
            if !upper && target < t || upper && target > 1 - t {
                x = pow(lowerProbability / t, 1 / a)
            } else {
                let upperProbability = upper ? target : 1 - target
                x = 1 - log(upperProbability / (1 - t))
            }
            if !(x > 0) { x = Double.leastNormalMagnitude }
        }
        var lo = 0.0
        var hi = Double.infinity
        let logGammaA = logGamma(a)
        for _ in 0..<200 {
            let (p, q) = regularizedGamma(a, x)
            // f is increasing in x in both cases.
            let f = upper ? target - q : p - target
            if f == 0 { return x }
            if f < 0 { lo = x } else { hi = x }
            let density = exp((a - 1) * log(x) - x - logGammaA)
            var next = Double.nan
            let side = upper ? q : p
            if density > 0 && density.isFinite && side > 0 && (side > 2 * target || side < 0.5 * target) {
                // Far out in a tail f is flat (it changes by a factor, not an amount, per step):
                // Newton on log(side/target) there, in log x for the lower side (P ∝ xᵃ) and
                // in x for the upper (Q ∝ e⁻ˣ), which keeps the step positive.
                let g = log(side / target)
                next = upper ? x + g * q / density : x * exp(-g * p / (density * x))
            } else if density > 0 && density.isFinite {
                let u = f / density
                // Halley: f''/f' = (a − 1)/x − 1 for the gamma density. Far from the root
                // (|u·f''/f'| > 1) its correction only shrinks the step: take Newton's.
                let uh = u * ((a - 1) / x - 1)
                next = abs(uh) <= 1 ? x - u / (1 - 0.5 * uh) : x - u
                if abs(next - x) <= 1e-15 * max(abs(x), Double.leastNormalMagnitude) { return next }
            }
            if !(next > lo && next < hi) {
                next = hi.isFinite ? 0.5 * (lo + hi) : max(2 * x, x + 1)
            }
            if hi.isFinite && hi - lo <= 4 * Double.ulpOfOne * hi { return 0.5 * (lo + hi) }
            x = next
        }
        return x
    }
}
