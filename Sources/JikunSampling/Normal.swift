#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// A standard normal variate by the ziggurat method (Marsaglia & Tsang 2000), 256 layers.
    ///
    /// One 64-bit draw gives the layer (8 bits), the sign (1 bit) and the abscissa
    /// (52 bits). The area under exp(−x²/2) on x ≥ 0 is covered by 255 rectangles and a base
    /// strip of equal area v; a point inside the curve in ~99% of draws is accepted with one
    /// comparison. Otherwise the wedge is tested against the density exactly, or the tail
    /// x > r is sampled exactly by Marsaglia's exponential rejection. The method is exact:
    /// accepted points are uniform under the density, so no approximation is involved beyond
    /// the 2⁻⁵² grid of the abscissa.
    @inlinable
    public mutating func standardNormal() -> Double {
        let table = Ziggurat.normal
        while true {
            let bits = next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let mantissa = bits >> 12
            let x = Double(mantissa) * table.width[layer]
            let negative = bits & 0x100 != 0
            if mantissa < table.accept[layer] {
                return negative ? -x : x
            }
            if let value = zigguratNormalSlowPath(layer: layer, x: x) {
                return negative ? -value : value
            }
        }
    }

    /// The wedge and tail tests of the normal ziggurat; nil means "reject and start again".
    @usableFromInline
    internal mutating func zigguratNormalSlowPath(layer: Int, x: Double) -> Double? {
        let table = Ziggurat.normal
        if layer == 0 {
            // Base strip beyond r: the tail, by Marsaglia's method. With E₁, E₂ exponential,
            // x = E₁/r is accepted when 2E₂ > x², giving r + x distributed as Z | Z > r.
            while true {
                let e1 = -log(nextOpenDouble()) * table.inverseR
                let e2 = -log(nextOpenDouble())
                if e2 + e2 > e1 * e1 { return table.r + e1 }
            }
        }
        // Wedge: y uniform between f(x_i) and f(x_{i−1}); accept if under the density.
        let y = table.height[layer] + nextDouble() * (table.height[layer - 1] - table.height[layer])
        if y < exp(-0.5 * x * x) { return x }
        return nil
    }

    /// A normal variate with the given mean and standard deviation: mean + sd·Z.
    ///
    /// - Precondition: sd ≥ 0 and finite.
    @inlinable
    public mutating func normal(mean: Double, sd: Double) -> Double {
        precondition(sd >= 0 && sd.isFinite, "normal: sd must be >= 0 and finite")
        return mean + sd * standardNormal()
    }

    /// An exponential variate with the given rate: −log(U)/rate with U uniform on (0, 1).
    ///
    /// Inversion of S(x) = e^{−rate·x}; exact, and U is never 0 so the result is finite.
    ///
    /// - Precondition: rate > 0 and finite.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        precondition(rate > 0 && rate.isFinite, "exponential: rate must be > 0 and finite")
        return -log(nextOpenDouble()) / rate
    }

    /// A lognormal variate exp(μ + σZ).
    ///
    /// - Precondition: sigma ≥ 0 and finite.
    @inlinable
    public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        precondition(sigma >= 0 && sigma.isFinite, "lognormal: sigma must be >= 0 and finite")
        return exp(mu + sigma * standardNormal())
    }
}

/// Precomputed ziggurat tables.
@usableFromInline
internal enum Ziggurat {
    /// Tables for the standard normal, built once on first use.
    @usableFromInline static let normal = NormalTables()

    /// The 256-layer normal ziggurat (layout as Marsaglia & Tsang, indices 0…255).
    ///
    /// With f(x) = exp(−x²/2), x₂₅₅ = r and the layers are x_{i−1} = f⁻¹(f(x_i) + v/x_i)
    /// down to x₀ = 0, each rectangle [0, x_i] × [f(x_i), f(x_{i−1})] of area v; layer 0
    /// is the base strip [0, r] × [0, f(r)] plus the tail, of area v = r f(r) + ∫_r^∞ f,
    /// treated as a rectangle of width v/f(r). The value of r (≈ 3.6541528853610088) is
    /// solved here by bisection so that the top layer closes exactly at f = 1; the tables are
    /// then consistent to rounding error, which keeps the layers equiprobable.
    ///
    /// The tables live in never-freed, never-mutated buffers so that reading them in the hot
    /// loop costs no reference counting (hence `@unchecked Sendable`: they are immutable once
    /// built, and built once under the global's lazy initialisation lock).
    @usableFromInline
    internal struct NormalTables: @unchecked Sendable {
        /// x_i / 2⁵²: multiplies the 52-bit abscissa.
        @usableFromInline let width: UnsafePointer<Double>
        /// ⌊x_{i−1}/x_i · 2⁵²⌋: mantissas below this are inside the curve for sure.
        @usableFromInline let accept: UnsafePointer<UInt64>
        /// f(x_i), with f(x₀) = 1 at index 0 (index 0 is also the base strip's own row).
        @usableFromInline let height: UnsafePointer<Double>
        /// The start of the tail, r = x₂₅₅.
        @usableFromInline let r: Double
        @usableFromInline let inverseR: Double

