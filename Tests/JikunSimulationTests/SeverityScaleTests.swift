import Foundation
import JikunPolicy
import JikunSampling
import Testing
@testable import JikunSimulation

/// test-small.toml with `extra` appended (its `extends` made absolute), loaded from a scratch file.
func loadTestSmall(appending extra: String) throws -> Scenario {
    let path = scenariosDirectory.appendingPathComponent("test-small.toml").path
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "extends = \"edition-2020.toml\"", with: "extends = \"\(scenariosDirectory.path)/edition-2020.toml\"")
    text += "\n" + extra
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("severity-\(UUID().uuidString).toml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    return try Scenario.load(file.path)
}

@Suite struct SeverityScalesTests {
    static let overrides = """
        [[events.hospitalisation.severity_overrides]]
        categories = ["orphan", "unsupported_child"]
        bands = ["0-2", "3-17"]
        scale = 0.5
        source = "test: children's costs half the adults'"

        [[events.accident_medical.severity_overrides]]
        categories = ["tekun"]
        scale = 2.5

        [events.hospitalisation.severity.period_scale]
        P2 = 0.4

        [events.accident_medical.severity.period_scale]
        P1 = 1.2
        """

    /// The multiplier of a cell is its override's scale times its period's, by hand.
    @Test func scalesOfCellsByHand() throws {
        let s = try loadTestSmall(appending: Self.overrides)
        let e = s.edition
        let orphan = e.categories.firstIndex { $0.key == "orphan" }!, tekun = e.categories.firstIndex { $0.key == "tekun" }!
        let child = s.ageBands.firstIndex { $0.key == "3-17" }!, adult = s.ageBands.firstIndex { $0.key == "23+" }!
        let hospital = s.events.hospitalisationSeverityScales, medical = s.events.accidentMedicalSeverityScales
        #expect(hospital.scale(category: orphan, band: child, period: 0) == 0.5)
        #expect(abs(hospital.scale(category: orphan, band: child, period: 1) - 0.2) < 1e-15)
        #expect(hospital.scale(category: orphan, band: adult, period: 0) == 1)
        #expect(hospital.scale(category: tekun, band: child, period: 1) == 0.4)
        #expect(abs(medical.scale(category: tekun, band: adult, period: 0) - 3.0) < 1e-15)
        #expect(medical.scale(category: tekun, band: adult, period: 1) == 2.5)
        #expect(medical.scale(category: orphan, band: adult, period: 1) == 1)
        // The default scenario has none: the laws apply as given.
        let plain = try loadScenario("test-small.toml")
        #expect(plain.events.hospitalisationSeverityScales.isIdentity && plain.events.accidentMedicalSeverityScales.isIdentity)
    }

    /// A scaled cost k·X goes through the edition's schedule: with the 2020 schedule (deductible
    /// 3,000; 25 % of the first 10,000 above it, 30 % of the next 40,000) a total of 16,000 pays
    /// 0.25·10,000 + 0.30·3,000 = 3,400 yuan, and scaled by 0.5 (8,000) pays 0.25·5,000 = 1,250,
    /// not 1,700: the rules see the scaled cost, not a scaled benefit.
    @Test func aScaledCostGoesThroughTheSchedule() throws {
        let s = try loadScenario("test-small.toml")
        let schedule = s.edition.criticalIllnessSchedule(period: 0)
        #expect(schedule.benefit(total: Money(roundingYuan: 16000)).fen == 340_000)
        #expect(schedule.benefit(total: Money(roundingYuan: 0.5 * 16000)).fen == 125_000)
    }

