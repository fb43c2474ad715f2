import Foundation
import JikunPolicy
import JikunSampling

extension TrialKernel {
    /// A member cohort of a stream and its number of claimants in one trial.
    struct MemberClaims {
        var member: Int32
        var count: Int32
    }

    /// A class's walk in one trial, read for each of its members: `rate` is q over the exposure
    /// (fixed cohorts) or the expected claims per expected monthly entrant (entrant streams), so
    /// a member's mean count is rate · size; `hazard` is one person's (or one expected
    /// entrant-month's) stretch of the stream's axis, −log(1 − q) or the rate, and
    /// `personsPerHazard` its inverse (0 when q = 1).
    struct ClassWalk {
        var rate = 0.0
        var hazard = 0.0
        var personsPerHazard = 0.0
    }

    /// What a class's claimants are paid with in one trial.
    struct ClassPay {
        /// q, for one count per fixed cohort that expects many claimants (prepared only for a
        /// class that has such a cohort).
        var binomial = BinomialDraws(p: 0)
        /// Competing deaths: a death's chance of being accidental.
        var accidental = BinomialDraws(p: 0)
        /// Accident medical and hospitalisation: the claimants' cost multiplier.
        var severityScale = 1.0
    }

    /// A trial's scratch space: the classes' walks and payment terms, a stream's claim entries,
    /// and a batch of amounts (allocated once a trial).
    struct Scratch {
        var walks: UnsafeMutableBufferPointer<ClassWalk>
        var pays: UnsafeMutableBufferPointer<ClassPay>
        var claims: UnsafeMutableBufferPointer<MemberClaims>
        var amounts: UnsafeMutableBufferPointer<Double>
    }

    /// The members' tables of `EventGroups`, as buffers for the trial.
    struct Members {
        var group: UnsafeBufferPointer<Int32>
        var column: UnsafeBufferPointer<Int32>
        var size: UnsafeBufferPointer<Double>
    }

    /// Who of a stream's claimants are paid into the row: all of them, or in a run that sees
    /// only the claims known at a clearing date (`simulate --as-of`, `Visibility`) those known,
    /// drawn from a stream of the unit stream's own.
    struct KnownFilter {
        let visibility: Visibility?
        var stream = RandomStream(state0: 1, state1: 0, state2: 0, state3: 0)

        init(visibility: Visibility?, groupKey: UInt64, unitStream: UnitStream) {
            self.visibility = visibility
            if let visibility { stream = visibility.stream(groupKey: groupKey, unitStream: unitStream) }
        }

        /// Of n claimants of `line` in class `group`, how many are known.
        @inline(__always)
        mutating func keep(_ n: Int, _ line: ClaimLine, group: Int) -> Int {
            guard let visibility, n > 0 else { return n }
            return TrialKernel.successes(n, visibility.draws(group: group, line: line), rng: &stream)
        }
    }

