import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

/// `simulate --as-of`: the claims known at a clearing date under the scenario's reporting delays.
@Suite struct KnownClaimsTests {
    /// test-small with no entrants (every cohort covered over its whole period, so one event-time
    /// law per period) and delays on three lines; the other lines are known on their event day.
    static let text = """
        extends = "\(ScenarioFiles.testSmallPath)"

        [population.periods.P1]
        entrants_per_month = 0.0

        [population.periods.P2]
        entrants_per_month = 0.0

        [events.accident_death.reporting_delay]
        law = "exponential"
        mean_days = 60.0

        [events.disease_death.reporting_delay]
        law = "lognormal"
        median_days = 20.0
        sigma = 0.5

        [events.hospitalisation.reporting_delay]
        law = "exponential"
        mean_days = 120.0
        source = "a test"

        """
    static let delayed: Set<ClaimLine> = [.accidentDeath, .diseaseDeath, .hospitalisation]

    static func scenario() throws -> Scenario { try Scenario.load(ScenarioFiles.write(text, name: "known.toml")) }
    static func date(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

    /// P(X < x) of each delayed line, written out here (not the code under test).
    static func cdf(_ line: ClaimLine, _ x: Double) -> Double {
        guard x > 0 else { return 0 }
        switch line {
        case .accidentDeath: return 1 - exp(-x / 60)
        case .diseaseDeath: return 0.5 * erfc(-log(x / 20) / 0.5 / 2.0.squareRoot())
        case .hospitalisation: return 1 - exp(-x / 120)
        default: return 1
        }
    }

    /// π of a whole period: the mean over its days d of P(X < a − d + 1).
    static func known(_ line: ClaimLine, period: CoveragePeriod, asOf: CivilDate) -> Double {
        let first = Int(period.start.daysSinceEpoch), last = Int(period.end.daysSinceEpoch), a = Int(asOf.daysSinceEpoch)
        let sum = (first...last).reduce(0.0) { $0 + cdf(line, Double(a - $1 + 1)) }
        return sum / Double(last - first + 1)
    }

    @Test func theDelaysAreRead() throws {
        let s = try Self.scenario()
        #expect(s.events.reportingDelays == [.accidentDeath: .exponential(meanDays: 60), .diseaseDeath: .lognormal(medianDays: 20, sigma: 0.5),
                                             .hospitalisation: .exponential(meanDays: 120)])
        #expect(try ScenarioFiles.load("test-small.toml").events.reportingDelays.isEmpty)
    }

    @Test(arguments: [
        ("law = \"weibull\"\nmean_days = 3.0", "events.accident_death.reporting_delay.law", "expected exponential or lognormal, got \"weibull\""),
        ("law = \"exponential\"\nmean_days = 0.0", "events.accident_death.reporting_delay.mean_days", "expected a mean delay in days > 0, got 0.0"),
        ("law = \"lognormal\"\nmedian_days = 10.0", "events.accident_death.reporting_delay", "sigma"),
        ("law = \"exponential\"\nmean_days = 5.0\nmedian = 3.0", "events.accident_death.reporting_delay", "median"),
    ])
    func badDelaysAreErrorsNamingTheKey(table: String, key: String, message: String) throws {
        let path = ScenarioFiles.write("extends = \"\(ScenarioFiles.testSmallPath)\"\n\n[events.accident_death.reporting_delay]\n\(table)\n")
        let text = try #require(ScenarioFiles.errorText(loading: path))
        #expect(text.contains(key), "\(text)")
        #expect(text.contains(message), "\(text)")
    }

    /// Each line's known claims per period against the exact expectation π × E[claims] (the
    /// analytic expectation, π from the days of the period): |z| < 4 on the Monte Carlo standard
    /// error of the known mean, which a correct engine fails about once in 16,000 cells.
    @Test func knownClaimsMatchTheirExactExpectation() throws {
        let scenario = try Self.scenario()
        let engine = Engine(scenario: scenario)
        let asOf = Self.date("2021-12-31")
        let options = SimulationOptions(trials: 3000, seed: 5, threads: 2)
        let known = SimulationSummary(result: engine.knownClaims(asOf: asOf).run(options), scenario: scenario, population: engine.population)
        let analytic = AnalyticExpectation(engine: engine)
        let periods = scenario.edition.periods
        for (l, line) in ClaimColumns.lines.enumerated() {
            for (p, period) in periods.enumerated() {
                let pi = Self.known(line, period: period, asOf: asOf)
                let expected = pi * analytic.claims[l][p]
                let stat = known.claimsByLineAndPeriod[l * periods.count + p]
                if stat.standardError == 0 {
                    #expect(stat.mean == expected, "\(line.rawValue) \(period.key)")
                } else {
                    let z = (stat.mean - expected) / stat.standardError
                    #expect(abs(z) < 4, "\(line.rawValue) \(period.key): known \(stat.mean), π \(pi) × \(analytic.claims[l][p]), z \(z)")
                }
                // Not vacuous: P2 (the last two months) is far from fully known on delayed lines.
                if Self.delayed.contains(line), p == 1 { #expect(pi < 0.75 && pi > 0.1, "\(line.rawValue): π \(pi)") }
            }
        }
    }

    /// The known run draws what the full run draws: in every trial its claims are a part of the
    /// ultimate ones, equal on the lines without a delay (all reported by the term's end).
    @Test func knownClaimsAreAPartOfEachTrialsUltimateClaims() throws {
        let scenario = try Self.scenario()
        let engine = Engine(scenario: scenario)
        let options = SimulationOptions(trials: 400, seed: 9, threads: 2)
        let ultimate = engine.run(options)
        let known = engine.knownClaims(asOf: Self.date("2021-12-31")).run(options)
        let periods = scenario.edition.periods.count
        var fewer = 0
        for t in 0..<options.trials {
            #expect(known.totalClaims[t] <= ultimate.totalClaims[t])
            if known.totalClaims[t] < ultimate.totalClaims[t] { fewer += 1 }
            for (l, line) in ClaimColumns.lines.enumerated() where !Self.delayed.contains(line) {
                for p in 0..<periods {
                    let j = t * ClaimColumns.lines.count * periods + l * periods + p
                    #expect(known.linePeriodClaims[j] == ultimate.linePeriodClaims[j])
                }
            }
        }
        #expect(fewer > options.trials / 2)
        // Long after the term every claim is known: the two runs are the same, trial by trial.
        let late = engine.knownClaims(asOf: Self.date("2100-01-01")).run(options)
        #expect(late.linePeriodClaims == ultimate.linePeriodClaims)
        #expect(late.refund == ultimate.refund)
        // The full run is untouched by the hook.
        #expect(Engine(scenario: scenario).run(options).linePeriodClaims == ultimate.linePeriodClaims)
    }

    @Test func theSameAtAnyThreadCountAndBlockSize() throws {
        let scenario = try Self.scenario()
        let engine = Engine(scenario: scenario).knownClaims(asOf: Self.date("2021-11-15"))
        let one = engine.run(SimulationOptions(trials: 300, seed: 3, threads: 1, blockSize: 256))
        let two = engine.run(SimulationOptions(trials: 300, seed: 3, threads: 2, blockSize: 37))
        #expect(one.linePeriodClaims == two.linePeriodClaims)
        #expect(one.band == two.band)
    }

    /// A Poisson stream's event days are weighted by the entrant-months exposed: in a 2-month
    /// period only entrants of month 2 are exposed, so π is that of month 2's days alone.
    @Test func aStreamsEventsFallInTheMonthsItsEntrantsAreCovered() throws {
        let path = ScenarioFiles.write("""
            extends = "\(ScenarioFiles.testSmallPath)"

            [events.accident_death.reporting_delay]
            law = "exponential"
            mean_days = 10.0

            """, name: "stream.toml")
        let scenario = try Scenario.load(path)
        let engine = Engine(scenario: scenario)
        let asOf = Self.date("2021-12-31")
        let pi = engine.knownProbabilities(asOf: asOf)
        let line = ClaimLine.accidentDeath.index
        let a = Int(asOf.daysSinceEpoch), firstOfDecember = Int(Self.date("2021-12-01").daysSinceEpoch)
        var sum = 0.0
        for d in firstOfDecember...a { sum += 1 - exp(-Double(a - d + 1) / 10) }
        let december = sum / 31
        let streams = engine.kernel.groupsStorage.groups.indices.filter {
            let g = engine.kernel.groupsStorage.groups[$0]
            return g.isPoisson && g.period == 1 && g.draw == (scenario.readings.deaths == .competing ? .competingDeaths : .line(.accidentDeath))
        }
        #expect(!streams.isEmpty)
        for g in streams { #expect(abs(pi[g][line] - december) < 1e-12, "\(pi[g][line]) vs \(december)") }
    }
}
