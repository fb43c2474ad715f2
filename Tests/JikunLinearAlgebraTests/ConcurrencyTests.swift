import Dispatch
import JikunLinearAlgebra
import Synchronization
import Testing

@Suite("Concurrent use")
struct ConcurrencyTests {
    /// The engine's pattern: single-threaded BLAS, many callers inside concurrentPerform.
    @Test func gemmFromConcurrentPerform() {
        BLASThreads.setSingleThreaded()
        let tasks = 8
        var generator = SeededGenerator(seed: 2024)
        let inputs = (0..<tasks).map { _ in
            (randomMatrix(40, 30, using: &generator), randomMatrix(30, 20, using: &generator))
        }
        let expected = inputs.map { naiveProduct($0.0, $0.1) }
        let differences = Mutex([Double](repeating: .infinity, count: tasks))
        DispatchQueue.concurrentPerform(iterations: tasks) { task in
            let (x, y) = inputs[task]
            var c = [Double](repeating: 0, count: 40 * 20)
            multiplyAccumulate(m: 40, n: 20, k: 30, a: x.values, b: y.values, into: &c)
            let difference = maxDifference(Matrix(rows: 40, columns: 20, values: c), expected[task])
            differences.withLock { $0[task] = difference }
        }
        #expect(differences.withLock { $0.allSatisfy { $0 < 1e-12 } })
    }
}
