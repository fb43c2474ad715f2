import Foundation
import JikunLinearAlgebra
import JikunSampling
import Testing
@testable import JikunSimulation

/// `rows × columns` of correlated outputs: column j is offsetⱼ + scaleⱼ · (L·u)ⱼ for uniform u
/// and a random lower-triangular L, offsets up to 10⁶ times the spread (as money is).
private func correlatedSample(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var g = RandomStream(seed: seed, stream: 0)  // the same samples on every machine
    let mix = (0..<(columns * columns)).map { k in k / columns >= k % columns ? Double.random(in: -1...1, using: &g) : 0 }
    let offsets = (0..<columns).map { _ in Double.random(in: -1e6...1e6, using: &g) }
    let scales = (0..<columns).map { _ in Double.random(in: 0.5...2, using: &g) }
    var values: [Double] = []
    values.reserveCapacity(rows * columns)
    for _ in 0..<rows {
        let u = (0..<columns).map { _ in Double.random(in: -1...1, using: &g) }
        for j in 0..<columns {
            var x = 0.0
            for k in 0...j { x += mix[j * columns + k] * u[k] }
            values.append(offsets[j] + scales[j] * x)
        }
    }
    return Matrix(rows: rows, columns: columns, values: values)
}

/// The textbook two-pass computation, in plain Double loops, the reference for CrossMoments.
private func naiveMoments(_ x: Matrix) -> (means: [Double], sd: [Double], correlation: [[Double]]) {
    let n = x.rows, p = x.columns
    let means = (0..<p).map { j in
        var s = 0.0
        for t in 0..<n { s += x[t, j] }
        return s / Double(n)
    }
    var products = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for i in 0..<p {
        for j in 0..<p {
            var s = 0.0
            for t in 0..<n { s += (x[t, i] - means[i]) * (x[t, j] - means[j]) }
            products[i][j] = s
        }
    }
    let sd = (0..<p).map { (products[$0][$0] / Double(n - 1)).squareRoot() }
    let correlation = (0..<p).map { i in (0..<p).map { j in products[i][j] / (products[i][i] * products[j][j]).squareRoot() } }
    return (means, sd, correlation)
}

@Suite struct CrossMomentsTests {
    /// Five trials of three outputs, each with mean 3 and deviations of squared sum 10, so
    /// the variances are 10/4 and the correlations 8/10, 5/10 and 2/10:
    /// x − 3 = (−2, −1, 0, 1, 2), y − 3 = (−1, −2, 1, 0, 2), z − 3 = (0, −1, −2, 2, 1).
    @Test func handComputedSample() {
        let rows: [[Double]] = [[1, 2, 3], [2, 1, 2], [3, 4, 1], [4, 3, 5], [5, 5, 4]]
        for offset in [0.0, 1e9] {  // the same deviations around a large mean: the two passes keep every digit
            let m = CrossMoments(Matrix(rows.map { $0.map { $0 + offset } }))
            #expect(m.means == [3 + offset, 3 + offset, 3 + offset])
            #expect(m.centredProducts == [10, 8, 5, 8, 10, 2, 5, 2, 10])
            #expect(m.variance(0) == 2.5 && m.covariance(0, 1) == 2 && m.covariance(2, 1) == 0.5)
            let sd = Double(2.5).squareRoot()
            #expect(m.standardDeviations == [sd, sd, sd])
            #expect(m.correlations == [[1, 0.8, 0.5], [0.8, 1, 0.2], [0.5, 0.2, 1]])
        }
    }

    /// A constant output has no correlation (nil, not NaN), and exactly zero variance even where
    /// its sum ÷ n misses the value by an ulp (3 × 0.1 ÷ 3 ≠ 0.1).
    @Test func constantOutputsHaveNoCorrelation() {
        #expect((0.1 + 0.1 + 0.1) / 3 != 0.1)
        let m = CrossMoments(Matrix([[0.1, 1], [0.1, 2], [0.1, 4]]))
        #expect(m.means[0] == 0.1)
        #expect(m.variance(0) == 0 && m.covariance(0, 1) == 0)
        #expect(m.correlations == [[nil, nil], [nil, 1]])
        // One trial: nothing varies.
        let one = CrossMoments(Matrix([[5, 6]]))
        #expect(one.standardDeviations == [0, 0])
        #expect(one.correlations == [[nil, nil], [nil, nil]])
        #expect(CrossMoments(Matrix(rows: 0, columns: 2)).correlations == [[nil, nil], [nil, nil]])
    }

