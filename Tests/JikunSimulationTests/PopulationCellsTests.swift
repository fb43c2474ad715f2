import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

/// Scenarios with explicit cells over test-small (its events, no factors), written to scratch.
enum CellScenarios {
    /// test-small's four bands, for a `[population]` that replaces test-small's.
    static let defaultBands = """
        [[population.age_bands]]
        key = "0-2"
        from = 0
        to = 2
        in_school = 0.0

        [[population.age_bands]]
        key = "3-17"
        from = 3
        to = 17
        in_school = 0.9

        [[population.age_bands]]
        key = "18-22"
        from = 18
        to = 22
        in_school = 0.5

        [[population.age_bands]]
        key = "23+"
        from = 23
        in_school = 0.0

        """

    /// A scenario file extending test-small whose `[population]` is `body` (after the bands).
    static func file(_ body: String, bands: String = defaultBands, extra: [String: String] = [:]) -> String {
        let path = ScenarioFiles.write("extends = \"\(ScenarioFiles.testSmallPath)\"\n\n[population]\nreplace = true\n" + body + "\n" + bands,
                                       name: "cells.toml")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for (name, text) in extra { try! text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return path
    }

    static func cell(_ unit: String, _ category: String, _ band: String, _ period: String, _ rest: String) -> String {
        "\n[[population.cells]]\nunit = \"\(unit)\"\ncategory = \"\(category)\"\nband = \"\(band)\"\nperiod = \"\(period)\"\n\(rest)\n"
    }

    static let good = cell("yuzhong", "dibao", "3-17", "P1", "insured = 100\nstudents = 5\nentrants = [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]")
        + CellScenarios.cell("qijiang", "tekun", "23+", "P1", "insured = 40\nentrants_mean = 2.0")
        + CellScenarios.cell("yuzhong", "dibao", "3-17", "P2", "insured = 90\nentrants = 3")
}

@Suite struct PopulationCellsParsingTests {
    /// Hand-computed: P1 yuzhong 100 × 12 + 1 × 11 (month 2) + 2 × 9 (month 4) = 1,229
    /// member-months; qijiang 40 × 12 + a Poisson 2 a month × (11 + 10 + … + 1 = 66) = 612;
    /// P2 (2 months) 90 × 2 + 3 × 1 = 183.
    @Test func tomlCellsBecomeCohortsAndMemberMonths() throws {
        let scenario = try Scenario.load(CellScenarios.file(CellScenarios.good))
        let e = scenario.edition
        let population = Population(scenario: scenario)
        let yuzhong = e.unitIndex("yuzhong")!, qijiang = e.unitIndex("qijiang")!
        let dibao = e.categoryIndex("dibao")!, tekun = e.categoryIndex("tekun")!
        #expect(population.memberMonths(unit: yuzhong, category: dibao, period: 0) == 1229)
        #expect(population.memberMonths(unit: qijiang, category: tekun, period: 0) == 612)
        #expect(population.memberMonths(unit: yuzhong, category: dibao, period: 1) == 183)
        #expect(population.memberMonths.reduce(0, +) == 2024)  // 1,229 + 612 + 183
        #expect(population.totalInsuredAtStart == [140, 90])
        let p1 = population.cohorts.filter { $0.period == 0 && $0.unit == yuzhong }.map(\.size)
        #expect(p1 == [.fixed(count: 100, exposureMonths: 12, students: 5), .fixed(count: 1, exposureMonths: 11, students: nil),
                       .fixed(count: 2, exposureMonths: 9, students: nil)])
        #expect(population.cohorts.filter { $0.unit == qijiang }.map(\.size) == [.fixed(count: 40, exposureMonths: 12, students: nil), .poisson(perMonth: 2)])
        #expect(population.cohorts.filter { $0.period == 1 }.map(\.size) == [.fixed(count: 90, exposureMonths: 2, students: nil),
                                                                               .fixed(count: 3, exposureMonths: 1, students: nil)])
        // The summary fields add up the cells.
        #expect(scenario.population.insuredAtStart == [140, 90])
        #expect(abs(scenario.population.entrantsPerMonth[0] - (3.0 / 11 + 2)) < 1e-12)
    }

    /// The shipped benchmark: 47 units × 5 categories × 12 bands = 2,820 cells in each of the two
    /// periods, each holding someone, 1,100,000 and 1,090,000 insured, fixed monthly entrants.
    @Test func theBenchmarkScenarioHoldsItsCells() throws {
        let scenario = try ScenarioFiles.load("benchmark-cells.toml")
        let cells = try #require(scenario.population.cells)
        #expect(cells.count == 2 * 2820)
        #expect(Set(cells.map { [$0.unit, $0.category, $0.band] }).count == 2820)
        #expect(cells.allSatisfy { $0.insured >= 1 })
        #expect(cells.allSatisfy { if case .fixed = $0.entrants { true } else { $0.entrants == .none } })
        #expect(Population(scenario: scenario).totalInsuredAtStart == [1_100_000, 1_090_000])
        #expect(scenario.ageBands.count == 12 && scenario.edition.units.count == 47 && scenario.edition.categories.count == 5)
    }

    /// One number for entrants means that many in every month after the first: 3 a month in
    /// P1 is 3 × (11 + … + 1) = 198 member-months over 11 cohorts.
    @Test func oneEntrantCountServesEveryMonth() throws {
        let scenario = try Scenario.load(CellScenarios.file(CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 0\nentrants = 3")))
        let population = Population(scenario: scenario)
        #expect(population.cohorts.count == 11)
        #expect(population.memberMonths.reduce(0, +) == 198)
        #expect(population.totalInsuredAtStart == [0, 0])
    }

    /// A CSV named by cells_file is read relative to the TOML file that names it, also when
    /// another scenario in another folder extends that file; row order does not matter.
    @Test func cellsFileResolvesBesideTheFileThatNamesIt() throws {
        let csv = """
            unit,category,band,period,insured,students,entrants,entrant_students,entrants_mean
            yuzhong,dibao,3-17,P2,90,,3,,
            qijiang,tekun,23+,P1,40,,,,2.0
            yuzhong,dibao,3-17,P1,100,5,1;0;2;0;0;0;0;0;0;0;0,,

            """
        let base = CellScenarios.file("cells_file = \"cells.csv\"\n", extra: ["cells.csv": csv])
        let fromCSV = try Scenario.load(base)
        let fromTOML = try Scenario.load(CellScenarios.file(CellScenarios.good))
        #expect(fromCSV.population.cells == fromTOML.population.cells)
        #expect(Population(scenario: fromCSV).cohorts == Population(scenario: fromTOML).cohorts)
        let child = ScenarioFiles.write("extends = \"\(base)\"\n\n[scenario]\nseed = 7\n", name: "child.toml")
        #expect(try Scenario.load(child).population.cells == fromTOML.population.cells)
        // The resolved scenario holds the cells themselves: it loads on its own, anywhere.
        let resolved = ScenarioFiles.write(fromCSV.resolved.tomlText, name: "resolved.toml")
        #expect(!fromCSV.resolved.tomlText.contains("cells_file"))
        #expect(try Scenario.load(resolved).population.cells == fromTOML.population.cells)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        var expected: String
        var testDescription: String { name }
    }

    static let badTOML: [Bad] = [
        Bad(name: "unknown unit", body: CellScenarios.cell("atlantis", "dibao", "23+", "P1", "insured = 1"),
            expected: "population.cells[0].unit: unknown unit \"atlantis\" (expected one of"),
        Bad(name: "unknown category", body: CellScenarios.cell("yuzhong", "rich", "23+", "P1", "insured = 1"),
            expected: "population.cells[0].category: unknown category \"rich\" (expected one of tekun, orphan, unsupported_child, dibao, youfu)"),
        Bad(name: "unknown band", body: CellScenarios.cell("yuzhong", "dibao", "18-30", "P1", "insured = 1"),
            expected: "population.cells[0].band: unknown band \"18-30\" (expected one of 0-2, 3-17, 18-22, 23+)"),
        Bad(name: "unknown period", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P3", "insured = 1"),
            expected: "population.cells[0].period: unknown period \"P3\" (expected one of P1, P2)"),
        Bad(name: "negative insured", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = -1"),
            expected: "population.cells[0].insured: expected a count in 0…100000000, got -1"),
        Bad(name: "more students than insured", body: CellScenarios.cell("yuzhong", "dibao", "3-17", "P1", "insured = 4\nstudents = 5"),
            expected: "population.cells[0].students: expected a count in 0…4 (the cell's insured), got 5"),
        Bad(name: "entrant list of the wrong length", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1\nentrants = [1, 2]"),
            expected: "population.cells[0].entrants: expected 11 counts, one per month after the first of period P1 (12 months), got 2"),
        Bad(name: "negative entrants", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P2", "insured = 1\nentrants = [-2]"),
            expected: "population.cells[0].entrants: expected counts in 0…10000000 a month, got -2"),
        Bad(name: "fixed and Poisson entrants", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1\nentrants = 1\nentrants_mean = 1.5"),
            expected: "population.cells[0].entrants_mean: both entrants (fixed counts) and entrants_mean (a Poisson mean) are given: give one"),
        Bad(name: "negative Poisson mean", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1\nentrants_mean = -0.5"),
            expected: "population.cells[0].entrants_mean: expected a mean in 0…10000000 a month, got -0.5"),
        Bad(name: "entrant students without entrants", body: CellScenarios.cell("yuzhong", "dibao", "3-17", "P1", "insured = 1\nentrant_students = 1"),
            expected: "population.cells[0].entrant_students: entrant_students needs fixed entrants (the entrants key)"),
        Bad(name: "a cell given twice", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1") + CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 2"),
            expected: "population.cells[1]: the cell yuzhong × dibao × 23+ in period P1 is given twice"),
        Bad(name: "a misspelt key", body: CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1\nentrant = 2"),
            expected: "population.cells[0]"),
        Bad(name: "cells and a factorised key", body: "[population.periods.P1]\ninsured = 5\nentrants_per_month = 0\n" + CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1"),
            expected: "population.periods: the population is given both as explicit cells (population.cells) and factorised (population.periods): give one form"),
        Bad(name: "cells and cells_file", body: "cells_file = \"x.csv\"\n" + CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 1"),
            expected: "population.cells_file: both population.cells and population.cells_file are given: give the cells one way"),
        Bad(name: "a missing cells file", body: "cells_file = \"nowhere.csv\"\n",
            expected: "population.cells_file: cannot read "),
    ]

    @Test(arguments: badTOML)
    func badTOMLCellsAreRefusedNamingTheKey(_ bad: Bad) {
        let path = CellScenarios.file(bad.body)
        let text = ScenarioFiles.errorText(loading: path)
        #expect((text ?? "").hasPrefix(path + ": " + bad.expected), "\(text ?? "")")
    }

    static let header = "unit,category,band,period,insured,entrants\n"
    static let badCSV: [Bad] = [
        Bad(name: "unknown column", body: "unit,category,band,period,insured,entrans\nyuzhong,dibao,23+,P1,1,\n",
            expected: "row 1, column entrans: unknown column (expected: unit, category, band, period, insured, students, entrants, entrant_students, entrants_mean)"),
        Bad(name: "missing column", body: "unit,category,band,insured\nyuzhong,dibao,23+,1\n",
            expected: "row 1, column period: missing column 'period' in the header"),
        Bad(name: "empty required field", body: header + "yuzhong,dibao,23+,P1,1,\nyuzhong,,23+,P2,1,\n",
            expected: "row 3, column category: expected a value, the field is empty"),
        Bad(name: "insured not a whole number", body: header + "yuzhong,dibao,23+,P1,1.5,\n",
            expected: "row 2, column insured: expected a whole number, got \"1.5\""),
        Bad(name: "negative insured", body: header + "yuzhong,dibao,23+,P1,-3,\n",
            expected: "row 2, column insured: expected a count in 0…100000000, got -3"),
        Bad(name: "entrant list of the wrong length", body: header + "yuzhong,dibao,23+,P1,1,1;2;3\n",
            expected: "row 2, column entrants: expected 11 counts, one per month after the first of period P1 (12 months), got 3"),
        Bad(name: "entrant not a number", body: header + "yuzhong,dibao,23+,P2,1,two\n",
            expected: "row 2, column entrants: expected a whole number, got \"two\""),
        Bad(name: "unknown unit", body: header + "yuzhong,dibao,23+,P1,1,\natlantis,dibao,23+,P1,1,\n",
            expected: "row 3, column unit: unknown unit \"atlantis\""),
        Bad(name: "a cell given twice", body: header + "yuzhong,dibao,23+,P1,1,\nqijiang,dibao,23+,P1,1,\nyuzhong,dibao,23+,P1,1,\n",
            expected: "row 4: the cell yuzhong × dibao × 23+ in period P1 is given twice"),
        Bad(name: "no cells", body: header,
            expected: "row 2: expected at least one cell after the header"),
    ]

    @Test(arguments: badCSV)
    func badCSVCellsAreRefusedNamingRowAndColumn(_ bad: Bad) {
        let path = CellScenarios.file("cells_file = \"cells.csv\"\n", extra: ["cells.csv": bad.body])
        let csv = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("cells.csv").path
        let text = ScenarioFiles.errorText(loading: path)
        #expect((text ?? "").hasPrefix(csv + ": " + bad.expected), "\(text ?? "")")
    }
}

