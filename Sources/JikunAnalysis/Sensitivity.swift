import Foundation
import JikunLinearAlgebra
import JikunPolicy
import JikunSampling
import JikunSimulation

/// Which assumptions drive the results (issue "jikun sensitivity"): a one-at-a-time tornado and
/// a global view by standardised regression coefficients.
public struct Sensitivity: Sendable {
    /// A parameter: the number(s) at a key path, scaled by a factor.
    public struct Parameter: Sendable, Equatable {
        public var path: [String]
        public var key: String { path.joined(separator: ".") }
        public init(_ key: String) { path = key.split(separator: ".").map(String.init) }
    }

    /// Parameters looked for in a scenario when none are named: the main frequencies and
    /// severities, the CI benefit's deductible and cap, enrolment (of the edition's first
    /// period), premium and expenses.
    public static func defaultCandidates(for scenario: Scenario) -> [String] {
        let first = scenario.edition.periods[0].key
        return [
            "events.hospitalisation.by_age", "events.hospitalisation.severity.mean",
            "events.hospitalisation.severity.body.mean", "events.disease_death.by_age", "events.accident_death.by_age",
            "events.accident_disability.by_age", "events.accident_medical.by_age", "events.accident_medical.severity.mean",
            "events.student_critical_illness.by_age", "events.admission.levels.bachelor.probability",
            "events.admission.levels.junior_college.probability", "population.periods.\(first).insured",
            "population.periods.\(first).entrants_per_month", "benefits.critical_illness.deductible",
            "benefits.critical_illness.period_cap", "premium.per_person_month", "expenses.default_ratio",
        ]
    }

    public static func defaultParameters(for scenario: Scenario) -> [Parameter] {
        defaultCandidates(for: scenario).map(Parameter.init).filter { p in
            guard let value = ScenarioEdits.existingValue(scenario.resolved, p.path) else { return false }
            switch value {
            case .integer, .float, .array: return true
            default: return false
            }
        }
    }

    public struct TornadoBar: Sendable, Codable {
        public var parameter: String
        public var low: Double
        public var high: Double
        public var swing: Double { abs(high - low) }
    }
    public struct Tornado: Sendable {
        public var output: String
        public var base: Double
        public var bars: [TornadoBar]
    }

    public struct Coefficient: Sendable, Codable {
        public var parameter: String
        /// Standardised regression coefficient: the change of the output, in its standard
        /// deviations, per standard deviation of the parameter.
        public var standardised: Double
    }
    public struct Regression: Sendable {
        public var output: String
        public var coefficients: [Coefficient]
        public var rSquared: Double
    }

    public var parameters: [Parameter]
    public var delta: Double
    public var tornadoes: [Tornado]
    public var regressions: [Regression]
    public var trials: Int
    public var samples: Int
    public var trialsPerSample: Int
    public static let outputs = ["loss_ratio", "bureau_net_cost", "insurers_result"]

    static func means(_ scenario: Scenario, trials: Int, seed: UInt64, threads: Int) -> [String: Double] {
        let outputs = KeyOutputs(Engine(scenario: scenario).run(SimulationOptions(trials: trials, seed: seed, threads: threads)))
        var result: [String: Double] = [:]
        for key in Self.outputs { result[key] = Estimate(outputs[key]!.values).mean }
        return result
    }

    /// The model runs of an analysis, in order: the base, each parameter at (1 − δ) then
    /// (1 + δ), then the `samples` points of the global design. A task of a sharded analysis
    /// computes a range of them; every run depends only on the plan, the scenario and the seed.
    public struct Plan: Sendable {
        public var parameters: [Parameter]
        public var delta: Double
        public var trials: Int
        public var samples: Int
        public var trialsPerSample: Int
        public var seed: UInt64
        /// `[sample][parameter]` factors in [1 − δ, 1 + δ] (Latin hypercube).
        public var design: [[Double]]
        public var runCount: Int { 1 + 2 * parameters.count + samples }

