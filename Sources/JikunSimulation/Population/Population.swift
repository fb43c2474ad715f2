import JikunPolicy

/// The insured population of a scenario as cohorts: people of one cell (unit × category × age
/// band) who enter cover together in one period. A cohort is either a known number of persons
/// (the period's starting roster, or roster entrants of one month) or a Poisson stream of
/// entrants (expected monthly enrolments after the period's first month).
public struct Population: Sendable {
    public struct Cohort: Sendable, Equatable {
        public enum Size: Sendable, Equatable {
            /// `count` persons exposed for `exposureMonths`; `students` when known (roster).
            case fixed(count: Int, exposureMonths: Int, students: Int?)
            /// Entrants arriving as a Poisson process: `perMonth` expected in each month after the
            /// first, each exposed from its month of entry to the period's end.
            case poisson(perMonth: Double)
        }
        public var unit: Int
        public var category: Int
        public var band: Int
        public var period: Int
        public var size: Size

        public var fixedCount: Int? {
            if case .fixed(let n, _, _) = size { n } else { nil }
        }
    }

    public var cohorts: [Cohort]
    /// Member-months per (unit, category, period): `[(unit·categories + category)·periods + period]`;
    /// expected values for Poisson entrants.
    public var memberMonths: [Double]
    public let units: Int, categories: Int, periods: Int
    /// Calendar months in each period.
    public let periodMonths: [Int]

    public func memberMonths(unit: Int, category: Int, period: Int) -> Double {
        memberMonths[(unit * categories + category) * periods + period]
    }

    /// Member-months `[period][insurer]`.
    public func memberMonthsByPeriodAndInsurer(edition: Edition) -> [[Double]] {
        var months = [[Double]](repeating: [Double](repeating: 0, count: edition.insurers.count), count: periods)
        for u in 0..<units {
            for c in 0..<categories {
                for p in 0..<periods { months[p][edition.insurerOfUnit[u]] += memberMonths(unit: u, category: c, period: p) }
            }
        }
        return months
    }

    /// Earned premium per insurer over the term, in yuan.
    public func premiumByInsurer(edition: Edition) -> [Double] {
        let months = memberMonthsByPeriodAndInsurer(edition: edition)
        return edition.insurers.indices.map { i in
            months.reduce(0) { $0 + $1[i] } * edition.premiumPerPersonMonth.yuan
        }
    }

    public var totalInsuredAtStart: [Int] {
        (0..<periods).map { p in
            cohorts.reduce(0) { total, cohort in
                // Insured from the period's first day: a fixed cohort exposed the whole period.
                guard cohort.period == p, case .fixed(let n, let months, _) = cohort.size else { return total }
                return total + (months == periodMonths[p] ? n : 0)
            }
        }
    }

    init(units: Int, categories: Int, periodMonths: [Int]) {
        self.units = units
        self.categories = categories
        self.periods = periodMonths.count
        self.periodMonths = periodMonths
        self.cohorts = []
        self.memberMonths = Array(repeating: 0, count: units * categories * periods)
    }

    /// The scenario's factorised population: each period's starting count spread over cells by
    /// unit weight × category share × age share (largest remainder, so cells add up exactly),
    /// and its expected entrants spread by the same weights.
    public init(scenario: Scenario) {
        if let cells = scenario.population.cells {
            self = Population(cells: cells, scenario: scenario)
        } else {
            self.init(factorised: scenario.population, scenario: scenario)
        }
    }

    /// The factorised form of `spec` (for explicit cells, their summary mix) over the scenario's
    /// edition and age bands.
    public init(factorised spec: PopulationSpec, scenario: Scenario) {
        let e = scenario.edition
        self.init(units: e.units.count, categories: e.categories.count, periodMonths: e.periods.map(\.months))
        let bands = scenario.ageBands.count
        let unitTotal = spec.unitWeights.reduce(0, +)
        var weights: [Double] = []
        var cells: [(u: Int, c: Int, b: Int)] = []
        for u in 0..<units {
            let categoryShares = spec.unitCategoryShares[u] ?? spec.categoryShares
            for c in 0..<categories {
                for b in 0..<bands {
                    let w = spec.unitWeights[u] / unitTotal * categoryShares[c] * spec.ageShares[c][b]
                    if w > 0 {
                        weights.append(w)
                        cells.append((u, c, b))
                    }
                }
            }
        }
        let weightTotal = weights.reduce(0, +)
        for (p, period) in e.periods.enumerated() {
            let counts = Self.largestRemainder(total: spec.insuredAtStart[p], weights: weights)
            for (i, cell) in cells.enumerated() {
                if counts[i] > 0 {
                    cohorts.append(Cohort(unit: cell.u, category: cell.c, band: cell.b, period: p,
                                          size: .fixed(count: counts[i], exposureMonths: period.months, students: nil)))
                    addMemberMonths(of: cohorts[cohorts.count - 1])
                }
                let perMonth = spec.entrantsPerMonth[p] * weights[i] / weightTotal
                if perMonth > 0, period.months > 1 {
                    cohorts.append(Cohort(unit: cell.u, category: cell.c, band: cell.b, period: p, size: .poisson(perMonth: perMonth)))
                    addMemberMonths(of: cohorts[cohorts.count - 1])
                }
            }
        }
    }