@Suite struct AgeEligibilityTests {
    /// Hand-computed shares of ages 3–22: band 0–4 holds 3, 4 of 0…4 → 2/5; 18–30 holds
    /// 18…22 → 5/13; 3–17 wholly inside → 1; 23–44 outside → 0; an open band 20+ taken to 29
    /// holds 20, 21, 22 of 20…29 → 3/10.
    @Test func shareOfAgesByHand() {
        func band(_ from: Int, _ to: Int?, _ end: Int? = nil) -> AgeBand {
            AgeBand(key: "b", from: from, to: to, inSchoolShare: 0, eligibilityTo: end)
        }
        #expect(band(0, 4).shareOfAges(within: 3, 22) == 2.0 / 5)
        #expect(band(18, 30).shareOfAges(within: 3, 22) == 5.0 / 13)
        #expect(band(3, 17).shareOfAges(within: 3, 22) == 1)
        #expect(band(23, 44).shareOfAges(within: 3, 22) == 0)
        #expect(band(20, nil, 29).shareOfAges(within: 3, 22) == 3.0 / 10)
        #expect(band(60, nil).shareOfAges(within: 3, 22) == 0)
    }

    static let straddlingBands = """
        [[population.age_bands]]
        key = "0-5"
        from = 0
        to = 5
        in_school = 0.8

        [[population.age_bands]]
        key = "6-17"
        from = 6
        to = 17
        in_school = 0.9

        [[population.age_bands]]
        key = "18-30"
        from = 18
        to = 30
        in_school = 0.5

        [[population.age_bands]]
        key = "31+"
        from = 31
        in_school = 0.0

        [events.student_critical_illness]
        by_age = [0.01, 0.01, 0.01, 0.0]

        [events.admission.levels.junior_college]
        band = "18-30"
        [events.admission.levels.bachelor]
        band = "18-30"
        [events.admission.levels.postgraduate]
        band = "18-30"

        """

