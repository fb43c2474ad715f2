import JikunLinearAlgebra
import JikunPolicy
import JikunSampling

extension Scenario {
    /// The top-level tables a scenario adds to its edition.
    public static let scenarioKeys: Set<String> = ["scenario", "population", "events", "systemic", "expenses", "readings"]

    /// Loads a scenario file (following `extends`) and validates every value.
    public static func load(_ path: String) throws -> Scenario {
        try Scenario(config: ConfigFile.load(path))
    }

    public init(config: ConfigTable) throws {
        let edition = try Edition(config: config, allowingOtherKeys: Self.scenarioKeys)
        let root = ConfigReader(config)

        let meta = try root.table("scenario")
        name = try meta.string("name")
        title = try meta.string("title")
        source = try meta.string("source")
        defaultTrials = try meta.integer("trials")
        guard defaultTrials >= 1 else { throw meta.error("trials", "expected at least 1 trial, got \(defaultTrials)") }
        guard defaultTrials <= SimulationOptions.maximumTrials else {
            throw meta.error("trials", "expected at most \(SimulationOptions.maximumTrials) trials (what one run holds in memory), got \(defaultTrials)")
        }
        let seed = try meta.integer("seed")
        guard seed >= 0 else { throw meta.error("seed", "expected a seed ≥ 0, got \(seed)") }
        defaultSeed = UInt64(seed)
        try meta.finish()

        self.edition = edition
        let populationTable = try root.table("population")
        ageBands = try Self.readAgeBands(populationTable, edition: edition)
        population = try Self.readPopulation(populationTable, edition: edition, bands: ageBands)
        events = try Self.readEvents(try root.table("events"), edition: edition, bands: ageBands)
        (factors, correlation) = try Self.readSystemic(try root.optionalTable("systemic"), edition: edition)
        expenseRatios = try Self.readExpenses(try root.table("expenses"), edition: edition)
        readings = try Self.readReadings(try root.optionalTable("readings"))
        // Cells read from a file are written into the resolved scenario, so that it stands alone.
        resolved = PopulationCells.embedding(population.cells, in: config, edition: edition, bands: ageBands)
        guard Population(scenario: self).memberMonths.contains(where: { $0 > 0 }) else {
            throw PolicyInputError.config(file: populationTable.table.patchingFile, keyPath: "population", message: "the population insures nobody in the term (no insured person, and no entrant after a period's first month), so there is no premium and no loss ratio to simulate")
        }
    }

    // MARK: - Readings

