import Foundation
import JikunPolicy
import JikunSampling
import Testing
@testable import JikunSimulation

/// The walk of a unit stream (docs/engine.md, "How a unit stream finds its claimants") gives
/// each cohort's claimants their exact law (binomial for a fixed cohort, Poisson for an entrant
/// stream), whichever way the cohort is counted: walked (few expected claimants) or counted at
/// once (more than 5 expected), with the walk crossing from one cohort to the next and from one
/// class to another.
@Suite struct ClaimantLawTests {
    /// One unit, band 23+, P1 (a year's exposure), no entrants: tekun (accident deaths × 1.5 in
    /// test-small, so a class of its own) 3 persons, orphan 1, dibao 40, youfu 400. Under the
    /// default `competing` deaths a person dies with probability p_a + p_d over the year:
    /// 0.015 + 0.05 for tekun, 0.010 + 0.05 for the others (test-small's rates at 23+).
    static let cohorts: [(category: String, persons: Int, death: Double)] = [
        ("tekun", 3, 0.065), ("orphan", 1, 0.06), ("dibao", 40, 0.06), ("youfu", 400, 0.06),
    ]

    /// Each trial's deaths (accidental and disease) of each cell: yuzhong, band 23+, P1, one
    /// cell per category with `cell` as its counts.
    static func deathCounts(_ cells: [(category: String, cell: String)], trials: Int) throws -> [[Int]] {
        var text = ""
        for c in cells { text += CellScenarios.cell("yuzhong", c.category, "23+", "P1", c.cell) }
        let scenario = try Scenario.load(CellScenarios.file(text))
        let engine = Engine(scenario: scenario)
        let e = scenario.edition
        let unit = try #require(e.units.firstIndex { $0.key == "yuzhong" })
        let accidentFen = Double(e.accident.deathAmount.fen), diseaseFen = Double(e.diseaseDeath.amount.fen)
        let categories = try cells.map { c in try #require(e.categories.firstIndex { $0.key == c.category }) }
        return (0..<trials).map { trial in
            let row = engine.sampledRow(seed: 2026, trial: trial)
            return categories.map { category in
                let accidents = row[engine.columns.column(unit: unit, category: category, line: .accidentDeath, period: 0)]
                let diseases = row[engine.columns.column(unit: unit, category: category, line: .diseaseDeath, period: 0)]
                return Int(accidents / accidentFen) + Int(diseases / diseaseFen)
            }
        }
    }

    static func fixedCohortDeaths(trials: Int) throws -> [[Int]] {
        try deathCounts(cohorts.map { ($0.category, "insured = \($0.persons)\nentrants = 0") }, trials: trials)
    }

    static func poissonPMF(mean: Double, upTo n: Int) -> [Double] {
        (0...n).map { k in exp(Double(k) * log(mean) - mean - lgamma(Double(k + 1))) }
    }

    static func binomialPMF(n: Int, p: Double) -> [Double] {
        var pmf = [Double](repeating: 0, count: n + 1)
        for k in 0...n {
            let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
            pmf[k] = exp(logChoose + Double(k) * log(p) + Double(n - k) * log1p(-p))
        }
        return pmf
    }

    /// Pearson's statistic over bins of consecutive counts, each bin grown until it expects at
    /// least 5 trials (the last bin takes the rest of the tail), and its degrees of freedom.
    static func chiSquare(observed counts: [Int], pmf: [Double]) -> (statistic: Double, degrees: Int) {
        let n = Double(counts.count)
        var histogram = [Int](repeating: 0, count: pmf.count)
        for k in counts { histogram[k] += 1 }
        var bins: [(expected: Double, observed: Int)] = []
        var expected = 0.0, observed = 0
        for k in pmf.indices {
            expected += n * pmf[k]
            observed += histogram[k]
            if expected >= 5 {
                bins.append((expected, observed))
                (expected, observed) = (0, 0)
            }
        }
        if let last = bins.popLast() { bins.append((last.expected + expected, last.observed + observed)) }
        let statistic = bins.reduce(0.0) { $0 + pow(Double($1.observed) - $1.expected, 2) / $1.expected }
        return (statistic, bins.count - 1)
    }

    /// The Wilson–Hilferty approximation to the chi-square quantile at z = 4 standard normal
    /// units, a one-sided tail of about 3 · 10⁻⁵ (it lies 0–10 % above the exact quantile from 1
    /// degree of freedom up, so the tail is if anything smaller): a correct sampler fails one
    /// cohort's check about once in 30,000 seeds.
    static func chiSquareBound(degrees: Int) -> Double {
        let d = Double(degrees), c = 2 / (9 * d)
        return d * pow(1 - c + 4 * c.squareRoot(), 3)
    }

    @Test func eachCohortsDeathsAreBinomial() throws {
        let trials = 4000
        let counts = try Self.fixedCohortDeaths(trials: trials)
        for (j, c) in Self.cohorts.enumerated() {
            let column = counts.map { $0[j] }
            #expect(column.allSatisfy { $0 <= c.persons }, "a person dies at most once (\(c.category))")
            let (statistic, degrees) = Self.chiSquare(observed: column, pmf: Self.binomialPMF(n: c.persons, p: c.death))
            #expect(degrees >= 1)
            #expect(statistic < Self.chiSquareBound(degrees: degrees), "\(c.category): χ² \(statistic) on \(degrees) df")
            // The mean too, |z| < 4 against the binomial's standard error √(N p (1 − p) / trials).
            let mean = Double(column.reduce(0, +)) / Double(trials)
            let z = (mean - Double(c.persons) * c.death) / (Double(c.persons) * c.death * (1 - c.death) / Double(trials)).squareRoot()
            #expect(abs(z) < 4, "\(c.category): mean \(mean), z \(z)")
        }
    }

    /// Consecutive cohorts on one walk are independent: the residual gap a walk carries past a
    /// cohort does not depend on that cohort's count (the process has no memory). Each pair's
    /// correlation is within 4 standard errors (1/√trials under independence) of 0.
    @Test func cohortsOnOneWalkAreIndependent() throws {
        let trials = 4000
        let counts = try Self.fixedCohortDeaths(trials: trials)
        for j in 0..<(Self.cohorts.count - 1) {
            let x = counts.map { Double($0[j]) }, y = counts.map { Double($0[j + 1]) }
            let mx = x.reduce(0, +) / Double(trials), my = y.reduce(0, +) / Double(trials)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for t in 0..<trials {
                sxy += (x[t] - mx) * (y[t] - my)
                sxx += (x[t] - mx) * (x[t] - mx)
                syy += (y[t] - my) * (y[t] - my)
            }
            let r = sxy / (sxx * syy).squareRoot()
            #expect(abs(r) * Double(trials).squareRoot() < 4, "\(Self.cohorts[j].category)–\(Self.cohorts[j + 1].category): r \(r)")
        }
    }

    /// Entrant streams (a Poisson number of entrants a month, months 2–12 of P1, none insured at
    /// the start): an entrant of month m is exposed (13 − m)/12 of a year and dies with
    /// probability 1 − (1 − p)^{(13 − m)/12}, p = 0.06, so a cell's deaths are Poisson with mean
    /// λ = (entrants a month) · Σₖ₌₁¹¹ (1 − 0.94^{k/12}) (thinned Poisson streams). With 2 a
    /// month (λ ≈ 0.69) the walk finds them; with 30 (λ ≈ 10.3) they are counted at once. The
    /// same χ² and mean checks as above.
    @Test func entrantStreamsDeathsArePoisson() throws {
        let trials = 4000
        let streams: [(category: String, perMonth: Double)] = [("dibao", 2), ("youfu", 30)]
        let counts = try Self.deathCounts(streams.map { ($0.category, "insured = 0\nentrants_mean = \($0.perMonth)") }, trials: trials)
        let perEntrant = (1...11).reduce(0.0) { $0 + (1 - pow(0.94, Double($1) / 12)) }
        for (j, s) in streams.enumerated() {
            let column = counts.map { $0[j] }, mean = s.perMonth * perEntrant
            let pmf = Self.poissonPMF(mean: mean, upTo: max(column.max()!, Int(mean + 12 * mean.squareRoot() + 12)))
            let (statistic, degrees) = Self.chiSquare(observed: column, pmf: pmf)
            #expect(degrees >= 1)
            #expect(statistic < Self.chiSquareBound(degrees: degrees), "\(s.category): χ² \(statistic) on \(degrees) df")
            let observed = Double(column.reduce(0, +)) / Double(trials)
            let z = (observed - mean) / (mean / Double(trials)).squareRoot()
            #expect(abs(z) < 4, "\(s.category): mean \(observed) against \(mean), z \(z)")
        }
    }

    /// The walk itself, on one stream's members: a cohort of 400 counted at once (q = 0.06), then
    /// walked cohorts of 3 persons whose probability a factor has taken to 1 and of 50 at
    /// q = 0.04. The first claims all 3 in every trial; the walk goes on past it with a fresh gap,
    /// so the last is still binomial(50, 0.04): mean 2 and variance 1.92, and over 20,000 streams
    /// its mean's standard error is √(1.92/20,000) = 0.0098 (|z| < 4). Likewise the counted cohort:
    /// mean 24, variance 22.56.
    @Test func aWalkedCohortWhoseEveryPersonClaimsLeavesTheRestOfTheWalkExact() {
        let walkAtOne = TrialKernel.ClassWalk(rate: 1, hazard: .infinity, personsPerHazard: 0)
        func walk(_ q: Double) -> TrialKernel.ClassWalk {
            TrialKernel.ClassWalk(rate: q, hazard: -log1p(-q), personsPerHazard: 1 / -log1p(-q))
        }
        let walks = [walk(0.06), walkAtOne, walk(0.04)]
        var pays = [TrialKernel.ClassPay](repeating: TrialKernel.ClassPay(), count: 3)
        pays[0].binomial = BinomialDraws(p: 0.06)
        let groups: [Int32] = [0, 1, 2], columns: [Int32] = [0, 0, 0], sizes: [Double] = [400, 3, 50]
        let streams = 20_000
        var counts = [[Double]](repeating: [], count: 3)
        walks.withUnsafeBufferPointer { walks in
        pays.withUnsafeBufferPointer { pays in
        groups.withUnsafeBufferPointer { groups in
        columns.withUnsafeBufferPointer { columns in
        sizes.withUnsafeBufferPointer { sizes in
            let members = TrialKernel.Members(group: groups, column: columns, size: sizes)
            var claims = [TrialKernel.MemberClaims](repeating: .init(member: 0, count: 0), count: 3)
            for s in 0..<streams {
                var rng = RandomStream(seed: 2026, stream: UInt64(s))
                let written = claims.withUnsafeMutableBufferPointer { claims in
                    TrialKernel.drawClaimants(counted: 0..<1, walked: 1..<3, residual: nil, isPoisson: false, members: members,
                                              walks: walks, pays: pays, into: claims.baseAddress!, rng: &rng,
                                              tables: .shared)
                }
                var byMember = [0.0, 0.0, 0.0]
                for entry in claims[..<written] { byMember[Int(entry.member)] += Double(entry.count) }
                for m in 0..<3 { counts[m].append(byMember[m]) }
            }
        }
        }
        }
        }
        }
        #expect(counts[1].allSatisfy { $0 == 3 })
        for (m, n, q) in [(0, 400.0, 0.06), (2, 50.0, 0.04)] {
            let mean = counts[m].reduce(0, +) / Double(streams)
            let variance = counts[m].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(streams - 1)
            let z = (mean - n * q) / (n * q * (1 - q) / Double(streams)).squareRoot()
            #expect(abs(z) < 4, "member \(m): mean \(mean) against \(n * q), z = \(z)")
            // The sample variance's standard error is about σ²·√(2/N) (near-normal counts): 2 % here.
            #expect(abs(variance / (n * q * (1 - q)) - 1) < 4 * (2.0 / Double(streams)).squareRoot(),
                    "member \(m): variance \(variance) against \(n * q * (1 - q))")
        }
    }
}
