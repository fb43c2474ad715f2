#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's exp (a file-scope name, since `SamplerTables.exp` shadows it inside the type).
@usableFromInline func systemExp(_ x: Double) -> Double { exp(x) }

/// The precomputed tables of the hot samplers: the ziggurats (Marsaglia & Tsang 2000, 256
/// layers) for the standard normal and the standard exponential, and a table-driven `exp`.
///
/// `RandomStream.standardNormal()` and `standardExponential()` go through `SamplerTables.shared`.
/// A hot loop fetches `let tables = SamplerTables.shared` once and draws with
/// `tables.standardNormal(using:)`, so it does not touch the lazily initialised global (a
/// call and a check) on every draw.
public struct SamplerTables: @unchecked Sendable {
    public static let shared = SamplerTables()
    @usableFromInline let normal: ZigguratLayers
    @usableFromInline let exponential: ZigguratLayers
    /// 2^(j/128), j = 0…127, for `exp`, and 1/k, k = 0…127 (k = 0 unused), for the inversion
    /// samplers (never freed or mutated, hence `@unchecked Sendable`).
    @usableFromInline let powersOfTwo: UnsafePointer<Double>
    @usableFromInline let reciprocals: UnsafePointer<Double>

    init() {
        normal = .normal()
        exponential = .exponential()
        let powers = UnsafeMutablePointer<Double>.allocate(capacity: 128)
        for j in 0..<128 { powers[j] = exp2(Double(j) / 128) }
        powersOfTwo = UnsafePointer(powers)
        let inverses = UnsafeMutablePointer<Double>.allocate(capacity: 128)
        for k in 0..<128 { inverses[k] = k == 0 ? .infinity : 1 / Double(k) }
        reciprocals = UnsafePointer(inverses)
    }

    /// 1/k (correctly rounded) for k ≥ 1, from the table below 128.
    @inlinable @inline(__always)
    public func reciprocal(_ k: Int) -> Double {
        k < 128 ? reciprocals[k] : 1 / Double(k)
    }

    /// e^x without a library call, within about one ulp of the correctly rounded value (the
    /// tests compare it with the system `exp`), for the claim sizes of the hot loops.
    ///
    /// x = (128e + j)·ln2/128 + r with |r| ≤ ln2/256, so e^x = 2^e · 2^(j/128) · e^r; e^r by
    /// its Taylor polynomial to r⁵ (remainder below 6e−19). ln2/128 is split into a 32-bit
    /// head, whose product with the integer is exact, and a tail. Beyond |x| ≥ 708 (overflow,
    /// subnormal results) and for NaN it defers to the system `exp`.
    @inlinable @inline(__always)
    public func exp(_ x: Double) -> Double {
        guard abs(x) < 708 else { return systemExp(x) }
        return expInRange(x)
    }

