/// Small dense numerics for the likelihood fits: Nelder–Mead, central-difference derivatives,
/// Newton polishing and a matrix inverse. Dimensions are at most a few dozen.
enum Numerics {
    /// Minimises `f` from `start` by Nelder–Mead (standard coefficients 1, 2, ½, ½), then
    /// polishes with Newton steps on central-difference derivatives so the optimum is found to
    /// near machine precision (the simplex alone stalls at ~1e-8 relative).
    static func minimize(_ f: ([Double]) -> Double, start: [Double], step: Double = 0.3,
                         iterations: Int = 4000) -> [Double] {
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var p = start
            p[i] += step
            simplex.append(p)
        }
        var values = simplex.map { safe(f($0)) }
        for _ in 0..<iterations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0])
            if spread <= 1e-13 * (abs(values[0]) + 1e-10) { break }
            var centroid = [Double](repeating: 0, count: n)
            for p in simplex.dropLast() { for k in 0..<n { centroid[k] += p[k] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = safe(f(reflected))
            if fr < values[0] {
                let expanded = along(-2), fe = safe(f(expanded))
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = safe(f(contracted))
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = safe(f(simplex[i]))
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return newtonPolish(f, start: simplex[best])
    }

    private static func safe(_ v: Double) -> Double { v.isNaN ? .infinity : v }

    /// Newton steps with a finite-difference gradient and Hessian, halving a step that does not
    /// lower f; stops when no step helps.
    static func newtonPolish(_ f: ([Double]) -> Double, start: [Double], steps: Int = 30) -> [Double] {
        var x = start, fx = safe(f(x))
        for _ in 0..<steps {
            let (g, h) = derivatives(f, at: x)
            guard let inverse = invert(h) else { break }
            let n = x.count
            var delta = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { delta[i] -= inverse[i][j] * g[j] } }
            var t = 1.0, improved = false
            for _ in 0..<30 {
                let trial = (0..<n).map { x[$0] + t * delta[$0] }
                let ft = safe(f(trial))
                if ft < fx { x = trial; improved = fx - ft > 1e-15 * abs(fx); fx = ft; break }
                t *= 0.5
            }
            if !improved { break }
        }
        return x
    }

    /// Central-difference gradient and Hessian with steps 1e-4·max(1, |x_i|).
    static func derivatives(_ f: ([Double]) -> Double, at x: [Double]) -> ([Double], [[Double]]) {
        let n = x.count
        let h = x.map { 1e-4 * max(1, abs($0)) }
        let f0 = f(x)
        var g = [Double](repeating: 0, count: n)
        var H = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        func at(_ moves: [(Int, Double)]) -> Double {
            var y = x
            for (i, s) in moves { y[i] += s * h[i] }
            return f(y)
        }
        for i in 0..<n {
            let fp = at([(i, 1)]), fm = at([(i, -1)])
            g[i] = (fp - fm) / (2 * h[i])
            H[i][i] = (fp - 2 * f0 + fm) / (h[i] * h[i])
            for j in 0..<i {
                let v = (at([(i, 1), (j, 1)]) - at([(i, 1), (j, -1)]) - at([(i, -1), (j, 1)]) + at([(i, -1), (j, -1)]))
                    / (4 * h[i] * h[j])
                H[i][j] = v
                H[j][i] = v
            }
        }
        return (g, H)
    }

    /// Gauss–Jordan inverse with partial pivoting; nil when singular.
    static func invert(_ m: [[Double]]) -> [[Double]]? {
        let n = m.count
        var a = m, inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            guard abs(a[pivot][col]) > 1e-300, a[pivot][col].isFinite else { return nil }
            a.swapAt(col, pivot)
            inv.swapAt(col, pivot)
            let p = a[col][col]
            for k in 0..<n { a[col][k] /= p; inv[col][k] /= p }
            for r in 0..<n where r != col {
                let factor = a[r][col]
                if factor == 0 { continue }
                for k in 0..<n { a[r][k] -= factor * a[col][k]; inv[r][k] -= factor * inv[col][k] }
            }
        }
        return inv
    }
}
