import Foundation
import JikunPolicy
import JikunTables
import JikunSampling
import JikunSimulation

/// A synthetic roster and claims history drawn from a scenario's own model, for checking that
/// `calibrate` recovers what it was given.
///
/// The roster: the scenario's first-period population scaled to `persons` (cells by largest
/// remainder, as `Population(scenario:)` does), who carry on into the later periods, plus
/// each period's Poisson entrants month by month (after its first month, as the engine has them); ages
/// uniform inside the band (open band: 20 years wide), a day of birth uniform in the year.
/// Each person-period with t = months/12 years of exposure then has, per line, one event with
/// probability 1 − (1 − p)^t (the engine's exposure rule) at the rates of the person's cell;
/// claim sizes come from the scenario's severities through `Severity.sample` (the engine's
/// sampler laws), times the cell's and period's severity scales; a hospitalised person's total X is split over one to three stays. A death
/// (dated at the period's end) ends the person's later events. Every draw of a person uses the stream (seed, person), so
/// the files do not depend on anything but the scenario, `persons` and the seed.
public struct ScenarioSample: Sendable {
    public var scenario: Scenario
    public var persons: Int
    public var seed: UInt64

    public init(scenario: Scenario, persons: Int, seed: UInt64) {
        self.scenario = scenario
        self.persons = persons
        self.seed = seed
    }

