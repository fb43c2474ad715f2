import Foundation
import JikunPolicy
import JikunSampling

extension TrialKernel {
    /// A member cohort of a group and its number of claimants in one trial.
    struct MemberClaims {
        var member: Int32
        var count: Int32
    }

    /// Samples one trial's claims (fen) into `row` (length `columns.count`, zeroed by the caller),
    /// using factor values already drawn into `state`. Each group draws from its own stream keyed
    /// by (`groupKey`, the group's identity hash `EventGroup.stream`), so a variant that changes some events leaves the other
    /// groups' draws as they were: common random numbers stay aligned across `jikun compare`.
    ///
    /// A group first draws how many of each member cohort's persons claim, then what each
    /// claimant is paid, line by line.
    func sampleTrial(into row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState,
                     groupKey: UInt64, counters: inout Counters) {
        let stride = lineStride
        let tables = SamplerTables.shared
        groupsStorage.groups.withUnsafeBufferPointer { groups in
        groupsStorage.memberColumn.withUnsafeBufferPointer { memberColumn in
        groupsStorage.memberEnd.withUnsafeBufferPointer { memberEnd in
        for g in groups.indices {
            let group = groups[g]
            var rng = RandomStream(seed: groupKey, stream: group.stream)
            let u = group.unit
            counters.cellEvents += 1

            // The group's probability (fixed cohorts) or Poisson rate per entrant-month (streams).
            var accidentShare = 0.0, passing = 1.0, severityScale = 1.0
            var p: Double
            switch group.draw {
            case .competingDeaths:
                let pA = min(1, group.accidentProbability * state.frequency(.accidentDeath, u))
                let pD = min(1, group.diseaseProbability * state.frequency(.diseaseDeath, u))
                p = min(1, pA + pD)
                accidentShare = pA + pD > 0 ? pA / (pA + pD) : 0
            case .line(let line):
                p = min(1, group.probability * state.frequency(line, u))
                if line == .accidentMedical || line == .hospitalisation { severityScale = state.severity(line, u) * group.severityScale }
                if line == .hospitalisation { passing = state.hospitalAbove(u, group.period, variant: group.hospitalVariant).survival }
            }
            let rate: Double
            if group.draw == .line(.admission) {
                rate = p     // one-off in the admission month, not exposure-scaled
            } else if group.isPoisson {
                rate = Self.exposureProbability(poissonMonths: group.periodMonths, p) * passing * group.share
            } else {
                rate = Self.exposureProbability(years: group.exposureYears, p) * passing * group.share
            }
            guard rate > 0 else { continue }

            withUnsafeTemporaryAllocation(of: MemberClaims.self, capacity: group.members.count) { claims in
                let claimed = Self.drawClaimants(group, rate: rate, memberEnd: memberEnd, into: claims,
                                                 rng: &rng, tables: tables)
                let drawn = UnsafeBufferPointer(rebasing: claims[0..<claimed])
                func column(_ entry: MemberClaims, _ line: ClaimLine) -> Int {
                    Int(memberColumn[Int(entry.member)]) + line.index * stride
                }
                // The hook of `simulate --as-of`: of n claimants, how many are paid into the
                // row — all of them, or those known at the clearing date (`Visibility`).
                var known = visibility?.stream(groupKey: groupKey, group: group)
                func keep(_ n: Int, _ line: ClaimLine) -> Int {
                    guard let visibility, n > 0 else { return n }
                    return Self.successes(n, visibility.draws(group: g, line: line), rng: &known!)
                }
                for entry in drawn { counters.claimants += Int(entry.count) }
                switch group.draw {
                case .line(.accidentMedical):
                    payEach(drawn, line: .accidentMedical, row: row, column: column, keep: keep, rng: &rng) { costs, rng in
                        medicalFen(costs, scale: severityScale, rng: &rng, tables: tables)
                    }
                case .line(.hospitalisation):
                    let cost = state.hospitalAbove(u, group.period, variant: group.hospitalVariant)
                    let schedule = schedules[group.period], saturation = hospitalSaturationYuan[group.period]
                    payEach(drawn, line: .hospitalisation, row: row, column: column, keep: keep, rng: &rng) { totals, rng in
                        hospitalFen(totals, cost: cost, scale: severityScale, schedule: schedule, saturation: saturation,
                                    rng: &rng, tables: tables)
                    }
                case .line(.accidentDisability):
                    payEach(drawn, line: .accidentDisability, row: row, column: column, keep: keep, rng: &rng) { fen, rng in
                        disabilityFen(fen, rng: &rng)
                    }
                case .competingDeaths:
                    let accidental = BinomialDraws(p: accidentShare)
                    for entry in drawn {
                        let k = Int(entry.count)
                        let accidents = Self.successes(k, accidental, rng: &rng)
                        row[column(entry, .accidentDeath)] += Double(keep(accidents, .accidentDeath)) * deathFen
                        row[column(entry, .diseaseDeath)] += Double(keep(k - accidents, .diseaseDeath)) * diseaseDeathFen
                    }
                case .line(.studentCriticalIllness):
                    for entry in drawn { row[column(entry, .studentCriticalIllness)] += Double(keep(Int(entry.count), .studentCriticalIllness)) * studentFen }
                case .line(.admission):
                    for entry in drawn {
                        row[column(entry, .admission)] += admissionFen(claimants: Int(entry.count), group: group, keep: keep, rng: &rng)
                    }
                case .line(.accidentDeath):
                    for entry in drawn { row[column(entry, .accidentDeath)] += Double(keep(Int(entry.count), .accidentDeath)) * deathFen }
                case .line(.diseaseDeath):
                    for entry in drawn { row[column(entry, .diseaseDeath)] += Double(keep(Int(entry.count), .diseaseDeath)) * diseaseDeathFen }
                }
            }
        }
        }
        }
        }
    }

