import JikunLinearAlgebra
import Testing

@Suite("Error messages")
struct ErrorMessageTests {
    @Test(arguments: [
        (LinearAlgebraError.notSquare,
         "The matrix is not square: it must have as many rows as columns."),
        (.notSymmetric(row: 0, column: 2),
         "The matrix is not symmetric: entry [0, 2] differs from entry [2, 0]."),
        (.notPositiveDefinite(leadingMinor: 2),
         "The matrix is not positive definite: its leading minor of order 2 is not positive."),
        (.notFinite,
         "The matrix contains an entry that is NaN or infinite."),
        (.underdetermined(rows: 2, columns: 3),
         "The system is underdetermined: 2 equations cannot determine 3 unknowns."),
        (.rankDeficient(column: 1),
         "The matrix is rank deficient: column 1 is a linear combination of the columns before it, so the least-squares solution is not unique."),
    ])
    func pinnedText(error: LinearAlgebraError, message: String) {
        #expect(error.description == message)
        #expect("\(error)" == message)
    }
}

@Suite("OpenBLAS threads")
struct BLASThreadsTests {
    @Test func setSingleThreaded() {
        BLASThreads.setSingleThreaded()
        #expect(BLASThreads.count == 1)
    }
}
