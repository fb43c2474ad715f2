import _CBLAS

/// The cross-product matrix `aᵀ · a` (the Gram matrix of `a`'s columns), full and symmetric.
///
/// For an `m × n` matrix `a` returns the `n × n` matrix whose entry `(i, j)` is
/// `Σₜ a[t, i] · a[t, j]`; with `a`'s columns centred on their means, `m − 1` times their
/// sample covariance matrix. Computed with OpenBLAS `cblas_dsyrk` on the upper triangle, then
/// mirrored, so the result is exactly symmetric.
/// Complexity: O(m · n² / 2) arithmetic, one allocation for the result.
public func crossProduct(_ a: Matrix) -> Matrix {
    let n = a.columns
    var result = Matrix(rows: n, columns: n)
    guard n > 0, a.rows > 0 else { return result }
    a.withUnsafeBufferPointer { aBuffer in
        result.withUnsafeMutableBufferPointer { cBuffer in
            syrk(n: n, k: a.rows, alpha: 1, a: aBuffer.baseAddress!, lda: n, beta: 0, c: cBuffer.baseAddress!, ldc: n)
            for i in 0..<n {
                for j in (i + 1)..<n { cBuffer[j * n + i] = cBuffer[i * n + j] }
            }
        }
    }
    return result
}

/// In place, allocation-free `C ← alpha · Aᵀ · A + beta · C` on row-major buffers, upper triangle only.
///
/// A thin checked wrapper over OpenBLAS `cblas_dsyrk` (upper, transposed). `A` is `k × n`:
/// `k` rows of `n` values, each `lda` (≥ `n`) apart; `C` is `n × n`, rows `ldc` (≥ `n`) apart.
/// Only the upper triangle of `C` (entries `(i, j)` with `j ≥ i`) is read and written; the
/// strict lower triangle is left as it was. With `beta == 0` the old contents of `C` are not
/// read. `c` must not overlap `a`. About half the work of the `gemm` that would give the same
/// entries, and no second copy of the data.
/// Complexity: O(k · n² / 2) arithmetic; no allocation.
public func syrk(
    n: Int, k: Int,
    alpha: Double,
    a: UnsafePointer<Double>, lda: Int,
    beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
) {
    precondition(n >= 0 && k >= 0, "syrk dimensions must not be negative (n \(n), k \(k))")
    precondition(lda >= max(1, n), "syrk: lda \(lda) is less than A's row length \(n)")
    precondition(ldc >= max(1, n), "syrk: ldc \(ldc) is less than C's row length \(n)")
    guard n > 0 else { return }
    cblas_dsyrk(
        CblasRowMajor, CblasUpper, CblasTrans,
        blasInt(n), blasInt(k),
        alpha, a, blasInt(lda),
        beta, c, blasInt(ldc)
    )
}
