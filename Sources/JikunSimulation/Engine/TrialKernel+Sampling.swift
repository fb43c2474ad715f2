import Foundation
import JikunPolicy
import JikunSampling

extension TrialKernel {
    /// A member cohort of a group and its number of claimants in one trial.
    struct MemberClaims {
        var member: Int32
        var count: Int32
    }

    /// The claimants one unit group drew in a trial: its entries `drawn[..<end]` (after the
    /// previous segment's) and its stream, left where the counts ended, for the amounts.
    struct Segment {
        var end: Int
        var unitGroup: Int
        var rng: RandomStream
    }

    /// A trial's scratch space: a class's claim entries and unit-group segments, and a batch of
    /// amounts (allocated once a trial, at the largest class's size).
    struct Scratch {
        var claims: UnsafeMutableBufferPointer<MemberClaims>
        var segments: UnsafeMutableBufferPointer<Segment>
        var amounts: UnsafeMutableBufferPointer<Double>
    }

    /// Who of a unit group's claimants are paid into the row: all of them, or in a run that sees
    /// only the claims known at a clearing date (`simulate --as-of`, `Visibility`) those known,
    /// drawn from a stream of the unit group's own.
    struct KnownFilter {
        let visibility: Visibility?
        let groupKey: UInt64
        let group: Int
        var stream = RandomStream(state0: 1, state1: 0, state2: 0, state3: 0)

        @inline(__always)
        mutating func start(_ unitGroup: UnitGroup) {
            if let visibility { stream = visibility.stream(groupKey: groupKey, unitGroup: unitGroup) }
        }

        /// Of n claimants of `line`, how many are known.
        @inline(__always)
        mutating func keep(_ n: Int, _ line: ClaimLine) -> Int {
            guard let visibility, n > 0 else { return n }
            return TrialKernel.successes(n, visibility.draws(group: group, line: line), rng: &stream)
        }
    }

