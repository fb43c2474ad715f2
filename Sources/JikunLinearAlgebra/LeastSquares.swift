import _CBLAS

/// The least-squares solution `x` of `a · x ≈ b`, one column of `x` per column of `b`.
///
/// For an `m × n` matrix `a` with `m ≥ n` and full column rank, and an `m × r`
/// right-hand side `b`, returns the `n × r` matrix `x` that minimises the sum of
/// squared residuals `‖a · x − b‖²` in every column (an exact solution when one
/// exists). Solved by a QR factorisation with LAPACK `dgels` (row-major); used
/// for regression coefficients. `a` and `b` must have the same number of rows.
/// - Throws: `LinearAlgebraError.notFinite`, `.underdetermined(rows:columns:)` when
///   `m < n`, or `.rankDeficient(column:)` when a diagonal entry of the QR factor `R`
///   is at most `m · ε · max|Rⱼⱼ|` in size (the column is numerically a combination
///   of earlier ones).
/// Complexity: O(m · n² + m · n · r) arithmetic, two allocations of copies plus LAPACKE's row-major scratch.
public func leastSquares(_ a: Matrix, _ b: Matrix) throws -> Matrix {
    precondition(
        a.rows == b.rows,
        "leastSquares: a has \(a.rows) rows but b has \(b.rows)"
    )
    let m = a.rows, n = a.columns, r = b.columns
    guard m >= n else { throw LinearAlgebraError.underdetermined(rows: m, columns: n) }
    try a.withUnsafeBufferPointer(checkFinite)
    try b.withUnsafeBufferPointer(checkFinite)
    guard n > 0, r > 0 else { return Matrix(rows: n, columns: r) }

    var qr = a.values
    var rhs = b.values
    let info = qr.withUnsafeMutableBufferPointer { qrBuffer in
        rhs.withUnsafeMutableBufferPointer { rhsBuffer in
            LAPACKE_dgels(
                LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")),
                lapackInt(m), lapackInt(n), lapackInt(r),
                qrBuffer.baseAddress, lapackInt(n),
                rhsBuffer.baseAddress, lapackInt(r)
            )
        }
    }
    if info > 0 {
        throw LinearAlgebraError.rankDeficient(column: Int(info) - 1)
    }
    precondition(info == 0, "LAPACKE_dgels failed with info \(info)")

    // dgels only stops on an exactly zero pivot; also refuse numerically zero ones,
    // whose "solution" would be rounding noise.
    var largestPivot = 0.0
    for j in 0..<n { largestPivot = max(largestPivot, abs(qr[j * n + j])) }
    let threshold = Double(m) * Double.ulpOfOne * largestPivot
    for j in 0..<n where abs(qr[j * n + j]) <= threshold {
        throw LinearAlgebraError.rankDeficient(column: j)
    }

    // The first n rows of rhs hold x.
    return Matrix(rows: n, columns: r, values: Array(rhs[0..<(n * r)]))
}
