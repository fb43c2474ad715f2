import Foundation
import JikunPolicy
import JikunTables

/// One explicit cell (unit × category × age band) of the population in one period: the insured
/// at the period's start and the entrants of each later month (docs/formats.md, population.csv).
public struct PopulationCell: Sendable, Equatable {
    public enum Entrants: Sendable, Equatable {
        case none
        /// Known entrants of months 2…M (`counts[m − 2]`), with their eligible students when known.
        case fixed(counts: [Int], students: [Int]?)
        /// A Poisson stream with this expected number of entrants in each month after the first.
        case poisson(perMonth: Double)
    }
    public var unit: Int
    public var category: Int
    public var band: Int
    public var period: Int
    public var insured: Int
    /// Of `insured`, the in-school students of an age within the student critical-illness limits
    /// (a roster's count); nil: the band's in-school share × its share of ages inside the limits.
    public var students: Int?
    public var entrants: Entrants

    public init(unit: Int, category: Int, band: Int, period: Int, insured: Int, students: Int? = nil, entrants: Entrants = .none) {
        self.unit = unit
        self.category = category
        self.band = band
        self.period = period
        self.insured = insured
        self.students = students
        self.entrants = entrants
    }

    var identity: [Int] { [period, unit, category, band] }
}

/// Reading and writing explicit cells: `[[population.cells]]` tables, a `population.csv`, and
/// the cells of a roster's population.
public enum PopulationCells {
    /// The columns of population.csv (and the keys of a `[[population.cells]]` table).
    public static let columns = ["unit", "category", "band", "period", "insured", "students",
                                 "entrants", "entrant_students", "entrants_mean"]
    static let required: Set<String> = ["unit", "category", "band", "period", "insured"]
    static let factorisedKeys = ["periods", "unit_weights", "categories", "unit_category_shares"]

    /// A count given once for every month after the first, or month by month.
    enum Counts {
        case each(Int)
        case list([Int])
    }

    /// A cell as written, before its keys are looked up.
    struct Fields {
        var unit = "", category = "", band = "", period = ""
        var insured = 0
        var students: Int?
        var entrants: Counts?
        var entrantStudents: Counts?
        var entrantsMean: Double?
    }

    /// A place to blame: (key or column, message) → the error naming file and row or key.
    typealias Blame = (String?, String) -> PolicyInputError

    // MARK: - Scenario keys

    /// `[population]` given as cells: `[[population.cells]]` or `cells_file` (relative to the
    /// TOML file that sets it), never together with the factorised keys.
    static func readSpec(_ t: ConfigReader, edition: Edition, bands: [AgeBand]) throws -> PopulationSpec {
        let given = ["cells", "cells_file"].filter(t.has)
        if let factorised = factorisedKeys.first(where: t.has) {
            throw t.error(factorised, "the population is given both as explicit cells (population.\(given[0])) and factorised (population.\(factorised)): give one form (a scenario extending a factorised one starts its [population] with replace = true)")
        }
        guard given.count == 1 else {
            throw t.error("cells_file", "both population.cells and population.cells_file are given: give the cells one way")
        }
        var located: [(PopulationCell, Blame)] = []
        if t.has("cells") {
            for table in try t.tables("cells") {
                let fields = try readFields(table)
                let c = try cell(fields, edition: edition, bands: bands, blame: table.error)
                located.append((c, table.error))
            }
            guard !located.isEmpty else { throw t.error("cells", "expected at least one cell") }
        } else {
            let name = try t.string("cells_file")
            let setBy = t.table["cells_file"]!.file
            let path = name.hasPrefix("/") ? name : URL(fileURLWithPath: setBy).deletingLastPathComponent().appendingPathComponent(name).path
            let document: CSVDocument
            do {
                document = try CSVDocument(path: path)
            } catch PolicyInputError.file(_, let message) {
                throw t.error("cells_file", "cannot read \(path): \(message)")
            }
            return try spec(read(document, edition: edition, bands: bands), edition: edition, bands: bands)
        }
        return try spec(collect(located, edition: edition, bands: bands), edition: edition, bands: bands)
    }

