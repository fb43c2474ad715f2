import JikunLinearAlgebra

/// The means, standard deviations and correlations of several per-trial outputs at once, from
/// their centred cross-moments (docs/model.md, "Summaries").
///
/// Two passes, for accuracy: the column means first, then `S = Σₜ (xₜ − x̄)(xₜ − x̄)ᵀ` on the
/// centred rows (a one-pass `Σx² − n·x̄²` loses every digit a large mean shares with the values).
/// `S` is accumulated over fixed chunks of `chunkRows` trial rows, aligned to row 0 and taken in
/// trial order, each chunk's `XᵀX` by BLAS `dsyrk`, the chunks summed in order: so the result is
/// a function of the row values alone, the same whatever threads, block size or shards produced
/// them.
public struct CrossMoments: Sendable, Equatable {
    /// Rows (trials) in the sample.
    public let count: Int
    /// Columns (outputs).
    public let outputs: Int
    /// Each column's mean; exactly its value for a constant column.
    public let means: [Double]
    /// `S`, row-major `outputs × outputs` and exactly symmetric: the sums of products of
    /// deviations from the means.
    public let centredProducts: [Double]

    /// The rows of a chunk: large enough that a BLAS call amortises, small enough to stay in cache.
    public static let chunkRows = 4096

    /// From a `trials × outputs` matrix, one row per trial in trial order.
    public init(_ rows: Matrix, chunkRows: Int = CrossMoments.chunkRows) {
        self.init(count: rows.rows, outputs: rows.columns, chunkRows: chunkRows) { range, chunk in
            rows.withUnsafeBufferPointer { values in
                for i in 0..<(range.count * rows.columns) { chunk[i] = values[range.lowerBound * rows.columns + i] }
            }
        }
    }

    /// From rows written on demand: `fill(range, chunk)` writes rows `range` (row-major,
    /// `outputs` values each) into the start of `chunk`. It is called for every chunk twice, in
    /// order, and must write the same values both times. Spares a copy of the whole sample.
    public init(count: Int, outputs: Int, chunkRows: Int = CrossMoments.chunkRows,
                rows fill: (_ range: Range<Int>, _ chunk: UnsafeMutableBufferPointer<Double>) -> Void) {
        precondition(count >= 0 && outputs >= 0, "CrossMoments: negative shape \(count)×\(outputs)")
        precondition(chunkRows > 0, "CrossMoments: chunkRows must be positive, got \(chunkRows)")
        self.count = count
        self.outputs = outputs
        let p = outputs
        var chunk = [Double](repeating: 0, count: min(count, chunkRows) * p)
        let chunks = stride(from: 0, to: count, by: chunkRows).map { $0..<min(count, $0 + chunkRows) }

        // Pass 1: sums in trial order (as SampleSummary adds them), and which columns are constant.
        var sums = [Double](repeating: 0, count: p)
        var first = [Double](repeating: 0, count: p)
        var constant = [Bool](repeating: true, count: p)
        chunk.withUnsafeMutableBufferPointer { buffer in
            for range in chunks {
                fill(range, buffer)
                for r in 0..<range.count {
                    for j in 0..<p {
                        let v = buffer[r * p + j]
                        if range.lowerBound + r == 0 { first[j] = v } else if v != first[j] { constant[j] = false }
                        sums[j] += v
                    }
                }
            }
        }
        // A constant column's sum / n can miss its value by an ulp; its exact value keeps its
        // deviations exactly 0, so a degenerate output is told apart from a tiny variance.
        let means = (0..<p).map { j in count == 0 ? Double.nan : constant[j] ? first[j] : sums[j] / Double(count) }
        self.means = means

        // Pass 2: each chunk's centred XᵀX by dsyrk, added to the total in chunk order.
        var total = [Double](repeating: 0, count: p * p)
        var part = [Double](repeating: 0, count: p * p)
        chunk.withUnsafeMutableBufferPointer { buffer in
            part.withUnsafeMutableBufferPointer { partBuffer in
                for range in chunks {
                    fill(range, buffer)
                    for r in 0..<range.count {
                        for j in 0..<p { buffer[r * p + j] -= means[j] }
                    }
                    syrk(n: p, k: range.count, alpha: 1, a: UnsafePointer(buffer.baseAddress!), lda: p,
                         beta: 0, c: partBuffer.baseAddress!, ldc: p)
                    for i in 0..<p {
                        for j in i..<p { total[i * p + j] += partBuffer[i * p + j] }
                    }
                }
            }
        }
        for i in 0..<p {
            for j in 0..<i { total[i * p + j] = total[j * p + i] }
        }
        centredProducts = total
    }

    /// Sample variance of column `j`, `Sⱼⱼ / (n − 1)`; 0 with fewer than two rows.
    public func variance(_ j: Int) -> Double {
        count > 1 ? centredProducts[j * outputs + j] / Double(count - 1) : 0
    }

    /// Sample standard deviations, the `n − 1` denominator as `SampleSummary`'s.
    public var standardDeviations: [Double] { (0..<outputs).map { variance($0).squareRoot() } }

    /// Sample covariance of columns `i` and `j`, `Sᵢⱼ / (n − 1)`; 0 with fewer than two rows.
    public func covariance(_ i: Int, _ j: Int) -> Double {
        count > 1 ? centredProducts[i * outputs + j] / Double(count - 1) : 0
    }

    /// Pearson's correlation of columns `i` and `j`, in −1…1; nil when either column has no
    /// variance (a constant output has no correlation, and NaN has no place in JSON).
    public func correlation(_ i: Int, _ j: Int) -> Double? {
        let sii = centredProducts[i * outputs + i], sjj = centredProducts[j * outputs + j]
        guard sii > 0, sjj > 0 else { return nil }
        if i == j { return 1 }
        // √(Sᵢᵢ·Sⱼⱼ) in one root is exact when the product is a square (hand-worked cases); two
        // roots only if the product over- or underflows.
        let product = sii * sjj
        let root = product.isNormal ? product.squareRoot() : sii.squareRoot() * sjj.squareRoot()
        return min(1, max(-1, centredProducts[i * outputs + j] / root))
    }

    /// The correlation matrix, row by row (`correlation(i, j)` at `[i][j]`).
    public var correlations: [[Double?]] {
        (0..<outputs).map { i in (0..<outputs).map { j in correlation(i, j) } }
    }
}
