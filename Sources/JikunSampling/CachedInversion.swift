#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// Binomial(n, p) where the caller has cached `probabilityOfZero` = (1 − p)ⁿ because the same
    /// (n, p) is drawn again and again (a simulation cell whose rate does not move between
    /// trials). Exact: inversion by sequential search while n·p < 10 and p ≤ ½; otherwise the
    /// cache is not used and `binomial(n:p:)` draws.
    @inlinable
    public mutating func binomial(n: Int, p: Double, probabilityOfZero: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        guard p <= 0.5, Double(n) * p < 10 else { return binomial(n: n, p: p) }
        let ratio = p / (1 - p)
        while true {
            var u = nextDouble()
            var k = 0
            var probability = probabilityOfZero
            while u >= probability {
                u -= probability
                k += 1
                probability *= ratio * Double(n - k + 1) / Double(k)
                if probability == 0 { break }
            }
            if probability != 0 { return k }
            // Rounding left u beyond the representable mass (~1e−16): draw again.
        }
    }

    /// Poisson(mean) with `probabilityOfZero` = e^{−mean} cached; exact inversion for mean < 10,
    /// otherwise `poisson(mean:)`.
    @inlinable
    public mutating func poisson(mean: Double, probabilityOfZero: Double) -> Int {
        guard mean > 0 else { return 0 }
        guard mean < 10 else { return poisson(mean: mean) }
        while true {
            var u = nextDouble()
            var k = 0
            var probability = probabilityOfZero
            while u >= probability {
                u -= probability
                k += 1
                probability *= mean / Double(k)
                if probability == 0 { break }
            }
            if probability != 0 { return k }
        }
    }
}
