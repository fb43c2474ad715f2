#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A lognormal(μ, σ) restricted to [a, b] (weight 1 − w), mixed with an "outside" component
/// (weight w) that the caller draws: sampled exactly by rejection from a step envelope laid
/// over the density of X itself, so that a draw needs neither `exp` nor `log`.
///
/// [a, b] is cut into strips, evenly in log x, where the lognormal's log-density changes at a
/// steady rate; when a lies below e^{μ−4.5σ} (a = 0 is allowed) the first strip runs from a up
/// to that point. Under the density on each strip lies a rectangle as high as its smallest value
/// there and, above it, a box up to its largest value that holds the rest (the wedge).
///
/// One 64-bit draw picks a rectangle, a wedge or the outside component by Walker's alias method
/// over 2ᵏ slots (the top k bits) and places the point in the chosen piece with the other
/// 64 − k bits: below a slot's cut they are uniform on [0, cut), above it on [cut, 2⁶⁴⁻ᵏ), in
/// either case independent of the choice, so rescaled they place the point uniformly. A
/// rectangle's point is accepted at once (~97 % of draws); a wedge's point is accepted under the
/// density with a fresh uniform, else the whole mixture is drawn again. With weights
/// (1 − w)·area/I for the pieces (I the density's integral over [a, b]) and w for the outside
/// component, accepted draws are X restricted to [a, b] with probability 1 − w and the outside
/// component with probability w, exactly.
public struct LognormalStrips: @unchecked Sendable {  // the pointers belong to `storage`, immutable once built
    /// A piece's point is `left + (u − offset) · |slope|`, u the low bits, offset 0 below the
    /// slot's cut and the cut above it. A negative slope marks a wedge; the outside component
    /// has a NaN `left`.
    @usableFromInline struct Piece: Sendable {
        @usableFromInline var left: Double
        @usableFromInline var slope: Double
    }

    /// 64 − k, and the low 64 − k bits.
    @usableFromInline let shift: UInt64
    @usableFromInline let mask: UInt64
    @usableFromInline let cuts: UnsafePointer<UInt64>
    /// Two per slot: the slot's own piece (u below the cut), then its alias's.
    @usableFromInline let pieces: UnsafePointer<Piece>
    let storage: Storage
    /// The bounds of the restriction.
    public let lower: Double
    public let upper: Double
    let mu: Double
    let sigma: Double
    /// log of the density's largest value on [a, b] (up to the constant 1/(σ√(2π))).
    let logPeak: Double

    /// The tables, allocated once per build and immutable after it.
    final class Storage: @unchecked Sendable {
        let cuts: UnsafeMutablePointer<UInt64>
        let pieces: UnsafeMutablePointer<Piece>
        /// Per piece: the bottom and top of a wedge's box, relative to the density's largest
        /// value on [a, b] (unused for other pieces).
        let boxes: UnsafeMutablePointer<(bottom: Double, top: Double)>
        init(slots: Int) {
            cuts = .allocate(capacity: slots)
            pieces = .allocate(capacity: 2 * slots)
            boxes = .allocate(capacity: 2 * slots)
        }
        deinit {
            cuts.deallocate()
            pieces.deallocate()
            boxes.deallocate()
        }
    }