    private static func readFields(_ t: ConfigReader) throws -> Fields {
        var f = Fields()
        f.unit = try t.string("unit")
        f.category = try t.string("category")
        f.band = try t.string("band")
        f.period = try t.string("period")
        f.insured = try t.integer("insured")
        if t.has("students") { f.students = try t.integer("students") }
        func counts(_ key: String) throws -> Counts? {
            guard let node = t.table[key] else { return nil }
            switch node.value {
            case .integer(let n): return .each(n)
            case .array(let items):
                return .list(try items.map { item in
                    guard case .integer(let n) = item.value else {
                        throw t.error(key, "expected whole numbers, one per month after the first, got \(item.value.typeName)")
                    }
                    return n
                })
            default: throw t.error(key, "expected a whole number (every month after the first) or a list of them (month by month), got \(node.value.typeName)")
            }
        }
        f.entrants = try counts("entrants")
        f.entrantStudents = try counts("entrant_students")
        f.entrantsMean = try t.optionalDouble("entrants_mean")
        for key in ["students", "entrants", "entrant_students"] { t.skip(key) }
        t.skip("source")
        try t.finish()
        return f
    }

    // MARK: - population.csv

    /// The cells of a population.csv: one row per cell and period.
    public static func read(_ document: CSVDocument, edition: Edition, bands: [AgeBand]) throws -> [PopulationCell] {
        let path = document.path
        for name in document.header where !columns.contains(name) {
            throw PolicyInputError.csv(file: path, row: 1, column: name, message: "unknown column (expected: \(columns.joined(separator: ", ")))")
        }
        for name in columns where required.contains(name) { _ = try document.requiredColumn(name) }
        let index = Dictionary(uniqueKeysWithValues: columns.compactMap { name in document.columnIndex(name).map { (name, $0) } })
        var located: [(PopulationCell, Blame)] = []
        try document.forEachRecord { record in
            let row = record.row
            let blame: Blame = { column, message in .csv(file: path, row: row, column: column, message: message) }
            func text(_ name: String) -> String? {
                guard let i = index[name], !record.isEmpty(i) else { return nil }
                return record.string(i).trimmingWhitespace
            }
            func whole(_ name: String, _ value: String) throws -> Int {
                guard let n = Int(value) else { throw blame(name, "expected a whole number, got \"\(value)\"") }
                return n
            }
            func counts(_ name: String) throws -> Counts? {
                guard let value = text(name) else { return nil }
                let parts = value.split(separator: ";", omittingEmptySubsequences: false).map(\.trimmingWhitespace)
                if parts.count == 1 { return .each(try whole(name, parts[0])) }
                return .list(try parts.map { try whole(name, $0) })
            }
            var f = Fields()
            for name in ["unit", "category", "band", "period", "insured"] where text(name) == nil {
                throw blame(name, "expected a value, the field is empty")
            }
            f.unit = text("unit")!
            f.category = text("category")!
            f.band = text("band")!
            f.period = text("period")!
            f.insured = try whole("insured", text("insured")!)
            f.students = try text("students").map { try whole("students", $0) }
            f.entrants = try counts("entrants")
            f.entrantStudents = try counts("entrant_students")
            if let mean = text("entrants_mean") {
                guard let m = Double.decimal(mean) else { throw blame("entrants_mean", "expected a number, got \"\(mean)\"") }
                f.entrantsMean = m
            }
            let c = try cell(f, edition: edition, bands: bands, blame: blame)
            located.append((c, blame))
        }
        guard !located.isEmpty else {
            throw PolicyInputError.csv(file: path, row: 2, column: nil, message: "expected at least one cell after the header")
        }
        return try collect(located, edition: edition, bands: bands)
    }

    /// population.csv of `cells`, in their order.
    public static func csv(_ cells: [PopulationCell], edition: Edition, bands: [AgeBand]) -> CSVWriter {
        var writer = CSVWriter(header: columns)
        for c in cells {
            var row = [edition.units[c.unit].key, edition.categories[c.category].key, bands[c.band].key,
                       edition.periods[c.period].key, String(c.insured), c.students.map(String.init) ?? ""]
            switch c.entrants {
            case .none: row += ["", "", ""]
            case .fixed(let counts, let students):
                row += [counts.map(String.init).joined(separator: ";"),
                        students.map { $0.map(String.init).joined(separator: ";") } ?? "", ""]
            case .poisson(let perMonth): row += ["", "", "\(perMonth)"]
            }
            writer.writeRow(row)
        }
        return writer
    }

