import _CBLAS

/// The matrix product `op(a) · op(b)`, where `op` transposes when asked.
///
/// Computes, with OpenBLAS `cblas_dgemm`, the `m × n` matrix `op(a) · op(b)`
/// where `op(a)` is `m × k` and `op(b)` is `k × n`; their inner dimensions must
/// agree. Transposition is done by BLAS, not by copying.
/// Complexity: O(m · n · k) arithmetic, one allocation for the result.
public func multiply(
    _ a: Matrix, _ b: Matrix,
    transposeA: Bool = false, transposeB: Bool = false
) -> Matrix {
    let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    let (bk, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
    precondition(
        k == bk,
        "Cannot multiply: op(a) is \(m)×\(k) but op(b) is \(bk)×\(n)"
    )
    var result = Matrix(rows: m, columns: n)
    guard m > 0, n > 0, k > 0 else { return result }
    a.values.withUnsafeBufferPointer { aBuffer in
        b.values.withUnsafeBufferPointer { bBuffer in
            result.values.withUnsafeMutableBufferPointer { cBuffer in
                gemm(
                    m: m, n: n, k: k,
                    alpha: 1, a: aBuffer.baseAddress!, lda: a.columns,
                    b: bBuffer.baseAddress!, ldb: b.columns,
                    beta: 0, c: cBuffer.baseAddress!, ldc: n,
                    transposeA: transposeA, transposeB: transposeB
                )
            }
        }
    }
    return result
}

/// In place, allocation-free `C ← alpha · op(A) · op(B) + beta · C` on row-major buffers.
///
/// A thin checked wrapper over OpenBLAS `cblas_dgemm` for hot loops. `op(A)` is
/// `m × k` and `op(B)` is `k × n`; `C` is `m × n`.
/// - `a` holds `A` as `m × k` rows (or `k × m` when `transposeA`), each `lda` apart;
///   `lda` must be at least the stored row length (`k`, or `m` when transposed).
/// - `b` holds `B` as `k × n` rows (or `n × k` when `transposeB`), each `ldb` apart;
///   `ldb` must be at least `n` (or `k` when transposed).
/// - `c` holds `m × n` rows, each `ldc` (≥ `n`) apart.
/// With `beta == 0` the old contents of `C` are not read; with `beta == 1` the
/// product is added to them. `c` must not overlap `a` or `b`.
/// Complexity: O(m · n · k) arithmetic; no allocation.
public func gemm(
    m: Int, n: Int, k: Int,
    alpha: Double,
    a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int,
    beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int,
    transposeA: Bool = false, transposeB: Bool = false
) {
    precondition(m >= 0 && n >= 0 && k >= 0, "gemm dimensions must not be negative (m \(m), n \(n), k \(k))")
    let aRowLength = transposeA ? m : k
    let bRowLength = transposeB ? k : n
    precondition(lda >= max(1, aRowLength), "gemm: lda \(lda) is less than A's row length \(aRowLength)")
    precondition(ldb >= max(1, bRowLength), "gemm: ldb \(ldb) is less than B's row length \(bRowLength)")
    precondition(ldc >= max(1, n), "gemm: ldc \(ldc) is less than C's row length \(n)")
    guard m > 0, n > 0 else { return }
    cblas_dgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        blasInt(m), blasInt(n), blasInt(k),
        alpha, a, blasInt(lda),
        b, blasInt(ldb),
        beta, c, blasInt(ldc)
    )
}

/// Accumulates `C += alpha · A · B` for densely packed row-major `[Double]` buffers.
///
/// `a` is `m × k` (`m * k` values), `b` is `k × n`, `c` is `m × n`; rows are
/// packed with no padding. Uses `cblas_dgemm` with `beta = 1`.
/// Complexity: O(m · n · k) arithmetic; no allocation when `c` is uniquely referenced.
public func multiplyAccumulate(
    m: Int, n: Int, k: Int,
    a: [Double], b: [Double],
    into c: inout [Double],
    alpha: Double = 1
) {
    precondition(m >= 0 && n >= 0 && k >= 0, "multiplyAccumulate dimensions must not be negative (m \(m), n \(n), k \(k))")
    precondition(a.count == m * k, "multiplyAccumulate: a has \(a.count) values, expected m·k = \(m * k)")
    precondition(b.count == k * n, "multiplyAccumulate: b has \(b.count) values, expected k·n = \(k * n)")
    precondition(c.count == m * n, "multiplyAccumulate: c has \(c.count) values, expected m·n = \(m * n)")
    guard m > 0, n > 0, k > 0 else { return }
    a.withUnsafeBufferPointer { aBuffer in
        b.withUnsafeBufferPointer { bBuffer in
            c.withUnsafeMutableBufferPointer { cBuffer in
                gemm(
                    m: m, n: n, k: k,
                    alpha: alpha, a: aBuffer.baseAddress!, lda: k,
                    b: bBuffer.baseAddress!, ldb: n,
                    beta: 1, c: cBuffer.baseAddress!, ldc: n
                )
            }
        }
    }
}

/// Converts a dimension to OpenBLAS's 32-bit `blasint`, trapping with a clear message if it does not fit.
@inline(__always)
func blasInt(_ value: Int) -> blasint {
    guard let converted = blasint(exactly: value) else {
        preconditionFailure("Dimension \(value) is too large for OpenBLAS's 32-bit integers")
    }
    return converted
}
