import JikunLinearAlgebra
import Testing

@Suite("Matrix storage")
struct MatrixTests {
    @Test func storesRowMajor() {
        let m = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(m.rows == 2)
        #expect(m.columns == 3)
        #expect(m[0, 2] == 3)
        #expect(m[1, 0] == 4)
        #expect(m == Matrix([[1, 2, 3], [4, 5, 6]]))
    }

    @Test func repeatingAndSubscriptSet() {
        var m = Matrix(rows: 2, columns: 2, repeating: 7)
        #expect(m.values == [7, 7, 7, 7])
        m[1, 0] = -1
        #expect(m.values == [7, 7, -1, 7])
    }

    @Test func identity() {
        #expect(Matrix.identity(3) == Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        #expect(Matrix.identity(0).values.isEmpty)
    }

    @Test func transposed() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(m.transposed().transposed() == m)
    }

    @Test func description() {
        #expect(Matrix([[1, 2], [3, 4]]).description == "2×2 [[1.0, 2.0], [3.0, 4.0]]")
    }
}
