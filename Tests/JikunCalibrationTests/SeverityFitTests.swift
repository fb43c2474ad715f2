import JikunSampling
import Testing
@testable import JikunCalibration

/// Reference values: python3 with numpy 2.4 / scipy 1.17. The 60 amounts are
/// `np.round(np.random.default_rng(7).lognormal(7.0, 1.1, 60), 2)`. The plain lognormal is the
/// closed form (mean and population sd of the logs, SEs σ/√n and σ/√(2n)); the gamma is
/// `scipy.stats.gamma.fit(x, floc=0)`; every other fit maximises a likelihood written
/// separately with `scipy.stats` logpdf/logsf (Nelder–Mead then BFGS), its SEs from a
/// central-difference Hessian (step 1e-4) inverted with numpy; KS is `scipy.stats.kstest`
/// against the conditioned CDF, AD the textbook sum in numpy.
@Suite struct SeverityFitTests {
    static let amounts: [Double] = [1098.12, 1523.28, 811.15, 411.72, 665.05, 368.41, 1171.64, 4789.77, 638.15, 554.17, 1879.62, 1623.88, 1231.46, 394.05, 1061.91, 2356.27, 249.98, 662.9, 135.46, 265.47, 144.62, 846.75, 272.0, 1477.92, 1303.0, 892.81, 68.82, 606.34, 1039.66, 1242.2, 203.74, 648.38, 373.77, 450.46, 3522.72, 451.11, 1058.1, 2901.05, 577.11, 969.84, 1238.32, 1176.34, 284.99, 1192.44, 4888.82, 199.96, 2822.34, 1250.49, 541.52, 9901.66, 2536.36, 293.18, 1190.31, 2068.04, 891.0, 2324.36, 1019.26, 2284.66, 5336.76, 521.53]

    /// Reported only above 500 and known only as "≥ 5,000" at or above 5,000: 42 exact, 2 censored.
    static var truncatedCensored: SeverityObservations {
        let seen = amounts.filter { $0 > 500 }
        return try! SeverityObservations(exact: seen.filter { $0 < 5000 },
                                         censored: seen.filter { $0 >= 5000 }.map { _ in 5000 }, truncation: 500)
    }

    static func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool {
        abs(a - b) <= relative * max(abs(b), 1e-300)
    }

    let fitter = SeverityFitter(spliceThreshold: 3000)

    @Test func lognormalClosedForm() throws {
        let fit = try fitter.fit(.lognormal, SeverityObservations(exact: Self.amounts))
        #expect(Self.close(fit.parameters[0].value, 6.7697179749791525, 1e-9))
        #expect(Self.close(fit.parameters[1].value, 0.9699658599471731, 1e-8))
        #expect(Self.close(fit.parameters[0].standardError, 0.12522205406550524, 1e-4))
        #expect(Self.close(fit.parameters[1].standardError, 0.08854536358382724, 1e-4))
        #expect(Self.close(fit.logLikelihood, -489.4897262489385, 1e-10))
        #expect(Self.close(fit.aic, 4 + 2 * 489.4897262489385, 1e-10))
        #expect(Self.close(fit.kolmogorovSmirnov, 0.07233984544518657, 1e-6))
        #expect(Self.close(fit.andersonDarling, 0.21876433035969, 1e-5))
    }

    @Test func gammaAndLomaxPlain() throws {
        let data = try SeverityObservations(exact: Self.amounts)
        let gamma = try fitter.fit(.gamma, data)
        #expect(Self.close(gamma.parameters[0].value, 1.2234587685804756, 1e-6))
        #expect(Self.close(gamma.parameters[1].value, 1129.3828356279794, 1e-6))
        #expect(Self.close(gamma.logLikelihood, -493.1466309031789, 1e-10))
        let lomax = try fitter.fit(.lomax, data)
        // A flat ridge (α and λ nearly proportional): both optimisers agree to ~1e-6.
        #expect(Self.close(lomax.parameters[0].value, 9.953589807979167, 1e-4))
        #expect(Self.close(lomax.parameters[1].value, 12347.686488141739, 1e-4))
        #expect(Self.close(lomax.logLikelihood, -493.42541884768445, 1e-10))
    }