    /// Samples one trial's claims (fen) into `row` (length `columns.count`, zeroed by the caller),
    /// using factor values already drawn into `state`. Each unit group draws from its own stream
    /// keyed by (`groupKey`, the unit group's identity hash `UnitGroup.stream`), so a variant
    /// that changes some events, or one unit's, leaves the other unit groups' draws as they
    /// were: common random numbers stay aligned across `jikun compare`.
    ///
    /// A class first computes its probability, then each of its unit groups draws how many of
    /// each member cohort's persons claim, and then what each claimant is paid.
    func sampleTrial(into row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState,
                     groupKey: UInt64, counters: inout Counters) {
        withUnsafeTemporaryAllocation(of: MemberClaims.self, capacity: groupsStorage.largestClass) { claims in
        withUnsafeTemporaryAllocation(of: Segment.self, capacity: groupsStorage.mostUnits) { segments in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: PreparedSeverity.batch) { amounts in
        groupsStorage.groups.withUnsafeBufferPointer { groups in
        groupsStorage.unitGroups.withUnsafeBufferPointer { unitGroups in
        groupsStorage.memberColumn.withUnsafeBufferPointer { memberColumn in
        groupsStorage.memberEnd.withUnsafeBufferPointer { memberEnd in
            let scratch = Scratch(claims: claims, segments: segments, amounts: amounts)
            let streams = RandomStream.Keyed(seed: groupKey)
            for g in groups.indices {
                sampleClass(g, groups[g], unitGroups: unitGroups, memberColumn: memberColumn, memberEnd: memberEnd,
                            row: row, state: state, groupKey: groupKey, streams: streams, scratch: scratch, counters: &counters)
            }
        }
        }
        }
        }
        }
        }
        }
    }

    /// One class's claims in one trial.
    @inline(__always)
    func sampleClass(_ g: Int, _ group: EventGroup, unitGroups: UnsafeBufferPointer<UnitGroup>,
                     memberColumn: UnsafeBufferPointer<Int32>, memberEnd: UnsafeBufferPointer<Double>,
                     row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState, groupKey: UInt64,
                     streams: RandomStream.Keyed, scratch: Scratch, counters: inout Counters) {
        let tables = SamplerTables.shared
        let u = group.unit
        counters.cellEvents += group.units.count

        // The class's probability (fixed cohorts) or Poisson rate per entrant-month (streams).
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
        guard rate > 0 else { return }
        let gaps = ClaimantGaps(rate: rate, isPoisson: group.isPoisson)

        // Each unit group's counts, from its own stream.
        let claims = scratch.claims, segments = scratch.segments
        var written = 0, segmentCount = 0
        for k in group.units {
            let members = unitGroups[k].members, total = unitGroups[k].total
            let perMember = gaps.countsPerMember(total: total, members: members.count)
            // Most unit groups of a rare event have no claimant: when the stream's first output
            // settles a first gap past the end, the rest of the stream is not seeded. (The first
            // claimant sits at ⌊E·scale⌋ for persons, E·scale for entrant-months; a total of
            // persons is whole, and ⌊y⌋ ≥ n exactly when y ≥ n for a whole n.)
            if !perMember, let e = tables.standardExponential(firstOutput: streams.firstOutput(unitGroups[k].stream)),
               e * gaps.scale >= total {
                continue
            }
            var rng = streams.stream(unitGroups[k].stream)
            let claimed = Self.drawClaimants(members, perMember: perMember, total: total, gaps: gaps, memberEnd: memberEnd,
                                             into: claims.baseAddress! + written, rng: &rng, tables: tables)
            guard claimed > 0 else { continue }
            written += claimed
            segments[segmentCount] = Segment(end: written, unitGroup: k, rng: rng)
            segmentCount += 1
        }
        guard written > 0 else { return }
        let drawn = UnsafeBufferPointer(start: claims.baseAddress!, count: written)
        let drawnSegments = UnsafeMutableBufferPointer(start: segments.baseAddress!, count: segmentCount)
        for entry in drawn { counters.claimants += Int(entry.count) }

        var known = KnownFilter(visibility: visibility, groupKey: groupKey, group: g)
        let stride = lineStride
        @inline(__always) func column(_ entry: MemberClaims, _ line: ClaimLine) -> Int {
            Int(memberColumn[Int(entry.member)]) + line.index * stride
        }
        switch group.draw {
        case .line(.accidentMedical):
            payEach(drawn, drawnSegments, line: .accidentMedical, row: row, memberColumn: memberColumn, unitGroups: unitGroups,
                    known: &known, buffer: scratch.amounts) { costs, rng in
                medicalFen(costs, scale: severityScale, rng: &rng, tables: tables)
            }
        case .line(.hospitalisation):
            let cost = state.hospitalAbove(u, group.period, variant: group.hospitalVariant)
            let schedule = schedules[group.period], saturation = hospitalSaturationYuan[group.period]
            payEach(drawn, drawnSegments, line: .hospitalisation, row: row, memberColumn: memberColumn, unitGroups: unitGroups,
                    known: &known, buffer: scratch.amounts) { totals, rng in
                hospitalFen(totals, cost: cost, scale: severityScale, schedule: schedule, saturation: saturation,
                            rng: &rng, tables: tables)
            }
        case .line(.accidentDisability):
            payEach(drawn, drawnSegments, line: .accidentDisability, row: row, memberColumn: memberColumn, unitGroups: unitGroups,
                    known: &known, buffer: scratch.amounts) { fen, rng in
                disabilityFen(fen, rng: &rng)
            }
        case .competingDeaths:
            let accidental = BinomialDraws(p: accidentShare)
            Self.forEachClaim(drawn, drawnSegments, unitGroups: unitGroups, known: &known) { entry, rng, known in
                let k = Int(entry.count)
                let accidents = Self.successes(k, accidental, rng: &rng)
                row[column(entry, .accidentDeath)] += Double(known.keep(accidents, .accidentDeath)) * deathFen
                row[column(entry, .diseaseDeath)] += Double(known.keep(k - accidents, .diseaseDeath)) * diseaseDeathFen
            }
        case .line(.admission):
            Self.forEachClaim(drawn, drawnSegments, unitGroups: unitGroups, known: &known) { entry, rng, known in
                row[column(entry, .admission)] += admissionFen(claimants: Int(entry.count), group: group, known: &known, rng: &rng)
            }
        case .line(let line):
            // One amount per claimant: deaths and student critical illness.
            let fen = line == .studentCriticalIllness ? studentFen : (line == .accidentDeath ? deathFen : diseaseDeathFen)
            Self.forEachClaim(drawn, drawnSegments, unitGroups: unitGroups, known: &known) { entry, _, known in
                row[column(entry, line)] += Double(known.keep(Int(entry.count), line)) * fen
            }
        }
    }

    /// Each claim entry of a class, with its unit group's stream (where the counts left it) and
    /// the known-claims filter started for that unit group.
    @inline(__always)
    static func forEachClaim(_ drawn: UnsafeBufferPointer<MemberClaims>, _ segments: UnsafeMutableBufferPointer<Segment>,
                             unitGroups: UnsafeBufferPointer<UnitGroup>, known: inout KnownFilter,
                             _ body: (MemberClaims, inout RandomStream, inout KnownFilter) -> Void) {
        var first = 0
        for segment in segments {
            known.start(unitGroups[segment.unitGroup])
            var rng = segment.rng
            for entry in drawn[first..<segment.end] { body(entry, &rng, &known) }
            first = segment.end
        }
    }

    /// Pays every claimant of a class: `amounts` turns a buffer of up to `PreparedSeverity.batch`
    /// slots into as many claimants' payments in fen, and each member's column gets the sum of
    /// its claimants' (whole fen, so the `Double` sums are exact). Claimants of a unit group are
    /// exchangeable, so they are paid in one run, in member order, a batch at a time, from the
    /// unit group's stream. Only the first `keep(count, line)` claimants of each member are
    /// added to the row (all of them, unless the run sees only the claims known at a clearing
    /// date); the others still draw their amounts, so the draws are those of the full run.
    @inline(__always)
    func payEach(_ drawn: UnsafeBufferPointer<MemberClaims>, _ segments: UnsafeMutableBufferPointer<Segment>,
                 line: ClaimLine, row: UnsafeMutablePointer<Double>, memberColumn: UnsafeBufferPointer<Int32>,
                 unitGroups: UnsafeBufferPointer<UnitGroup>, known: inout KnownFilter, buffer: UnsafeMutableBufferPointer<Double>,
                 amounts: (UnsafeMutableBufferPointer<Double>, inout RandomStream) -> Void) {
        let lineOffset = line.index * lineStride
        var first = 0
        for s in segments.indices {
            known.start(unitGroups[segments[s].unitGroup])
            var stream = segments[s].rng  // in registers (see `SamplerTables.normalSlowPath`)
            let end = segments[s].end
            var remaining = 0
            for i in first..<end { remaining += Int(drawn[i].count) }
            var filled = 0, used = 0
            for i in first..<end {
                let entry = drawn[i]
                var left = Int(entry.count), memberFen = 0.0
                var counted = known.keep(left, line)
                while left > 0 {
                    if used == filled {
                        // The payments of the unit group's next claimants, a buffer at most.
                        filled = min(remaining, buffer.count)
                        amounts(UnsafeMutableBufferPointer(start: buffer.baseAddress!, count: filled), &stream)
                        used = 0
                    }
                    let take = min(left, filled - used), summed = min(take, counted)
                    // Whole fen below 2⁵³: any order of addition gives the same sum, so two
                    // running sums halve the chain of dependent additions.
                    var even = 0.0, odd = 0.0, j = used
                    while j + 1 < used + summed {
                        even += buffer[j]
                        odd += buffer[j + 1]
                        j += 2
                    }
                    if j < used + summed { even += buffer[j] }
                    memberFen += even + odd
                    counted -= summed
                    used += take
                    left -= take
                    remaining -= take
                }
                row[Int(memberColumn[Int(entry.member)]) + lineOffset] += memberFen
            }
            first = end
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

    /// The gap law of a class's claimants in one trial: Exponential(rate) along entrant-months
    /// (streams), or Geometric(q) failures along persons (fixed cohorts), as ⌊E · scale⌋.
    struct ClaimantGaps {
        var rate: Double
        var isPoisson: Bool
        var scale: Double
        var binomial: BinomialDraws

        init(rate: Double, isPoisson: Bool) {
            self.rate = rate
            self.isPoisson = isPoisson
            // 0 when q = 1: every person claims.
            scale = isPoisson ? 1 / rate : (rate >= 1 ? 0 : -1 / log1p(-rate))
            binomial = BinomialDraws(p: isPoisson ? 0 : min(rate, 1))
        }

        /// Whether a unit group of `members` cohorts holding `total` persons (or entrant-months)
        /// draws one count per member (many claimants per member) rather than walking the gaps.
        @inline(__always)
        func countsPerMember(total: Double, members: Int) -> Bool {
            rate * total > TrialKernel.claimantsPerMemberForCounts * Double(members)
        }

        /// The position of the next claimant a gap drawn as the standard exponential `e` reaches.
        @inline(__always)
        func gap(_ e: Double) -> Double { isPoisson ? e * scale : (e * scale).floorValue }
    }

    /// Draws the number of claimants of each member cohort of a unit group into `claims`
    /// (members with none left out) and returns how many entries it wrote. `perMember` and
    /// `total` are `gaps.countsPerMember` and the unit group's size, which the caller has.
    @inline(__always)
    static func drawClaimants(_ members: Range<Int>, perMember: Bool, total: Double, gaps: ClaimantGaps,
                              memberEnd: UnsafeBufferPointer<Double>, into claims: UnsafeMutablePointer<MemberClaims>,
                              rng: inout RandomStream, tables: SamplerTables) -> Int {
        let first = members.lowerBound, last = members.upperBound
        let isPoisson = gaps.isPoisson, rate = gaps.rate
        var written = 0
        if perMember {
            // Many claimants per member: one binomial (or Poisson) count per member, all with
            // the class's probability.
            var previousEnd = 0.0
            for m in first..<last {
                let size = memberEnd[m] - previousEnd
                previousEnd = memberEnd[m]
                let k = isPoisson ? rng.poisson(mean: rate * size) : gaps.binomial.sample(n: Int(size), using: &rng)
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
        let step = isPoisson ? 0.0 : 1.0
        var stream = rng  // in registers (see `SamplerTables.normalSlowPath`)
        defer { rng = stream }
        var position = gaps.gap(tables.standardExponential(using: &stream))
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
            position += step + gaps.gap(tables.standardExponential(using: &stream))
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
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: fen.count) { totals in
            for i in fen.indices { totals[i] = Money(roundingYuan: Swift.min(saturation, scale * fen[i])).fen }
            schedule.benefitsInPlace(totals)
            for i in fen.indices { fen[i] = Double(totals[i]) }
        }
    }

    /// Admission grants: the level of each admitted person, in proportion to the levels'
    /// probabilities (sequential conditional binomials: an exact multinomial split).
    @inline(__always)
    func admissionFen(claimants k: Int, group: EventGroup, known: inout KnownFilter, rng: inout RandomStream) -> Double {
        var left = k, fen = 0.0
        for level in group.levelStart..<group.levelEnd where left > 0 {
            let n = Self.successes(left, admissionLevels[level].share, rng: &rng)
            fen += Double(known.keep(n, .admission)) * admissionLevels[level].fen
            left -= n
        }
        return fen
    }
}
