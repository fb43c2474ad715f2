/// A seeded, splittable pseudo-random stream: xoshiro256** seeded through SplitMix64.
///
/// Each Monte Carlo trial gets its own stream keyed by `(seed, stream)`, so results do not
/// depend on how trials are scheduled across threads. The generator is xoshiro256**
/// (Blackman & Vigna 2018): 256 bits of state, period 2^256 − 1, and all 64 output bits of
/// high quality. The state is filled by SplitMix64 (Steele, Lea & Flood 2014) started from a
/// bijective hash of `(seed, stream)`, so adjacent keys such as `(42, 0)` and `(42, 1)`
/// start at unrelated points of the period. The all-zero state (the one fixed point of
/// xoshiro) is never produced.
///
/// The samplers in this module (normal, binomial, Poisson, gamma, …) are `mutating`
/// methods in extensions of this type, one file per concern.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// An independent stream for trial `stream` of the simulation seeded with `seed`.
    ///
    /// The key is hashed as `z = mix(mix(seed ⊕ K₁) + stream · K₂)`, where `mix` is the
    /// SplitMix64 finaliser (a bijection of `UInt64`) and `K₂` is odd; for a fixed seed,
    /// distinct streams therefore give distinct `z`. SplitMix64 started at `z` then yields
    /// the four state words.
    public init(seed: UInt64, stream: UInt64) {
        self = Keyed(seed: seed).stream(stream)
    }

    /// The streams of one seed, with the seed's half of the key hashed once: the engine seeds
    /// thousands of streams a trial under one key.
    public struct Keyed: Sendable {
        @usableFromInline let seedHash: UInt64

        @inlinable public init(seed: UInt64) { seedHash = SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C909) }

        /// The same stream as `RandomStream(seed:stream:)`.
        @usableFromInline static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

        @inlinable @inline(__always)
        func start(_ stream: UInt64) -> UInt64 { SplitMix64.mix(seedHash &+ stream &* 0x9FB2_1C65_1E98_DF25) }

        @inlinable @inline(__always)
        public func stream(_ stream: UInt64) -> RandomStream {
            // SplitMix64 started at z yields the four state words.
            let z = start(stream), golden = Self.golden
            return RandomStream(seeding: SplitMix64.mix(z &+ golden), SplitMix64.mix(z &+ 2 &* golden),
                                SplitMix64.mix(z &+ 3 &* golden), SplitMix64.mix(z &+ 4 &* golden))
        }

        /// `stream(s).next()`, at a third of the cost: the first output depends on one state
        /// word only. (A caller that only needs to know whether a stream's first draw settles
        /// its work skips seeding the rest.)
        @inlinable @inline(__always)
        public func firstOutput(_ stream: UInt64) -> UInt64 {
            let s1 = SplitMix64.mix(start(stream) &+ 2 &* Self.golden)
            return RandomStream.output(s1)
        }
    }

    @inlinable
    init(seeding s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64) {
        self.s0 = s0
        self.s1 = s1
        self.s2 = s2
        self.s3 = s3
        // SplitMix64's output is a bijection of its counter, so four consecutive outputs
        // are all zero for no starting point; the guard documents the invariant.
        if s0 | s1 | s2 | s3 == 0 { self.s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// A stream with the given raw xoshiro256** state (for reproducing published test vectors).
    ///
    /// - Precondition: the state is not all zero (the generator's one fixed point).
    public init(state0: UInt64, state1: UInt64, state2: UInt64, state3: UInt64) {
        precondition(state0 | state1 | state2 | state3 != 0, "xoshiro256** state must not be all zero")
        s0 = state0
        s1 = state1
        s2 = state2
        s3 = state3
    }

    /// The current raw state, e.g. to checkpoint a stream.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// The next 64 uniformly distributed bits (xoshiro256**).
    ///
    /// Output is `rotl(s₁ · 5, 7) · 9`, then the linear engine advances the state.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.output(s1)
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    ///
    /// Every multiple of 2⁻⁵³ in [0, 1) is equally likely, which is the finest grid on which
    /// all values are equiprobable and exactly representable.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in the open interval (0, 1): `(k + ½) · 2⁻⁵²` for a uniform 52-bit `k`.
    ///
    /// Never 0 and never 1, so `log(u)`, `log(1 − u)` and `u^(−1/a)` are always finite.
    @inlinable
    public mutating func nextOpenDouble() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// A child stream derived deterministically from this stream's current state and `k`.
    ///
    /// The parent is not advanced: the same parent state and `k` always give the same child,
    /// and different `k` give unrelated children. Useful to give each cell or event its own
    /// stream so that adding draws for one does not shift the draws of another.
    public func substream(_ k: UInt64) -> RandomStream {
        let key = SplitMix64.mix(s0 ^ SplitMix64.mix(s1 ^ SplitMix64.mix(s2 ^ SplitMix64.mix(s3 ^ 0xBB67_AE85_84CA_A73B))))
        return RandomStream(seed: key, stream: k)
    }

    /// xoshiro256**'s output function of the state word s₁.
    @inlinable @inline(__always)
    static func output(_ s1: UInt64) -> UInt64 { ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9 }

    @inlinable @inline(__always)
    internal func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a Weyl counter passed through a bijective mixer.
/// Used only to expand seeds into xoshiro256** state, as its authors recommend.
@usableFromInline
internal struct SplitMix64 {
    @usableFromInline var state: UInt64

    @usableFromInline
    init(state: UInt64) { self.state = state }

    /// The SplitMix64 output function (a bijection of UInt64, variant 13 of Stafford's mixers).
    @inlinable
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @usableFromInline
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
}

extension Double {
    /// ⌊x⌋ without a library call: the default x86-64 target has no rounding instruction, so
    /// `rounded(.down)` calls libm's `floor`, a cost the samplers' inner loops notice. Exact:
    /// below 2⁵² in magnitude x is truncated through `Int64` and corrected for negatives; from
    /// 2⁵² on every double is already an integer (and NaN or ±∞ pass through unchanged).
    @inlinable @inline(__always)
    public var floorValue: Double {
        guard abs(self) < 0x1p52 else { return self }
        let truncated = Double(Int64(self))
        return truncated > self ? truncated - 1 : truncated
    }
}
