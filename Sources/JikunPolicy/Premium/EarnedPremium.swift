/// Member-months and earned premium (docs/rules.md §2): each insured person, counted once, is charged
/// whole months from the month cover starts to the end of each period, at the edition's rate
/// per person-month.
public struct EarnedPremium: Sendable, Equatable {
    /// One (period, unit, category) cell; insurer follows from the unit.
    public struct Cell: Sendable, Equatable {
        public var period: Int
        public var unit: Int
        public var insurer: Int
        public var category: Int
        /// Persons charged at least one month in the period.
        public var persons: Int
        public var memberMonths: Int
        public var premium: Money
    }

    public var cells: [Cell]
    public let rate: Money

    /// Earned premium of every roster person in every period of the edition.
    public init(roster: Roster, edition: Edition) {
        rate = edition.premiumPerPersonMonth
        let units = edition.units.count, categories = edition.categories.count
        var persons = [Int](repeating: 0, count: edition.periods.count * units * categories)
        var months = persons
        for person in roster.persons {
            for (p, period) in edition.periods.enumerated() {
                let charged = period.chargedMonths(coverFrom: person.coverFrom)
                guard charged > 0 else { continue }
                let slot = (p * units + person.unit) * categories + person.category
                persons[slot] += 1
                months[slot] += charged
            }
        }
        var cells: [Cell] = []
        for p in edition.periods.indices {
            for u in 0..<units {
                for c in 0..<categories {
                    let slot = (p * units + u) * categories + c
                    guard persons[slot] > 0 else { continue }
                    cells.append(Cell(period: p, unit: u, insurer: edition.insurerOfUnit[u], category: c,
                                      persons: persons[slot], memberMonths: months[slot],
                                      premium: edition.premiumPerPersonMonth * Int64(months[slot])))
                }
            }
        }
        self.cells = cells
    }

    /// Earned premium per insurer (over all periods), indexed like `Edition.insurers`.
    public func byInsurer(count: Int) -> [Money] {
        var totals = [Money](repeating: .zero, count: count)
        for cell in cells { totals[cell.insurer] += cell.premium }
        return totals
    }

    public var total: Money { cells.reduce(.zero) { $0 + $1.premium } }
    public var totalMemberMonths: Int { cells.reduce(0) { $0 + $1.memberMonths } }
}
