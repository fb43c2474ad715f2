import JikunLinearAlgebra
import Testing

@Suite("Least squares (dgels)")
struct LeastSquaresTests {
    @Test func exactlySolvableOverdeterminedSystem() throws {
        // Five equations, three unknowns, consistent: b = a · [1, -2, 0.5]ᵀ.
        let a = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [2, -1, 3]])
        let b = Matrix([[1], [-2], [0.5], [-0.5], [5.5]])
        let x = try leastSquares(a, b)
        #expect(x.rows == 3 && x.columns == 1)
        #expect(maxDifference(x, Matrix([[1], [-2], [0.5]])) < 1e-12)
    }

    @Test func severalRightHandSides() throws {
        var generator = SeededGenerator(seed: 11)
        let a = randomMatrix(30, 4, using: &generator)
        let truth = randomMatrix(4, 3, using: &generator)
        let x = try leastSquares(a, multiply(a, truth))
        #expect(maxDifference(x, truth) < 1e-12)
    }

    @Test func straightLineFit() throws {
        // y = c + s·t through (0, 1), (1, 2), (2, 2): normal equations give c = 7/6, s = 1/2.
        let a = Matrix([[1, 0], [1, 1], [1, 2]])
        let x = try leastSquares(a, Matrix([[1], [2], [2]]))
        #expect(maxDifference(x, Matrix([[7.0 / 6.0], [0.5]])) < 1e-12)
    }

    @Test func rankDeficientThrows() {
        // The second column repeats the first.
        let a = Matrix([[1, 1], [2, 2], [3, 3], [4, 4]])
        #expect(throws: LinearAlgebraError.rankDeficient(column: 1)) {
            try leastSquares(a, Matrix([[1], [2], [3], [4]]))
        }
        #expect(throws: LinearAlgebraError.rankDeficient(column: 0)) {
            try leastSquares(Matrix(rows: 3, columns: 2), Matrix(rows: 3, columns: 1))
        }
    }

    @Test func underdeterminedThrows() {
        #expect(throws: LinearAlgebraError.underdetermined(rows: 2, columns: 3)) {
            try leastSquares(Matrix(rows: 2, columns: 3, repeating: 1), Matrix(rows: 2, columns: 1))
        }
    }

    @Test func nonFiniteThrows() {
        #expect(throws: LinearAlgebraError.notFinite) {
            try leastSquares(Matrix([[1], [2]]), Matrix([[1], [.infinity]]))
        }
    }
}
