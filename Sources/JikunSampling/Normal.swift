#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// A standard normal variate by the ziggurat method (see `SamplerTables.standardNormal(using:)`).
    @inlinable
    public mutating func standardNormal() -> Double {
        SamplerTables.shared.standardNormal(using: &self)
    }

    /// A normal variate with the given mean and standard deviation: mean + sd·Z.
    ///
    /// - Precondition: sd ≥ 0 and finite.
    @inlinable
    public mutating func normal(mean: Double, sd: Double) -> Double {
        precondition(sd >= 0 && sd.isFinite, "normal: sd must be >= 0 and finite")
        return mean + sd * standardNormal()
    }

    /// An exponential variate with the given rate: E/rate with E a ziggurat standard exponential.
    ///
    /// - Precondition: rate > 0 and finite.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        precondition(rate > 0 && rate.isFinite, "exponential: rate must be > 0 and finite")
        return standardExponential() / rate
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

extension RandomStream {
    /// A standard normal variate conditioned on Z > z (a one-sided truncated normal), exact.
    /// See `NormalTail` for the method; a loop drawing many variates above the same z should
    /// build one `NormalTail` and call its `sample(using:)`.
    ///
    /// - Precondition: z is not NaN and not +∞.
    public mutating func standardNormal(above z: Double) -> Double {
        NormalTail(above: z).sample(using: &self)
    }
}

/// Z | Z > z for a standard normal Z, with the constants of the method computed once.
///
/// - z < 0: draw Z until Z > z (acceptance ≥ ½).
/// - z ≥ 0: Robert (1995): x = z + E/α with E a ziggurat exponential and
///   α = (z + √(z² + 4))/2, accepted with probability exp(−(x − α)²/2), i.e. when a second
///   exponential E′ has 2E′ ≥ (x − α)² (acceptance ≥ 0.76 at z = 0, tending to 1). Works at
///   any depth in the tail — no tail probability is ever formed, so nothing underflows. Where
///   the conditional spread (≈ 1/z) is below one ulp of z, a draw that rounds to z is returned
///   as the next double above z.
public struct NormalTail: Sendable {
    public let z: Double
    /// Robert's rate α and 1/α (unused for z < 0).
    @usableFromInline let alpha: Double
    @usableFromInline let inverseAlpha: Double

    /// - Precondition: z is not NaN and not +∞.
    public init(above z: Double) {
        precondition(!z.isNaN && z < .infinity, "standardNormal(above:) needs z < +inf, got \(z)")
        self.z = z
        // α = (z + √(z² + 4))/2 ≥ z; for z ≥ 1 written as z + 2/(z + z·√(1 + 4/z²)), which
        // neither cancels nor overflows for huge z.
        if z >= 1 {
            alpha = z + 2 / (z + z * (1 + 4 / (z * z)).squareRoot())
        } else {
            alpha = z >= 0 ? (z + (z * z + 4).squareRoot()) / 2 : 1
        }
        inverseAlpha = 1 / alpha
    }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        sample(using: &rng, tables: .shared)
    }

    /// A draw, with the ziggurat tables already fetched (for hot loops).
    @inlinable @inline(__always)
    public func sample(using rng: inout RandomStream, tables: SamplerTables) -> Double {
        if z < 0 {
            while true {
                let x = tables.standardNormal(using: &rng)
                if x > z { return x }
            }
        }
        while true {
            let x = z + tables.standardExponential(using: &rng) * inverseAlpha
            let e = tables.standardExponential(using: &rng)
            let d = x - alpha
            if e + e >= d * d { return x > z ? x : z.nextUp }
        }
    }
}