    private static func readReadings(_ t: ConfigReader?) throws -> Readings {
        guard let t else { return Readings() }
        var readings = Readings()
        if let text = try t.optionalString("deaths") {
            guard let deaths = Readings.Deaths(rawValue: text) else {
                throw t.error("deaths", "expected one of \(Readings.Deaths.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            readings.deaths = deaths
        }
        t.skip("source")
        try t.finish()
        return readings
    }

    // MARK: - Population

    private static func readAgeBands(_ t: ConfigReader, edition: Edition) throws -> [AgeBand] {
        var bands: [AgeBand] = []
        let tables = try t.tables("age_bands")
        for (i, b) in tables.enumerated() {
            let from = try b.integer("from")
            let to: Int? = b.has("to") ? try b.integer("to") : nil
            b.skip("to")
            let share = try b.double("in_school")
            var band = AgeBand(key: try b.string("key"), from: from, to: to, inSchoolShare: share)
            if b.has("eligibility_to") {
                let upper = try b.integer("eligibility_to")
                guard to == nil else { throw b.error("eligibility_to", "only an open-ended band (no 'to') takes eligibility_to") }
                guard upper >= from else { throw b.error("eligibility_to", "expected an age ≥ from (\(from)), got \(upper)") }
                band.eligibilityTo = upper
            }
            b.skip("source")
            try b.finish()
            guard (0...1).contains(share) else { throw b.error("in_school", "expected a share in [0, 1], got \(share)") }
            let expectedFrom = bands.last.flatMap { $0.to.map { $0 + 1 } } ?? 0
            guard from == expectedFrom else {
                throw b.error("from", "expected \(expectedFrom) (bands run contiguously from age 0), got \(from)")
            }
            if let to, to < from { throw b.error("to", "expected an age ≥ from (\(from)), got \(to)") }
            if to == nil, i != tables.count - 1 { throw b.error(nil, "only the last band may be open-ended: give 'to'") }
            if bands.contains(where: { $0.key == band.key }) { throw b.error("key", "band key \"\(band.key)\" is used twice") }
            // A band may straddle the student benefit's ages: its eligible share is the share of
            // its years inside them (AgeBand.shareOfAges), which an open band needs an end for.
            let rule = edition.studentCriticalIllness
            if to == nil, band.eligibilityTo == nil, from <= rule.maximumAge {
                throw b.error(nil, "the open-ended band \(band.key) reaches the student critical-illness ages \(rule.minimumAge)–\(rule.maximumAge): give eligibility_to, the age taken as its upper end for the share of its ages inside them")
            }
            bands.append(band)
        }
        guard let last = bands.last, last.to == nil else {
            throw t.error("age_bands", "expected bands from age 0 with the last one open-ended (no 'to')")
        }
        return bands
    }

    private static func readPopulation(_ t: ConfigReader, edition: Edition, bands: [AgeBand]) throws -> PopulationSpec {
        t.skip("source")
        if t.has("cells") || t.has("cells_file") {
            let spec = try PopulationCells.readSpec(t, edition: edition, bands: bands)
            try t.finish()
            return spec
        }
        let periods = try t.table("periods")
        periods.skip("source")
        var insured: [Int] = [], entrants: [Double] = []
        for period in edition.periods {
            let p = try periods.table(period.key)
            let n = try p.integer("insured")
            guard n >= 0 else { throw p.error("insured", "expected a count ≥ 0, got \(n)") }
            guard n <= PopulationSpec.maximumInsured else {
                throw p.error("insured", "expected at most \(PopulationSpec.maximumInsured) insured persons (beyond any relief programme), got \(n)")
            }
            let e = try p.double("entrants_per_month")
            guard e >= 0 else { throw p.error("entrants_per_month", "expected a count ≥ 0, got \(e)") }
            guard e <= Double(PopulationSpec.maximumEntrantsPerMonth) else {
                throw p.error("entrants_per_month", "expected at most \(PopulationSpec.maximumEntrantsPerMonth) entrants a month (beyond any relief programme), got \(e)")
            }
            p.skip("source")
            try p.finish()
            insured.append(n)
            entrants.append(e)
        }
        try periods.finish()

        let weightsTable = try t.table("unit_weights")
        weightsTable.skip("source")
        var unitWeights: [Double] = []
        for unit in edition.units {
            guard weightsTable.has(unit.key) else {
                throw weightsTable.error(nil, "missing weight for unit '\(unit.key)' (every unit of the edition needs one; 0 is allowed)")
            }
            let w = try weightsTable.double(unit.key)
            guard w >= 0 else { throw weightsTable.error(unit.key, "expected a weight ≥ 0, got \(w)") }
            unitWeights.append(w)
        }
        try weightsTable.finish()
        guard unitWeights.reduce(0, +) > 0 else { throw weightsTable.error(nil, "expected at least one unit with a weight > 0") }

        let categories = try t.table("categories")
        categories.skip("source")
        var categoryShares: [Double] = [], ageShares: [[Double]] = []
        for category in edition.categories {
            let c = try categories.table(category.key)
            let share = try c.double("share")
            guard (0...1).contains(share) else { throw c.error("share", "expected a share in [0, 1], got \(share)") }
            let ages = try c.doubles("age_shares")
            guard ages.count == bands.count else {
                throw c.error("age_shares", "expected \(bands.count) shares, one per age band (\(bands.map(\.key).joined(separator: ", "))), got \(ages.count)")
            }
            try requireDistribution(ages, c, "age_shares")
            c.skip("source")
            try c.finish()
            categoryShares.append(share)
            ageShares.append(ages)
        }
        try categories.finish()
        try requireDistribution(categoryShares, categories, nil, what: "category shares")

        var unitCategoryShares: [Int: [Double]] = [:]
        if let overrides = try t.optionalTable("unit_category_shares") {
            overrides.skip("source")
            for key in overrides.remainingKeys {
                guard let unit = edition.unitIndex(key) else {
                    throw overrides.error(key, "unknown unit '\(key)'")
                }
                let table = try overrides.table(key)
                table.skip("source")
                var shares = [Double](repeating: 0, count: edition.categories.count)
                for categoryKey in table.remainingKeys {
                    guard let c = edition.categoryIndex(categoryKey) else {
                        throw table.error(categoryKey, "unknown category '\(categoryKey)'")
                    }
                    shares[c] = try table.double(categoryKey)
                }
                try requireDistribution(shares, table, nil, what: "category shares")
                unitCategoryShares[unit] = shares
            }
        }
        try t.finish()
        return PopulationSpec(insuredAtStart: insured, entrantsPerMonth: entrants, unitWeights: unitWeights,
                              categoryShares: categoryShares, unitCategoryShares: unitCategoryShares, ageShares: ageShares)
    }

    private static func requireDistribution(_ values: [Double], _ t: ConfigReader, _ key: String?, what: String = "shares") throws {
        if let bad = values.first(where: { !(0...1).contains($0) }) {
            throw t.error(key, "expected \(what) in [0, 1], got \(bad)")
        }
        let sum = values.reduce(0, +)
        guard abs(sum - 1) <= 1e-6 else { throw t.error(key, "expected \(what) summing to 1, got \(sum)") }
    }

    // MARK: - Events

    private static func readFrequency(_ t: ConfigReader, edition: Edition, bands: [AgeBand]) throws -> FrequencyTable {
        let byAge = try t.doubles("by_age")
        guard byAge.count == bands.count else {
            throw t.error("by_age", "expected \(bands.count) probabilities, one per age band (\(bands.map(\.key).joined(separator: ", "))), got \(byAge.count)")
        }
        for (i, p) in byAge.enumerated() where !(0...1).contains(p) {
            throw t.error("by_age", "expected probabilities in [0, 1], got \(p) for band \(bands[i].key)")
        }
        func multipliers(_ key: String, names: [String], lookup: (String) -> Int?) throws -> [Double] {
            var result = [Double](repeating: 1, count: names.count)
            guard let table = try t.optionalTable(key) else { return result }
            table.skip("source")
            for name in table.remainingKeys {
                guard let i = lookup(name) else {
                    throw table.error(name, "unknown key '\(name)' (expected one of \(names.joined(separator: ", ")))")
                }
                let m = try table.double(name)
                guard m >= 0 else { throw table.error(name, "expected a multiplier ≥ 0, got \(m)") }
                result[i] = m
            }
            return result
        }
        let table = FrequencyTable(
            byAge: byAge,
            categoryMultipliers: try multipliers("category_multipliers", names: edition.categories.map(\.key), lookup: edition.categoryIndex),
            unitMultipliers: try multipliers("unit_multipliers", names: edition.units.map(\.key), lookup: edition.unitIndex))
        // Any band may meet any category and unit, so the largest of each must multiply to ≤ 1.
        let band = byAge.indices.max { byAge[$0] < byAge[$1] }!
        let category = table.categoryMultipliers.indices.max { table.categoryMultipliers[$0] < table.categoryMultipliers[$1] }!
        let unit = table.unitMultipliers.indices.max { table.unitMultipliers[$0] < table.unitMultipliers[$1] }!
        let maxRate = byAge[band] * table.categoryMultipliers[category] * table.unitMultipliers[unit]
        guard maxRate <= 1 else {
            let categoryKey = edition.categories[category].key, unitKey = edition.units[unit].key
            func number(_ x: Double) -> String { ConfigReader.format(x) }
            let factors = ["by_age \(number(byAge[band])) (band \(bands[band].key))"]
                + (table.categoryMultipliers[category] == 1 ? [] : ["category_multipliers.\(categoryKey) \(number(table.categoryMultipliers[category]))"])
                + (table.unitMultipliers[unit] == 1 ? [] : ["unit_multipliers.\(unitKey) \(number(table.unitMultipliers[unit]))"])
            let message = "a probability times its multipliers exceeds 1: \(factors.joined(separator: " × ")) = \(number(maxRate)); lower the rate or the multipliers"
            // Named where the larger multiplier was set: most often a what-if raised it.
            if table.categoryMultipliers[category] > 1, table.categoryMultipliers[category] >= table.unitMultipliers[unit] {
                throw try t.table("category_multipliers").error(categoryKey, message)
            }
            if table.unitMultipliers[unit] > 1 { throw try t.table("unit_multipliers").error(unitKey, message) }
            throw t.error("by_age", message)
        }
        return table
    }

    static func readSeverity(_ t: ConfigReader, _ key: String, allowingPeriodScale: Bool = false) throws -> Severity {
        let s = try t.table(key)
        if allowingPeriodScale { s.skip("period_scale") }  // read by `readSeverityScales`
        let severity = try readSeverityTable(s)
        do {
            try severity.validate()
        } catch {
            throw s.error(nil, "impossible severity: \(error.description)")
        }
        return severity
    }

    private static func readSeverityTable(_ s: ConfigReader) throws -> Severity {
        let family = try s.string("family")
        let severity: Severity
        switch family {
        case "lognormal":
            if s.has("mean") || s.has("cv") {
                let mean = try s.double("mean"), cv = try s.double("cv")
                guard mean > 0 else { throw s.error("mean", "expected a mean > 0, got \(mean)") }
                guard cv > 0 else { throw s.error("cv", "expected a coefficient of variation > 0, got \(cv)") }
                // σ² = log(1 + cv²) rounds to 0 once cv² does.
                guard cv >= 1e-150 else {
                    throw s.error("cv", "expected a coefficient of variation from 1e-150 (below it σ rounds to 0), got \(cv)")
                }
                severity = .lognormal(mean: mean, cv: cv)
            } else {
                severity = .lognormal(mu: try s.double("mu"), sigma: try s.double("sigma"))
            }
        case "gamma":
            severity = .gamma(shape: try s.double("shape"), scale: try s.double("scale"))
        case "lomax":
            severity = .lomax(shape: try s.double("shape"), scale: try s.double("scale"))
        case "spliced":
            // A tail_shape ≤ 1 (infinite mean) or ≤ 2 (infinite variance) is accepted: every
            // benefit paid from a severity is capped, and the engine clamps amounts at the cap
            // before they become fen, so the payments keep a finite mean and variance.
            let body = try readSeverityTable(try s.table("body"))
            severity = .spliced(body: body, threshold: try s.double("threshold"),
                                tailProbability: try s.double("tail_probability"), tailShape: try s.double("tail_shape"))
        case "empirical":
            let xs = try s.doubles("x"), cdf = try s.doubles("cdf")
            guard xs.count == cdf.count else {
                throw s.error("cdf", "expected as many cdf values as x values (\(xs.count)), got \(cdf.count)")
            }
            severity = .empirical(xs: xs, cdf: cdf)
        default:
            throw s.error("family", "expected one of lognormal, gamma, lomax, spliced, empirical, got \"\(family)\"")
        }
        s.skip("source")
        try s.finish()
        return severity
    }

    private static func readEvents(_ t: ConfigReader, edition: Edition, bands: [AgeBand]) throws -> EventModel {
        func event(_ line: ClaimLine) throws -> ConfigReader {
            let e = try t.table(line.rawValue)
            e.skip("source")
            return e
        }
        let accidentDeath = try event(.accidentDeath)
        let diseaseDeath = try event(.diseaseDeath)
        let disability = try event(.accidentDisability)
        let medical = try event(.accidentMedical)
        let hospital = try event(.hospitalisation)
        let student = try event(.studentCriticalIllness)
        let admission = try event(.admission)

        let grades = try disability.doubles("grade_distribution")
        guard grades.count == edition.accident.gradeRatios.count else {
            throw disability.error("grade_distribution", "expected \(edition.accident.gradeRatios.count) probabilities, grade 1 first, got \(grades.count)")
        }
        try requireDistribution(grades, disability, "grade_distribution", what: "grade probabilities")

        let month = try admission.integer("month")
        guard (1...12).contains(month) else { throw admission.error("month", "expected a calendar month 1–12, got \(month)") }
        let levelsTable = try admission.table("levels")
        levelsTable.skip("source")
        var levels: [AdmissionModel.Level] = []
        for key in levelsTable.remainingKeys {
            guard let level = edition.admission.levelIndex(key) else {
                throw levelsTable.error(key, "unknown admission level '\(key)' (expected one of \(edition.admission.levels.map(\.key).joined(separator: ", ")))")
            }
            let l = try levelsTable.table(key)
            let bandKey = try l.string("band")
            guard let band = bands.firstIndex(where: { $0.key == bandKey }) else {
                throw l.error("band", "unknown age band \"\(bandKey)\" (expected one of \(bands.map(\.key).joined(separator: ", ")))")
            }
            let p = try l.double("probability")
            guard (0...1).contains(p) else { throw l.error("probability", "expected a probability in [0, 1], got \(p)") }
            l.skip("source")
            try l.finish()
            levels.append(.init(level: level, band: band, probability: p))
        }
        for band in Set(levels.map(\.band)) {
            let total = levels.filter { $0.band == band }.reduce(0) { $0 + $1.probability }
            guard total <= 1 + 1e-12 else {
                throw levelsTable.error(nil, "admission probabilities of band \(bands[band].key) add up to \(total); a person is admitted at one level at most")
            }
        }

        var model = EventModel(
            accidentDeath: try readFrequency(accidentDeath, edition: edition, bands: bands),
            diseaseDeath: try readFrequency(diseaseDeath, edition: edition, bands: bands),
            accidentDisability: try readFrequency(disability, edition: edition, bands: bands),
            disabilityGrades: grades,
            accidentMedical: try readFrequency(medical, edition: edition, bands: bands),
            accidentMedicalSeverity: try readSeverity(medical, "severity", allowingPeriodScale: true),
            hospitalisation: try readFrequency(hospital, edition: edition, bands: bands),
            hospitalisationSeverity: try readSeverity(hospital, "severity", allowingPeriodScale: true),
            studentCriticalIllness: try readFrequency(student, edition: edition, bands: bands),
            admission: AdmissionModel(month: month, levels: levels),
            accidentMedicalSeverityScales: try readSeverityScales(event: medical, edition: edition, bands: bands),
            hospitalisationSeverityScales: try readSeverityScales(event: hospital, edition: edition, bands: bands))
        let tables: [(ClaimLine, ConfigReader)] = [
            (.accidentDeath, accidentDeath), (.diseaseDeath, diseaseDeath), (.accidentDisability, disability),
            (.accidentMedical, medical), (.hospitalisation, hospital), (.studentCriticalIllness, student), (.admission, admission),
        ]
        for (line, e) in tables {
            if let delay = try e.optionalTable("reporting_delay") { model.reportingDelays[line] = try ReportingDelay.read(delay) }
        }
        for e in [accidentDeath, diseaseDeath, disability, medical, hospital, student, admission] { try e.finish() }
        for b in bands.indices {
            let total = model.accidentDeath.byAge[b] * model.accidentDeath.categoryMultipliers.max()! * model.accidentDeath.unitMultipliers.max()!
                + model.diseaseDeath.byAge[b] * model.diseaseDeath.categoryMultipliers.max()! * model.diseaseDeath.unitMultipliers.max()!
            guard total <= 1 else {
                throw accidentDeath.error("by_age", "accidental plus disease death exceed probability 1 in band \(bands[b].key)")
            }
        }
        try t.finish()
        return model
    }

    // MARK: - Systemic factors and expenses

    private static func readSystemic(_ t: ConfigReader?, edition: Edition) throws -> ([Factor], [[Double]]) {
        guard let t else { return ([], []) }
        t.skip("source")
        var factors: [Factor] = []
        for f in try t.tables("factors") {
            let key = try f.string("key")
            let sigma = try f.double("sigma")
            guard (0...3).contains(sigma) else { throw f.error("sigma", "expected σ in [0, 3], got \(sigma)") }
            let targets = try f.strings("targets").map { text -> Factor.Target in
                let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, let line = ClaimLine(rawValue: parts[1]) else {
                    throw f.error("targets", "expected frequency.<line> or severity.<line> with a line of \(ClaimLine.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
                }
                switch parts[0] {
                case "frequency": return .frequency(line)
                case "severity" where line == .accidentMedical || line == .hospitalisation: return .severity(line)
                case "severity":
                    throw f.error("targets", "\"\(text)\": only accident_medical and hospitalisation have a severity")
                default:
                    throw f.error("targets", "expected frequency.<line> or severity.<line>, got \"\(text)\"")
                }
            }
            var units: Set<Int>? = nil
            if f.has("units") {
                units = Set(try f.strings("units").map { key in
                    guard let u = edition.unitIndex(key) else { throw f.error("units", "unknown unit '\(key)'") }
                    return u
                })
            }
            f.skip("units")
            f.skip("source")
            try f.finish()
            if factors.contains(where: { $0.key == key }) { throw f.error("key", "factor key \"\(key)\" is used twice") }
            factors.append(Factor(key: key, sigma: sigma, targets: targets, units: units))
        }
        var correlation: [[Double]] = []
        if factors.isEmpty {
            if t.has("correlation") { _ = try t.array("correlation") }
        } else if t.has("correlation") {
            let rows = try t.array("correlation")
            for (i, row) in rows.enumerated() {
                guard case .array(let cells) = row.value else {
                    throw t.error("correlation", "expected an array of rows, row \(i + 1) is \(row.value.typeName)")
                }
                correlation.append(try cells.map { cell in
                    switch cell.value {
                    case .integer(let v): return Double(v)
                    case .float(let v): return v
                    default: throw t.error("correlation", "expected numbers, row \(i + 1) holds \(cell.value.typeName)")
                    }
                })
            }
            let n = factors.count
            guard correlation.count == n, correlation.allSatisfy({ $0.count == n }) else {
                throw t.error("correlation", "expected a \(n)×\(n) matrix (one row and column per factor, in the order of [[systemic.factors]])")
            }
            for i in 0..<n {
                guard correlation[i][i] == 1 else {
                    throw t.error("correlation", "expected 1 on the diagonal, got \(correlation[i][i]) at row \(i + 1)")
                }
                for j in 0..<n where abs(correlation[i][j]) > 1 {
                    throw t.error("correlation", "expected correlations in [−1, 1], got \(correlation[i][j]) at row \(i + 1), column \(j + 1)")
                }
            }
            do {
                _ = try choleskyLower(Matrix(correlation))
            } catch {
                throw t.error("correlation", "the correlation matrix is not symmetric positive definite: \(error)")
            }
        } else {
            correlation = (0..<factors.count).map { i in (0..<factors.count).map { $0 == i ? 1 : 0 } }
        }
        t.skip("correlation")
        try t.finish()
        return (factors, correlation)
    }

    private static func readExpenses(_ t: ConfigReader, edition: Edition) throws -> [Double] {
        t.skip("source")
        let defaultRatio = try t.double("default_ratio")
        guard (0...1).contains(defaultRatio) else { throw t.error("default_ratio", "expected a ratio in [0, 1], got \(defaultRatio)") }
        var ratios = [Double](repeating: defaultRatio, count: edition.insurers.count)
        if let byInsurer = try t.optionalTable("ratios") {
            byInsurer.skip("source")
            for key in byInsurer.remainingKeys {
                guard let i = edition.insurers.firstIndex(where: { $0.key == key }) else {
                    throw byInsurer.error(key, "unknown insurer '\(key)' (expected one of \(edition.insurers.map(\.key).joined(separator: ", ")))")
                }
                let r = try byInsurer.double(key)
                guard (0...1).contains(r) else { throw byInsurer.error(key, "expected a ratio in [0, 1], got \(r)") }
                ratios[i] = r
            }
        }
        try t.finish()
        return ratios
    }
}