    /// Student critical illness in bands straddling its ages 3–22: the Monte Carlo mean of
    /// claims is within 4 standard errors of the exact n·in_school·share·(1 − (1 − p)^t)·amount,
    /// share 3/6 for 0–5 and 5/13 for 18–30 (no factors: trials i.i.d., the standard error is the
    /// sample s.d. / √trials; a correct engine fails about once in 16,000). The analytic check
    /// agrees with the same hand value.
    @Test func straddlingBandsPayTheirEligibleShare() throws {
        let cells = CellScenarios.cell("yuzhong", "dibao", "0-5", "P1", "insured = 20000")
            + CellScenarios.cell("yuzhong", "dibao", "18-30", "P1", "insured = 26000")
            + CellScenarios.cell("qijiang", "dibao", "18-30", "P2", "insured = 13000")
        let scenario = try Scenario.load(CellScenarios.file(cells, bands: Self.straddlingBands))
        let e = scenario.edition, ev = scenario.events.studentCriticalIllness
        let yuzhong = e.unitIndex("yuzhong")!, qijiang = e.unitIndex("qijiang")!, dibao = e.categoryIndex("dibao")!
        let amount = e.studentCriticalIllness.amount.yuan
        let p0 = ev.rate(unit: yuzhong, category: dibao, band: 0), p2 = ev.rate(unit: yuzhong, category: dibao, band: 2)
        let q2 = ev.rate(unit: qijiang, category: dibao, band: 2)
        let expectedP1 = (20000 * 0.8 * 3 / 6 * p0 + 26000 * 0.5 * 5 / 13 * p2) * amount
        let expectedP2 = 13000 * 0.5 * 5 / 13 * (1 - pow(1 - q2, 2.0 / 12)) * amount
        #expect(p0 > 0 && p2 > 0)
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 3000, seed: 5, threads: 2))
        let summary = SimulationSummary(result: result, scenario: scenario, population: engine.population)
        let analytic = AnalyticExpectation(engine: engine)
        let line = ClaimLine.studentCriticalIllness.index, periods = e.periods.count
        for (p, expected) in [expectedP1, expectedP2].enumerated() {
            let stat = summary.claimsByLineAndPeriod[line * periods + p]
            let z = (stat.mean - expected) / stat.standardError
            #expect(abs(z) < 4, "P\(p + 1): MC \(stat.mean) expected \(expected) z \(z)")
            #expect(abs(analytic.claims[line][p] - expected) <= 1e-9 * expected)
        }
    }

    /// A roster's students count only at ages 3–22: in band 0–5 a student aged 2 is not one.
    @Test func rosterStudentsCountOnlyAtEligibleAges() throws {
        let scenario = try Scenario.load(CellScenarios.file(CellScenarios.cell("yuzhong", "dibao", "0-5", "P1", "insured = 1"),
                                                            bands: Self.straddlingBands))
        let e = scenario.edition
        let unit = e.unitIndex("yuzhong")!
        let persons = ["2018-01-05", "2016-02-01", "2017-03-01"].enumerated().map { i, birth in
            RosterPerson(id: RosterFixture.id(birth, i + 1), unit: unit, insurer: e.insurerOfUnit[unit], category: 0,
                         birthDate: CivilDate(parsing: birth)!, coverFrom: e.termStart, student: true)
        }
        // Ages on 2020-11-01: 2, 4 and 3: two of the three are of an eligible age.
        let population = try Population(roster: Roster(persons: persons), scenario: scenario)
        let p1 = population.cohorts.filter { $0.period == 0 }.map(\.size)
        #expect(p1 == [.fixed(count: 3, exposureMonths: 12, students: 2)])
    }
}

