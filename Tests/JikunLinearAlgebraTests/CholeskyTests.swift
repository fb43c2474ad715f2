import JikunLinearAlgebra
import Testing

@Suite("Cholesky factor (dpotrf)")
struct CholeskyTests {
    @Test func knownThreeByThree() throws {
        let a = Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let l = try choleskyLower(a)
        #expect(l == Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
    }

    @Test func reconstructsRandomSPDMatrix() throws {
        var generator = SeededGenerator(seed: 42)
        let n = 12
        let m = randomMatrix(n, n, using: &generator)
        // M·Mᵀ + n·I is symmetric positive definite; symmetrise exactly.
        var a = multiply(m, m, transposeB: true)
        for i in 0..<n {
            a[i, i] += Double(n)
            for j in 0..<i { a[j, i] = a[i, j] }
        }
        let l = try choleskyLower(a)
        for i in 0..<n {
            #expect(l[i, i] > 0)
            for j in (i + 1)..<n { #expect(l[i, j] == 0) }
        }
        #expect(maxDifference(multiply(l, l, transposeB: true), a) < 1e-12 * Double(n))
    }

    @Test func oneByOneAndEmpty() throws {
        #expect(try choleskyLower(Matrix([[9]])) == Matrix([[3]]))
        #expect(try choleskyLower(Matrix(rows: 0, columns: 0)) == Matrix(rows: 0, columns: 0))
    }

    @Test func toleratesRoundingAsymmetry() throws {
        let a = Matrix([[4, 2 + 1e-15], [2, 3]])
        let l = try choleskyLower(a)
        #expect(abs(l[1, 0] - 1) < 1e-12)
    }

    @Test func indefiniteMatrixThrowsNotPositiveDefinite() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
            try choleskyLower(Matrix([[1, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
            try choleskyLower(Matrix([[-1, 0], [0, 1]]))
        }
    }

    @Test func nonSymmetricMatrixThrows() {
        #expect(throws: LinearAlgebraError.notSymmetric(row: 1, column: 2)) {
            try choleskyLower(Matrix([[4, 1, 0], [1, 4, 1], [0, 1.001, 4]]))
        }
    }

    @Test func nonSquareMatrixThrows() {
        #expect(throws: LinearAlgebraError.notSquare) {
            try choleskyLower(Matrix(rows: 2, columns: 3))
        }
    }

    @Test func nonFiniteMatrixThrows() {
        #expect(throws: LinearAlgebraError.notFinite) {
            try choleskyLower(Matrix([[1, .nan], [.nan, 1]]))
        }
    }
}
