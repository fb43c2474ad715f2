import Foundation

/// Axis ticks at "nice" steps m·10^k with m ∈ {1, 2, 5}, as in Heckbert's "Nice numbers for
/// graph labels" (Graphics Gems, 1990), choosing the step whose number of intervals over the
/// range is closest (on a log scale) to the target.
///
/// Ticks are computed as the integer i·m divided (or multiplied) by an exact power of ten, so
/// each tick is the double nearest its decimal value: 3 × 0.2 gives 0.6, not
/// 0.6000000000000001.
struct NiceScale: Equatable {
    /// The domain drawn: the data range, widened to whole steps unless the range was fixed.
    var lower: Double
    var upper: Double
    /// The tick step and k in step = m·10^k.
    var step: Double
    var stepExponent: Int
    /// Multiples of the step inside [lower, upper], in increasing order.
    var ticks: [Double]

    /// A scale over `lower…upper`. With `extend` the domain grows outwards to whole multiples
    /// of the step (0…0.97 → 0…1 with ticks 0, 0.2, …, 1); without it the domain is kept and
    /// only the multiples inside it are ticks (123…987 → 200, 400, 600, 800).
    init(lower: Double, upper: Double, targetTicks: Int = 5, extend: Bool) {
        var lo = lower.isFinite ? lower : 0
        var hi = upper.isFinite ? upper : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo <= max(lo.magnitude, hi.magnitude) * 1e-12 {
            let pad = lo == 0 ? 1 : lo.magnitude * 0.1
            lo -= pad
            hi += pad
        }
        let (mantissa, exponent) = NiceScale.niceStep(span: hi - lo, target: max(targetTicks, 1))
        let step = NiceScale.decimal(mantissa, exponent)
        // The index range of the ticks; the tolerance absorbs rounding in lo/step.
        let tolerance = 1e-9
        var first = Int((lo / step - tolerance).rounded(.up))
        var last = Int((hi / step + tolerance).rounded(.down))
        if extend {
            first = Int((lo / step + tolerance).rounded(.down))
            last = Int((hi / step - tolerance).rounded(.up))
            lo = NiceScale.decimal(first * mantissa, exponent)
            hi = NiceScale.decimal(last * mantissa, exponent)
        }
        self.lower = lo
        self.upper = hi
        self.step = step
        self.stepExponent = exponent
        self.ticks = first <= last ? (first...last).map { NiceScale.decimal($0 * mantissa, exponent) } : []
    }

    /// The step m·10^k (returned as (m, k)) that divides `span` into a number of intervals
    /// closest to `target`, comparing |ln(intervals / target)|; ties go to the larger step.
    static func niceStep(span: Double, target: Int) -> (mantissa: Int, exponent: Int) {
        let raw = span / Double(target)
        let k = Int(log10(raw).rounded(.down))
        var best = (mantissa: 1, exponent: k)
        var bestScore = Double.infinity
        for exponent in (k - 1)...(k + 1) {
            for mantissa in [1, 2, 5] {
                let intervals = span / decimal(mantissa, exponent)
                let score = abs(log(intervals / Double(target)))
                if score <= bestScore + 1e-12 {
                    best = (mantissa, exponent)
                    bestScore = score
                }
            }
        }
        return best
    }

    /// The double nearest to n·10^k.
    static func decimal(_ n: Int, _ k: Int) -> Double {
        k >= 0 ? Double(n) * NumberText.power10(k) : Double(n) / NumberText.power10(-k)
    }
}

/// A linear map from a domain to pixel coordinates.
struct LinearMap {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ x: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (x - domain.0) / span * (range.1 - range.0)
    }
}
