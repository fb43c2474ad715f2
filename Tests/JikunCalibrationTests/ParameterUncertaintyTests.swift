import Foundation
import JikunPolicy
import JikunSampling
import JikunSimulation
import Testing
@testable import JikunCalibration

/// The severity fits' uncertainty, shapes included, becomes the σ of the severity factors.
@Suite struct ParameterUncertaintyTests {
    /// SE of log E[X] by hand from the fit's covariance C of the working parameters:
    /// lognormal log E = μ + σ²/2, ∇ = (1, σ²) in (μ, log σ); gamma log E = log k + log θ,
    /// ∇ = (1, 1); Lomax log E = log λ − log(α − 1), ∇ = (−α/(α − 1), 1) in (log α, log λ).
    static func byHand(_ fit: SeverityFit) -> Double? {
        let c = fit.covariance
        let g: [Double]
        switch fit.severity {
        case let .lognormal(_, sigma): g = [1, sigma * sigma]
        case .gamma: g = [1, 1]
        case let .lomax(alpha, _): g = [-alpha / (alpha - 1), 1]
        default: return nil
        }
        return (g[0] * g[0] * c[0][0] + 2 * g[0] * g[1] * c[0][1] + g[1] * g[1] * c[1][1]).squareRoot()
    }

    /// Central differences of step 1e-5 have a truncation error ≈ 1e-10 of the gradient, so the
    /// numerical delta method must agree with the hand formula to 1e-7.
    @Test func deltaMethodMatchesTheHandFormula() throws {
        let fitter = SeverityFitter(spliceThreshold: 3000)
        let data = try SeverityObservations(exact: SeverityFitTests.amounts)
        for family in [SeverityFamily.lognormal, .gamma, .lomax] {
            let fit = try fitter.fit(family, data)
            let expected = try #require(Self.byHand(fit))
            let se = try #require(fit.logMeanStandardError)
            #expect(abs(se - expected) <= 1e-7 * expected, "\(family): \(se) vs \(expected)")
            // The shape matters: the SE exceeds the log scale's alone for the lognormal.
            if family == .lognormal { #expect(se > fit.logScaleStandardError * 1.1) }
        }
        // The plain lognormal MLE has the closed-form covariance diag(σ²/n, 1/(2n)), so
        // SE = √(σ²/n + σ⁴/(2n)) with σ = 0.9699658599471731, n = 60: 0.151845… The fit's
        // covariance is a numerical Hessian whose SEs match the closed form to 1e-4
        // (SeverityFitTests.lognormalClosedForm), hence 1e-3 here.
        let ln = try fitter.fit(.lognormal, data)
        let s2 = 0.9699658599471731 * 0.9699658599471731
        #expect(abs(try #require(ln.logMeanStandardError) - (s2 / 60 + s2 * s2 / 120).squareRoot()) < 1e-3 * 0.1518)
    }

    /// A Lomax with α ≤ 1 has no mean: no log-mean SE (the log scale's is used).
    @Test func infiniteMeanHasNoLogMeanSE() {
        let fit = SeverityFit(family: .lomax, severity: .lomax(shape: 0.8, scale: 1000), parameters: [], logLikelihood: 0,
                              aic: 0, bic: 0, kolmogorovSmirnov: 0, andersonDarling: 0, logScaleStandardError: 0.1,
                              covariance: [[0.01, 0], [0, 0.01]], working: [log(0.8), log(1000)], spliceThreshold: 0)
        #expect(fit.logMeanStandardError == nil)
    }

    /// The fitted scenario's severity factors carry those σ (as written, 6 significant
    /// digits), and the engine runs the file.
    @Test func fittedScenarioCarriesThemAndSimulates() throws {
        let (scenario, result) = try RoundTripTests.run(persons: 6_000, seed: 7)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jikun-uncertainty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("fitted.toml").path
        let base = RoundTripTests.root.appendingPathComponent("scenarios/test-small.toml").path
        try FittedScenarioFile(result: result, base: scenario, basePath: base, outPath: out, keepBaseFactors: false)
            .render().write(toFile: out, atomically: true, encoding: .utf8)
        let fitted = try Scenario.load(out)
        for line in [ClaimLine.hospitalisation, .accidentMedical] {
            let sev = try #require(result.severities[line])
            let expected = try #require(Self.byHand(sev.chosen), "\(line): \(sev.chosen.family)")
            let factor = try #require(fitted.factors.first { $0.key == "fit_severity_\(line.rawValue)" })
            #expect(factor.sigma == Double(FittedScenarioFile.number(expected))! || abs(factor.sigma - expected) <= 1e-5 * expected,
                    "\(line): σ \(factor.sigma) vs \(expected)")
            #expect(factor.targets == [.severity(line)])
        }
        let run = Engine(scenario: fitted).run(SimulationOptions(trials: 20, seed: 1, threads: 1))
        #expect(run.trials == 20)
        #expect(run.totalClaims.allSatisfy { $0.isFinite && $0 > 0 })
    }
}