        public init(parameters: [Parameter], delta: Double, trials: Int, samples: Int, trialsPerSample: Int, seed: UInt64) {
            precondition(!parameters.isEmpty)
            self.parameters = parameters
            self.delta = delta
            self.trials = trials
            self.samples = samples
            self.trialsPerSample = trialsPerSample
            self.seed = seed
            // Latin hypercube: each parameter's factors are a shuffled stratified grid.
            var generator = RandomStream(seed: seed, stream: 0x5EED)
            let k = parameters.count
            var design = [[Double]](repeating: [Double](repeating: 0, count: k), count: samples)
            for j in 0..<k {
                var strata = Array(0..<samples)
                strata.shuffle(using: &generator)
                for i in 0..<samples {
                    let u = (Double(strata[i]) + Double(generator.next() >> 11) / Double(1 << 53)) / Double(samples)
                    design[i][j] = 1 - delta + 2 * delta * u
                }
            }
            self.design = design
        }

        /// Checks, before any model run, that each parameter is named once, is not a run key,
        /// and holds numbers that make a valid scenario at 1 − δ and at 1 + δ.
        public func check(_ base: Scenario) throws {
            var seen: Set<String> = []
            for parameter in parameters {
                guard seen.insert(parameter.key).inserted else {
                    throw PolicyInputError.usage("--parameter \(parameter.key) is named twice: name each parameter once")
                }
                _ = try ScenarioEdits.scaling(base, parameter.path, by: 1 - delta)
                _ = try ScenarioEdits.scaling(base, parameter.path, by: 1 + delta)
            }
        }

        /// What defines the plan besides the scenario and seed (for checking parts agree).
        public var description: [String] {
            ["parameters=" + parameters.map(\.key).joined(separator: ","), "delta=\(delta)", "trials=\(trials)",
             "samples=\(samples)", "trials_per_sample=\(trialsPerSample)"]
        }

        /// The plan that `description` describes (as a part file keeps it), or nil.
        public init?(description: [String], seed: UInt64) {
            var fields: [String: String] = [:]
            for line in description {
                guard let eq = line.firstIndex(of: "=") else { return nil }
                fields[String(line[..<eq])] = String(line[line.index(after: eq)...])
            }
            guard let keys = fields["parameters"], let delta = fields["delta"].flatMap(Double.init),
                  let trials = fields["trials"].flatMap({ Int($0) }), let samples = fields["samples"].flatMap({ Int($0) }),
                  let perSample = fields["trials_per_sample"].flatMap({ Int($0) }), !keys.isEmpty else { return nil }
            self.init(parameters: keys.split(separator: ",").map { Parameter(String($0)) }, delta: delta, trials: trials,
                      samples: samples, trialsPerSample: perSample, seed: seed)
            guard self.description == description else { return nil }
        }

        /// The outputs' means of the runs `range`.
        public func means(_ scenario: Scenario, runs range: Range<Int>, threads: Int,
                          progress: ((String) -> Void)? = nil) throws -> [[String: Double]] {
            let k = parameters.count
            return try range.map { run in
                if run > 2 * k {
                    progress?("global: sample \(run - 2 * k) of \(samples)")
                } else if run % 2 == 1 {
                    progress?("tornado: \(parameters[(run - 1) / 2].key)")
                }
                return Sensitivity.means(try self.scenario(scenario, run: run), trials: trialCount(ofRun: run), seed: seed, threads: threads)
            }
        }

        /// The scenario of model run `run`: the base (run 0), one parameter at 1 ∓ δ (runs 1 …
        /// 2k), or a global sample with every parameter scaled; a new value whose `resolved`
        /// configuration is the run's.
        public func scenario(_ base: Scenario, run: Int) throws -> Scenario {
            let k = parameters.count
            if run == 0 { return base }
            if run <= 2 * k {
                return try ScenarioEdits.scaling(base, parameters[(run - 1) / 2].path, by: run % 2 == 1 ? 1 - delta : 1 + delta)
            }
            var sampled = base
            for j in 0..<k { sampled = try ScenarioEdits.scaling(sampled, parameters[j].path, by: design[run - 1 - 2 * k][j]) }
            return sampled
        }

