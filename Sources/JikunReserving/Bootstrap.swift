import Dispatch
import JikunSampling
import Synchronization

/// The over-dispersed Poisson bootstrap of the chain ladder (England & Verrall 1999, 2002).
///
/// 1. Fit: the chain-ladder factors give fitted cumulative values backwards from each latest
///    diagonal, `m_{i,k} = m_{i,k+1} / f_k`, and fitted increments `μ_{i,k}`.
/// 2. Pearson residuals `r = (X − μ)/√μ` over the `N` observed cells with `μ > 0`; the scale
///    `φ = Σ r² / (N − p)` with `p = m + n − 1` parameters; residuals adjusted by `√(N/(N − p))`.
/// 3. Each replicate resamples the residuals with replacement into a pseudo triangle
///    `X* = μ + r*·√μ`, refits the factors, projects the future increments from the pseudo
///    latest diagonal, and draws each from a gamma law with that mean and variance `φ·mean`
///    (a negative mean is drawn as minus a gamma of its magnitude). With a tail factor the
///    tail's increment is one more such cell.
///
/// Replicate `r` draws only from `RandomStream(seed: seed, stream: r)`, so the output is the
/// same at any thread count; a non-zero `key` (a segment's) derives `substream(key)` of it.
public struct ReserveBootstrap: Sendable {
    public let replicates: Int
    public let seed: UInt64
    /// The ODP scale parameter φ.
    public let scale: Double
    /// The total reserve of each replicate, in replicate order.
    public let totals: [Double]
    /// Each replicate's reserve by origin: `byOrigin[r * origins + i]`.
    public let byOrigin: [Double]
    public let origins: Int

    /// `progress`, when given, is told how many replicates each finished block held (from any
    /// worker thread); it cannot change the result.
    public init(_ triangle: Triangle, tail: TailFactor = .none, replicates: Int, seed: UInt64, threads: Int = 1, key: UInt64 = 0,
                progress: (@Sendable (Int) -> Void)? = nil) throws {
        guard replicates >= 1 else { throw ReservingError.option("the bootstrap needs at least one replicate, got \(replicates)") }
        let cl = try ChainLadder(triangle, tail: tail)
        let m = triangle.originCount, n = triangle.developmentCount
        guard n >= 2 else { throw ReservingError.tooSmall(method: "bootstrap", message: "needs at least two development periods") }
        let f = cl.development.factors, tailFactor = cl.development.tail

        // Fitted increments, row by row.
        var fitted: [[Double]] = []
        for row in triangle.rows {
            var cumulative = [Double](repeating: 0, count: row.count)
            cumulative[row.count - 1] = row.last!
            for k in stride(from: row.count - 2, through: 0, by: -1) {
                cumulative[k] = f[k] > 0 ? cumulative[k + 1] / f[k] : 0
            }
            fitted.append(cumulative.indices.map { k in k == 0 ? cumulative[0] : cumulative[k] - cumulative[k - 1] })
        }
        var residuals: [Double] = []
        for i in 0..<m {
            for k in 0..<triangle.observed(i) where fitted[i][k] > 0 {
                residuals.append((triangle.incremental(i, k) - fitted[i][k]) / fitted[i][k].squareRoot())
            }
        }
        let cells = residuals.count, parameters = m + n - 1
        guard cells > parameters else {
            throw ReservingError.tooSmall(method: "bootstrap", message: "\(cells) cells with a positive fitted value for \(parameters) parameters; the scale φ needs more cells than parameters")
        }
        let phi = residuals.map { $0 * $0 }.reduce(0, +) / Double(cells - parameters)
        let adjust = (Double(cells) / Double(cells - parameters)).squareRoot()
        let pool = residuals.map { $0 * adjust }

        let work = Work(fitted: fitted, pool: pool, phi: phi, tail: tailFactor, m: m, n: n)
        let blockSize = 256
        let blocks = (replicates + blockSize - 1) / blockSize
        let done = Mutex<[Int: [Double]]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blocks))) { _ in
            var scratch = Work.Scratch(m: m, n: n)
            while true {
                let block = next.add(1, ordering: .relaxed).oldValue
                if block >= blocks { break }
                let first = block * blockSize, count = min(blockSize, replicates - first)
                var out = [Double](repeating: 0, count: count * m)
                for r in 0..<count {
                    let base = RandomStream(seed: seed, stream: UInt64(first + r))
                    var rng = key == 0 ? base : base.substream(key)
                    work.replicate(rng: &rng, scratch: &scratch, into: &out, at: r * m)
                }
                done.withLock { $0[block] = out }
                progress?(count)
            }
        }
        let byOrigin = done.withLock { results in (0..<blocks).flatMap { results[$0]! } }
        self.replicates = replicates
        self.seed = seed
        self.scale = phi
        self.origins = m
        self.byOrigin = byOrigin
        self.totals = (0..<replicates).map { r in byOrigin[(r * m)..<(r * m + m)].reduce(0, +) }
    }

    /// The reserves of origin `i` over the replicates.
    public func reserves(origin i: Int) -> [Double] {
        (0..<replicates).map { byOrigin[$0 * origins + i] }
    }

    /// What one replicate needs, shared read-only by the workers.
    private struct Work: Sendable {
        let fitted: [[Double]], pool: [Double], phi: Double, tail: Double, m: Int, n: Int

        struct Scratch {
            var cumulative: [[Double]]
            init(m: Int, n: Int) { cumulative = (0..<m).map { [Double](repeating: 0, count: min(n, m - $0)) } }
        }

        func replicate(rng: inout RandomStream, scratch: inout Scratch, into out: inout [Double], at offset: Int) {
            for i in 0..<m {
                var sum = 0.0
                for k in fitted[i].indices {
                    let mu = fitted[i][k]
                    if mu > 0 {
                        let r = pool[Int(rng.next(upperBound: UInt64(pool.count)))]
                        sum += mu + r * mu.squareRoot()
                    } else {
                        sum += mu
                    }
                    scratch.cumulative[i][k] = sum
                }
            }
            var factors = [Double](repeating: 1, count: n - 1)
            for k in 0..<(n - 1) {
                var numerator = 0.0, denominator = 0.0
                for row in scratch.cumulative where row.count > k + 1 {
                    numerator += row[k + 1]
                    denominator += row[k]
                }
                if denominator > 0 { factors[k] = numerator / denominator }
            }
            for i in 0..<m {
                var c = scratch.cumulative[i].last!, reserve = 0.0
                for k in (scratch.cumulative[i].count - 1)..<(n - 1) {
                    let next = c * factors[k]
                    reserve += draw(mean: next - c, rng: &rng)
                    c = next
                }
                if tail != 1 { reserve += draw(mean: c * (tail - 1), rng: &rng) }
                out[offset + i] = reserve
            }
        }

        /// A gamma draw with mean `|mean|` and variance `φ·|mean|`, carrying the mean's sign.
        func draw(mean: Double, rng: inout RandomStream) -> Double {
            guard phi > 0, mean != 0, mean.isFinite else { return mean.isFinite ? mean : 0 }
            let g = rng.gamma(shape: abs(mean) / phi, scale: phi)
            return mean > 0 ? g : -g
        }
    }
}

/// The `p`-quantile of `values` (type 7: linear between order statistics).
public func quantile(_ sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "quantile of no values")
    let h = Double(sorted.count - 1) * p
    let lo = Int(h), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
