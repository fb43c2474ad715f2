/// Exact adjudication of claims against a roster (docs/rules.md §3, docs/formats.md claims → payments).
///
/// A person's claims are taken in `event_date` order (ties: file order), carrying per-period
/// accumulators (disability and medical paid, the out-of-catalogue total `X`) and lifetime
/// state (date of death, the student benefit, admission levels). Payments come back in file order.
public struct Adjudicator: Sendable {
    public let edition: Edition
    private let schedules: [CriticalIllnessSchedule]

    public init(edition: Edition) {
        self.edition = edition
        self.schedules = edition.periods.indices.map(edition.criticalIllnessSchedule(period:))
    }

    /// What one person has been paid so far; reset between persons.
    private struct Ledger {
        var deathDate: CivilDate?
        var disabilityPaid: [Money]
        var medicalPaid: [Money]
        var outOfCatalogueTotal: [Money]
        var studentBenefitPaid = false
        var admissionLevelsPaid: Set<Int> = []

        init(periods: Int) {
            disabilityPaid = Array(repeating: .zero, count: periods)
            medicalPaid = disabilityPaid
            outOfCatalogueTotal = disabilityPaid
        }

        mutating func reset() {
            deathDate = nil
            for p in disabilityPaid.indices {
                disabilityPaid[p] = .zero
                medicalPaid[p] = .zero
                outOfCatalogueTotal[p] = .zero
            }
            studentBenefitPaid = false
            admissionLevelsPaid.removeAll(keepingCapacity: true)
        }
    }

    /// Adjudicates `claims` (in file order); the result is parallel to `claims`.
    public func adjudicate(_ claims: [Claim], roster: Roster) -> [Payment] {
        var payments = [Payment](repeating: Payment(insurer: nil, period: nil, payable: .zero, reason: .notInsured),
                                 count: claims.count)
        // Order insured persons' claims by (person, date, file position); the buffer pointer
        // lends claims without copying their strings.
        var order: [(key: UInt64, index: Int32)] = []
        order.reserveCapacity(claims.count)
        claims.withUnsafeBufferPointer { claims in
            for i in claims.indices {
                let period = edition.periodIndex(containing: claims[i].eventDate)
                if let id = claims[i].person, let person = roster.index(of: id) {
                    let dateKey = UInt64(UInt32(bitPattern: claims[i].eventDate.daysSinceEpoch &+ Int32.min))
                    order.append((UInt64(person) << 32 | dateKey, Int32(i)))
                } else if let id = claims[i].person, roster.excluded[id] != nil {
                    payments[i] = Payment(insurer: nil, period: period, payable: .zero, reason: .excluded)
                } else {
                    payments[i] = Payment(insurer: nil, period: period, payable: .zero, reason: .notInsured)
                }
            }
            order.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }

            var ledger = Ledger(periods: edition.periods.count)
            var currentPerson = -1
            for entry in order {
                let personIndex = Int(entry.key >> 32)
                if personIndex != currentPerson {
                    ledger.reset()
                    currentPerson = personIndex
                }
                let i = Int(entry.index)
                payments[i] = adjudicate(claims[i], person: roster.persons[personIndex], ledger: &ledger)
            }
        }
        return payments
    }

    private func adjudicate(_ claim: borrowing Claim, person: RosterPerson, ledger: inout Ledger) -> Payment {
        let date = claim.eventDate
        let periodIndex = edition.periodIndex(containing: date)
        func outcome(_ reason: PaymentReason, _ payable: Money = .zero) -> Payment {
            Payment(insurer: person.insurer, period: periodIndex, payable: payable, reason: reason)
        }
        let earlierDeath = ledger.deathDate
        // The first death claim fixes the date of death, whatever it pays.
        if claim.line.isDeath, earlierDeath == nil { ledger.deathDate = date }

        if date < person.coverFrom { return outcome(.beforeCover) }
        guard let p = periodIndex else { return outcome(.afterPeriod) }
        if claim.line.isDeath, earlierDeath != nil { return outcome(.duplicateDeath) }
        if let death = earlierDeath, date > death { return outcome(.afterDeath) }

        switch claim.line {
        case .accidentDeath:
            return outcome(.paid, edition.accident.deathAmount)

        case .diseaseDeath:
            return outcome(.paid, edition.diseaseDeath.amount)

        case .accidentDisability:
            let asked = edition.accident.disabilityAmount(grade: edition.accident.effectiveGrade(claim.grades))
            let (pay, reason) = Self.applyCap(asked: asked, paidSoFar: ledger.disabilityPaid[p],
                                              cap: edition.accident.disabilityPeriodCap)
            ledger.disabilityPaid[p] += pay
            return outcome(reason, pay)

        case .accidentMedical:
            let asked = claim.amount!.scaled(by: edition.accident.medicalRate)
            let (pay, reason) = Self.applyCap(asked: asked, paidSoFar: ledger.medicalPaid[p],
                                              cap: edition.accident.medicalPeriodCap)
            ledger.medicalPaid[p] += pay
            return outcome(reason, pay)

        case .hospitalisation:
            let schedule = schedules[p]
            let before = ledger.outOfCatalogueTotal[p]
            // B is flat past `saturationTotal` (far below Int64.max fen), so a total that would
            // pass Int64 (only from absurd amounts) is held at Int64.max fen: every payment of
            // the person stays exact.
            let (sum, overflowed) = before.fen.addingReportingOverflow(claim.amount!.fen)
            let after = overflowed ? Money(fen: .max) : Money(fen: sum)
            ledger.outOfCatalogueTotal[p] = after
            let (pay, reason) = schedule.stayPayment(totalBefore: before, totalAfter: after)
            return outcome(reason, pay)

        case .studentCriticalIllness:
            let rule = edition.studentCriticalIllness
            let age = person.birthDate.fullYears(on: date)
            if age < rule.minimumAge || age > rule.maximumAge { return outcome(.notEligibleAge) }
            if !person.student { return outcome(.notStudent) }
            if !rule.isListed(claim.condition ?? "") { return outcome(.notListedCondition) }
            if claim.firstDiagnosis != true { return outcome(.notFirstDiagnosis) }
            if ledger.studentBenefitPaid { return outcome(.alreadyPaid) }
            ledger.studentBenefitPaid = true
            return outcome(.paid, rule.amount)

        case .admission:
            let level = claim.level!
            if !ledger.admissionLevelsPaid.insert(level).inserted { return outcome(.alreadyPaid) }
            return outcome(.paid, edition.admission.levels[level].amount)
        }
    }

    /// Pays what fits under a per-period cap: `cap_reached` when nothing is left, `capped` when
    /// the cap cut the payment, `paid` otherwise.
    @inlinable
    public static func applyCap(asked: Money, paidSoFar: Money, cap: Money) -> (Money, PaymentReason) {
        let room = cap - paidSoFar
        if room <= .zero { return (.zero, .capReached) }
        return asked > room ? (room, .capped) : (asked, .paid)
    }
}
