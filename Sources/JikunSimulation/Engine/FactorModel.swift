import Foundation
import JikunLinearAlgebra
import JikunPolicy
import JikunSampling

/// The systemic factors of a scenario (MODEL.md "Systemic risk"): per trial, `Z ~ N(0, R)` is
/// drawn through the Cholesky factor of `R` (LAPACK `dpotrf`) and each factor is the mean-one
/// multiplier `exp(σZ − σ²/2)` on its target frequencies or severities.
struct FactorModel: Sendable {
    let sigmas: [Double]
    /// Lower Cholesky factor of the correlation matrix, row-major.
    let cholesky: [Double]
    /// For each (line, unit) at `line.index · units + unit`: the factors multiplying its
    /// frequency / severity (`frequencyFactors(_:_:)`, `severityFactors(_:_:)`).
    let frequencyFactors: [[Int]]
    let severityFactors: [[Int]]
    func frequencyFactors(_ line: ClaimLine, _ unit: Int) -> [Int] { frequencyFactors[line.index * units + unit] }
    func severityFactors(_ line: ClaimLine, _ unit: Int) -> [Int] { severityFactors[line.index * units + unit] }
    let units: Int
    let lines: Int
    let periods: Int
    let hospitalSeverity: Severity
    let deductibles: [Double]
    let hasSeverityFactors: Bool
    /// The distinct hospitalisation severity scales k of the cohorts (`SeverityScales`), 1 first:
    /// a group's `hospitalVariant` indexes them.
    let hospitalScales: [Double]
    /// X given k·X > deductible, per (variant, unit, period), when no factor moves the severity.
    let baseHospitalAbove: [ConditionalSeverity]

    init(scenario: Scenario) {
        let e = scenario.edition
        units = e.units.count
        lines = ClaimColumns.lines.count
        periods = e.periods.count
        sigmas = scenario.factors.map(\.sigma)
        let k = scenario.factors.count
        if k > 0 {
            // Validated at load: the matrix is symmetric positive definite.
            cholesky = (try? choleskyLower(Matrix(scenario.correlation)).values) ?? []
        } else {
            cholesky = []
        }
        var frequency = [[Int]](repeating: [], count: lines * units)
        var severity = frequency
        for (f, factor) in scenario.factors.enumerated() {
            for target in factor.targets {
                for u in 0..<units where factor.units?.contains(u) ?? true {
                    switch target {
                    case .frequency(let line): frequency[line.index * units + u].append(f)
                    case .severity(let line): severity[line.index * units + u].append(f)
                    }
                }
            }
        }
        frequencyFactors = frequency
        severityFactors = severity
        hasSeverityFactors = severity.contains { !$0.isEmpty }
        hospitalSeverity = scenario.events.hospitalisationSeverity
        deductibles = e.periods.indices.map { e.criticalIllnessSchedule(period: $0).deductible.yuan }
        let scales = scenario.events.hospitalisationSeverityScales
        var distinct: [Double] = [1]
        for c in e.categories.indices {
            for b in scenario.ageBands.indices {
                for p in 0..<periods where !distinct.contains(scales.scale(category: c, band: b, period: p)) {
                    distinct.append(scales.scale(category: c, band: b, period: p))
                }
            }
        }
        hospitalScales = distinct
        let deductibles = deductibles
        baseHospitalAbove = distinct.flatMap { k in
            let perPeriod = deductibles.map { ConditionalSeverity(scenario.events.hospitalisationSeverity, above: $0 / k) }
            return (0..<e.units.count).flatMap { _ in perPeriod }
        }
    }

    /// One trial's factor values and the multipliers they imply.
    struct TrialState: Sendable {
        var factorValues: [Double]
        /// Scratch for the independent normals, reused across trials.
        var normals: [Double]
        var frequencyMultipliers: [Double]
        var severityMultipliers: [Double]
        /// Per (variant, unit, period): the unscaled cost X given s·k·X > deductible (s the
        /// severity multiplier, k the variant's scale), i.e. given X > deductible/(s·k); its
        /// `survival` is the share of hospitalised persons who claim.
        var hospitalAbove: [ConditionalSeverity]
        let units: Int
        let periods: Int

        @inline(__always) func frequency(_ line: ClaimLine, _ unit: Int) -> Double { frequencyMultipliers[line.index * units + unit] }
        @inline(__always) func severity(_ line: ClaimLine, _ unit: Int) -> Double { severityMultipliers[line.index * units + unit] }
        @inline(__always) func hospitalAbove(_ unit: Int, _ period: Int, variant: Int) -> ConditionalSeverity {
            hospitalAbove[(variant * units + unit) * periods + period]
        }
    }

    func makeState() -> TrialState {
        TrialState(factorValues: Array(repeating: 1, count: sigmas.count),
                   normals: Array(repeating: 0, count: sigmas.count),
                   frequencyMultipliers: Array(repeating: 1, count: lines * units),
                   severityMultipliers: Array(repeating: 1, count: lines * units),
                   hospitalAbove: baseHospitalAbove, units: units, periods: periods)
    }

    /// Draws the trial's factors (first from the trial's stream) and fills the multipliers.
    func draw(into state: inout TrialState, rng: inout RandomStream) {
        let k = sigmas.count
        guard k > 0 else { return }
        for i in 0..<k { state.normals[i] = rng.standardNormal() }
        for i in 0..<k {
            var z = 0.0
            for j in 0...i { z += cholesky[i * k + j] * state.normals[j] }
            state.factorValues[i] = exp(sigmas[i] * z - 0.5 * sigmas[i] * sigmas[i])
        }
        for slot in 0..<(lines * units) {
            var f = 1.0
            for i in frequencyFactors[slot] { f *= state.factorValues[i] }
            state.frequencyMultipliers[slot] = f
            var g = 1.0
            for i in severityFactors[slot] { g *= state.factorValues[i] }
            state.severityMultipliers[slot] = g
        }
        if hasSeverityFactors {
            let hospital = ClaimLine.hospitalisation.index
            for (v, k) in hospitalScales.enumerated() {
                for u in 0..<units {
                    let g = state.severityMultipliers[hospital * units + u]
                    for p in 0..<periods {
                        // Units usually share their multiplier, and periods their deductible: reuse
                        // the previous unit's or period's draw setup.
                        let slot = (v * units + u) * periods + p
                        if u > 0 && state.severityMultipliers[hospital * units + u - 1] == g {
                            state.hospitalAbove[slot] = state.hospitalAbove[slot - periods]
                        } else if p > 0 && deductibles[p - 1] == deductibles[p] {
                            state.hospitalAbove[slot] = state.hospitalAbove[slot - 1]
                        } else {
                            state.hospitalAbove[slot] = ConditionalSeverity(hospitalSeverity, above: deductibles[p] / (g * k))
                        }
                    }
                }
            }
        }
    }
}
