import Foundation
import Testing
@testable import JikunSampling

/// Reference values below come from SciPy 1.17 (`special.ndtr`, `ndtri`, `gammaln`,
/// `gammainc`, `gammaincc`, `gammaincinv`, `gammainccinv`) and from mpmath at 50 digits.
/// Tolerances are relative and a few hundred ulps at most (≈ 1e−13), far tighter than any
/// sampler check needs, but loose enough for the different evaluation orders.
@Suite("Special functions")
struct SpecialFunctionTests {
    static func close(_ a: Double, _ b: Double, relative: Double = 1e-13, absolute: Double = 0) -> Bool {
        abs(a - b) <= max(absolute, relative * abs(b))
    }

    @Test(arguments: [
        (-10.0, 7.61985302416047e-24), (-5.0, 2.866515718791933e-07), (-1.5, 0.06680720126885807),
        (0.0, 0.5), (0.3, 0.6179114221889526), (2.0, 0.9772498680518208), (8.0, 0.9999999999999993),
    ])
    func normalCDF(z: Double, expected: Double) {
        #expect(Self.close(NormalDistribution.cdf(z), expected, relative: 1e-14))
        #expect(Self.close(NormalDistribution.survival(-z), expected, relative: 1e-14))
    }

    @Test(arguments: [
        (1e-300, -37.0470962993612), (1e-100, -21.273453560965322), (1e-20, -9.262340089798409),
        (1e-10, -6.361340902404056), (0.001, -3.090232306167813), (0.02425, -1.972961051311885),
        (0.3, -0.5244005127080409), (0.75, 0.6744897501960817), (0.975, 1.959963984540054),
        (0.999999, 4.753424308817087),
    ])
    func normalQuantile(p: Double, expected: Double) {
        #expect(Self.close(NormalDistribution.quantile(p), expected, relative: 1e-14))
    }