    /// Samples one trial's claims (fen) into `row` (length `columns.count`, zeroed by the caller),
    /// using factor values already drawn into `state`. Each `UnitStream` draws from its own
    /// stream keyed by (`groupKey`, the stream's identity hash), so a variant that changes some
    /// events, or one unit's, leaves the other streams' draws as they were: common random
    /// numbers stay aligned across `jikun compare`.
    ///
    /// Each class first computes its probability; then each stream walks its members for their
    /// numbers of claimants, and pays them.
    func sampleTrial(into row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState,
                     groupKey: UInt64, counters: inout Counters) {
        let storage = groupsStorage
        var walkArray = [ClassWalk](repeating: ClassWalk(), count: storage.groups.count)
        var payArray = [ClassPay](repeating: ClassPay(), count: storage.groups.count)
        walkArray.withUnsafeMutableBufferPointer { walks in
        payArray.withUnsafeMutableBufferPointer { pays in
        var claimArray = [MemberClaims](repeating: MemberClaims(member: 0, count: 0), count: storage.largestStream)
        claimArray.withUnsafeMutableBufferPointer { claims in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: PreparedSeverity.batch) { amounts in
        storage.memberClass.withUnsafeBufferPointer { memberClass in
        storage.memberColumn.withUnsafeBufferPointer { memberColumn in
        storage.memberSize.withUnsafeBufferPointer { memberSize in
            for g in storage.groups.indices {
                let (walk, pay) = classTerms(storage.groups[g], state: state)
                walks[g] = walk
                pays[g] = pay
            }
            let scratch = Scratch(walks: walks, pays: pays, claims: claims, amounts: amounts)
            let members = Members(group: memberClass, column: memberColumn, size: memberSize)
            let streams = RandomStream.Keyed(seed: groupKey)
            counters.cellEvents += storage.unitStreams.count
            for unitStream in storage.unitStreams {
                sampleStream(unitStream, members: members, row: row, state: state, groupKey: groupKey, streams: streams,
                             scratch: scratch, counters: &counters)
            }
        }
        }
        }
        }
        }
        }
        }
    }

    /// A class's probability in the trial (fixed cohorts) or its Poisson rate per entrant-month
    /// (streams), and what its claimants are paid with.
    func classTerms(_ group: EventGroup, state: FactorModel.TrialState) -> (ClassWalk, ClassPay) {
        let u = group.unit
        var pay = ClassPay()
        var passing = 1.0
        var p: Double
        switch group.draw {
        case .competingDeaths:
            let pA = min(1, group.accidentProbability * state.frequency(.accidentDeath, u))
            let pD = min(1, group.diseaseProbability * state.frequency(.diseaseDeath, u))
            p = min(1, pA + pD)
            pay.accidental = BinomialDraws(p: pA + pD > 0 ? pA / (pA + pD) : 0)
        case .line(let line):
            p = min(1, group.probability * state.frequency(line, u))
            if line == .accidentMedical || line == .hospitalisation { pay.severityScale = state.severity(line, u) * group.severityScale }
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
        guard rate > 0 else { return (ClassWalk(), pay) }
        if group.isPoisson { return (ClassWalk(rate: rate, hazard: rate, personsPerHazard: 1 / rate), pay) }
        let q = min(rate, 1)
        if group.hasMembersCountedAtOnce { pay.binomial = BinomialDraws(p: q) }
        if q >= 1 { return (ClassWalk(rate: q, hazard: .infinity, personsPerHazard: 0), pay) }
        let hazard = -log1p(-q)
        return (ClassWalk(rate: q, hazard: hazard, personsPerHazard: 1 / hazard), pay)
    }

    /// Above this many expected claimants at the scenario's base rates, a member is counted at
    /// once by one binomial (or Poisson) draw a trial rather than walked (`EventGroups`). Either
    /// way the counts are exact.
    static let claimantsPerMemberForCounts = 5.0

    /// One stream's claims in one trial.
    @inline(__always)
    func sampleStream(_ unitStream: UnitStream, members: Members, row: UnsafeMutablePointer<Double>,
                      state: FactorModel.TrialState, groupKey: UInt64, streams: RandomStream.Keyed,
                      scratch: Scratch, counters: inout Counters) {
        let tables = SamplerTables.shared
        let walks = UnsafeBufferPointer(scratch.walks)
        let walked = unitStream.walked
        // Most streams of a rare event have no claimant: when a stream without members counted at
        // once has a first output that settles a first gap past every member, the rest of the
        // stream is not seeded. Otherwise the walk goes on from the member where that gap ended.
        var rng: RandomStream, start = walked.lowerBound, residual: Double? = nil
        if unitStream.counted.isEmpty,
           let e = tables.standardExponential(firstOutput: streams.firstOutput(unitStream.stream)) {
            var left = e
            while start < walked.upperBound {
                let length = members.size[start] * walks[Int(members.group[start])].hazard
                if left < length { break }
                left -= length
                start += 1
            }
            if start == walked.upperBound { return }
            rng = streams.stream(unitStream.stream)
            _ = rng.next()  // the first output, read above
            residual = left
        } else {
            rng = streams.stream(unitStream.stream)
        }
        let written = Self.drawClaimants(counted: unitStream.counted, walked: start..<walked.upperBound, residual: residual,
                                         isPoisson: unitStream.isPoisson, members: members, walks: walks,
                                         pays: UnsafeBufferPointer(scratch.pays), into: scratch.claims.baseAddress!,
                                         rng: &rng, tables: tables)
        guard written > 0 else { return }
        let drawn = UnsafeBufferPointer(start: scratch.claims.baseAddress!, count: written)
        for entry in drawn { counters.claimants += Int(entry.count) }
        payStream(unitStream, drawn, members: members, row: row, state: state, groupKey: groupKey, rng: &rng, scratch: scratch)
    }

    /// Draws the number of claimants of each member of a stream into `claims` (members with none
    /// left out) and returns how many entries it wrote: one count for each member counted at once,
    /// then a walk of the others along the stream's axis of cumulative hazard with standard
    /// exponential gaps (`EventGroup`). `residual`: the first gap's distance left from the first
    /// walked member, when the caller has already walked the gap that far; nil: drawn here.
    @inline(__always)
    static func drawClaimants(counted: Range<Int>, walked: Range<Int>, residual firstResidual: Double?, isPoisson: Bool,
                              members: Members, walks: UnsafeBufferPointer<ClassWalk>, pays: UnsafeBufferPointer<ClassPay>,
                              into claims: UnsafeMutablePointer<MemberClaims>, rng: inout RandomStream,
                              tables: SamplerTables) -> Int {
        var stream = rng  // in registers (see `SamplerTables.normalSlowPath`)
        defer { rng = stream }
        var written = 0
        for m in counted {
            let group = Int(members.group[m]), size = members.size[m]
            let k = isPoisson ? stream.poisson(mean: walks[group].rate * size) : pays[group].binomial.sample(n: Int(size), using: &stream)
            if k > 0 {
                claims[written] = MemberClaims(member: Int32(m), count: Int32(k))
                written += 1
            }
        }
        guard !walked.isEmpty else { return written }
        // The distance from the current member's start to the next point.
        var residual = firstResidual ?? tables.standardExponential(using: &stream)
        for m in walked {
            let group = Int(members.group[m])
            let walk = walks[group], size = members.size[m]
            let length = size * walk.hazard
            if residual >= length {
                residual -= length
                continue
            }
            var count: Int32 = 0
            if isPoisson {
                // Every point in the member's stretch is a claim.
                repeat {
                    count &+= 1
                    residual += tables.standardExponential(using: &stream)
                } while residual < length
                residual -= length
            } else if walk.personsPerHazard == 0 {
                // q = 1 in this trial (a factor took the probability to 1): every person claims,
                // and the walk goes on past the member with a fresh gap.
                count = Int32(size)
                residual = tables.standardExponential(using: &stream)
            } else {
                // In persons from the member's start: a point t persons past a boundary b falls in
                // person b + ⌊t⌋, who claims; the walk goes on from that person's end. A person
                // claims at most once per event.
                let scale = walk.personsPerHazard
                // The point lies past the member when t reaches the whole persons left (so ⌊t⌋
                // is formed only below 2⁵³, by truncation: t ≥ 0).
                var boundary = 0.0, t = residual * scale
                while t < size - boundary {
                    count &+= 1
                    boundary += Double(Int64(t)) + 1
                    t = tables.standardExponential(using: &stream) * scale
                }
                residual = (boundary + t - size) * walk.hazard
            }
            // (None when rounding put a point just inside the stretch past its last person.)
            if count > 0 {
                claims[written] = MemberClaims(member: Int32(m), count: count)
                written += 1
            }
        }
        return written
    }

    /// Pays a stream's claimants, from the stream where the counts left it.
    @inline(__always)
    func payStream(_ unitStream: UnitStream, _ drawn: UnsafeBufferPointer<MemberClaims>, members: Members,
                   row: UnsafeMutablePointer<Double>, state: FactorModel.TrialState, groupKey: UInt64,
                   rng: inout RandomStream, scratch: Scratch) {
        let tables = SamplerTables.shared
        let pays = UnsafeBufferPointer(scratch.pays)
        var known = KnownFilter(visibility: visibility, groupKey: groupKey, unitStream: unitStream)
        let stride = lineStride
        @inline(__always) func column(_ entry: MemberClaims, _ line: ClaimLine) -> Int {
            Int(members.column[Int(entry.member)]) + line.index * stride
        }
        @inline(__always) func group(_ entry: MemberClaims) -> Int { Int(members.group[Int(entry.member)]) }
        switch unitStream.draw {
        case .line(.accidentMedical):
            let saturation = medicalSaturationYuan
            payEach(drawn[...], line: .accidentMedical, row: row, members: members, known: &known, buffer: scratch.amounts,
                    rng: &rng) { xs, rng in
                medicalSeverity.fill(xs, using: &rng, tables: tables)
            } pay: { xs, entry in
                let scale = pays[group(entry)].severityScale
                // `min(saturation, ·)` also maps NaN (∞ × 0) to the saturation point.
                for i in xs.indices { xs[i] = Swift.min(saturation, scale * xs[i]) }
                accident.firstMedicalPaymentsInPlace(xs)
            }
        case .line(.hospitalisation):
            let schedule = schedules[unitStream.period], saturation = hospitalSaturationYuan[unitStream.period]
            // The cost law moves with the members' severity scale (`hospitalVariant`): one run
            // of entries at a time with the same law.
            var start = 0
            while start < drawn.count {
                let variant = groupsStorage.groups[group(drawn[start])].hospitalVariant
                var end = start + 1
                while end < drawn.count && groupsStorage.groups[group(drawn[end])].hospitalVariant == variant { end += 1 }
                let cost = state.hospitalAbove(unitStream.unit, unitStream.period, variant: variant)
                payEach(drawn[start..<end], line: .hospitalisation, row: row, members: members, known: &known,
                        buffer: scratch.amounts, rng: &rng) { xs, rng in
                    cost.fill(xs, using: &rng, tables: tables)
                } pay: { xs, entry in
                    hospitalFen(xs, scale: pays[group(entry)].severityScale, schedule: schedule, saturation: saturation)
                }
                start = end
            }
        case .line(.accidentDisability):
            payEach(drawn[...], line: .accidentDisability, row: row, members: members, known: &known, buffer: scratch.amounts,
                    rng: &rng) { fen, rng in
                disabilityFen(fen, rng: &rng)
            } pay: { _, _ in }
        case .competingDeaths:
            for entry in drawn {
                let k = Int(entry.count), g = group(entry)
                let accidents = Self.successes(k, pays[g].accidental, rng: &rng)
                row[column(entry, .accidentDeath)] += Double(known.keep(accidents, .accidentDeath, group: g)) * deathFen
                row[column(entry, .diseaseDeath)] += Double(known.keep(k - accidents, .diseaseDeath, group: g)) * diseaseDeathFen
            }
        case .line(.admission):
            for entry in drawn {
                let g = group(entry)
                row[column(entry, .admission)] += admissionFen(claimants: Int(entry.count), group: groupsStorage.groups[g],
                                                               classIndex: g, known: &known, rng: &rng)
            }
        case .line(let line):
            // One amount per claimant: deaths and student critical illness.
            let fen = line == .studentCriticalIllness ? studentFen : (line == .accidentDeath ? deathFen : diseaseDeathFen)
            for entry in drawn {
                row[column(entry, line)] += Double(known.keep(Int(entry.count), line, group: group(entry))) * fen
            }
        }
    }

    /// Pays every claimant of a run of a stream's entries: `draws` fills a buffer of up to
    /// `PreparedSeverity.batch` slots with as many claimants' draws from the stream, in member
    /// order, and `pay` turns an entry's draws into its claimants' payments in fen (whole fen,
    /// so the `Double` sums are exact); each member's column gets the sum. Only the first
    /// `keep(count, line)` claimants of each member are added to the row (all of them, unless
    /// the run sees only the claims known at a clearing date); the others still draw their
    /// amounts, so the draws are those of the full run.
    @inline(__always)
    func payEach(_ drawn: Slice<UnsafeBufferPointer<MemberClaims>>, line: ClaimLine, row: UnsafeMutablePointer<Double>,
                 members: Members, known: inout KnownFilter, buffer: UnsafeMutableBufferPointer<Double>,
                 rng: inout RandomStream,
                 draws: (UnsafeMutableBufferPointer<Double>, inout RandomStream) -> Void,
                 pay: (UnsafeMutableBufferPointer<Double>, MemberClaims) -> Void) {
        let lineOffset = line.index * lineStride
        var stream = rng  // in registers (see `SamplerTables.normalSlowPath`)
        defer { rng = stream }
        var remaining = 0
        for entry in drawn { remaining += Int(entry.count) }
        var filled = 0, used = 0
        for entry in drawn {
            var left = Int(entry.count), memberFen = 0.0
            var counted = known.keep(left, line, group: Int(members.group[Int(entry.member)]))
            while left > 0 {
                if used == filled {
                    // The draws of the run's next claimants, a buffer at most.
                    filled = min(remaining, buffer.count)
                    draws(UnsafeMutableBufferPointer(start: buffer.baseAddress!, count: filled), &stream)
                    used = 0
                }
                let take = min(left, filled - used), summed = min(take, counted)
                pay(UnsafeMutableBufferPointer(start: buffer.baseAddress! + used, count: take), entry)
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
            row[Int(members.column[Int(entry.member)]) + lineOffset] += memberFen
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

    /// Critical-illness supplement: each claimant's period total s·X (X drawn given that it
    /// exceeds the deductible) through the period's tiered schedule B(X) (clamped where B is
    /// flat: `hospitalSaturationYuan`), in place.
    @inline(__always)
    func hospitalFen(_ amounts: UnsafeMutableBufferPointer<Double>, scale: Double, schedule: CriticalIllnessSchedule,
                     saturation: Double) {
        for i in amounts.indices { amounts[i] = Swift.min(saturation, scale * amounts[i]) }
        schedule.benefitsInPlace(totalsYuan: amounts)
    }

    /// Admission grants: the level of each admitted person, in proportion to the levels'
    /// probabilities (sequential conditional binomials: an exact multinomial split).
    @inline(__always)
    func admissionFen(claimants k: Int, group: EventGroup, classIndex: Int, known: inout KnownFilter,
                      rng: inout RandomStream) -> Double {
        var left = k, fen = 0.0
        for level in group.levelStart..<group.levelEnd where left > 0 {
            let n = Self.successes(left, admissionLevels[level].share, rng: &rng)
            fen += Double(known.keep(n, .admission, group: classIndex)) * admissionLevels[level].fen
            left -= n
        }
        return fen
    }
}
