#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A mixture of the standard normal restricted to [a, b] (weight 1 − w) and an "outside"
/// component (weight w), drawn exactly by rejection from a step envelope.
///
/// [a, b] is cut into 63 equal strips. Under φ on each strip lies a rectangle as high as φ's
/// smallest value there (the squeeze); above it, up to φ's largest value, a box that holds the
/// rest of the curve (the wedge). One 64-bit draw picks a rectangle, a wedge or the outside
/// component by Walker's alias method over 128 entries (7 bits for the entry, 53 for the alias
/// test). A rectangle's point is accepted at once, so ~95 % of draws cost two uniforms; a
/// wedge's point is accepted under φ itself (a third uniform and one `exp`), else the whole
/// mixture is drawn again. With weights (1 − w)·area/I for rectangles and wedges
/// (I = Φ(b) − Φ(a)) and w for the outside component, the accepted draws have density φ on
/// [a, b] with probability 1 − w and are the outside component with probability w, exactly.
@usableFromInline
struct NormalIntervalSampler: @unchecked Sendable {  // `entries` points into `storage`, immutable
    @usableFromInline static let strips = 63
    /// Entries 0..<63 are the strips' rectangles, 63..<126 their wedges, 126 the outside
    /// component, 127 unused.
    @usableFromInline static let outside = 126
    @usableFromInline let lower: Double
    @usableFromInline let width: Double
    /// Per entry: the alias test's cut on 53 bits and the alias; for wedges, where φ peaks on
    /// the strip (its point nearest 0) and the squeeze min φ / max φ there.
    @usableFromInline struct Entry: Sendable {
        @usableFromInline var cut: UInt64
        @usableFromInline var alias: Int
        @usableFromInline var peak: Double
        @usableFromInline var squeeze: Double
    }
    /// 128 entries, read without bounds checks in the hot loop; `storage` owns them.
    @usableFromInline let entries: UnsafePointer<Entry>
    let storage: EntryStorage

    /// Owns the entries (immutable once built).
    final class EntryStorage: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Entry>
        init(_ entries: [Entry]) {
            pointer = .allocate(capacity: entries.count)
            pointer.initialize(from: entries, count: entries.count)
        }
        deinit { pointer.deallocate() }
    }

    /// nil when the envelope cannot be formed in doubles (an interval so deep in the tail
    /// that φ or its mass underflows) or would accept fewer than half the proposals; the
    /// caller then uses another exact method.
    init?(lower a: Double, upper b: Double, bodyMass: Double, outsideWeight w: Double) {
        let n = Self.strips
        guard a < b, a.isFinite, b.isFinite, bodyMass > 0, w >= 0, w < 1 else { return nil }
        lower = a
        width = (b - a) / Double(n)
        // Everything relative to φ at the interval's point nearest 0 (reference), so deep
        // intervals keep their precision: φ(z)/φ(r) = exp((r² − z²)/2).
        let reference = min(max(0, a), b)
        func relative(_ z: Double) -> Double { exp((reference - z) * (reference + z) / 2) }
        var peaks: [Double] = [], squeezes: [Double] = [], envelopes: [Double] = []
        var envelopeArea = 0.0
        for i in 0..<n {
            let left = a + Double(i) * width, right = i == n - 1 ? b : a + Double(i + 1) * width
            let top = min(max(0, left), right)
            let bottom = abs(left) > abs(right) ? left : right
            peaks.append(top)
            squeezes.append(exp((top - bottom) * (top + bottom) / 2))
            let area = width * relative(top)
            envelopes.append(area)
            envelopeArea += area
        }
        // bodyMass/φ(reference) is I in the same relative units as the areas.
        let relativeMass = bodyMass / (0.398_942_280_401_432_677_94 * exp(-reference * reference / 2))
        // Wide strips deep in a tail make a loose envelope: leave those to another method.
        guard relativeMass.isFinite, relativeMass > 0, envelopeArea.isFinite, relativeMass > 0.5 * envelopeArea else {
            return nil
        }
        let rectangles = (0..<n).map { (1 - w) * envelopes[$0] * squeezes[$0] / relativeMass }
        let wedges = (0..<n).map { (1 - w) * envelopes[$0] * (1 - squeezes[$0]) / relativeMass }
        var probabilities = rectangles + wedges + [w, 0]
        let total = probabilities.reduce(0, +)
        probabilities = probabilities.map { $0 / total }
        let (cut, alias) = Self.aliasTable(probabilities)
        storage = EntryStorage((0..<128).map { i in
            let strip = i % n
            return Entry(cut: cut[i], alias: Int(alias[i]), peak: i < 2 * n ? peaks[strip] : 0,
                         squeeze: i < 2 * n ? squeezes[strip] : 0)
        })
        entries = UnsafePointer(storage.pointer)
    }

    /// Walker's alias table (Vose's construction) for 128 probabilities: entry i is kept when
    /// the 53-bit uniform is below `cut[i]`, else `alias[i]` is taken.
    static func aliasTable(_ probabilities: [Double]) -> ([UInt64], [UInt8]) {
        let n = probabilities.count
        var scaled = probabilities.map { $0 * Double(n) }
        var cut = [UInt64](repeating: 1 << 53, count: n)
        var alias = (0..<n).map { UInt8($0) }
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let s = small.popLast(), let l = large.last {
            cut[s] = UInt64((scaled[s] * 0x1p53).rounded())
            alias[s] = UInt8(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Entries left in either list (rounding) keep themselves with certainty.
        return (cut, alias)
    }

    /// z in [a, b], or NaN for the outside component.
    @inlinable @inline(__always)
    func sample(using rng: inout RandomStream, tables: SamplerTables) -> Double {
        while true {
            let bits = rng.next()
            let drawn = Int(truncatingIfNeeded: bits >> 57)
            // Entry or alias by a mask, not a branch: the outcome is random.
            let useAlias = ~(Int(truncatingIfNeeded: (bits & (1 << 53 - 1)) &- entries[drawn].cut) >> 63)
            let entry = drawn ^ ((drawn ^ entries[drawn].alias) & useAlias)
            if entry >= Self.outside { return .nan }
            let strip = entry < Self.strips ? entry : entry - Self.strips
            let z = lower + (Double(strip) + rng.nextDouble()) * width
            if entry < Self.strips { return z }
            let squeeze = entries[entry].squeeze, top = entries[entry].peak
            let y = squeeze + rng.nextDouble() * (1 - squeeze)
            if y < tables.exp((top - z) * (top + z) / 2) { return z }
        }
    }
}
