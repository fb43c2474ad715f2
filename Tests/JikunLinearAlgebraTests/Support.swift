import JikunLinearAlgebra

/// SplitMix64: a tiny, fully determined generator so the random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A `rows × columns` matrix of uniform values in [-1, 1].
func randomMatrix(_ rows: Int, _ columns: Int, using generator: inout SeededGenerator) -> Matrix {
    Matrix(
        rows: rows, columns: columns,
        values: (0..<(rows * columns)).map { _ in Double.random(in: -1...1, using: &generator) }
    )
}

/// The textbook triple loop, the reference the BLAS results are checked against.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows)
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum = 0.0
            for p in 0..<a.columns { sum += a[i, p] * b[p, j] }
            c[i, j] = sum
        }
    }
    return c
}

/// The largest absolute entry-wise difference; infinite when the shapes differ.
func maxDifference(_ x: Matrix, _ y: Matrix) -> Double {
    guard x.rows == y.rows, x.columns == y.columns else { return .infinity }
    return zip(x.values, y.values).map { abs($0 - $1) }.max() ?? 0
}
