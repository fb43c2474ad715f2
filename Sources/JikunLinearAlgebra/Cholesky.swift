import _CBLAS

/// The lower-triangular Cholesky factor `L` of a symmetric positive-definite matrix, so that `a = L · Lᵀ`.
///
/// Checks that `a` is square, finite and symmetric (entries `(i, j)` and `(j, i)`
/// may differ by at most 1e-12 times the largest absolute entry), then factors it
/// with LAPACK `dpotrf` (row-major, lower triangle). The upper triangle of the
/// result is zero.
/// - Throws: `LinearAlgebraError.notSquare`, `.notFinite`, `.notSymmetric(row:column:)`
///   for the first offending pair (row < column), or `.notPositiveDefinite(leadingMinor:)`
///   with the order of the first leading minor that is not positive.
/// Complexity: O(n³ / 3) arithmetic for an `n × n` matrix, one allocation.
public func choleskyLower(_ a: Matrix) throws -> Matrix {
    guard a.isSquare else { throw LinearAlgebraError.notSquare }
    let n = a.rows
    try a.withUnsafeBufferPointer { values in
        try checkFinite(values)
        var scale = 0.0
        for value in values { scale = max(scale, abs(value)) }
        let tolerance = 1e-12 * scale
        for i in 0..<n {
            for j in (i + 1)..<n where abs(values[i * n + j] - values[j * n + i]) > tolerance {
                throw LinearAlgebraError.notSymmetric(row: i, column: j)
            }
        }
    }
    guard n > 0 else { return a }
    var factor = a
    try factor.withUnsafeMutableBufferPointer { values in
        let info = LAPACKE_dpotrf(
            LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")),
            lapackInt(n), values.baseAddress, lapackInt(n)
        )
        if info > 0 {
            throw LinearAlgebraError.notPositiveDefinite(leadingMinor: Int(info))
        }
        precondition(info == 0, "LAPACKE_dpotrf failed with info \(info)")
        for i in 0..<n {
            for j in (i + 1)..<n {
                values[i * n + j] = 0
            }
        }
    }
    return factor
}

/// Throws `LinearAlgebraError.notFinite` if any value is NaN or infinite.
func checkFinite(_ values: UnsafeBufferPointer<Double>) throws {
    for value in values where !value.isFinite {
        throw LinearAlgebraError.notFinite
    }
}

/// Converts a dimension to LAPACKE's 32-bit `lapack_int`, trapping with a clear message if it does not fit.
@inline(__always)
func lapackInt(_ value: Int) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        preconditionFailure("Dimension \(value) is too large for LAPACK's 32-bit integers")
    }
    return converted
}
