import JikunLinearAlgebra
import Testing

@Suite("Cross product aᵀa (dsyrk)")
struct CrossProductTests {
    @Test func handComputedCrossProduct() {
        // a = [1 2; 3 4; 5 6] (3×2): aᵀa = [1+9+25  2+12+30; ·  4+16+36] = [35 44; 44 56].
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(crossProduct(a) == Matrix([[35, 44], [44, 56]]))
        // A 2×3: aᵀa is 3×3 and of rank 2. [1 0 2; −1 3 1]: columns (1,−1), (0,3), (2,1).
        let b = Matrix([[1, 0, 2], [-1, 3, 1]])
        #expect(crossProduct(b) == Matrix([[2, -3, 1], [-3, 9, 3], [1, 3, 5]]))
    }

    /// The raw call adds alpha·AᵀA to beta·C in the upper triangle and leaves the strict lower
    /// triangle alone (here holding sentinels), reading A's rows `lda` apart.
    @Test func rawCallTouchesTheUpperTriangleOnly() {
        // A is 3×2 stored with a padding column: rows [1 2 x], [3 4 x], [5 6 x].
        let a: [Double] = [1, 2, 99, 3, 4, 99, 5, 6, 99]
        var c: [Double] = [1, 1, -7, 1]
        a.withUnsafeBufferPointer { ap in
            c.withUnsafeMutableBufferPointer { cp in
                syrk(n: 2, k: 3, alpha: 2, a: ap.baseAddress!, lda: 3, beta: 1, c: cp.baseAddress!, ldc: 2)
            }
        }
        // 2·[35 44; 44 56] + [1 1; · 1], the lower entry untouched.
        #expect(c == [71, 89, -7, 113])
    }

    @Test func matchesTheProductOfTheTransposeOnRandomMatrices() {
        var generator = SeededGenerator(seed: 20_261_202)
        let x = randomMatrix(301, 17, using: &generator)
        let product = crossProduct(x)
        #expect(maxDifference(product, naiveProduct(x.transposed(), x)) < 1e-12)
        #expect(product == product.transposed())
    }

    @Test func emptyMatricesGiveZeros() {
        #expect(crossProduct(Matrix(rows: 0, columns: 3)) == Matrix(rows: 3, columns: 3))
        #expect(crossProduct(Matrix(rows: 4, columns: 0)) == Matrix(rows: 0, columns: 0))
    }
}