enum RosterFixture {
    static func id(_ birth: String, _ serial: Int) -> PersonID {
        let digits = "500101" + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", serial)
        return try! PersonID.parse(digits + String(PersonID.checkCharacter(for: digits))).get()
    }

    /// A deterministic roster over test-small's units: ages 0–90, cover from the term's start
    /// or a later month, a third of the young in school.
    static func persons(_ count: Int, edition e: Edition) -> [RosterPerson] {
        let units = ["yuzhong", "city_childrens_welfare_home", "liangjiang", "qijiang", "nanan", "shapingba"].map { e.unitIndex($0)! }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let start = e.termStart
        return (0..<count).map { i in
            let unit = units[next(units.count)]
            let (year, month0, day) = (1930 + next(90), 1 + next(12), 1 + next(28))
            let birth = CivilDate(year: year, month: month0, day: day)!
            let month = start.month - 1 + next(14)
            let cover = next(3) == 0 ? CivilDate(year: start.year + month / 12, month: month % 12 + 1, day: 1 + next(28))! : start
            let text = String(format: "%04d-%02d-%02d", year, month0, day)
            return RosterPerson(id: id(text, i % 1000), unit: unit, insurer: e.insurerOfUnit[unit], category: next(e.categories.count),
                                birthDate: birth, coverFrom: cover, student: next(3) == 0)
        }
    }
}