    /// 10,000 trials of 12 correlated outputs (three chunks, the last partial) agree with the
    /// naive two-pass loops: the means bit for bit (the same sums in the same order), the
    /// standard deviations to 1e-12 relative and the correlations to 1e-12. The two differ only
    /// in the order of the additions, an error of order n·ε·|ρ| ≈ 1e-12 at worst, ~1e-14 typically.
    @Test func agreesWithTheNaiveComputation() throws {
        let x = correlatedSample(rows: 10_000, columns: 12, seed: 2026)
        let m = CrossMoments(x)
        let naive = naiveMoments(x)
        #expect(m.means == naive.means)
        for (a, b) in zip(m.standardDeviations, naive.sd) { #expect(abs(a - b) <= 1e-12 * b) }
        var largest = 0.0
        for i in 0..<12 {
            for j in 0..<12 {
                let r = try #require(m.correlation(i, j))
                largest = max(largest, abs(r - naive.correlation[i][j]))
            }
        }
        #expect(largest <= 1e-12)
        // Not a sample of independent columns: some correlations are far from 0.
        #expect(m.correlations.joined().contains { abs($0 ?? 0) > 0.5 && $0 != 1 })
    }

    /// Property: the chunk length only reorders additions, so any split of the rows into chunks
    /// (one row each, 7, the default, all at once) gives the same moments to rounding; and for
    /// a given chunk length the result is a function of the rows alone, however they are handed over.
    @Test(arguments: [UInt64(1), 2, 3])
    func chunkingOnlyReordersTheSums(seed: UInt64) {
        var g = RandomStream(seed: seed, stream: 0)  // the same samples on every machine
        let rows = Int.random(in: 4_097...9_000, using: &g)
        let x = correlatedSample(rows: rows, columns: 5, seed: seed)
        let reference = CrossMoments(x)
        for chunk in [1, 7, Int.random(in: 2...5_000, using: &g), rows, rows + 1] {
            let m = CrossMoments(x, chunkRows: chunk)
            #expect(m.means == reference.means)
            for k in 0..<25 {
                let scale = (reference.centredProducts[(k / 5) * 6] * reference.centredProducts[(k % 5) * 6]).squareRoot()
                #expect(abs(m.centredProducts[k] - reference.centredProducts[k]) <= 1e-13 * scale, "chunk \(chunk), entry \(k)")
            }
        }
        // Rows written on demand, from their own copy, give the matrix's result bit for bit.
        let copy = x.values
        let streamed = CrossMoments(count: rows, outputs: 5) { range, chunk in
            for (r, t) in range.enumerated() { for j in 0..<5 { chunk[r * 5 + j] = copy[t * 5 + j] } }
        }
        #expect(streamed == reference)
    }
}

@Suite struct SummaryCorrelationTests {
    /// test-small at 180 yuan a person-month, whose loss ratio sits near the corridor (≈ 0.91 ± 7 %
    /// a trial), so refunds and top-ups vary between trials (at its own premium neither occurs).
    static func run(trials: Int, threads: Int, block: Int) throws -> (SimulationResult, SimulationSummary) {
        let scenario = try loadScenario("test-small.toml").applying("[premium]\nper_person_month = 180.00\n")
        let engine = Engine(scenario: scenario)
        let r = engine.run(SimulationOptions(trials: trials, seed: 7, threads: threads, blockSize: block))
        return (r, SimulationSummary(result: r, scenario: scenario, population: engine.population))
    }

