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
    }

    public var cohorts: [Cohort]
    /// Member-months per (unit, category, period): `[(unit·categories + category)·periods + period]`;
    /// expected values for Poisson entrants.
    public var memberMonths: [Double]
    public let units: Int, categories: Int, periods: Int

    public func memberMonths(unit: Int, category: Int, period: Int) -> Double {
        memberMonths[(unit * categories + category) * periods + period]
    }

    /// Earned premium per insurer over the term, in yuan.
    public func premiumByInsurer(edition: Edition) -> [Double] {
        var premium = [Double](repeating: 0, count: edition.insurers.count)
        for u in 0..<units {
            for c in 0..<categories {
                for p in 0..<periods {
                    premium[edition.insurerOfUnit[u]] += memberMonths(unit: u, category: c, period: p) * edition.premiumPerPersonMonth.yuan
                }
            }
        }
        return premium
    }

    public var totalInsuredAtStart: [Int] {
        (0..<periods).map { p in
            cohorts.reduce(0) { total, cohort in
                guard cohort.period == p, case .fixed(let n, let months, _) = cohort.size else { return total }
                return total + (months == 0 ? 0 : n)
            }
        }
    }

    init(units: Int, categories: Int, periods: Int) {
        self.units = units
        self.categories = categories
        self.periods = periods
        self.cohorts = []
        self.memberMonths = Array(repeating: 0, count: units * categories * periods)
    }

    /// The scenario's factorised population: each period's starting count spread over cells by
    /// unit weight × category share × age share (largest remainder, so cells add up exactly),
    /// and its expected entrants spread by the same weights.
    public init(scenario: Scenario) {
        let e = scenario.edition, spec = scenario.population
        self.init(units: e.units.count, categories: e.categories.count, periods: e.periods.count)
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
                let slot = (cell.u * categories + cell.c) * periods + p
                if counts[i] > 0 {
                    cohorts.append(Cohort(unit: cell.u, category: cell.c, band: cell.b, period: p,
                                          size: .fixed(count: counts[i], exposureMonths: period.months, students: nil)))
                    memberMonths[slot] += Double(counts[i] * period.months)
                }
                let perMonth = spec.entrantsPerMonth[p] * weights[i] / weightTotal
                if perMonth > 0, period.months > 1 {
                    cohorts.append(Cohort(unit: cell.u, category: cell.c, band: cell.b, period: p, size: .poisson(perMonth: perMonth)))
                    // Entrants of month m (2…M) pay M − m + 1 months.
                    memberMonths[slot] += perMonth * Double(period.months * (period.months - 1) / 2)
                }
            }
        }
    }

    /// The population of a roster: each insured person in the cell of their unit, category and
    /// age band (age at the period's start, or at cover start when later), grouped by month of
    /// entry. Premium member-months follow POLICY §2 exactly.
    public init(roster: Roster, scenario: Scenario) throws {
        let e = scenario.edition
        self.init(units: e.units.count, categories: e.categories.count, periods: e.periods.count)
        struct Key: Hashable { var u, c, b, p, months: Int }
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
                if person.student { groups[key, default: (0, 0)].students += 1 }
            }
        }
        for key in order {
            let g = groups[key]!
            cohorts.append(Cohort(unit: key.u, category: key.c, band: key.b, period: key.p,
                                  size: .fixed(count: g.count, exposureMonths: key.months, students: g.students)))
            memberMonths[(key.u * categories + key.c) * periods + key.p] += Double(g.count * key.months)
        }
    }

    /// Whole numbers proportional to `weights` adding up to `total` (largest remainder, ties to
    /// the earlier weight).
    static func largestRemainder(total: Int, weights: [Double]) -> [Int] {
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