    // MARK: - Checks

    /// One cell from its fields: keys looked up, counts checked against the period's months.
    static func cell(_ f: Fields, edition e: Edition, bands: [AgeBand], blame: Blame) throws -> PopulationCell {
        // The names are listed only for an error: a scenario holds thousands of cells.
        func lookup(_ key: String, _ value: String, _ index: Int?, _ names: @autoclosure () -> [String]) throws -> Int {
            guard let index else {
                throw blame(key, "unknown \(key) \"\(value)\" (expected one of \(names().joined(separator: ", ")))")
            }
            return index
        }
        let unit = try lookup("unit", f.unit, e.unitIndex(f.unit), e.units.map(\.key))
        let category = try lookup("category", f.category, e.categoryIndex(f.category), e.categories.map(\.key))
        let band = try lookup("band", f.band, bands.firstIndex { $0.key == f.band }, bands.map(\.key))
        let period = try lookup("period", f.period, e.periods.firstIndex { $0.key == f.period }, e.periods.map(\.key))
        let later = e.periods[period].months - 1
        guard (0...PopulationSpec.maximumInsured).contains(f.insured) else {
            throw blame("insured", "expected a count in 0…\(PopulationSpec.maximumInsured), got \(f.insured)")
        }
        if let s = f.students, !(0...f.insured).contains(s) {
            throw blame("students", "expected a count in 0…\(f.insured) (the cell's insured), got \(s)")
        }
        func expand(_ key: String, _ counts: Counts) throws -> [Int] {
            let list: [Int]
            switch counts {
            case .each(let n): list = Array(repeating: n, count: later)
            case .list(let l):
                guard l.count == later else {
                    throw blame(key, "expected \(later) counts, one per month after the first of period \(f.period) (\(later + 1) months), got \(l.count)")
                }
                list = l
            }
            if let bad = list.first(where: { !(0...PopulationSpec.maximumEntrantsPerMonth).contains($0) }) {
                throw blame(key, "expected counts in 0…\(PopulationSpec.maximumEntrantsPerMonth) a month, got \(bad)")
            }
            return list
        }
        var entrants = PopulationCell.Entrants.none
        switch (f.entrants, f.entrantsMean) {
        case (.some, .some):
            throw blame("entrants_mean", "both entrants (fixed counts) and entrants_mean (a Poisson mean) are given: give one")
        case (.some(let counts), nil):
            let list = try expand("entrants", counts)
            var students: [Int]? = nil
            if let s = f.entrantStudents {
                students = try expand("entrant_students", s)
                if let k = list.indices.first(where: { students![$0] > list[$0] }) {
                    throw blame("entrant_students", "month \(k + 2): \(students![k]) students among \(list[k]) entrants")
                }
            }
            if list.contains(where: { $0 > 0 }) { entrants = .fixed(counts: list, students: students) }
        case (nil, .some(let mean)):
            guard (0...Double(PopulationSpec.maximumEntrantsPerMonth)).contains(mean) else {
                throw blame("entrants_mean", "expected a mean in 0…\(PopulationSpec.maximumEntrantsPerMonth) a month, got \(mean)")
            }
            if mean > 0, later > 0 { entrants = .poisson(perMonth: mean) }
        case (nil, nil): break
        }
        if f.entrantStudents != nil, f.entrants == nil {
            throw blame("entrant_students", "entrant_students needs fixed entrants (the entrants key)")
        }
        return PopulationCell(unit: unit, category: category, band: band, period: period, insured: f.insured,
                              students: f.students, entrants: entrants)
    }

