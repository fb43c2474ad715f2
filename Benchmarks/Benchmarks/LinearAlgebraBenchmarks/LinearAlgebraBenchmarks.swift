import Benchmark
import JikunLinearAlgebra

/// Deterministic filler in [-1, 1); the values do not affect BLAS timings.
private func filler(count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 52) - 1
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )

    // The engine's aggregation shape: (trials × cell-lines) · (cell-lines × groups).
    let trials = 1_000, cellLines = 2_000, groups = 64
    let outcomes = Matrix(rows: trials, columns: cellLines, values: filler(count: trials * cellLines, seed: 1))
    let weights = Matrix(rows: cellLines, columns: groups, values: filler(count: cellLines * groups, seed: 2))

    Benchmark("dgemm 1000x2000 by 2000x64 (multiply)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(multiply(outcomes, weights))
        }
    }

    // The allocation-free path: C is allocated once, outside the measurement.
    let totals = UnsafeMutablePointer<Double>.allocate(capacity: trials * groups)
    totals.initialize(repeating: 0, count: trials * groups)
    Benchmark("dgemm 1000x2000 by 2000x64 (gemm in place)") { benchmark in
        outcomes.withUnsafeBufferPointer { a in
            weights.withUnsafeBufferPointer { b in
                for _ in benchmark.scaledIterations {
                    gemm(
                        m: trials, n: groups, k: cellLines,
                        alpha: 1, a: a.baseAddress!, lda: cellLines,
                        b: b.baseAddress!, ldb: groups,
                        beta: 0, c: totals, ldc: groups
                    )
                    blackHole(totals[0])
                }
            }
        }
    }

    // A correlation-sized SPD matrix: M·Mᵀ + 10·I.
    let n = 10
    let m = Matrix(rows: n, columns: n, values: filler(count: n * n, seed: 3))
    var spd = multiply(m, m, transposeB: true)
    for i in 0..<n {
        spd[i, i] += Double(n)
        for j in 0..<i { spd[j, i] = spd[i, j] }
    }
    let correlationLike = spd
    Benchmark("Cholesky 10x10") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try choleskyLower(correlationLike))
        }
    }
}