    @Test func truncatedAndCensored() throws {
        let data = Self.truncatedCensored
        #expect(data.exact.count == 42 && data.censored.count == 2)
        let ln = try fitter.fit(.lognormal, data)
        #expect(Self.close(ln.parameters[0].value, 6.7739742848380615, 1e-6))
        #expect(Self.close(ln.parameters[1].value, 0.9463252335213067, 1e-6))
        #expect(Self.close(ln.logLikelihood, -339.2667721719498, 1e-10))
        #expect(Self.close(ln.parameters[0].standardError, 0.3893823221857634, 2e-3))
        #expect(Self.close(ln.parameters[1].standardError, 0.2329654794097051, 2e-3))
        #expect(Self.close(ln.kolmogorovSmirnov, 0.10740693335849816, 1e-5))
        #expect(Self.close(ln.andersonDarling, 0.43601448892246, 1e-4))

        let gamma = try fitter.fit(.gamma, data)
        #expect(Self.close(gamma.parameters[0].value, 0.20377325368744775, 1e-5))
        #expect(Self.close(gamma.parameters[1].value, 2209.5483505810744, 1e-5))
        #expect(Self.close(gamma.logLikelihood, -339.57998609963863, 1e-10))
        #expect(Self.close(gamma.parameters[0].standardError, 0.5950445635478561, 5e-3))

        let lomax = try fitter.fit(.lomax, data)
        #expect(Self.close(lomax.parameters[0].value, 3.5454690363250094, 1e-4))
        #expect(Self.close(lomax.parameters[1].value, 2806.961744038578, 1e-4))
        #expect(Self.close(lomax.logLikelihood, -339.3289496415443, 1e-10))
        #expect(Self.close(lomax.parameters[0].standardError, 2.8631902434170495, 5e-3))
    }

    @Test func splicedTruncated() throws {
        let data = try SeverityObservations(exact: Self.amounts.filter { $0 > 500 }, truncation: 500)
        let fit = try fitter.fit(.spliced, data)
        #expect(Self.close(fit.parameters[0].value, 6.864564030704417, 1e-5))
        #expect(Self.close(fit.parameters[1].value, 0.8800292178636224, 1e-5))
        #expect(Self.close(fit.parameters[2].value, 0.08719947908411603, 1e-5))
        #expect(Self.close(fit.parameters[3].value, 1.7319457080056588, 1e-5))
        #expect(Self.close(fit.logLikelihood, -357.1143971141557, 1e-10))
        #expect(Self.close(fit.parameters[0].standardError, 0.34810310488816437, 5e-3))
        #expect(Self.close(fit.parameters[3].standardError, 0.7745495802096307, 5e-3))
        #expect(fit.bic > fit.aic)   // k log 44 > 2k
    }

    @Test func badObservations() {
        #expect(throws: SeverityObservations.Problem.empty) { try SeverityObservations(exact: []) }
        #expect(throws: SeverityObservations.Problem.notAboveTruncation(400, truncation: 500)) {
            try SeverityObservations(exact: [600, 400], truncation: 500)
        }
        #expect(throws: SeverityObservations.Problem.notPositive(0)) { try SeverityObservations(exact: [0, 3]) }
        #expect(throws: SeverityFitter.Failure.tooFewTail(0)) {
            try SeverityFitter(spliceThreshold: 1e6).fit(.spliced, SeverityObservations(exact: Self.amounts))
        }
    }

    @Test func fitAllOrdersByAIC() throws {
        let (fits, failures) = fitter.fitAll(try SeverityObservations(exact: Self.amounts))
        #expect(failures.isEmpty)
        #expect(fits.count == 4)
        #expect(fits.first?.family == .lognormal)   // log L −489.5 with 2 parameters beats all
        #expect(zip(fits, fits.dropFirst()).allSatisfy { $0.aic <= $1.aic })
    }
}

/// Garwood and Clopper–Pearson references: `scipy.stats.chi2.ppf` (Garwood as χ²/2E) and
/// `scipy.stats.beta.ppf`; the incomplete beta from `scipy.special.betainc`.
@Suite struct ExactIntervalTests {
    @Test(arguments: [
        (0, 10.0, 0.0, 0.3688879454113935),
        (7, 250.0, 0.011257452206079462, 0.0576907014468095),
        (123, 5000.0, 0.02044500509814667, 0.029351283962627827),
        (3686, 36288.6, 0.0983216706315339, 0.10490772949942549),
    ])
    func garwood(_ events: Int, _ exposure: Double, _ lower: Double, _ upper: Double) {
        let ci = ExactInterval.poisson(events: events, exposure: exposure)
        #expect(abs(ci.lower - lower) <= 1e-10 * max(lower, 1e-300) || (lower == 0 && ci.lower == 0))
        #expect(abs(ci.upper - upper) <= 1e-10 * upper)
    }

