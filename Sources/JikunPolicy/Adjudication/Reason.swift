import JikunTables

/// Why a claim pays what it pays (docs/formats.md, payments.csv `reason`). Declared in the order of
/// precedence: where several apply, the first wins.
public enum PaymentReason: String, Sendable, CaseIterable, Hashable, Comparable {
    case notInsured = "not_insured"
    case excluded
    case beforeCover = "before_cover"
    case afterPeriod = "after_period"
    case duplicateDeath = "duplicate_death"
    case afterDeath = "after_death"
    case belowDeductible = "below_deductible"
    case capReached = "cap_reached"
    case notEligibleAge = "not_eligible_age"
    case notStudent = "not_student"
    case notListedCondition = "not_listed_condition"
    case notFirstDiagnosis = "not_first_diagnosis"
    case alreadyPaid = "already_paid"
    /// Paid less than asked because a cap bound.
    case capped
    case paid

    public var precedence: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Self, b: Self) -> Bool { a.precedence < b.precedence }

    /// Whether the claim pays (possibly 0.00, or less than asked).
    public var isPayable: Bool { self == .paid || self == .capped }
}

/// The outcome of one claim (a row of payments.csv).
public struct Payment: Sendable, Equatable {
    /// Index into `Edition.insurers`; nil for a person not insured.
    public var insurer: Int?
    /// Index into `Edition.periods`; nil outside every period.
    public var period: Int?
    public var payable: Money
    public var reason: PaymentReason

    public init(insurer: Int?, period: Int?, payable: Money, reason: PaymentReason) {
        self.insurer = insurer
        self.period = period
        self.payable = payable
        self.reason = reason
    }

    /// Refuses payments whose sum passes `Money.largest` (claims under an edition of absurd
    /// amounts): payables are ≥ 0, so every partial sum of them then fits as well.
    public static func checkTotal(_ payments: [Payment]) throws {
        var total = Money.zero
        for payment in payments {
            guard let sum = total.adding(payment.payable) else {
                throw PolicyInputError.usage("the claims' payable amounts add up past \(grouped(Money.largest.description)) yuan, more than an amount can hold")
            }
            total = sum
        }
    }
}

extension CriticalIllnessSchedule {
    /// What a stay pays when it takes the period's out-of-catalogue total from `totalBefore` to
    /// `totalAfter`: `round(B(after)) − round(B(before))`, so a period's payments add up to
    /// `round(B(total))` (docs/rules.md §3.2). `below_deductible` while the total is at or under the
    /// deductible, `cap_reached` once an earlier stay reached the cap, `capped` when the cap cut
    /// this stay's payment.
    public func stayPayment(totalBefore: Money, totalAfter: Money) -> (Money, PaymentReason) {
        if totalAfter <= deductible { return (.zero, .belowDeductible) }
        let paidBefore = benefit(total: totalBefore)
        if paidBefore == cap { return (.zero, .capReached) }
        let (numerator, capBinds) = exactBenefit(total: totalAfter)
        let paidAfter = Money(fen: (numerator + Rate.denominator / 2) / Rate.denominator)
        return (paidAfter - paidBefore, capBinds ? .capped : .paid)
    }
}