@Suite struct RosterCellsTests {
    /// roster → population.csv → scenario cells gives the roster's own model: equal cohorts and
    /// member-months, and a short simulate with identical figures.
    @Test func aRostersCellsRunTheRostersModel() throws {
        let base = try loadScenario("test-small.toml")
        let persons = RosterFixture.persons(4000, edition: base.edition)
        let roster = Roster(persons: persons)
        let fromRoster = try Population(roster: roster, scenario: base)
        let cells = try PopulationCells.cells(of: fromRoster, scenario: base)
        let csv = PopulationCells.csv(cells, edition: base.edition, bands: base.ageBands).text
        let scenario = try Scenario.load(CellScenarios.file("cells_file = \"population.csv\"\n", extra: ["population.csv": csv]))
        let fromCells = Population(scenario: scenario)
        #expect(fromCells.cohorts == fromRoster.cohorts)
        #expect(fromCells.memberMonths == fromRoster.memberMonths)
        #expect(fromRoster.cohorts.contains { if case .fixed(_, let months, _) = $0.size { months < 12 } else { false } })

        let options = SimulationOptions(trials: 200, seed: 11, threads: 2)
        let a = Engine(scenario: base, population: fromRoster).run(options)
        let b = Engine(scenario: scenario, population: fromCells).run(options)
        let sa = SimulationSummary(result: a, scenario: base, population: fromRoster)
        let sb = SimulationSummary(result: b, scenario: scenario, population: fromCells)
        #expect(sa.claimsByLineAndPeriod.map(\.mean) == sb.claimsByLineAndPeriod.map(\.mean))
        #expect(sa.totalClaims.mean == sb.totalClaims.mean && sa.totalClaims.standardDeviation == sb.totalClaims.standardDeviation)
        #expect(sa.lossRatio.mean == sb.lossRatio.mean)
        #expect(sa.earnedPremium == sb.earnedPremium)
        #expect(sa.insuredAtStart == sb.insuredAtStart)
    }
}