    /// Pays every claimant of a group: `amounts` turns a buffer of up to `PreparedSeverity.batch`
    /// slots into as many claimants' payments in fen, and each member's column gets the sum of
    /// its claimants' (whole fen, so the `Double` sums are exact). Claimants of a group are
    /// exchangeable, so they are paid in one run, in member order, a batch at a time. Only the
    /// first `keep(count, line)` claimants of each member are added to the row (all of them,
    /// unless the run sees only the claims known at a clearing date); the others still draw
    /// their amounts, so the draws are those of the full run.
    @inline(__always)
    func payEach(_ drawn: UnsafeBufferPointer<MemberClaims>, line: ClaimLine, row: UnsafeMutablePointer<Double>,
                 column: (MemberClaims, ClaimLine) -> Int, keep: (Int, ClaimLine) -> Int, rng: inout RandomStream,
                 amounts: (UnsafeMutableBufferPointer<Double>, inout RandomStream) -> Void) {
        guard !drawn.isEmpty else { return }
        var stream = rng  // in registers (see `SamplerTables.normalSlowPath`)
        defer { rng = stream }
        var remaining = drawn.reduce(0) { $0 + Int($1.count) }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: PreparedSeverity.batch) { buffer in
            var filled = 0, used = 0
            for entry in drawn {
                var left = Int(entry.count), memberFen = 0.0
                var counted = keep(left, line)
                while left > 0 {
                    if used == filled {
                        // The payments of the next claimants still to come, a buffer at most.
                        filled = min(remaining, buffer.count)
                        amounts(UnsafeMutableBufferPointer(rebasing: buffer[0..<filled]), &stream)
                        used = 0
                    }
                    let take = min(left, filled - used), summed = min(take, counted)
                    // Whole fen below 2⁵³: any order of addition gives the same sum, so two
                    // running sums halve the chain of dependent additions.
                    var even = 0.0, odd = 0.0, i = used
                    while i + 1 < used + summed {
                        even += buffer[i]
                        odd += buffer[i + 1]
                        i += 2
                    }
                    if i < used + summed { even += buffer[i] }
                    memberFen += even + odd
                    counted -= summed
                    used += take
                    left -= take
                    remaining -= take
                }
                row[column(entry, line)] += memberFen
            }
        }
    }

    /// How many of `n` independent trials with the prepared probability succeed: a Bernoulli
    /// draw each for a few, a binomial draw for many (the same law either way).
    @inline(__always)
    static func successes(_ n: Int, _ draws: BinomialDraws, rng: inout RandomStream) -> Int {
        if n > 16 { return draws.sample(n: n, using: &rng) }
        var count = 0
        for _ in 0..<n where rng.nextDouble() < draws.p { count += 1 }
        return count
    }

    /// Above this many expected claimants per member, one binomial (or Poisson) count per member
    /// replaces walking the gaps between claimants (anywhere from 2 to 8 measured the same on
    /// the default scenario). Either way the counts are exact.
    static let claimantsPerMemberForCounts = 5.0

    /// Draws the number of claimants of each member cohort of `group` into `claims` (members
    /// with none left out) and returns how many entries it wrote.
    @inline(__always)
    static func drawClaimants(_ group: EventGroup, rate: Double, memberEnd: UnsafeBufferPointer<Double>,
                              into claims: UnsafeMutableBufferPointer<MemberClaims>, rng: inout RandomStream,
                              tables: SamplerTables) -> Int {
        let first = group.members.lowerBound, last = group.members.upperBound
        let total = memberEnd[last - 1]
        let isPoisson = group.isPoisson
        var written = 0
        if rate * total > Self.claimantsPerMemberForCounts * Double(last - first) {
            // Many claimants per member: one binomial (or Poisson) count per member, all with
            // the group's probability.
            let binomial = BinomialDraws(p: isPoisson ? 0 : min(rate, 1))
            var previousEnd = 0.0
            for m in first..<last {
                let size = memberEnd[m] - previousEnd
                previousEnd = memberEnd[m]
                let k = isPoisson ? rng.poisson(mean: rate * size) : binomial.sample(n: Int(size), using: &rng)
                if k > 0 {
                    claims[written] = MemberClaims(member: Int32(m), count: Int32(k))
                    written += 1
                }
            }
            return written
        }
        // Few claimants: walk the gaps — Exponential(rate) along entrant-months, or
        // Geometric(q) failures before the next claimant along persons (0 when q = 1), as
        // ⌊E/−log(1 − q)⌋ with E exponential. A person claims at most once per event, so the
        // walk steps past each claimant.
        let certain = !isPoisson && rate >= 1
        let gapScale = isPoisson ? 1 / rate : (certain ? 0 : -1 / log1p(-rate))
        let step = isPoisson ? 0.0 : 1.0
        var stream = rng  // in registers (see `SamplerTables.normalSlowPath`)
        defer { rng = stream }
        var position = tables.standardExponential(using: &stream) * gapScale
        if !isPoisson { position = position.floorValue }
        var member = first, pending: Int32 = 0
        while position < total {
            if memberEnd[member] <= position {
                if pending > 0 {
                    claims[written] = MemberClaims(member: Int32(member), count: pending)
                    written += 1
                }
                pending = 0
                // Skip ahead eight members at a time, then one by one (a sparse group's
                // claimants can be many members apart).
                while member + 8 < last && memberEnd[member + 8] <= position { member += 8 }
                repeat { member += 1 } while memberEnd[member] <= position
            }
            pending &+= 1
            let gap = tables.standardExponential(using: &stream) * gapScale
            position += step + (isPoisson ? gap : gap.floorValue)
        }
        if pending > 0 {
            claims[written] = MemberClaims(member: Int32(member), count: pending)
            written += 1
        }
        return written
    }

    /// Disability: a grade per claimant (inversion of the grade distribution), paid the
    /// grade's capped amount.
    @inline(__always)
    func disabilityFen(_ fen: UnsafeMutableBufferPointer<Double>, rng: inout RandomStream) {
        for i in fen.indices {
            let v = rng.nextDouble()
            var grade = 0
            while grade < gradeCumulative.count - 1 && v >= gradeCumulative[grade] { grade += 1 }
            fen[i] = Double(gradePaymentFen[grade])
        }
    }

    /// Accident medical: each claimant's cost s·X to the fen, reimbursed at the edition's rate
    /// up to the period cap (`Adjudicator.applyCap`).
    @inline(__always)
    func medicalFen(_ fen: UnsafeMutableBufferPointer<Double>, scale: Double, rng: inout RandomStream,
                    tables: SamplerTables) {
        let saturation = medicalSaturationYuan
        medicalSeverity.fill(fen, using: &rng, tables: tables) { x in
            // `min(saturation, ·)` also maps NaN (∞ × 0) to the saturation point.
            let cost = Money(roundingYuan: Swift.min(saturation, scale * x))
            return Double(Adjudicator.applyCap(asked: cost.scaled(by: medicalRate), paidSoFar: .zero, cap: medicalCap).0.fen)
        }
    }

    /// Critical-illness supplement: each claimant's period total s·X, drawn given that it
    /// exceeds the deductible, through the period's tiered schedule B(X) (clamped where B is
    /// flat: `hospitalSaturationYuan`).
    @inline(__always)
    func hospitalFen(_ fen: UnsafeMutableBufferPointer<Double>, cost: ConditionalSeverity, scale: Double,
                     schedule: CriticalIllnessSchedule, saturation: Double, rng: inout RandomStream, tables: SamplerTables) {
        cost.fill(fen, using: &rng, tables: tables)
        for i in fen.indices {
            fen[i] = Double(schedule.benefit(total: Money(roundingYuan: Swift.min(saturation, scale * fen[i]))).fen)
        }
    }

    /// Admission grants: the level of each admitted person, in proportion to the levels'
    /// probabilities (sequential conditional binomials: an exact multinomial split).
    @inline(__always)
    func admissionFen(claimants k: Int, group: EventGroup, keep: (Int, ClaimLine) -> Int, rng: inout RandomStream) -> Double {
        var left = k, fen = 0.0
        for level in group.levelStart..<group.levelEnd where left > 0 {
            let n = Self.successes(left, admissionLevels[level].share, rng: &rng)
            fen += Double(keep(n, .admission)) * admissionLevels[level].fen
            left -= n
        }
        return fen
    }
}