        /// Trials of model run `run`: `trials` for the base and the tornado, `trialsPerSample` for a global sample.
        public func trialCount(ofRun run: Int) -> Int { run <= 2 * parameters.count ? trials : trialsPerSample }

        /// The tornado and the regressions from the means of every run, in run order.
        public func assemble(_ means: [[String: Double]]) throws -> Sensitivity {
            precondition(means.count == runCount)
            let k = parameters.count
            let base = means[0]
            let tornadoes = Sensitivity.outputs.map { output in
                Tornado(output: output, base: base[output]!, bars: parameters.indices.map {
                    TornadoBar(parameter: parameters[$0].key, low: means[1 + 2 * $0][output]!, high: means[2 + 2 * $0][output]!)
                }.sorted { $0.swing > $1.swing })
            }
            let regressions = try Sensitivity.outputs.map { output in
                try Sensitivity.regress(output: output, design: design, response: means[(1 + 2 * k)...].map { $0[output]! },
                            names: parameters.map(\.key))
            }
            return Sensitivity(parameters: parameters, delta: delta, tornadoes: tornadoes, regressions: regressions,
                               trials: trials, samples: samples, trialsPerSample: trialsPerSample)
        }
    }

    /// Tornado: each parameter at (1 − δ) and (1 + δ) on common random numbers. Global: `samples`
    /// points with every parameter drawn uniformly in [1 − δ, 1 + δ] (Latin hypercube), each run
    /// for `trialsPerSample` trials on the same seed; the outputs' means regressed on the
    /// standardised parameters by LAPACK least squares.
    public static func run(scenario: Scenario, parameters: [Parameter], delta: Double, trials: Int,
                           samples: Int, trialsPerSample: Int, seed: UInt64, threads: Int,
                           progress: ((String) -> Void)? = nil) throws -> Sensitivity {
        let plan = Plan(parameters: parameters, delta: delta, trials: trials, samples: samples,
                        trialsPerSample: trialsPerSample, seed: seed)
        try plan.check(scenario)
        return try plan.assemble(plan.means(scenario, runs: 0..<plan.runCount, threads: threads, progress: progress))
    }

    /// y ≈ b₀ + Σ bⱼ·xⱼ by least squares (LAPACK dgels); SRCⱼ = bⱼ·sd(xⱼ)/sd(y).
    static func regress(output: String, design: [[Double]], response: [Double], names: [String]) throws -> Regression {
        let n = design.count, k = names.count
        let mean = response.reduce(0, +) / Double(n)
        let sdY = (response.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        guard sdY > 0, n > k + 1 else {
            return Regression(output: output, coefficients: names.map { Coefficient(parameter: $0, standardised: 0) }, rSquared: 0)
        }
        var a = Matrix(rows: n, columns: k + 1)
        for i in 0..<n {
            a[i, 0] = 1
            for j in 0..<k { a[i, j + 1] = design[i][j] }
        }
        let b = try leastSquares(a, Matrix(rows: n, columns: 1, values: response))
        var residual = 0.0
        for i in 0..<n {
            var fit = b[0, 0]
            for j in 0..<k { fit += b[j + 1, 0] * design[i][j] }
            residual += (response[i] - fit) * (response[i] - fit)
        }
        let total = response.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let coefficients = (0..<k).map { j -> Coefficient in
            let column = design.map { $0[j] }
            let m = column.reduce(0, +) / Double(n)
            let sdX = (column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
            return Coefficient(parameter: names[j], standardised: b[j + 1, 0] * sdX / sdY)
        }.sorted { abs($0.standardised) > abs($1.standardised) }
        return Regression(output: output, coefficients: coefficients, rSquared: 1 - residual / total)
    }
}