        init() {
            let layers = 256
            func f(_ x: Double) -> Double { exp(-0.5 * x * x) }
            func area(_ r: Double) -> Double {
                r * f(r) + (Double.pi / 2).squareRoot() * erfc(r * 0.707_106_781_186_547_524_4)
            }
            /// Runs the recursion from r and returns the residual f(x₀) − 1 of the top layer
            /// (NaN when it closed too early, i.e. r too small).
            func residual(_ r: Double) -> Double {
                let v = area(r)
                var x = r
                for _ in 1..<(layers - 1) {
                    let y = v / x + f(x)
                    if y >= 1 { return .nan }
                    x = (-2 * log(y)).squareRoot()
                }
                return v / x + f(x) - 1
            }
            var lo = 3.6, hi = 3.7
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if mid <= lo || mid >= hi { break }
                let g = residual(mid)
                if g.isNaN || g > 0 { lo = mid } else { hi = mid }
            }
            let r = hi
            let v = area(r)
            var x = [Double](repeating: 0, count: layers)  // x[i] for i = 0…255, x[0] = 0
            x[layers - 1] = r
            for i in stride(from: layers - 2, through: 1, by: -1) {
                let y = min(v / x[i + 1] + f(x[i + 1]), 1)
                x[i] = (-2 * log(y)).squareRoot()
            }
            x[0] = 0
            let scale = 0x1.0p52
            let width = UnsafeMutablePointer<Double>.allocate(capacity: layers)
            let accept = UnsafeMutablePointer<UInt64>.allocate(capacity: layers)
            let height = UnsafeMutablePointer<Double>.allocate(capacity: layers)
            let baseWidth = v / f(r)
            width[0] = baseWidth / scale
            accept[0] = UInt64((r / baseWidth) * scale)
            height[0] = 1
            for i in 1..<layers {
                width[i] = x[i] / scale
                accept[i] = UInt64((x[i - 1] / x[i]) * scale)
                height[i] = f(x[i])
            }
            self.width = UnsafePointer(width)
            self.accept = UnsafePointer(accept)
            self.height = UnsafePointer(height)
            self.r = r
            self.inverseR = 1 / r
        }
    }
}

extension RandomStream {
    /// A standard normal variate conditioned on Z > z (a one-sided truncated normal), exact.
    ///
    /// - z < 0: draw Z until Z > z (acceptance ≥ ½).
    /// - 0 ≤ z < 1: draw |Z| until |Z| > z; for z ≥ 0, |Z| given |Z| > z has the law of
    ///   Z given Z > z (acceptance 2(1 − Φ(z)) ≥ 0.317).
    /// - z ≥ 1: Robert (1995): x = z + E/α with E exponential and
    ///   α = (z + √(z² + 4))/2, accepted with probability exp(−(x − α)²/2)
    ///   (acceptance ≥ 0.87 and tending to 1). Works at any depth in the tail — no
    ///   tail probability is ever formed, so nothing underflows. Where the conditional
    ///   spread (≈ 1/z) is below one ulp of z, a draw that rounds to z is returned as the
    ///   next double above z.
    ///
    /// - Precondition: z is not NaN and not +∞.
    public mutating func standardNormal(above z: Double) -> Double {
        precondition(!z.isNaN && z < .infinity, "standardNormal(above:) needs z < +inf, got \(z)")
        if z < 0 {
            while true {
                let x = standardNormal()
                if x > z { return x }
            }
        }
        if z < 1 {
            while true {
                let x = abs(standardNormal())
                if x > z { return x }
            }
        }
        // α = (z + √(z² + 4))/2 ≥ z, written as z + 2/(z + √(z² + 4)) with the square root
        // taken as z·√(1 + 4/z²) so that it neither cancels nor overflows for huge z.
        let alpha = z + 2 / (z + z * (1 + 4 / (z * z)).squareRoot())
        while true {
            let x = z - log(nextOpenDouble()) / alpha
            let e = -log(nextOpenDouble())
            let d = x - alpha
            if e + e >= d * d { return x > z ? x : z.nextUp }
        }
    }
}