    /// The population of a roster: each insured person in the cell of their unit, category and
    /// age band (age at the period's start, or at cover start when later), grouped by month of
    /// entry, in canonical order (period, unit, category, band, month of entry) as explicit cells
    /// are. Students count only when of an age within the student critical-illness limits.
    /// Premium member-months follow docs/rules.md §2 exactly. A roster that insures nobody in
    /// the term is refused: it has no premium, so no loss ratio to simulate.
    public init(roster: Roster, scenario: Scenario, path: String = "the roster") throws {
        let e = scenario.edition
        self.init(units: e.units.count, categories: e.categories.count, periodMonths: e.periods.map(\.months))
        struct Key: Hashable { var u, c, b, p, months: Int }
        let limits = e.studentCriticalIllness
        var groups: [Key: (count: Int, students: Int)] = [:]
        var order: [Key] = []
        for person in roster.persons {
            for (p, period) in e.periods.enumerated() {
                let months = period.chargedMonths(coverFrom: person.coverFrom)
                guard months > 0 else { continue }
                let ageDate = max(person.coverFrom, period.start)
                let age = person.birthDate.fullYears(on: ageDate)
                guard let band = scenario.ageBandIndex(age: age) else {
                    throw PolicyInputError.usage("person \(person.id): age \(age) on \(ageDate) falls in no age band of the scenario")
                }
                let key = Key(u: person.unit, c: person.category, b: band, p: p, months: months)
                if groups[key] == nil { order.append(key) }
                groups[key, default: (0, 0)].count += 1
                if person.student, age >= limits.minimumAge, age <= limits.maximumAge { groups[key, default: (0, 0)].students += 1 }
            }
        }
        order.sort { a, b in [a.p, a.u, a.c, a.b, -a.months].lexicographicallyPrecedes([b.p, b.u, b.c, b.b, -b.months]) }
        for key in order {
            let g = groups[key]!
            cohorts.append(Cohort(unit: key.u, category: key.c, band: key.b, period: key.p,
                                  size: .fixed(count: g.count, exposureMonths: key.months, students: g.students)))
            addMemberMonths(of: cohorts[cohorts.count - 1])
        }
        guard memberMonths.contains(where: { $0 > 0 }) else {
            throw PolicyInputError.usage("\(path): nobody is insured in the term: \(roster.persons.count) listed persons have no cover before it ends (\(e.termEnd)) and \(roster.excluded.count) are excluded, so there is no premium and no loss ratio to simulate")
        }
    }

    /// The population grown by `growth` (0.05: 5 % more insured): each period's fixed cohorts
    /// scaled with largest-remainder rounding so the period total is exact, entrant streams
    /// scaled, member-months recomputed.
    public func grown(by growth: Double) -> Population {
        guard growth != 0 else { return self }
        var result = self
        let factor = 1 + growth
        for p in 0..<periods {
            let indices = cohorts.indices.filter { cohorts[$0].period == p && cohorts[$0].fixedCount != nil }
            let counts = indices.map { cohorts[$0].fixedCount! }
            let total = Int((Double(counts.reduce(0, +)) * factor).rounded())
            let scaled = Self.largestRemainder(total: total, weights: counts.map(Double.init))
            for (k, i) in indices.enumerated() {
                guard case .fixed(let n, let months, let students) = cohorts[i].size else { continue }
                let s = students.map { n > 0 ? Int((Double($0) * Double(scaled[k]) / Double(n)).rounded()) : 0 }
                result.cohorts[i].size = .fixed(count: scaled[k], exposureMonths: months, students: s.map { min($0, scaled[k]) })
            }
        }
        for i in cohorts.indices {
            if case .poisson(let rate) = cohorts[i].size { result.cohorts[i].size = .poisson(perMonth: rate * factor) }
        }
        result.memberMonths = Array(repeating: 0, count: memberMonths.count)
        for c in result.cohorts { result.addMemberMonths(of: c) }
        return result
    }

    /// Adds a cohort's member-months: n × months for a fixed cohort; for a Poisson stream the
    /// expectation, entrants of month m (2…M) paying M − m + 1 months.
    mutating func addMemberMonths(of c: Cohort) {
        let slot = (c.unit * categories + c.category) * periods + c.period
        switch c.size {
        case .fixed(let n, let months, _): memberMonths[slot] += Double(n * months)
        case .poisson(let rate):
            let m = periodMonths[c.period]
            memberMonths[slot] += rate * Double(m * (m - 1) / 2)
        }
    }

    /// Whole numbers proportional to `weights` adding up to `total` (largest remainder, ties to
    /// the earlier weight).
    public static func largestRemainder(total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total > 0 else { return Array(repeating: 0, count: weights.count) }
        let exact = weights.map { $0 / sum * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        var left = total - counts.reduce(0, +)
        let order = exact.indices.sorted {
            let a = exact[$0] - Double(counts[$0]), b = exact[$1] - Double(counts[$1])
            return a != b ? a > b : $0 < $1
        }
        for i in order where left > 0 {
            counts[i] += 1
            left -= 1
        }
        return counts
    }
}
