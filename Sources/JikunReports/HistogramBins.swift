/// Equal-width bins over a range, counting every value exactly once: in a bin, below the
/// range, above it, or as non-finite. So `counts.sum + below + above + nonFinite` is the
/// number of values.
struct HistogramBins: Equatable {
    var lower: Double
    var upper: Double
    var counts: [Int]
    var below = 0
    var above = 0
    var nonFinite = 0

    var width: Double { (upper - lower) / Double(counts.count) }
    var total: Int { counts.reduce(0, +) + below + above + nonFinite }
    /// The edges e₀ < e₁ < … < e_bins; bin i is [e_i, e_{i+1}), the last one closed.
    var edges: [Double] { (0...counts.count).map { edge($0) } }

    func edge(_ i: Int) -> Double {
        i == counts.count ? upper : lower + Double(i) * width
    }

    /// Bins `values` into `bins` (clamped to 1…1000) equal-width bins over `range`, or over the
    /// finite values' min…max when `range` is nil. A degenerate range (all values equal) is
    /// widened by ±0.5 (±5 % of the value when it is larger than 10).
    init(values: [Double], bins: Int, range: ClosedRange<Double>?) {
        let n = min(max(bins, 1), 1000)
        var lo: Double
        var hi: Double
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
            lo = range.lowerBound
            hi = range.upperBound
        } else {
            lo = .infinity
            hi = -.infinity
            for v in values where v.isFinite {
                lo = min(lo, v)
                hi = max(hi, v)
            }
            if lo > hi { lo = 0; hi = 1 }
        }
        if hi <= lo {
            let pad = max(0.5, lo.magnitude * 0.05)
            lo -= pad
            hi += pad
        }
        lower = lo
        upper = hi
        counts = Array(repeating: 0, count: n)
        let scale = Double(n) / (hi - lo)
        for v in values {
            if !v.isFinite { nonFinite += 1; continue }
            if v < lo { below += 1; continue }
            if v > hi { above += 1; continue }
            let i = min(Int((v - lo) * scale), n - 1)
            counts[i] += 1
        }
    }
}