    /// `exp` for |x| < 708, without a branch: k = round(x·128/ln2) is read from the bits of
    /// x·128/ln2 + 1.5·2⁵² (ties to even), so no conversion instruction is needed either.
    @inlinable @inline(__always)
    func expInRange(_ x: Double) -> Double {
        let shift = 0x1.8p52
        let shifted = x * 0x1.71547652b82fep7 + shift
        let kd = shifted - shift
        let k = UInt64(bitPattern: Int64(bitPattern: shifted.bitPattern) &- Int64(bitPattern: shift.bitPattern))
        let r = (x - kd * 0x1.62e42fee00000p-8) - kd * 0x1.a39ef35793c76p-40
        // 2^⌊k/128⌋ by its exponent bits; k + 1023·128 > 0 for x > −708, so a logical shift divides.
        let scale = Double(bitPattern: ((k &+ 1023 * 128) >> 7) << 52) * powersOfTwo[Int(k & 127)]
        let polynomial = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120))))
        return scale + scale * polynomial
    }

    /// e^x of every element, in place: when all are within |x| < 708 (the usual case) the loop
    /// has no branch, so the processor overlaps the elements freely.
    @inlinable @inline(__always)
    public func expInPlace(_ values: UnsafeMutableBufferPointer<Double>) {
        expInPlace(values) { $0 }
    }

    /// `transform(e^x)` of every element, in place, in the same pass.
    @inlinable @inline(__always)
    public func expInPlace(_ values: UnsafeMutableBufferPointer<Double>, then transform: (Double) -> Double) {
        // The largest |x| by bit pattern: NaN and ±∞ order above every finite value, so they
        // send the batch to the checked path.
        var largest: UInt64 = 0
        for x in values { largest = max(largest, x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF) }
        if Double(bitPattern: largest) < 708 {
            for i in values.indices { values[i] = transform(expInRange(values[i])) }
        } else {
            for i in values.indices { values[i] = transform(exp(values[i])) }
        }
    }

    /// A standard normal variate.
    ///
    /// One 64-bit draw gives the layer (8 bits), the sign (1 bit) and the abscissa
    /// (52 bits). The area under exp(−x²/2) on x ≥ 0 is covered by 255 rectangles and a base
    /// strip of equal area v; a point inside the curve in ~99% of draws is accepted with one
    /// comparison. Otherwise the wedge is tested against the density exactly, or the tail
    /// x > r is sampled exactly by Marsaglia's exponential rejection. The method is exact:
    /// accepted points are uniform under the density, so no approximation is involved beyond
    /// the 2⁻⁵² grid of the abscissa.
    @inlinable @inline(__always)
    public func standardNormal(using rng: inout RandomStream) -> Double {
        let table = normal
        while true {
            let bits = rng.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let mantissa = bits >> 12
            let x = Double(mantissa) * table.width[layer]
            // Bit 8 is the sign, moved into the sign bit without a branch (it is a coin flip,
            // which a branch would mispredict half the time).
            let sign = (bits & 0x100) << 55
            if mantissa < table.accept[layer] {
                return Double(bitPattern: x.bitPattern | sign)
            }
            let (value, stream) = normalSlowPath(layer: layer, x: x, stream: rng)
            rng = stream
            if let value { return Double(bitPattern: value.bitPattern | sign) }
        }
    }

    /// The wedge and tail tests of the normal ziggurat; nil means "reject and start again".
    /// The stream goes in and out by value: a stream passed `inout` to a call that is not
    /// inlined must live in memory, which would cost the hot loop around it a store and a
    /// reload per draw.
    @usableFromInline
    func normalSlowPath(layer: Int, x: Double, stream: RandomStream) -> (Double?, RandomStream) {
        var rng = stream
        let table = normal
        if layer == 0 {
            // Base strip beyond r: the tail, by Marsaglia's method. With E₁, E₂ exponential,
            // x = E₁/r is accepted when 2E₂ > x², giving r + x distributed as Z | Z > r.
            while true {
                let e1 = standardExponential(using: &rng) * table.inverseR
                let e2 = standardExponential(using: &rng)
                if e2 + e2 > e1 * e1 { return (table.r + e1, rng) }
            }
        }
        // Wedge: y uniform between f(x_i) and f(x_{i−1}); accept if under the density.
        let y = table.height[layer] + rng.nextDouble() * (table.height[layer - 1] - table.height[layer])
        return (y < exp(-0.5 * x * x) ? x : nil, rng)
    }

    /// The standard exponential `standardExponential` returns for a stream whose next output
    /// is `bits`, when that one output settles it (the ziggurat's rectangle test accepts, ≈ 99 %
    /// of draws); nil when the draw needs more of the stream.
    @inlinable @inline(__always)
    public func standardExponential(firstOutput bits: UInt64) -> Double? {
        let table = exponential
        let layer = Int(truncatingIfNeeded: bits & 0xFF)
        let mantissa = bits >> 12
        return mantissa < table.accept[layer] ? Double(mantissa) * table.width[layer] : nil
    }

    /// A standard exponential variate, as `standardNormal(using:)` without the sign bit: the
    /// wedge is tested against e^{−x} exactly, and the tail beyond r is r + E by the
    /// memorylessness of the exponential.
    @inlinable @inline(__always)
    public func standardExponential(using rng: inout RandomStream) -> Double {
        let table = exponential
        var offset = 0.0
        while true {
            let bits = rng.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let mantissa = bits >> 12
            let x = Double(mantissa) * table.width[layer]
            if mantissa < table.accept[layer] { return offset + x }
            if layer == 0 {
                // Beyond r: E | E > r is r + E′.
                offset += table.r
                continue
            }
            let (accepted, stream) = exponentialWedge(layer: layer, x: x, stream: rng)
            rng = stream
            if accepted { return offset + x }
        }
    }

    /// The wedge test of the exponential ziggurat: y uniform between f(x_i) and f(x_{i−1}),
    /// accepted if under e^{−x}.
    /// (The stream by value, as `normalSlowPath`.)
    @usableFromInline
    func exponentialWedge(layer: Int, x: Double, stream: RandomStream) -> (Bool, RandomStream) {
        var rng = stream
        let table = exponential
        let y = table.height[layer] + rng.nextDouble() * (table.height[layer - 1] - table.height[layer])
        return (y < exp(-x), rng)
    }

    /// The layers of a 256-layer ziggurat (layout as Marsaglia & Tsang, indices 0…255) for a
    /// decreasing density shape f on [0, ∞) with f(0) = 1.
    ///
    /// With x₂₅₅ = r the layers are x_{i−1} = f⁻¹(f(x_i) + v/x_i) down to x₀ = 0, each
    /// rectangle [0, x_i] × [f(x_i), f(x_{i−1})] of area v; layer 0 is the base strip
    /// [0, r] × [0, f(r)] plus the tail, of area v = r f(r) + ∫_r^∞ f, treated as a rectangle of
    /// width v/f(r). r is solved here by bisection so that the top layer closes exactly at
    /// f = 1; the tables are then consistent to rounding error, which keeps the layers
    /// equiprobable.
    ///
    /// The tables live in never-freed, never-mutated buffers so that reading them in the hot
    /// loop costs no reference counting (hence `@unchecked Sendable`: they are immutable once
    /// built, and built once under the global's lazy initialisation lock).
    @usableFromInline
    internal struct ZigguratLayers: @unchecked Sendable {
        /// x_i / 2⁵²: multiplies the 52-bit abscissa.
        @usableFromInline let width: UnsafePointer<Double>
        /// ⌊x_{i−1}/x_i · 2⁵²⌋: mantissas below this are inside the curve for sure.
        @usableFromInline let accept: UnsafePointer<UInt64>
        /// f(x_i), with f(x₀) = 1 at index 0 (index 0 is also the base strip's own row).
        @usableFromInline let height: UnsafePointer<Double>
        /// The start of the tail, r = x₂₅₅, and 1/r.
        @usableFromInline let r: Double
        @usableFromInline let inverseR: Double

        /// `inverse` is f⁻¹ on (0, 1]; `tailArea(r)` is ∫_r^∞ f; r is sought in `bracket`.
        init(f: (Double) -> Double, inverse: (Double) -> Double, tailArea: (Double) -> Double,
             bracket: (Double, Double)) {
            let layers = 256
            func area(_ r: Double) -> Double { r * f(r) + tailArea(r) }
            /// Runs the recursion from r and returns the residual f(x₀) − 1 of the top layer
            /// (NaN when it closed too early, i.e. r too small).
            func residual(_ r: Double) -> Double {
                let v = area(r)
                var x = r
                for _ in 1..<(layers - 1) {
                    let y = v / x + f(x)
                    if y >= 1 { return .nan }
                    x = inverse(y)
                }
                return v / x + f(x) - 1
            }
            var (lo, hi) = bracket
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
                x[i] = inverse(min(v / x[i + 1] + f(x[i + 1]), 1))
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
            inverseR = 1 / r
        }

        /// The normal: f(x) = exp(−x²/2), r ≈ 3.6541528853610088.
        static func normal() -> Self {
            Self(f: { systemExp(-0.5 * $0 * $0) }, inverse: { (-2 * log($0)).squareRoot() },
                 tailArea: { (Double.pi / 2).squareRoot() * erfc($0 * 0.707_106_781_186_547_524_4) },
                 bracket: (3.6, 3.7))
        }

        /// The exponential: f(x) = e^{−x}, r ≈ 7.69711747013105.
        static func exponential() -> Self {
            Self(f: { systemExp(-$0) }, inverse: { -log($0) }, tailArea: { systemExp(-$0) }, bracket: (7.6, 7.8))
        }
    }
}