    /// Throws when `persons` is more than a scenario accepts (`PopulationSpec.maximumInsured`).
    public func make() throws -> (roster: CSVWriter, claims: CSVWriter, claimCount: Int, personCount: Int) {
        let e = scenario.edition, spec = scenario.population
        let scale = Double(persons) / Double(max(spec.insuredAtStart[0], 1))
        // A sample spreads its persons by the factorised mix (for explicit cells, their summary).
        var spread = spec
        spread.insuredAtStart = spec.insuredAtStart.map { _ in persons }
        spread.entrantsPerMonth = spec.entrantsPerMonth.map { $0 * scale }
        guard persons <= PopulationSpec.maximumInsured else {
            throw PolicyInputError.usage("a sample holds at most \(PopulationSpec.maximumInsured) persons, got \(persons)")
        }
        let population = Population(factorised: spread, scenario: scenario)
        let start = e.termStart

        struct Person { var unit, category, band: Int; var coverFrom: CivilDate }
        var people: [Person] = []
        var entrantsRNG = RandomStream(seed: seed, stream: 0xE17A)
        func addEntrants(_ cohort: Population.Cohort, perMonth: Double) {
            let period = e.periods[cohort.period]
            for m in 1..<max(period.months, 1) {
                let k = entrantsRNG.poisson(mean: perMonth)
                let month = period.start.monthIndex + m
                let first = CivilDate(year: month / 12, month: month % 12 + 1, day: 1)!
                for _ in 0..<k { people.append(Person(unit: cohort.unit, category: cohort.category, band: cohort.band, coverFrom: first)) }
            }
        }
        for cohort in population.cohorts where cohort.period == 0 {
            switch cohort.size {
            case .fixed(let count, _, _):
                for _ in 0..<count { people.append(Person(unit: cohort.unit, category: cohort.category, band: cohort.band, coverFrom: start)) }
            case .poisson(let perMonth):
                addEntrants(cohort, perMonth: perMonth)
            }
        }
        // Later periods' entrants (their stock is the persons above, carried on); after the
        // first period's, so that those draws stay as they were.
        for cohort in population.cohorts where cohort.period > 0 {
            if case .poisson(let perMonth) = cohort.size { addEntrants(cohort, perMonth: perMonth) }
        }

        var roster = CSVWriter(header: ["person_id", "unit", "category", "birth_date", "enrolled_from", "student", "poverty_insured", "youfu_excluded"])
        var claims = CSVWriter(header: ["claim_id", "person_id", "line", "event_date", "amount", "grades", "condition", "first_diagnosis", "level"])
        let ev = scenario.events
        let condition = e.studentCriticalIllness.conditions.first?.code ?? ""
        var claimNumber = 0
        func addClaim(_ id: String, _ line: ClaimLine, _ date: CivilDate, amount: String = "", grades: String = "",
                      condition: String = "", first: String = "", level: String = "") {
            claimNumber += 1
            claims.writeRow(["S\(claimNumber)", id, line.rawValue, date.description, amount, grades, condition, first, level])
        }
        for (i, person) in people.enumerated() {
            var rng = RandomStream(seed: seed, stream: UInt64(i) &+ 1)
            let band = scenario.ageBands[person.band]
            let width = (band.to ?? band.from + 19) - band.from + 1
            // Age in full years at the cover start within the band.
            let age = band.from + Int(rng.nextDouble() * Double(width))
            let daysBack = Int(rng.nextDouble() * 365)
            let anchor = CivilDate(year: person.coverFrom.year - age - 1, month: person.coverFrom.month, day: 1)!
            let birth = CivilDate(daysSinceEpoch: anchor.daysSinceEpoch + Int32(1 + daysBack))
            let c = birth.components
            let digits = "50" + String(format: "%04d", i % 10_000) + String(format: "%04d%02d%02d", c.year, c.month, c.day)
                + String(format: "%03d", (i / 10_000) % 1000)
            let id = digits + String(PersonID.checkCharacter(for: digits))
            let inSchool = rng.nextDouble() < band.inSchoolShare
            roster.writeRow([id, e.units[person.unit].key, e.categories[person.category].key, birth.description,
                             person.coverFrom.description, inSchool ? "true" : "false", "false", "false"])

            periods: for (p, period) in e.periods.enumerated() {
                let months = period.chargedMonths(coverFrom: person.coverFrom)
                guard months > 0 else { continue }
                let from = max(person.coverFrom, period.start)
                let ageNow = birth.fullYears(on: from)
                guard let b = scenario.ageBandIndex(age: ageNow) else { continue }
                let t = Double(months) / 12
                func happens(_ table: FrequencyTable) -> Bool {
                    let rate = table.rate(unit: person.unit, category: person.category, band: b)
                    return rate > 0 && rng.nextDouble() < -expm1(t * log1p(-min(rate, 1)))
                }
                let span = Int(period.end.daysSinceEpoch - from.daysSinceEpoch) + 1
                func day() -> CivilDate { CivilDate(daysSinceEpoch: from.daysSinceEpoch + Int32(Double(span) * rng.nextDouble())) }
                if happens(ev.accidentDisability) {
                    let u = rng.nextDouble()
                    var grade = ev.disabilityGrades.count, acc = 0.0
                    for (k, share) in ev.disabilityGrades.enumerated() { acc += share; if u < acc { grade = k + 1; break } }
                    addClaim(id, .accidentDisability, day(), grades: String(grade))
                }
                // The cell's and period's severity scales k (`SeverityScales`), as the engine applies them.
                if happens(ev.accidentMedical) {
                    let k = ev.accidentMedicalSeverityScales.scale(category: person.category, band: b, period: p)
                    let y = max(k * ev.accidentMedicalSeverity.sample(using: &rng), 0.01)
                    addClaim(id, .accidentMedical, day(), amount: Money(roundingYuan: y).description)
                }
                if happens(ev.hospitalisation) {
                    let k = ev.hospitalisationSeverityScales.scale(category: person.category, band: b, period: p)
                    let x = max(k * ev.hospitalisationSeverity.sample(using: &rng), 0.01)
                    let totalFen = max(Money(roundingYuan: x).fen, 1)
                    let stays = 1 + Int(rng.nextDouble() * 3)
                    var left = totalFen
                    for s in 0..<stays {
                        let part = s == stays - 1 ? left : Int64(Double(left) * rng.nextDouble() * 0.8)
                        left -= part
                        if part > 0 || s == stays - 1 { addClaim(id, .hospitalisation, day(), amount: Money(fen: part).description) }
                    }
                }
                if inSchool, happens(ev.studentCriticalIllness) {
                    addClaim(id, .studentCriticalIllness, day(), condition: condition, first: "true")
                }
                if let monthIndex = (period.start.monthIndex...period.end.monthIndex).first(where: { $0 % 12 == ev.admission.month - 1 }),
                   monthIndex >= from.monthIndex {
                    let u = rng.nextDouble()
                    var acc = 0.0
                    for level in ev.admission.levels where level.band == b {
                        acc += level.probability
                        if u < acc {
                            let date = CivilDate(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 10)!
                            addClaim(id, .admission, date, level: e.admission.levels[level.level].key)
                            break
                        }
                    }
                }
                // Deaths last, dated at the period's end, so no event of the person follows them.
                // The engine's rule: one death draw at pA + pD, accidental with share pA/(pA + pD).
                let pA: Double = ev.accidentDeath.rate(unit: person.unit, category: person.category, band: b)
                let pD: Double = ev.diseaseDeath.rate(unit: person.unit, category: person.category, band: b)
                let u: Double = rng.nextDouble(), share: Double = rng.nextDouble()
                let qDeath: Double = -expm1(t * log1p(-min(pA + pD, 1)))
                let dies = pA + pD > 0 && u < qDeath
                let accident = dies && share < pA / (pA + pD)
                let disease = dies && !accident
                if accident || disease {
                    addClaim(id, accident ? .accidentDeath : .diseaseDeath, period.end)
                    break periods
                }
            }
        }
        return (roster, claims, claimNumber, people.count)
    }
}