    /// nil when the envelope cannot be formed in doubles (an interval so deep in a tail that
    /// the mass underflows) or would accept fewer than half the proposals; the caller then
    /// uses another exact method.
    ///
    /// - Parameters:
    ///   - slotBits: k, for 2ᵏ alias slots and 2ᵏ⁻¹ − 1 strips (2…12).
    public init?(mu: Double, sigma: Double, lower a: Double, upper b: Double, outsideWeight w: Double, slotBits: Int) {
        guard (2...12).contains(slotBits), mu.isFinite, sigma > 0, sigma.isFinite, a >= 0, a < b, b.isFinite,
              w >= 0, w < 1 else { return nil }
        let slots = 1 << slotBits
        let n = slots / 2 - 1
        shift = UInt64(64 - slotBits)
        mask = UInt64.max >> UInt64(slotBits)
        self.mu = mu
        self.sigma = sigma
        lower = a
        upper = b
        let mode = exp(mu - sigma * sigma)
        let peak = min(max(mode, a), b)
        let logPeak = Self.logDensity(logX: log(peak), mu: mu, sigma: sigma)
        self.logPeak = logPeak
        let mass = Severity.lognormal(mu: mu, sigma: sigma).mass(from: a, to: b)
        // I = ∫ₐᵇ e^{h(x) − h(peak)} dx = σ√(2π)·P(a < X ≤ b)·e^{−h(peak)}, in the same units.
        let integral = exp(log(sigma * (2 * Double.pi).squareRoot() * mass) - logPeak)
        guard mass > 0, integral.isFinite, integral > 0 else { return nil }

        // Edges: geometric from max(a, e^{μ−4.5σ}) to b, after a first strip from a when a
        // lies below; with the density there, relative to its peak.
        var edges = [Double](repeating: 0, count: n + 1)
        var heights = [Double](repeating: 0, count: n + 1)
        let floorPoint = exp(mu - 4.5 * sigma)
        let first = a < floorPoint && floorPoint < b && n > 1 ? 1 : 0
        if first == 1 {
            edges[0] = a
            heights[0] = a > 0 ? exp(Self.logDensity(logX: log(a), mu: mu, sigma: sigma) - logPeak) : 0
        }
        let start = first == 1 ? floorPoint : a
        let count = n - first
        if start > 0 {
            let logStart = log(start), logEnd = log(b), step = (logEnd - logStart) / Double(count)
            for j in 0...count {
                let logX = j == count ? logEnd : logStart + Double(j) * step
                edges[first + j] = j == 0 ? start : (j == count ? b : exp(logX))
                heights[first + j] = exp(Self.logDensity(logX: logX, mu: mu, sigma: sigma) - logPeak)
            }
        } else {
            // a = 0 and b at most e^{μ−4.5σ}: even strips.
            for j in 0...count {
                let x = b * Double(j) / Double(count)
                edges[j] = x
                heights[j] = x > 0 ? exp(Self.logDensity(logX: log(x), mu: mu, sigma: sigma) - logPeak) : 0
            }
        }

        // Pieces 0..<n rectangles, n..<2n wedges, 2n and 2n + 1 the outside component (half each).
        let storage = Storage(slots: slots)
        var weights = [Double](repeating: 0, count: slots)
        var boxes = [(bottom: Double, top: Double)](repeating: (0, 0), count: slots)
        var envelope = 0.0
        for j in 0..<n {
            let width = edges[j + 1] - edges[j]
            // 1 ± 10⁻¹² keeps the envelope around the density despite rounding in its evaluation.
            let bottom = min(heights[j], heights[j + 1]) * (1 - 1e-12)
            let highest = edges[j] <= mode && mode <= edges[j + 1] ? exp(Self.logDensity(logX: log(mode), mu: mu, sigma: sigma) - logPeak)
                                                                    : max(heights[j], heights[j + 1])
            let top = highest * (1 + 1e-12)
            weights[j] = width * bottom
            weights[n + j] = width * (top - bottom)
            envelope += width * top
            boxes[n + j] = (bottom, top)
        }
        guard envelope.isFinite, integral > 0.5 * envelope else { return nil }
        var total = w
        for j in 0..<(2 * n) {
            weights[j] *= (1 - w) / integral
            total += weights[j]
        }
        weights[2 * n] = w / 2
        weights[2 * n + 1] = w / 2
        for j in weights.indices { weights[j] /= total }

        let uBits = 64 - slotBits
        let aliases = AliasTable.build(weights, scaleBits: uBits, cuts: storage.cuts)
        let full = Double(UInt64(1) << UInt64(uBits))
        func piece(_ entry: Int, over span: Double) -> Piece {
            if entry >= 2 * n { return Piece(left: .nan, slope: 0) }
            let strip = entry < n ? entry : entry - n
            let slope = span > 0 ? (edges[strip + 1] - edges[strip]) / span : 0
            return Piece(left: edges[strip], slope: entry < n ? slope : -slope)
        }
        for slot in 0..<slots {
            let cut = Double(storage.cuts[slot]), alias = Int(aliases[slot])
            storage.pieces[2 * slot] = piece(slot, over: cut)
            storage.pieces[2 * slot + 1] = piece(alias, over: full - cut)
            storage.boxes[2 * slot] = boxes[slot]
            storage.boxes[2 * slot + 1] = boxes[alias]
        }
        self.storage = storage
        cuts = UnsafePointer(storage.cuts)
        pieces = UnsafePointer(storage.pieces)
    }