@Suite struct ExplicitCellsStatisticsTests {
    /// Explicit cells with fixed monthly entrants (and a Poisson stream) under per-event deaths:
    /// each line's Monte Carlo mean is within 4 standard errors of its exact expectation. Deaths
    /// are checked against Σ n·(1 − (1 − p)^{k/12})·amount written out here over the cohorts (k
    /// months from entry); every line against the analytic check. No factors: trials i.i.d., the
    /// standard error is the sample s.d. / √trials (a correct engine fails one line in ≈ 16,000).
    @Test func fixedEntrantsMatchTheirExactExpectation() throws {
        let monthly = "[40, 10, 0, 25, 5, 60, 0, 0, 30, 15, 20]"
        let cells = CellScenarios.cell("yuzhong", "dibao", "23+", "P1", "insured = 3000\nentrants = \(monthly)")
            + CellScenarios.cell("qijiang", "tekun", "23+", "P1", "insured = 1500\nentrants = 12")
            + CellScenarios.cell("nanan", "dibao", "3-17", "P1", "insured = 2000\nentrants_mean = 8.0")
            + CellScenarios.cell("yuzhong", "dibao", "23+", "P2", "insured = 2800\nentrants = [50]")
        let scenario = try Scenario.load(CellScenarios.file(cells)).applying("[readings]\ndeaths = \"per_event\"\n")
        let e = scenario.edition
        let engine = Engine(scenario: scenario)
        let result = engine.run(SimulationOptions(trials: 3000, seed: 23, threads: 2))
        let summary = SimulationSummary(result: result, scenario: scenario, population: engine.population)
        let analytic = AnalyticExpectation(engine: engine)
        let periods = e.periods.count
        var byHand = [[Double]](repeating: [0, 0], count: 2)
        for cohort in engine.population.cohorts {
            guard case .fixed(let n, let months, _) = cohort.size else { continue }
            for (k, table) in [scenario.events.accidentDeath, scenario.events.diseaseDeath].enumerated() {
                let p = table.rate(unit: cohort.unit, category: cohort.category, band: cohort.band)
                let amount = k == 0 ? e.accident.deathAmount.yuan : e.diseaseDeath.amount.yuan
                byHand[k][cohort.period] += Double(n) * (1 - pow(1 - p, Double(months) / 12)) * amount
            }
        }
        // The Poisson stream of nanan: entrants of month m = 2…12 exposed (13 − m)/12 a year.
        for (k, table) in [scenario.events.accidentDeath, scenario.events.diseaseDeath].enumerated() {
            let p = table.rate(unit: e.unitIndex("nanan")!, category: e.categoryIndex("dibao")!, band: 1)
            let amount = k == 0 ? e.accident.deathAmount.yuan : e.diseaseDeath.amount.yuan
            byHand[k][0] += (2...12).reduce(0.0) { $0 + 8 * (1 - pow(1 - p, Double(13 - $1) / 12)) } * amount
        }
        for (k, line) in [ClaimLine.accidentDeath, .diseaseDeath].enumerated() {
            for p in 0..<periods {
                #expect(abs(analytic.claims[line.index][p] - byHand[k][p]) <= 1e-9 * byHand[k][p])
            }
        }
        for line in ClaimLine.allCases {
            for p in 0..<periods where analytic.claims[line.index][p] > 0 {
                let stat = summary.claimsByLineAndPeriod[line.index * periods + p]
                let z = (stat.mean - analytic.claims[line.index][p]) / stat.standardError
                #expect(abs(z) < 4, "\(line.rawValue) P\(p + 1): MC \(stat.mean) analytic \(analytic.claims[line.index][p]) z \(z)")
            }
        }
        // Premium: whole member-months (docs/rules.md §2), 3,000 × 12 + Σ entrants × months left:
        // 36,000 + 40·11 + 10·10 + 25·8 + 5·7 + 60·6 + 30·3 + 15·2 + 20·1 = 37,275.
        let yuzhongP1 = engine.population.memberMonths(unit: e.unitIndex("yuzhong")!, category: e.categoryIndex("dibao")!, period: 0)
        #expect(yuzhongP1 == 37_275)
    }
}