    @Test(arguments: [
        (0, 20, 0.0, 0.1684334709830853),
        (3, 40, 0.01574217985104153, 0.20386474873289895),
        (40, 40, 0.9119026971211976, 1.0),
        (517, 10000, 0.04744132421213907, 0.05622208350056666),
    ])
    func clopperPearson(_ x: Int, _ n: Int, _ lower: Double, _ upper: Double) {
        let ci = ExactInterval.binomial(successes: x, trials: n)
        #expect(abs(ci.lower - lower) <= 1e-10)
        #expect(abs(ci.upper - upper) <= 1e-10)
    }

    @Test func ninetyPercentAndBeta() {
        let ci = ExactInterval.binomial(successes: 3, trials: 40, level: 0.90)
        #expect(abs(ci.lower - 0.020753601475701208) <= 1e-10)
        #expect(abs(ci.upper - 0.18258685001590122) <= 1e-10)
        #expect(abs(BetaFunction.regularized(0.3, a: 2.5, b: 7) - 0.6412224629717214) <= 1e-13)
        #expect(abs(BetaFunction.regularized(0.07, a: 200, b: 3000) - 0.9566061586322998) <= 1e-12)
    }
}

/// Hachemeister (1975) as printed in actuar's "credibility" vignette (5 states × 12 quarters),
/// and `cm(~state, hachemeister, ratios = ratio.1:ratio.12, weights = weight.1:weight.12)`'s
/// printed estimates: collective premium 1684, between-state variance 89639, within-state
/// variance 139120026 (to the vignette's 4 significant digits for the first two).
/// The premiums and credibility factors at full precision are from the same formulas in numpy.
@Suite struct BuhlmannStraubTests {
    static let ratios: [[Double]] = [
        [1738, 1642, 1794, 2051, 2079, 2234, 2032, 2035, 2115, 2262, 2267, 2517],
        [1364, 1408, 1597, 1444, 1342, 1675, 1470, 1448, 1464, 1831, 1612, 1471],
        [1759, 1685, 1479, 1763, 1674, 2103, 1502, 1622, 1828, 2155, 2233, 2059],
        [1223, 1146, 1010, 1257, 1426, 1532, 1953, 1123, 1343, 1243, 1762, 1306],
        [1456, 1499, 1609, 1741, 1482, 1572, 1606, 1735, 1607, 1573, 1613, 1690],
    ]
    static let weights: [[Double]] = [
        [7861, 9251, 8706, 8575, 7917, 8263, 9456, 8003, 7365, 7832, 7849, 9077],
        [1622, 1742, 1523, 1515, 1622, 1602, 1964, 1515, 1527, 1748, 1654, 1861],
        [1147, 1357, 1329, 1204, 998, 1077, 1277, 1218, 896, 1003, 1108, 1121],
        [407, 396, 348, 341, 315, 328, 352, 331, 287, 384, 321, 342],
        [2902, 3172, 3046, 3068, 2693, 2910, 3275, 2697, 2663, 3017, 3242, 3425],
    ]

    @Test func hachemeister() throws {
        let bs = try BuhlmannStraub(ratios: Self.ratios, weights: Self.weights)
        #expect(bs.collectiveMean.rounded() == 1684)
        #expect(bs.betweenVariance.rounded() == 89639)
        #expect(bs.withinVariance.rounded() == 139_120_026)
        #expect(abs(bs.collectiveMean - 1683.713437047279) < 1e-8)
        let z = [0.9847404, 0.92763522, 0.89847536, 0.72790921, 0.95879115]
        let premiums = [2055.16535006, 1523.70627801, 1793.44360368, 1442.96654902, 1603.28540446]
        for i in 0..<5 {
            #expect(abs(bs.credibility[i] - z[i]) < 1e-8)
            #expect(abs(bs.premiums[i] - premiums[i]) < 1e-6)
        }
    }

    @Test func noHeterogeneityMeansNoCredibility() throws {
        // Identical entities: the between estimate is negative, so z = 0 and m = the weighted mean.
        let bs = try BuhlmannStraub(ratios: [[1, 3], [3, 1]], weights: [[1, 1], [1, 1]])
        #expect(bs.betweenVariance < 0)
        #expect(bs.credibility == [0, 0])
        #expect(bs.premiums == [2, 2])
    }

    @Test func failures() {
        #expect(throws: BuhlmannStraub.Failure.tooFewEntities) { try BuhlmannStraub(ratios: [[1, 2]], weights: [[1, 1]]) }
        #expect(throws: BuhlmannStraub.Failure.noRepeatedPeriods) { try BuhlmannStraub(ratios: [[1], [2]], weights: [[1], [1]]) }
    }
}
