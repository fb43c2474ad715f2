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
/// [a, b] is cut into 63 equal strips; on each strip the envelope is φ's largest value there
/// and the squeeze its smallest. One 64-bit draw picks a strip, or the outside component, by
/// Walker's alias method (6 bits for the entry, 53 for the alias test). The strip's position
/// is uniform and is accepted at once under the squeeze, else against φ itself (one `exp`);
/// a rejection draws the whole mixture again. With proposal weights (1 − w)·area_i/I for the
/// strips (I = Φ(b) − Φ(a), area_i = width · envelope_i) and w for the outside component, the
/// accepted draws are the body with probability 1 − w and the outside component with w,
/// exactly. Narrow strips keep the acceptance above 95 % for the intervals of claim sizes
/// (a spliced law's body above a deductible), at about three uniforms a draw.
@usableFromInline
struct NormalIntervalSampler: @unchecked Sendable {  // `entries` points into `storage`, immutable
    @usableFromInline static let strips = 63
    @usableFromInline let lower: Double
    @usableFromInline let width: Double
    /// Per entry (strips, then the outside component): the alias test's cut on 53 bits, the
    /// alias, and for strips where φ peaks (the point nearest 0) and the squeeze min φ / max φ.
    @usableFromInline struct Entry: Sendable {
        @usableFromInline var cut: UInt64
        @usableFromInline var alias: Int
        @usableFromInline var peak: Double
        @usableFromInline var squeeze: Double
    }
    /// 64 entries, read without bounds checks in the hot loop; `storage` owns them.
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
        var peaks: [Double] = [], squeezes: [Double] = [], weights: [Double] = []
        var envelopeArea = 0.0
        for i in 0..<n {
            let left = a + Double(i) * width, right = i == n - 1 ? b : a + Double(i + 1) * width
            let top = min(max(0, left), right)
            let bottom = abs(left) > abs(right) ? left : right
            peaks.append(top)
            squeezes.append(exp((top - bottom) * (top + bottom) / 2))
            let area = width * relative(top)
            weights.append(area)
            envelopeArea += area
        }
        // bodyMass/φ(reference) is I in the same relative units as the areas.
        let relativeMass = bodyMass / (0.398_942_280_401_432_677_94 * exp(-reference * reference / 2))
        // Wide strips deep in a tail make a loose envelope: leave those to another method.
        guard relativeMass.isFinite, relativeMass > 0, envelopeArea.isFinite, relativeMass > 0.5 * envelopeArea else {
            return nil
        }
        var probabilities = weights.map { (1 - w) * $0 / relativeMass }
        probabilities.append(w)
        let total = probabilities.reduce(0, +)
        probabilities = probabilities.map { $0 / total }
        probabilities += Array(repeating: 0, count: 64 - probabilities.count)
        let (cut, alias) = Self.aliasTable(probabilities)
        storage = EntryStorage((0..<64).map { i in
            Entry(cut: cut[i], alias: Int(alias[i]), peak: i < n ? peaks[i] : 0, squeeze: i < n ? squeezes[i] : 0)
        })
        entries = UnsafePointer(storage.pointer)
    }

    /// Walker's alias table (Vose's construction) for 64 probabilities: entry i is kept when
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
            let drawn = Int(truncatingIfNeeded: bits >> 58)
            // Entry or alias by a mask, not a branch: the outcome is random.
            let useAlias = ~(Int(truncatingIfNeeded: (bits & (1 << 53 - 1)) &- entries[drawn].cut) >> 63)
            let entry = drawn ^ ((drawn ^ entries[drawn].alias) & useAlias)
            if entry >= Self.strips { return .nan }
            let z = lower + (Double(entry) + rng.nextDouble()) * width
            let v = rng.nextDouble()
            if v < entries[entry].squeeze { return z }
            let top = entries[entry].peak
            if v < tables.exp((top - z) * (top + z) / 2) { return z }
        }
    }
}
