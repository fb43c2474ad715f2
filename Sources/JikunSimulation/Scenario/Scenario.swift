import JikunPolicy
import JikunSampling

/// A simulation scenario (docs/model.md): a policy edition plus the population, the event
/// probabilities and severities, the systemic factors, the insurers' expense ratios and run
/// defaults. Loaded from a TOML file that `extends` an edition (or another scenario).
/// An immutable value built by the validating `init(config:)`: `resolved` is the configuration
/// every other field was read from, so the text written beside a result is the run's. An edit
/// goes through the configuration (`applying(_:)`, `setting(_:)`) and makes a new value.
public struct Scenario: Sendable {
    public let name: String
    public let title: String
    public let source: String
    public let edition: Edition
    public let defaultTrials: Int
    public let defaultSeed: UInt64
    public let ageBands: [AgeBand]
    public let population: PopulationSpec
    public let events: EventModel
    public let factors: [Factor]
    /// Correlation of the factors' normal drivers, `factors.count`², symmetric positive definite.
    public let correlation: [[Double]]
    /// Expense ratio per insurer (indexed like `edition.insurers`), as a share of premium.
    public let expenseRatios: [Double]
    /// How the model reads the points the notice leaves open (`[readings]`).
    public let readings: Readings
    /// The merged configuration (after `extends`), written beside results so they trace back.
    public let resolved: ConfigTable

    public func ageBandIndex(age: Int) -> Int? {
        ageBands.firstIndex { age >= $0.from && ($0.to.map { age <= $0 } ?? true) }
    }
}

/// The readings of the notice a scenario chooses (`[readings]` in the scenario TOML; every key
/// optional, defaulting to the reading shown).
public struct Readings: Sendable, Equatable {
    /// `deaths`: how the two death lines are drawn.
    public enum Deaths: String, Sendable, CaseIterable {
        /// One death per person at most: probability 1 − (1 − (p_a + p_d))^t, its cause
        /// accidental with share p_a / (p_a + p_d).
        case competing
        /// Two independent events: q_a = 1 − (1 − p_a)^t and q_d = 1 − (1 − p_d)^t.
        case perEvent = "per_event"
    }
    public var deaths: Deaths = .competing
    public init(deaths: Deaths = .competing) { self.deaths = deaths }
}

/// An age band in full years at the start of a period (or at entry), `to` nil for open-ended.
public struct AgeBand: Sendable, Equatable {
    public var key: String
    public var from: Int
    public var to: Int?
    /// Share of insured persons in the band who are in full-time schooling.
    public var inSchoolShare: Double
    /// For an open-ended band reaching into an age-limited benefit's ages: the age taken as its
    /// upper end when the band's share of ages inside the limits is computed (`eligibility_to`).
    public var eligibilityTo: Int? = nil
}

/// The insured population, factorised: counts per (unit, category, age band) follow from the
/// period totals × unit weight × category share × age share, rounded by largest remainder so
/// the cells add up to the totals exactly.
public struct PopulationSpec: Sendable, Equatable {
    /// Bounds refused at load, far above any relief programme (China's whole 低保 and 特困
    /// rolls are ≈ 45 million persons): they keep every count of claimants inside Int32 and
    /// every trial's claims far inside Int64 fen.
    public static let maximumInsured = 100_000_000
    public static let maximumEntrantsPerMonth = 10_000_000
    /// Insured at the start of each period (indexed like `edition.periods`).
    public var insuredAtStart: [Int]
    /// Expected new enrolments per month after a period's first month.
    public var entrantsPerMonth: [Double]
    /// Relative size of each unit (indexed like `edition.units`).
    public var unitWeights: [Double]
    /// Category mix (indexed like `edition.categories`), summing to 1.
    public var categoryShares: [Double]
    /// Per-unit category mix overriding `categoryShares` (e.g. a children's welfare home).
    public var unitCategoryShares: [Int: [Double]]
    /// Age mix per category: `[category][band]`, each row summing to 1.
    public var ageShares: [[Double]]
    /// Explicit cells (`[[population.cells]]` or `cells_file`), replacing the factorised form;
    /// then the fields above only summarise them (period totals, unit weights, mixes).
    public var cells: [PopulationCell]? = nil
}

/// Per-person-year event probabilities: `byAge[band] × categoryMultiplier × unitMultiplier`.
public struct FrequencyTable: Sendable, Equatable {
    public var byAge: [Double]
    public var categoryMultipliers: [Double]
    public var unitMultipliers: [Double]

    @inlinable public func rate(unit: Int, category: Int, band: Int) -> Double {
        byAge[band] * categoryMultipliers[category] * unitMultipliers[unit]
    }
}

/// The events of docs/model.md with their frequencies and severities.
public struct EventModel: Sendable, Equatable {
    public var accidentDeath: FrequencyTable
    public var diseaseDeath: FrequencyTable
    public var accidentDisability: FrequencyTable
    /// Probability of each effective grade 1…10 for a disabled person.
    public var disabilityGrades: [Double]
    public var accidentMedical: FrequencyTable
    /// A person's period total of in-scope self-paid accident medical expenses.
    public var accidentMedicalSeverity: Severity
    public var hospitalisation: FrequencyTable
    /// A hospitalised person's period total of out-of-catalogue self-pay `X`.
    public var hospitalisationSeverity: Severity
    /// Per in-school student-year, for bands within the benefit's age limits.
    public var studentCriticalIllness: FrequencyTable
    public var admission: AdmissionModel
    /// Multipliers on the two severities by (category, age band) and period (identity: none).
    public var accidentMedicalSeverityScales = SeverityScales()
    public var hospitalisationSeverityScales = SeverityScales()
    /// Per line, how long its claims take to be reported (`reporting_delay`); a line without
    /// one is reported on the day of its event. Used by `simulate --as-of`.
    public var reportingDelays: [ClaimLine: ReportingDelay] = [:]
}

/// University admission (升学): per level, the band that sits the exam and the probability that
/// an insured person of that band is admitted that year; paid in the admission month.
public struct AdmissionModel: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        /// Index into `edition.admission.levels`.
        public var level: Int
        public var band: Int
        public var probability: Double
    }
    /// Calendar month (1–12) of admission.
    public var month: Int
    public var levels: [Level]
}

/// A systemic factor: the mean-one lognormal multiplier `exp(σZ − σ²/2)` on its targets.
public struct Factor: Sendable, Equatable {
    public enum Target: Sendable, Hashable {
        case frequency(ClaimLine)
        case severity(ClaimLine)

        public var key: String {
            switch self {
            case .frequency(let line): "frequency.\(line.rawValue)"
            case .severity(let line): "severity.\(line.rawValue)"
            }
        }
    }
    public var key: String
    public var sigma: Double
    public var targets: [Target]
    /// Units the factor applies to; nil: every unit.
    public var units: Set<Int>?
}
