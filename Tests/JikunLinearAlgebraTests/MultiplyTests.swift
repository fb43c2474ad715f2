import JikunLinearAlgebra
import Testing

@Suite("Matrix product (dgemm)")
struct MultiplyTests {
    let a = Matrix([[1, 2, 3], [4, 5, 6]])
    let b = Matrix([[7, 8], [9, 10], [11, 12]])

    @Test func handComputedProduct() {
        // [1 2 3]   [ 7  8]   [ 58  64]
        // [4 5 6] · [ 9 10] = [139 154]
        //           [11 12]
        #expect(multiply(a, b) == Matrix([[58, 64], [139, 154]]))
        // and the other way round: 3×2 · 2×3
        #expect(multiply(b, a) == Matrix([[39, 54, 69], [49, 68, 87], [59, 82, 105]]))
    }

    @Test func handComputedTransposedProducts() {
        // aᵀ is 3×2 and bᵀ is 2×3, so aᵀ·bᵀ = (b·a)ᵀ.
        let expected = Matrix([[39, 49, 59], [54, 68, 82], [69, 87, 105]])
        #expect(multiply(a, b, transposeA: true, transposeB: true) == expected)
        #expect(multiply(a, a, transposeB: true) == Matrix([[14, 32], [32, 77]]))
        #expect(multiply(a, a, transposeA: true) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    }

    @Test func matchesNaiveLoopOnRandomMatrices() {
        var generator = SeededGenerator(seed: 20_240_601)
        let x = randomMatrix(37, 19, using: &generator)
        let y = randomMatrix(19, 23, using: &generator)
        let expected = naiveProduct(x, y)
        let product = multiply(x, y)
        #expect(product.rows == 37 && product.columns == 23)
        #expect(maxDifference(product, expected) < 1e-12)

        // The same product, with either or both factors handed over transposed.
        let xT = x.transposed(), yT = y.transposed()
        #expect(maxDifference(multiply(xT, y, transposeA: true), expected) < 1e-12)
        #expect(maxDifference(multiply(x, yT, transposeB: true), expected) < 1e-12)
        #expect(maxDifference(multiply(xT, yT, transposeA: true, transposeB: true), expected) < 1e-12)
    }

    @Test func identityIsNeutral() {
        var generator = SeededGenerator(seed: 7)
        let x = randomMatrix(5, 4, using: &generator)
        #expect(multiply(Matrix.identity(5), x) == x)
        #expect(multiply(x, Matrix.identity(4)) == x)
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let product = multiply(Matrix(rows: 3, columns: 0), Matrix(rows: 0, columns: 2))
        #expect(product == Matrix(rows: 3, columns: 2, repeating: 0))
    }
}

@Suite("Raw-buffer gemm")
struct GemmTests {
    @Test func betaOneAccumulatesIntoC() {
        let a: [Double] = [1, 2, 3, 4, 5, 6]  // 2×3
        let b: [Double] = [7, 8, 9, 10, 11, 12]  // 3×2
        var c: [Double] = [1, 1, 1, 1]  // 2×2
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    gemm(
                        m: 2, n: 2, k: 3, alpha: 1, a: a.baseAddress!, lda: 3,
                        b: b.baseAddress!, ldb: 2, beta: 1, c: c.baseAddress!, ldc: 2
                    )
                    // A second call adds the product again, scaled by alpha.
                    gemm(
                        m: 2, n: 2, k: 3, alpha: 0.5, a: a.baseAddress!, lda: 3,
                        b: b.baseAddress!, ldb: 2, beta: 1, c: c.baseAddress!, ldc: 2
                    )
                }
            }
        }
        // 1 + A·B + 0.5·A·B, with A·B = [[58, 64], [139, 154]].
        let expected: [Double] = [88, 97, 209.5, 232]
        #expect(c == expected)
    }

    @Test func betaZeroIgnoresOldContentsAndHonoursLeadingDimensions() {
        // A is the 2×2 top-left block of a 2×3 buffer, C a 2×2 block of a 2×4 buffer.
        let a: [Double] = [1, 2, -99, 3, 4, -99]
        let b: [Double] = [5, 6, 7, 8]
        var c: [Double] = [.nan, .nan, 42, 42, .nan, .nan, 42, 42]
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    gemm(
                        m: 2, n: 2, k: 2, alpha: 1, a: a.baseAddress!, lda: 3,
                        b: b.baseAddress!, ldb: 2, beta: 0, c: c.baseAddress!, ldc: 4
                    )
                }
            }
        }
        let expected: [Double] = [19, 22, 42, 42, 43, 50, 42, 42]
        #expect(c == expected)
    }

    @Test func transposedRawBuffersMatchMatrixProduct() {
        var generator = SeededGenerator(seed: 99)
        let x = randomMatrix(6, 4, using: &generator)
        let y = randomMatrix(5, 6, using: &generator)
        // op(x) = xᵀ (4×6), op(y) = yᵀ (6×5): C is 4×5.
        var c = [Double](repeating: 0, count: 20)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                c.withUnsafeMutableBufferPointer { c in
                    gemm(
                        m: 4, n: 5, k: 6, alpha: 1, a: x.baseAddress!, lda: 4,
                        b: y.baseAddress!, ldb: 6, beta: 0, c: c.baseAddress!, ldc: 5,
                        transposeA: true, transposeB: true
                    )
                }
            }
        }
        let expected = naiveProduct(x.transposed(), y.transposed())
        #expect(maxDifference(Matrix(rows: 4, columns: 5, values: c), expected) < 1e-12)
    }

    @Test func multiplyAccumulateAddsToArrays() {
        var generator = SeededGenerator(seed: 3)
        let x = randomMatrix(9, 7, using: &generator)
        let y = randomMatrix(7, 4, using: &generator)
        var c = [Double](repeating: 1, count: 9 * 4)
        multiplyAccumulate(m: 9, n: 4, k: 7, a: x.values, b: y.values, into: &c)
        multiplyAccumulate(m: 9, n: 4, k: 7, a: x.values, b: y.values, into: &c, alpha: 2)
        let product = naiveProduct(x, y)
        let expected = Matrix(rows: 9, columns: 4, values: product.values.map { 1 + 3 * $0 })
        #expect(maxDifference(Matrix(rows: 9, columns: 4, values: c), expected) < 1e-12)
    }
}