    /// On test-small near its corridor: the outputs are laid out as documented; each output's mean and standard
    /// deviation agree with the summary's own (means bit for bit, sd to 1e-12); and the
    /// identities of the model hold: total = Σ insurers = Σ lines, so var(total) is the sum of
    /// the insurers' covariance block (and of the lines'); bureau = premium − refund + top-up.
    /// The identities hold to the rounding of yuan ÷ 100 in each trial (1e-9 relative is ample).
    @Test func outputsAgreeWithTheSummaryAndTheModel() throws {
        let (r, s) = try Self.run(trials: 2000, threads: 2, block: 64)
        let c = s.correlations
        let lines = r.lines.count, insurers = r.insurerKeys.count
        #expect(c.outputs.map(\.key) == r.lines.map(\.rawValue) + r.insurerKeys + ["totalClaims", "refund", "sharedTopUp", "bureauNetCost"])
        #expect(c.outputs.map(\.kind) == Array(repeating: .line, count: lines) + Array(repeating: .insurer, count: insurers)
            + Array(repeating: .total, count: 4))
        let total = try #require(c.index(.total, "totalClaims"))
        #expect(c.outputs[total].mean == s.totalClaims.mean)
        #expect(abs(c.outputs[total].standardDeviation - s.totalClaims.standardDeviation) <= 1e-12 * s.totalClaims.standardDeviation)
        for (l, stat) in s.claimsByLine.enumerated() { #expect(c.outputs[l].mean == stat.mean, "\(stat.line)") }
        for (i, stat) in s.insurers.enumerated() {
            let o = c.outputs[lines + i]
            #expect(o.mean == stat.claims.mean && abs(o.standardDeviation - stat.claims.standardDeviation) <= 1e-12 * o.standardDeviation)
        }
        for (key, stat) in [("refund", s.refund), ("sharedTopUp", s.sharedTopUp), ("bureauNetCost", s.bureauNetCost)] {
            let o = c.outputs[try #require(c.index(.total, key))]
            #expect(o.mean == stat.mean && abs(o.standardDeviation - stat.standardDeviation) <= 1e-12 * max(o.standardDeviation, 1e-300), "\(key)")
        }

        // The covariances, rebuilt from the published correlations and standard deviations.
        func cov(_ i: Int, _ j: Int) -> Double { (c.matrix[i][j] ?? 0) * c.outputs[i].standardDeviation * c.outputs[j].standardDeviation }
        let variance = cov(total, total)
        #expect(c.outputs.allSatisfy { $0.standardDeviation > 0 }, "every output varies, so no identity below is 0 = 0")
        var insurerBlock = 0.0, lineBlock = 0.0
        for i in 0..<insurers { for j in 0..<insurers { insurerBlock += cov(lines + i, lines + j) } }
        for i in 0..<lines { for j in 0..<lines { lineBlock += cov(i, j) } }
        #expect(abs(insurerBlock - variance) <= 1e-9 * variance)
        #expect(abs(lineBlock - variance) <= 1e-9 * variance)
        let (rf, tu, bc) = (total + 1, total + 2, total + 3)
        let bureau = cov(rf, rf) + cov(tu, tu) - 2 * cov(rf, tu)
        #expect(abs(bureau - cov(bc, bc)) <= 1e-9 * cov(bc, bc))

        // The sum of the insurers' claims per trial against the total: correlation 1.
        let pairs = CrossMoments(count: r.trials, outputs: 2) { range, chunk in
            for (row, t) in range.enumerated() {
                var sum = 0.0
                for i in 0..<insurers { sum += r.insurerClaims[t * insurers + i] }
                chunk[2 * row] = r.totalClaims[t]; chunk[2 * row + 1] = sum
            }
        }
        #expect(try #require(pairs.correlation(0, 1)) >= 1 - 1e-12)
        // Symmetric, 1 on the diagonal, null exactly where an output never varies.
        for i in c.matrix.indices {
            let varies = c.outputs[i].standardDeviation > 0
            #expect(c.matrix[i][i] == (varies ? 1 : nil), "\(c.outputs[i].key)")
            for j in c.matrix.indices {
                #expect(c.matrix[i][j] == c.matrix[j][i])
                #expect((c.matrix[i][j] == nil) == (!varies || c.outputs[j].standardDeviation == 0))
                #expect(abs(c.matrix[i][j] ?? 0) <= 1)
            }
        }
    }

    /// The same trials give the same correlations bit for bit, whatever the threads and block
    /// size; `jikun merge`'s summary of shards is checked byte for byte against the single run's
    /// JSON in ShardMergeTests. (Chunks of rows are exercised on their own in CrossMomentsTests.)
    @Test func identicalWhateverTheThreadsAndBlocks() throws {
        let reference = try Self.run(trials: 600, threads: 1, block: 600).1.correlations
        #expect(try Self.run(trials: 600, threads: 2, block: 7).1.correlations == reference)
        #expect(try Self.run(trials: 600, threads: 2, block: 333).1.correlations == reference)
    }

    /// A single trial has no variance: every correlation is null in summary.json, which still encodes.
    @Test func aDegenerateRunEncodesNulls() throws {
        let (_, s) = try Self.run(trials: 1, threads: 1, block: 1)
        #expect(s.correlations.matrix.joined().allSatisfy { $0 == nil })
        let json = try SimulationReport.json(s)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let matrix = try #require((object["correlations"] as? [String: Any])?["matrix"] as? [[Any]])
        #expect(matrix.count == s.correlations.outputs.count)
        #expect(matrix.joined().allSatisfy { $0 is NSNull })
    }
}
