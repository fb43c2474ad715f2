import JikunPolicy
import JikunSampling

/// What a run that sees only the claims known at a clearing date keeps (`simulate --as-of`).
///
/// A claimant's event day within its exposure and its reporting delay are independent of its
/// amount, so whether it is known by the end of the clearing date a is a Bernoulli draw with
///
///     π = Σ_d w(d) · P(X < a − d + 1) / Σ_d w(d)
///
/// over the days d of the group's exposure, X the line's `ReportingDelay` (a line without one is
/// known from its event day on). Events are spread evenly over the exposure: w(d) = 1 over a
/// fixed cohort's months of cover, and over the admission month for admissions; a Poisson
/// stream's day in the j-th month of its period has w(d) = j − 1, the entrant-months then
/// exposed (entrants of months 2…j). This is the model's reading of the event time: the exact
/// first-event density under a constant hazard tilts it by less than p/2 over a year.
///
/// π is the same for every cohort of a class. The known claimants are drawn from a stream of
/// the unit stream's own (its identity, under a fixed key), and every claimant still draws its
/// amount, so the run's draws are those of the full run: in every trial the known claims are a
/// part of the ultimate ones.
struct Visibility: Sendable {
    static let streamKey: UInt64 = 0x6B6E_6F77_6E5F_6174  // "known_at"
    let asOf: CivilDate
    /// `probabilities[group · lines + line.index]`: π of each group and line.
    let probabilities: [Double]
    let binomials: [BinomialDraws]

    init(kernel: TrialKernel, scenario: Scenario, asOf: CivilDate) {
        self.asOf = asOf
        let lines = ClaimColumns.lines
        struct Window: Hashable { var period: Int, kind: Int, months: Int, line: Int }
        var memo: [Window: Double] = [:]
        var probabilities: [Double] = []
        for group in kernel.groupsStorage.groups {
            let period = kernel.edition.periods[group.period]
            for line in lines {
                let kind = group.draw == .line(.admission) ? 2 : (group.isPoisson ? 1 : 0)
                let months = kind == 0 ? Int((group.exposureYears * 12).rounded()) : 0
                let window = Window(period: group.period, kind: kind, months: months, line: line.index)
                if let p = memo[window] { probabilities.append(p); continue }
                let delay = scenario.events.reportingDelays[line]
                var weighted = 0.0, total = 0.0
                var day = period.start
                while day <= period.end {
                    let position = day.monthIndex - period.start.monthIndex + 1
                    let w: Double
                    switch kind {
                    case 2: w = day.month == scenario.events.admission.month ? 1 : 0
                    case 1: w = Double(position - 1)
                    default: w = position > period.months - months ? 1 : 0
                    }
                    if w > 0 {
                        let known = delay?.knownProbability(event: day, asOf: asOf) ?? (day <= asOf ? 1 : 0)
                        weighted += w * known
                        total += w
                    }
                    day = CivilDate(daysSinceEpoch: day.daysSinceEpoch + 1)
                }
                let p = total > 0 ? Swift.min(1, weighted / total) : 0
                memo[window] = p
                probabilities.append(p)
            }
        }
        self.probabilities = probabilities
        binomials = probabilities.map { BinomialDraws(p: $0) }
    }

    @inline(__always)
    func draws(group: Int, line: ClaimLine) -> BinomialDraws {
        binomials[group * ClaimColumns.lines.count + line.index]
    }

    /// The stream of a unit stream's known claimants in one trial.
    @inline(__always)
    func stream(groupKey: UInt64, unitStream: UnitStream) -> RandomStream {
        RandomStream(seed: groupKey, stream: unitStream.stream).substream(Self.streamKey)
    }
}

extension Engine {
    /// The same engine seeing only the claims known by the end of `asOf`: run with the same
    /// options, its trials are those of this engine's run, less the claims not yet reported.
    public func knownClaims(asOf: CivilDate) -> Engine {
        var engine = self
        engine.kernel.visibility = Visibility(kernel: kernel, scenario: scenario, asOf: asOf)
        return engine
    }

    /// π of each group and line (for tests): `[group][line index]` and each group's period and
    /// exposure, as the analytic check needs them.
    func knownProbabilities(asOf: CivilDate) -> [[Double]] {
        let v = Visibility(kernel: kernel, scenario: scenario, asOf: asOf)
        let lines = ClaimColumns.lines.count
        return (0..<kernel.groupsStorage.groups.count).map { Array(v.probabilities[($0 * lines)..<($0 * lines + lines)]) }
    }
}