    /// The cells in canonical order (period, unit, category, band), refusing a cell given twice
    /// and totals past PopulationSpec's bounds.
    static func collect(_ located: [(PopulationCell, Blame)], edition e: Edition, bands: [AgeBand]) throws -> [PopulationCell] {
        var seen: Set<[Int]> = []
        for (cell, blame) in located {
            guard seen.insert(cell.identity).inserted else {
                throw blame(nil, "the cell \(e.units[cell.unit].key) × \(e.categories[cell.category].key) × \(bands[cell.band].key) in period \(e.periods[cell.period].key) is given twice")
            }
        }
        for p in e.periods.indices {
            var persons = 0
            var monthly = [Double](repeating: 0, count: max(0, e.periods[p].months - 1))
            for (cell, blame) in located where cell.period == p {
                persons += cell.insured
                switch cell.entrants {
                case .none: break
                case .fixed(let counts, _):
                    persons += counts.reduce(0, +)
                    for (k, n) in counts.enumerated() { monthly[k] += Double(n) }
                case .poisson(let mean):
                    for k in monthly.indices { monthly[k] += mean }
                }
                guard persons <= PopulationSpec.maximumInsured else {
                    throw blame("insured", "period \(e.periods[p].key) holds more than \(PopulationSpec.maximumInsured) insured persons (beyond any relief programme)")
                }
                if let k = monthly.firstIndex(where: { $0 > Double(PopulationSpec.maximumEntrantsPerMonth) }) {
                    throw blame("entrants", "period \(e.periods[p].key) has more than \(PopulationSpec.maximumEntrantsPerMonth) entrants in month \(k + 2) (beyond any relief programme)")
                }
            }
        }
        return located.map(\.0).sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
    }

    /// The spec of explicit cells; its factorised fields summarise them (period totals, mean
    /// monthly entrants, unit weights and mixes by persons), for code that reads a summary.
    static func spec(_ cells: [PopulationCell], edition e: Edition, bands: [AgeBand]) throws -> PopulationSpec {
        var insured = [Int](repeating: 0, count: e.periods.count)
        var entrants = [Double](repeating: 0, count: e.periods.count)
        var byUnit = [Double](repeating: 0, count: e.units.count)
        var byCategory = [Double](repeating: 0, count: e.categories.count)
        var byAge = [[Double]](repeating: [Double](repeating: 0, count: bands.count), count: e.categories.count)
        for c in cells {
            insured[c.period] += c.insured
            var persons = Double(c.insured)
            switch c.entrants {
            case .none: break
            case .fixed(let counts, _):
                let total = Double(counts.reduce(0, +))
                entrants[c.period] += total / Double(counts.count)
                persons += total
            case .poisson(let mean): entrants[c.period] += mean
            }
            byUnit[c.unit] += persons
            byCategory[c.category] += persons
            byAge[c.category][c.band] += persons
        }
        func shares(_ xs: [Double]) -> [Double] {
            let total = xs.reduce(0, +)
            return total > 0 ? xs.map { $0 / total } : xs.map { _ in 1 / Double(xs.count) }
        }
        return PopulationSpec(insuredAtStart: insured, entrantsPerMonth: entrants,
                              unitWeights: byUnit.reduce(0, +) > 0 ? byUnit : byUnit.map { _ in 1 },
                              categoryShares: shares(byCategory), unitCategoryShares: [:], ageShares: byAge.map(shares),
                              cells: cells)
    }

    // MARK: - The resolved scenario

    /// `config` with `population.cells_file` replaced by the cells it names, as
    /// `[[population.cells]]`: the resolved scenario then stands alone (and its hash covers them).
    static func embedding(_ cells: [PopulationCell]?, in config: ConfigTable, edition e: Edition, bands: [AgeBand]) -> ConfigTable {
        guard let cells, case .table(var population)? = config["population"]?.value,
              let fileNode = population["cells_file"] else { return config }
        let file = fileNode.file
        func node(_ v: ConfigValue) -> ConfigNode { ConfigNode(v, file: file) }
        func list(_ xs: [Int]) -> ConfigNode { node(.array(xs.map { node(.integer($0)) })) }
        population.entries.removeValue(forKey: "cells_file")
        population["cells"] = node(.array(cells.map { c in
            var t = ConfigTable(file: file)
            t["unit"] = node(.string(e.units[c.unit].key))
            t["category"] = node(.string(e.categories[c.category].key))
            t["band"] = node(.string(bands[c.band].key))
            t["period"] = node(.string(e.periods[c.period].key))
            t["insured"] = node(.integer(c.insured))
            if let s = c.students { t["students"] = node(.integer(s)) }
            switch c.entrants {
            case .none: break
            case .fixed(let counts, let students):
                t["entrants"] = list(counts)
                if let students { t["entrant_students"] = list(students) }
            case .poisson(let mean): t["entrants_mean"] = node(.float(mean))
            }
            return node(.table(t))
        }))
        var result = config
        result["population"] = ConfigNode(.table(population), file: config["population"]!.file)
        return result
    }

