/// The benefit lines a claim can be made under (docs/formats.md, `line`): the one notion of a line
/// that the rules, the simulation engine's claim columns and the reports all use.
public enum ClaimLine: String, Sendable, CaseIterable, Hashable {
    case accidentDeath = "accident_death"
    case accidentDisability = "accident_disability"
    case accidentMedical = "accident_medical"
    case hospitalisation = "hospitalisation"
    case diseaseDeath = "disease_death"
    case studentCriticalIllness = "student_critical_illness"
    case admission = "admission"

    public var isDeath: Bool { self == .accidentDeath || self == .diseaseDeath }

    /// The line's position in `allCases` (the engine's column order), as a literal per case so
    /// that a hot loop reads a constant.
    @inlinable public var index: Int {
        switch self {
        case .accidentDeath: 0
        case .accidentDisability: 1
        case .accidentMedical: 2
        case .hospitalisation: 3
        case .diseaseDeath: 4
        case .studentCriticalIllness: 5
        case .admission: 6
        }
    }

    /// The programme's name for the benefit line the claim belongs to.
    public var labelZH: String {
        switch self {
        case .accidentDeath: "意外身故"
        case .accidentDisability: "意外伤残"
        case .accidentMedical: "意外医疗"
        case .hospitalisation: "大病补充"
        case .diseaseDeath: "疾病身故"
        case .studentCriticalIllness: "学生重大疾病"
        case .admission: "升学补助金"
        }
    }
}

/// 小额意外 (docs/rules.md §3.1).
public struct AccidentBenefit: Sendable, Equatable {
    public var deathAmount: Money
    /// Paid × the grade's ratio.
    public var disabilityFullAmount: Money
    public var disabilityPeriodCap: Money
    /// Ratio by grade: index 0 is grade 1.
    public var gradeRatios: [Rate]
    /// Grades a most-severe injury is raised when two or more injuries share that grade.
    public var sharedWorstGradeRaise: Int
    public var medicalRate: Rate
    public var medicalPeriodCap: Money

    public var worstGrade: Int { 1 }
    public var mildestGrade: Int { gradeRatios.count }

    /// The grade that counts for one accident's injuries: the most severe (lowest number),
    /// raised by `sharedWorstGradeRaise` when two or more injuries share it, never above grade 1.
    /// Precondition: `grades` is non-empty and every grade is valid.
    public func effectiveGrade(_ grades: [Int]) -> Int {
        precondition(!grades.isEmpty, "an accident with no injury grade")
        let worst = grades.min()!
        let sharing = grades.lazy.filter { $0 == worst }.count
        return sharing >= 2 ? max(worstGrade, worst - sharedWorstGradeRaise) : worst
    }

    /// Full amount × ratio(grade), before the per-period cap.
    public func disabilityAmount(grade: Int) -> Money {
        disabilityFullAmount.scaled(by: gradeRatios[grade - 1])
    }

    /// The payment of a period's first accident-medical claim of `cost` yuan: the cost to the
    /// fen (`Money(roundingYuan:)`), reimbursed at `medicalRate` (`Money.scaled(by:)`), up to
    /// `medicalPeriodCap` with nothing paid before (`Adjudicator.applyCap`).
    @inlinable @inline(__always)
    public func firstMedicalPayment(costYuan cost: Double) -> Money {
        Adjudicator.applyCap(asked: Money(roundingYuan: cost).scaled(by: medicalRate), paidSoFar: .zero,
                             cap: medicalPeriodCap).0
    }

    /// `firstMedicalPayment(costYuan:)` of many claims at once, in place: costs in yuan in,
    /// payments in fen out (whole numbers, so a caller's `Double` sums are exact). The
    /// simulation pays its claimants a batch at a time; at the rate of 100 % and a cap below
    /// 2⁵³ fen the batch stays in `Double` without a branch on the amount (the nearest fen by
    /// the bits of |cents| + 2⁵², as `Money(roundingYuan:)`), which the compiler turns into
    /// vector code; any other edition takes the claim-by-claim rule. A test checks that both
    /// routes give `firstMedicalPayment` for every cost.
    ///
    /// - Precondition: every cost is finite.
    @inlinable
    public func firstMedicalPaymentsInPlace(_ costs: UnsafeMutableBufferPointer<Double>) {
        let capFen = medicalPeriodCap.fen
        guard medicalRate.partsPerMillion == Rate.denominator, capFen > 0, capFen <= 1 << 53 else {
            for i in costs.indices { costs[i] = Double(firstMedicalPayment(costYuan: costs[i]).fen) }
            return
        }
        let cap = Double(capFen)
        for i in costs.indices {
            let cents = costs[i] * 100
            let magnitude = abs(cents)
            let nearestEven = (magnitude + 0x1p52) - 0x1p52
            // A tie moves up, away from zero; from 2⁵² on a Double is already a whole number.
            let rounded = magnitude - nearestEven == 0.5 ? nearestEven + 1 : nearestEven
            let whole = magnitude < 0x1p52 ? rounded : magnitude
            let fen = cents < 0 ? -whole : whole
            costs[i] = fen < cap ? fen : cap
        }
    }
}

/// 疾病身故 (docs/rules.md §3.3).
public struct DiseaseDeathBenefit: Sendable, Equatable {
    public var amount: Money
}

/// 学生重大疾病 (docs/rules.md §3.4): lifetime once, in-school students aged `minimumAge…maximumAge`.
public struct StudentCriticalIllnessBenefit: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public var code: String
        public var nameZH: String
        public var nameEN: String
    }
    public var amount: Money
    public var minimumAge: Int
    public var maximumAge: Int
    public var conditions: [Condition]

    public func isListed(_ code: String) -> Bool { conditions.contains { $0.code == code } }
}

/// 困难人群升学补助金 (docs/rules.md §3.5): once per person per level, lifetime.
public struct AdmissionGrant: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        public var key: String
        public var nameZH: String
        public var amount: Money
    }
    public var levels: [Level]

    public func levelIndex(_ key: String) -> Int? { levels.firstIndex { $0.key == key } }
}