    /// log of the density without its constant: −z²/2 − log x, z = (log x − μ)/σ.
    static func logDensity(logX: Double, mu: Double, sigma: Double) -> Double {
        let z = (logX - mu) / sigma
        return -0.5 * z * z - logX
    }

    /// A draw of X on [a, b], or NaN for the outside component.
    @inlinable @inline(__always)
    public func sample(using rng: inout RandomStream) -> Double {
        while true {
            let bits = rng.next()
            let slot = Int(truncatingIfNeeded: bits &>> shift)
            let u = bits & mask
            let cut = cuts[slot]
            // Own piece or alias by arithmetic, not a branch: the outcome is random.
            let above = u >= cut ? 1 : 0
            let piece = pieces[2 &* slot &+ above]
            let offset = cut & (0 &- UInt64(truncatingIfNeeded: above))
            let x = piece.left + Double(Int64(bitPattern: u &- offset)) * abs(piece.slope)
            if piece.slope >= 0 { return x }
            let accepted: Bool
            (accepted, rng) = acceptsWedge(x, piece: 2 &* slot &+ above, stream: rng)
            if accepted { return x }
        }
    }

    /// The wedge's test: a height uniform in the strip's box, accepted under the density
    /// (the stream by value, as in `SamplerTables.normalSlowPath`).
    @usableFromInline
    func acceptsWedge(_ x: Double, piece: Int, stream: RandomStream) -> (Bool, RandomStream) {
        var rng = stream
        let box = storage.boxes[piece]
        let height = box.bottom + rng.nextDouble() * (box.top - box.bottom)
        guard x > 0 else { return (false, rng) }
        return (height <= exp(Self.logDensity(logX: log(x), mu: mu, sigma: sigma) - logPeak), rng)
    }
}

/// Walker's alias method (Vose's construction).
enum AliasTable {
    /// For n probabilities summing to 1, writes into `cuts` and returns the aliases: entry i
    /// is kept when a uniform integer on [0, 2^scaleBits) is below `cuts[i]`, else
    /// `aliases[i]` is taken.
    static func build(_ probabilities: [Double], scaleBits: Int, cuts: UnsafeMutablePointer<UInt64>) -> [UInt16] {
        let n = probabilities.count
        let full = UInt64(1) << UInt64(scaleBits)
        var scaled = probabilities
        var aliases = [UInt16](repeating: 0, count: n)
        // Indices below 1 fill `work` from the front, the others from the back.
        var work = [Int](repeating: 0, count: n)
        var smallCount = 0, largeStart = n
        for i in 0..<n {
            scaled[i] *= Double(n)
            cuts[i] = full
            aliases[i] = UInt16(i)
            if scaled[i] < 1 {
                work[smallCount] = i
                smallCount += 1
            } else {
                largeStart -= 1
                work[largeStart] = i
            }
        }
        while smallCount > 0 && largeStart < n {
            smallCount -= 1
            let s = work[smallCount], l = work[largeStart]
            cuts[s] = min(full, UInt64((scaled[s] * Double(full)).rounded()))
            aliases[s] = UInt16(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                largeStart += 1
                work[smallCount] = l
                smallCount += 1
            }
        }
        // Entries left in either list (rounding) keep themselves with certainty.
        return aliases
    }
}