    // MARK: - From a population

    /// The cells of a population of fixed cohorts (a roster's): a cohort exposed the whole
    /// period is the cell's insured, one exposed k months the entrants of month M − k + 1.
    public static func cells(of population: Population, scenario: Scenario) throws -> [PopulationCell] {
        struct Key: Hashable { var p, u, c, b: Int }
        var cells: [Key: PopulationCell] = [:]
        var order: [Key] = []
        var entrantStudentsUnknown: Set<Key> = []
        for cohort in population.cohorts {
            let key = Key(p: cohort.period, u: cohort.unit, c: cohort.category, b: cohort.band)
            let months = population.periodMonths[cohort.period]
            if cells[key] == nil {
                order.append(key)
                cells[key] = PopulationCell(unit: key.u, category: key.c, band: key.b, period: key.p, insured: 0, students: 0)
            }
            guard case .fixed(let n, let exposure, let students) = cohort.size else {
                throw PolicyInputError.usage("the population has a Poisson entrant stream: only fixed cohorts (a roster's) can be written as cells")
            }
            if exposure == months {
                cells[key]!.insured += n
                let known = cells[key]!.students
                cells[key]!.students = known.flatMap { k in students.map { k + $0 } }
            } else {
                var counts = [Int](repeating: 0, count: months - 1), studentCounts = counts
                if case .fixed(let c, let s) = cells[key]!.entrants {
                    counts = c
                    studentCounts = s ?? studentCounts
                }
                counts[months - exposure - 1] += n
                if let students { studentCounts[months - exposure - 1] += students } else { entrantStudentsUnknown.insert(key) }
                cells[key]!.entrants = .fixed(counts: counts, students: studentCounts)
            }
        }
        for key in entrantStudentsUnknown {
            if case .fixed(let counts, _) = cells[key]!.entrants { cells[key]!.entrants = .fixed(counts: counts, students: nil) }
        }
        return order.map { cells[$0]! }.sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
    }
}

extension Population {
    /// The population of explicit cells: per cell and period a fixed cohort of its insured
    /// exposed the whole period, one fixed cohort per month of known entrants exposed from its
    /// month of entry, or a Poisson stream; in canonical cell order.
    public init(cells: [PopulationCell], scenario: Scenario) {
        let e = scenario.edition
        self.init(units: e.units.count, categories: e.categories.count, periodMonths: e.periods.map(\.months))
        for cell in cells.sorted(by: { $0.identity.lexicographicallyPrecedes($1.identity) }) {
            let months = periodMonths[cell.period]
            func add(_ size: Cohort.Size) {
                cohorts.append(Cohort(unit: cell.unit, category: cell.category, band: cell.band, period: cell.period, size: size))
                addMemberMonths(of: cohorts[cohorts.count - 1])
            }
            if cell.insured > 0 { add(.fixed(count: cell.insured, exposureMonths: months, students: cell.students)) }
            switch cell.entrants {
            case .none: break
            case .fixed(let counts, let students):
                for (k, n) in counts.enumerated() where n > 0 {
                    // Entrants of month m = k + 2 pay and are exposed M − m + 1 whole months (docs/rules.md §2).
                    add(.fixed(count: n, exposureMonths: months - k - 1, students: students?[k]))
                }
            case .poisson(let perMonth):
                if perMonth > 0, months > 1 { add(.poisson(perMonth: perMonth)) }
            }
        }
    }
}