    /// Φ(Φ⁻¹(p)) = p across 300 orders of magnitude, in both tails. A relative error ε in
    /// z (from AS 241, or from rounding z/√2 before erfc) becomes a relative error of about
    /// z²ε in Φ(z), since dΦ/Φ ≈ |z| dz in the tail; mpmath shows AS 241 within ~3 ulps of
    /// the true quantile, so the tolerance is 1e−14 + 2e−15·z² (≈ 9 ulps in z).
    @Test func normalQuantileRoundTrip() {
        var p = 1e-300
        while p < 0.5 {
            let z = NormalDistribution.quantile(p)
            let tolerance = 1e-14 + 2e-15 * z * z
            #expect(Self.close(NormalDistribution.cdf(z), p, relative: tolerance))
            #expect(Self.close(NormalDistribution.survival(NormalDistribution.upperQuantile(p)), p, relative: tolerance))
            p *= 3.7
        }
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.quantile(-0.1).isNaN)
    }

    @Test(arguments: [
        (0.5, 0.5723649429247), (1.0, 0.0), (1.5, -0.12078223763524526), (2.0, 0.0),
        (3.3, 0.9870985778947343), (9.99, 12.779315214350195), (10.0, 12.801827480081469),
        (25.5, 56.38916764371994), (171.3, 708.1149470389971), (1e6, 12815504.569147611),
        (1e-8, 18.42068073818021),
    ])
    func logGamma(x: Double, expected: Double) {
        #expect(Self.close(SpecialFunctions.logGamma(x), expected, relative: 1e-14, absolute: 2e-15))
    }

    /// δ(x) = log Γ(x+1) − (x+½) log x + x − ½ log 2π against mpmath.
    @Test(arguments: [
        (1.0, 0.08106146679532725822), (2.0, 0.041340695955409294094), (5.0, 0.016644691189821192163),
        (9.5, 0.008768700134139385463), (10.0, 0.0083305634333628712565), (30.0, 0.0027776749297526936036),
    ])
    func stirlingError(x: Double, expected: Double) {
        #expect(Self.close(SpecialFunctions.stirlingError(x), expected, relative: 1e-13))
    }

    @Test(arguments: [
        (1e-5, -4.9999666669166654847e-11), (-0.3, -0.056674943938732374155),
        (0.45, -0.078436443567516969697), (-0.9, -1.4025850929940458839), (3.0, -1.6137056388801093812),
    ])
    func log1pMinusX(d: Double, expected: Double) {
        #expect(Self.close(SpecialFunctions.log1pMinusX(d), expected, relative: 1e-14))
    }

    @Test(arguments: [
        (1000003.0, 1e6, 4.4999955000067499879e-6), (500001.0, 500000.0, 9.999993333339999992e-7),
        (5.0, 7.3, 0.40781782139877459167), (0.0, 3.2, 3.2),
    ])
    func deviance(x: Double, m: Double, expected: Double) {
        #expect(Self.close(SpecialFunctions.deviance(x, m), expected, relative: 1e-12))
    }

    /// The saddle-point log-pmfs stay accurate where sums of log-factorials cancel:
    /// SciPy's own binom.logpmf returns −13.953125 for the first case (3 digits). The
    /// references are mpmath with p the double nearest 0.3 and q = 1 − p exactly.
    @Test func logProbabilitiesAtHugeSizes() {
        #expect(Self.close(SpecialFunctions.logBinomialProbability(300_000_000_030, 1_000_000_000_000, 0.3, 1 - 0.3),
                           -13.95412521920835631, relative: 1e-12))
        #expect(Self.close(SpecialFunctions.logBinomialProbability(299_990_000, 1_000_000_000, 0.3, 1 - 0.3),
                           -10.738334803564517259, relative: 1e-12))
        #expect(Self.close(SpecialFunctions.logBinomialProbability(1, 10, 0.3, 0.7), -2.1114622067804816131))
        #expect(Self.close(SpecialFunctions.logBinomialProbability(497, 1000, 0.5, 0.5), -3.6979011117720992102))
        #expect(Self.close(SpecialFunctions.logPoissonProbability(1_000_000_500_000, 1e12),
                           -14.859449320335639554, relative: 1e-12))
        #expect(Self.close(SpecialFunctions.logPoissonProbability(3, 2.5), -1.5428872736055896))
    }

    @Test(arguments: [
        (0.5, 0.2, 0.47291074313446196, 0.5270892568655381),
        (0.5, 3.0, 0.9856941215645704, 0.014305878435429641),
        (2.0, 1.0, 0.2642411176571153, 0.7357588823428847),
        (2.0, 7.0, 0.9927049442755639, 0.007295055724436127),
        (50.0, 45.0, 0.24680203440017026, 0.7531979655998298),
        (50.0, 70.0, 0.994859497541494, 0.0051405024585059085),
        (1e4, 1e4, 0.5013298083399552, 0.4986701916600448),
        (1e4, 1.05e4, 0.9999995724127545, 4.275872455059654e-07),
        (0.01, 1e-3, 0.9385706525261288, 0.06142934747387101),
        (0.01, 5.0, 0.9999882464805873, 1.1753519412750834e-05),
        (3.7, 0.01, 2.559623384291717e-09, 0.9999999974403766),
        (1e6, 1.003e6, 0.9986382593537825, 0.0013617406462175913),
        (200.0, 100.0, 9.343150072988544e-19, 1.0),
    ])
    func regularizedGamma(a: Double, x: Double, p: Double, q: Double) {
        let (computedP, computedQ) = SpecialFunctions.regularizedGamma(a, x)
        // The directly computed side is relative-accurate; the complement is absolute.
        #expect(Self.close(computedP, p, relative: 1e-12, absolute: 1e-15))
        #expect(Self.close(computedQ, q, relative: 1e-12, absolute: 1e-15))
    }

    /// Closed forms: P(1, x) = 1 − e^{−x}, P(½, x) = erf(√x), Q(3, x) = e^{−x}(1 + x + x²/2).
    @Test func regularizedGammaClosedForms() {
        for x in [0.001, 0.3, 1.0, 2.5, 10.0, 40.0] {
            #expect(Self.close(SpecialFunctions.regularizedGammaP(1, x), -expm1(-x), relative: 1e-14))
            #expect(Self.close(SpecialFunctions.regularizedGammaP(0.5, x), erf(x.squareRoot()), relative: 1e-14))
            #expect(Self.close(SpecialFunctions.regularizedGammaQ(3, x), exp(-x) * (1 + x + x * x / 2), relative: 1e-13))
        }
    }

    @Test(arguments: [
        (0.5, 1e-8, 7.853981633974481e-17, 16.420626680618394),
        (0.5, 0.7, 0.5370970854287923, 0.07423593091627267),
        (2.0, 0.5, 1.6783469900166612, 1.6783469900166612),
        (50.0, 1e-6, 23.25066535794657, 91.06338855977383),
        (0.05, 0.3, 2.0378971887326733e-11, 0.0004665636848952585),
        (7.5, 0.99, 15.288957083446245, 2.61467444204948),
    ])
    func inverseRegularizedGamma(a: Double, target: Double, xForP: Double, xForQ: Double) {
        #expect(Self.close(SpecialFunctions.inverseRegularizedGammaP(a, target), xForP, relative: 1e-12))
        #expect(Self.close(SpecialFunctions.inverseRegularizedGammaQ(a, target), xForQ, relative: 1e-12))
    }

    /// Small to large shapes, deep tails to the median, against scipy 1.17.1
    /// `scipy.special.gammaincinv(a, t)` (x for P) and `gammainccinv(a, t)` (x for Q). Each
    /// reference was checked with mpmath (30 digits): P or Q at it is within the comment's
    /// relative residual of t (gammaincinv(0.05, 1e-100) underflows to 0, as the true root
    /// ≈ 1e-2000 does). Issue 10's case: Q⁻¹(3687, 0.025) = 3806.95, where the solver had
    /// returned 2473.1 by bisecting on a rounding-noise residual.
    @Test(arguments: [
        (0.05, 1e-100, 0.0, 222.1521872449333),  // residual P -1.0e+00, Q -2.9e-14
        (0.05, 1e-08, 5.844632057286542e-161, 12.952186632836765),  // residual P -6.8e-16, Q -1.5e-16
        (0.05, 0.025, 5.31566188991436e-33, 0.5671737617538587),  // residual P 4.8e-16, Q 1.5e-16
        (0.05, 0.5, 5.573878440746256e-07, 5.573878440746293e-07),  // residual P 7.8e-17, Q -4.1e-16
        (0.05, 0.975, 0.5671737617538583, 5.315661889914525e-33),  // residual P -5.3e-18, Q -3.1e-17
        (0.5, 1e-100, 7.853981633974644e-201, 226.97154111939946),  // residual P 1.0e-14, Q 2.4e-14
        (0.5, 1e-08, 7.853981633974481e-17, 16.420626680618394),  // residual P -1.9e-16, Q -1.5e-15
        (0.5, 0.025, 0.0004910345585876278, 2.511943093657445),  // residual P -2.6e-16, Q -6.0e-16
        (0.5, 0.5, 0.227468211559786, 0.2274682115597862),  // residual P -7.1e-16, Q 3.4e-16
        (0.5, 0.975, 2.511943093657444, 0.0004910345585876292),  // residual P 1.0e-17, Q -8.9e-18
        (2.5, 1e-100, 1.6167038902915596e-40, 238.18971853208137),  // residual P -7.1e-15, Q 3.5e-15
        (2.5, 1e-08, 0.0010203686124682673, 22.897293561542284),  // residual P 3.9e-15, Q -9.7e-16
        (2.5, 0.025, 0.41560580674333125, 6.416250997015015),  // residual P 1.7e-16, Q -9.4e-16
        (2.5, 0.5, 2.175730095547763, 2.175730095547763),  // residual P -2.5e-16, Q 2.5e-16
        (2.5, 0.975, 6.4162509970150134, 0.4156058067433315),  // residual P 9.2e-18, Q -1.3e-17
        (30.0, 1e-100, 0.00559156877114611, 327.0031349348553),  // residual P -5.0e-15, Q -3.7e-14
        (30.0, 1e-08, 8.585846147988514, 71.4838023654191),  // residual P -3.6e-15, Q -8.4e-15
        (30.0, 0.025, 20.240874021420915, 41.648837438586604),  // residual P -1.9e-16, Q -2.7e-15
        (30.0, 0.5, 29.66733313822123, 29.66733313822123),  // residual P -4.2e-17, Q 4.2e-17
        (30.0, 0.975, 41.6488374385866, 20.240874021420915),  // residual P 2.8e-17, Q 2.6e-17
        (500.0, 1e-100, 161.4669851437175, 1136.5680269270788),  // residual P 6.1e-14, Q -2.5e-14
        (500.0, 1e-08, 384.4978613941908, 635.816143585217),  // residual P -1.6e-15, Q 1.8e-15
        (500.0, 0.025, 457.1285768996295, 544.7654563874568),  // residual P 1.3e-15, Q -1.6e-15
        (500.0, 0.5, 499.6667062016905, 499.6667062016905),  // residual P 1.3e-16, Q -1.3e-16
        (500.0, 0.975, 544.7654563874568, 457.1285768996295),  // residual P 6.3e-17, Q -1.1e-17
        (3687.0, 1e-100, 2541.234258431006, 5133.3928124827335),  // residual P -5.7e-14, Q 5.3e-14
        (3687.0, 1e-08, 3356.3364055465695, 4037.9911701126725),  // residual P 1.8e-14, Q 1.2e-14
        (3687.0, 0.025, 3568.939636223668, 3806.954632712852),  // residual P 1.5e-15, Q -3.6e-15
        (3687.0, 0.5, 3686.6666720246926, 3686.6666720246926),  // residual P -2.5e-15, Q 2.5e-15
        (3687.0, 0.975, 3806.954632712852, 3568.939636223668),  // residual P 1.1e-16, Q -1.7e-17
        (100000.0, 1e-100, 93422.42297944003, 106878.6016569091),  // residual P -3.5e-13, Q -9.3e-14
        (100000.0, 1e-08, 98235.48212205198, 101784.84750473482),  // residual P 7.7e-14, Q 1.3e-13
        (100000.0, 0.025, 99381.15266374472, 100620.74164077373),  // residual P -4.8e-14, Q 2.7e-14
        (100000.0, 0.5, 99999.6666668642, 99999.6666668642),  // residual P 2.4e-15, Q -2.4e-15
        (100000.0, 0.975, 100620.74164077373, 99381.15266374472),  // residual P -6.7e-16, Q 1.3e-15
    ])
    func inverseRegularizedGammaAgainstScipy(a: Double, target: Double, xForP: Double, xForQ: Double) {
        #expect(Self.close(SpecialFunctions.inverseRegularizedGammaP(a, target), xForP, relative: 1e-12, absolute: 1e-300))
        #expect(Self.close(SpecialFunctions.inverseRegularizedGammaQ(a, target), xForQ, relative: 1e-12))
    }

    /// The inverse of P(30, ·) at 1e-300 lies at x ≈ 1.2e-9 ≪ a, where the prefactor used to lose
    /// the digits of x/a; scipy `gammaincinv(30, 1e-300)` = 1.2044497038599591e-09 (mpmath: P
    /// there is 1e-300 to 5e-15).
    @Test func tinyLowerTailOfALargeShape() {
        #expect(Self.close(SpecialFunctions.inverseRegularizedGammaP(30, 1e-300), 1.2044497038599591e-09, relative: 1e-12))
        #expect(Self.close(SpecialFunctions.regularizedGammaP(30, 1.2044497038599591e-09), 1e-300, relative: 1e-12))
    }

    /// The ziggurat's r, solved by bisection, matches the published 256-layer constant
    /// 3.6541528853610088 (Marsaglia & Tsang; numpy's `ziggurat_nor_r`).
    @Test func zigguratConstant() {
        #expect(Self.close(SamplerTables.shared.normal.r, 3.6541528853610088, relative: 1e-12))
        #expect(SamplerTables.shared.normal.height[0] == 1)
        #expect(SamplerTables.shared.normal.accept[1] == 0)  // the top layer always goes to the wedge test
    }
}
