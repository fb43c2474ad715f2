import Foundation

/// Gauss–Hermite quadrature: nodes xᵢ and weights wᵢ with Σ wᵢ g(xᵢ) ≈ ∫ e^{−x²} g(x) dx, exact
/// for polynomials g of degree < 2n. Nodes by Newton's method on the orthonormal Hermite
/// recurrence (as in Numerical Recipes' `gauher`).
enum GaussHermite {
    static func rule(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: n), weights = nodes
        let pim4 = pow(Double.pi, -0.25)
        let m = (n + 1) / 2
        var z = 0.0
        for i in 0..<m {
            switch i {
            case 0: z = (2 * Double(n) + 1).squareRoot() - 1.85575 * pow(2 * Double(n) + 1, -0.16667)
            case 1: z -= 1.14 * pow(Double(n), 0.426) / z
            case 2: z = 1.86 * z - 0.86 * nodes[0]
            case 3: z = 1.91 * z - 0.91 * nodes[1]
            default: z = 2 * z - nodes[i - 2]
            }
            var derivative = 0.0
            for _ in 0..<100 {
                var p1 = pim4, p2 = 0.0
                for j in 0..<n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * (2 / Double(j + 1)).squareRoot() * p2 - (Double(j) / Double(j + 1)).squareRoot() * p3
                }
                derivative = (2 * Double(n)).squareRoot() * p2
                let step = p1 / derivative
                z -= step
                if abs(step) <= 1e-15 * max(1, abs(z)) { break }
            }
            nodes[i] = z
            nodes[n - 1 - i] = -z
            weights[i] = 2 / (derivative * derivative)
            weights[n - 1 - i] = weights[i]
        }
        return (nodes, weights)
    }

    /// Points and probabilities for E[g(Y)] with Y ~ N(mean, covariance) in two dimensions,
    /// collapsing to fewer points when a variance is zero.
    static func bivariateNormal(mean: (Double, Double), covariance: (Double, Double, Double), order: Int = 20)
        -> [(y1: Double, y2: Double, probability: Double)] {
        let (v1, c12, v2) = covariance
        if v1 <= 0 && v2 <= 0 { return [(mean.0, mean.1, 1)] }
        let (x, w) = rule(order)
        let norm = 1 / Double.pi.squareRoot()
        if v2 <= 0 || v1 <= 0 {
            let sd = (max(v1, v2)).squareRoot()
            return zip(x, w).map { xi, wi in
                let y = 2.0.squareRoot() * sd * xi
                return v1 > 0 ? (mean.0 + y, mean.1, wi * norm) : (mean.0, mean.1 + y, wi * norm)
            }
        }
        // Cholesky of the 2 × 2 covariance.
        let l11 = v1.squareRoot(), l21 = c12 / l11, l22 = max(0, v2 - l21 * l21).squareRoot()
        var points: [(Double, Double, Double)] = []
        for i in 0..<order {
            for j in 0..<order {
                let a = 2.0.squareRoot() * x[i], b = 2.0.squareRoot() * x[j]
                points.append((mean.0 + l11 * a, mean.1 + l21 * a + l22 * b, w[i] * w[j] / Double.pi))
            }
        }
        return points
    }
}