    /// Each (category, line, period) of the two severity lines: the Monte Carlo mean of the
    /// engine's own trials is within 4 standard errors of the analytic expectation, which reads
    /// the overrides and period scales on its own and integrates a severity factor by
    /// Gauss–Hermite. Trials are i.i.d. (each draws its own factor), so the standard error is the
    /// sample s.d. / √trials; the analytic check ignores rounding to the fen (< 0.005 yuan a
    /// claimant, far inside one s.e.). 20 comparisons: a correct engine fails one about once in
    /// 800 seeds, and the seed is fixed.
    @Test func simulatedMeansMatchTheAnalyticCheckPerCategory() throws {
        let factor = """
            [systemic]
            correlation = [[1.0]]
            [[systemic.factors]]
            key = "severity_level"
            sigma = 0.2
            targets = ["severity.hospitalisation", "severity.accident_medical"]
            """
        let scenario = try loadTestSmall(appending: Self.overrides + "\n" + factor)
        let engine = Engine(scenario: scenario)
        let analytic = AnalyticExpectation(engine: engine)
        let base = AnalyticExpectation(engine: Engine(scenario: try loadTestSmall(appending: factor)))
        #expect(base.claims != analytic.claims)
        let columns = engine.columns
        let lines: [ClaimLine] = [.accidentMedical, .hospitalisation]
        let cells = columns.categories * lines.count * columns.periods
        func cell(_ category: Int, _ l: Int, _ p: Int) -> Int { (category * lines.count + l) * columns.periods + p }
        var sums = [Double](repeating: 0, count: cells), squares = sums
        let trials = 2000
        for trial in 0..<trials {
            let row = engine.sampledRow(seed: 31, trial: trial)
            var trialYuan = [Double](repeating: 0, count: cells)
            for j in row.indices where row[j] != 0 {
                let (_, c, line, p) = columns.components(of: j)
                guard let l = lines.firstIndex(of: line) else { continue }
                trialYuan[cell(c, l, p)] += row[j] / 100
            }
            for k in 0..<cells {
                sums[k] += trialYuan[k]
                squares[k] += trialYuan[k] * trialYuan[k]
            }
        }
        var compared = 0, moved = 0
        for c in 0..<columns.categories {
            for (l, line) in lines.enumerated() {
                for p in 0..<columns.periods {
                    let n = Double(trials), mean = sums[cell(c, l, p)] / n
                    let sd = (max(0, squares[cell(c, l, p)] / n - mean * mean) * n / (n - 1)).squareRoot()
                    let expected = analytic.expected(line, category: c, period: p)
                    let label = "\(scenario.edition.categories[c].key) \(line.rawValue) P\(p + 1)"
                    if sd == 0 {
                        #expect(expected == 0 && mean == 0, "\(label): no claims simulated, analytic \(expected)")
                        continue
                    }
                    let z = (mean - expected) / (sd / n.squareRoot())
                    #expect(abs(z) < 4, "\(label): MC \(mean) analytic \(expected) z \(z)")
                    compared += 1
                    if abs(expected - base.expected(line, category: c, period: p)) > 1e-6 * expected { moved += 1 }
                }
            }
        }
        // Not vacuous: the overrides move the expectation of most compared cells (P2 and
        // accident-medical P1 everywhere), and the per-category figures add up to the lines'.
        #expect(compared >= 16)
        #expect(moved >= 12)
        for line in lines {
            for p in 0..<columns.periods {
                let total = (0..<columns.categories).reduce(0) { $0 + analytic.expected(line, category: $1, period: p) }
                #expect(abs(total - analytic.expected(line, period: p)) < 1e-6 * total)
            }
        }
    }

    @Test(arguments: [
        ("[[events.hospitalisation.severity_overrides]]\ncategories = [\"orphan\"]\nscale = 0.5\n[[events.hospitalisation.severity_overrides]]\ncategories = [\"orphan\"]\nbands = [\"0-2\"]\nscale = 0.7\n",
         "severity_overrides[1]", "already covered by override 1"),
        ("[[events.hospitalisation.severity_overrides]]\nbands = [\"0-3\"]\nscale = 0.5\n", "severity_overrides[0].bands", "unknown age band \"0-3\""),
        ("[[events.accident_medical.severity_overrides]]\ncategories = [\"tekun\"]\nscale = 0\n", "severity_overrides[0].scale", "expected a severity multiplier > 0"),
        ("[[events.accident_medical.severity_overrides]]\ncategories = [\"tekun\"]\nscale = 2\nscael = 3\n", "severity_overrides[0]", "unknown key 'scael'"),
        ("[events.hospitalisation.severity.period_scale]\nP3 = 0.4\n", "period_scale.P3", "unknown key 'P3'"),
        ("[events.hospitalisation.severity.period_scale]\nP2 = -1\n", "period_scale.P2", "expected a severity multiplier in (0, 10⁶]"),
    ])
    func badScalesAreRefusedNamingTheirKey(extra: String, keyPath: String, message: String) throws {
        #expect {
            _ = try loadTestSmall(appending: extra)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(keyPath) && text.contains(message)
        }
    }
}
