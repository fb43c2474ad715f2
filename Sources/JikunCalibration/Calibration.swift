#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import JikunPolicy
import JikunSampling
import JikunSimulation
import JikunTables

/// How `calibrate` reads the experience.
public struct CalibrationOptions: Sendable {
    /// The date the claims files were extracted.
    public var asOf: CivilDate
    /// Months before `asOf` left out of exposure and claims as immature (0: all taken as complete).
    public var maturityMonths = 0
    /// Hospitalisation totals are filed only above this amount (left truncation; 0: all filed).
    public var reportedAbove = 0.0
    /// Per amount line, totals at or above this value are known only to exceed it (right-censored).
    public var censoredAt: [ClaimLine: Double] = [:]
    /// Severity trend per year, applied over `trendYears` (target year − experience year).
    public var trendPerYear = 0.0
    public var trendYears = 0.0
    /// Pooling threshold (see `FrequencyFitter`).
    public var minClaimants = 30
    /// Coverage of the intervals shown.
    public var level = 0.95
    /// Choose the severity family by BIC instead of AIC.
    public var selectByBIC = false
    /// Study only these units' persons and claims (one insurer's districts); nil: all.
    public var units: Set<Int>? = nil
    /// Reported shares by origin month (`--development`): complete the recent months' claims.
    public var development: DevelopmentShares? = nil

    public init(asOf: CivilDate) {
        self.asOf = asOf
    }

    public var trendFactor: Double { pow(1 + trendPerYear, trendYears) }
}

/// A line's severity: what was observed, every family's fit, and the one chosen.
public struct LineSeverity: Sendable {
    public var line: ClaimLine
    public var observations: SeverityObservations
    public var fits: [SeverityFit]
    public var failures: [String]
    public var chosen: SeverityFit
    /// The chosen law trended to the target year.
    public var trended: Severity
    /// Person-period totals of 0 (or at most the reporting threshold), not part of the fit.
    public var leftOut: Int
}

/// Per-unit credibility for one line: ratios of observed to fitted claimants per period,
/// weighted by the person-years.
public struct UnitCredibility: Sendable {
    public var line: FrequencyLine
    public var units: [Int]
    public var observed: [Int]
    public var expected: [Double]
    /// The Bühlmann–Straub weights w_jΣ: person-years (student-years for the student line).
    public var personYears: [Double]
    public var model: BuhlmannStraub?
    public var failure: String?
    /// Credibility multipliers, rescaled so the units' expected total is unchanged (1 when the
    /// model finds no heterogeneity).
    public var multipliers: [Double]
}

public struct AdmissionFit: Sendable {
    public var level: Int
    public var band: Int
    public var exposed: Int
    public var admitted: Int
    public var probability: Double
    public var standardError: Double
    public var interval: ConfidenceInterval?
}

public struct GradeFit: Sendable {
    public var claims: Int
    public var shares: [Double]
    public var standardErrors: [Double]
}

/// Everything `calibrate` learnt.
public struct CalibrationResult: Sendable {
    public var options: CalibrationOptions
    public var experience: Experience
    public var frequencies: [FrequencyLine: FrequencyFit]
    public var severities: [ClaimLine: LineSeverity]
    public var credibility: [FrequencyLine: UnitCredibility]
    public var admissions: [AdmissionFit]
    public var grades: GradeFit?
    /// S(reportedAbove) of the chosen hospitalisation law (1 when every total is filed).
    public var hospitalReported: Double
    public var notes: [String]
}

public enum Calibrator {
    public static func calibrate(_ sources: [ExperienceSource], base: Scenario, options: CalibrationOptions) throws -> CalibrationResult {
        let experience = try Experience(sources: sources, scenario: base, asOf: options.asOf, maturityMonths: options.maturityMonths, units: options.units)
        guard experience.personYears > 0 else {
            throw PolicyInputError.usage("the rosters give no exposure up to --as-of \(options.asOf) (less \(options.maturityMonths) immature months): nothing to calibrate on")
        }
        var notes: [String] = []
        let fitter = FrequencyFitter(minClaimants: options.minClaimants, level: options.level)

        // Severities first: the hospitalisation frequency needs S(threshold).
        var severities: [ClaimLine: LineSeverity] = [:]
        for (line, totals, base) in [(ClaimLine.hospitalisation, experience.hospitalTotals, base.events.hospitalisationSeverity),
                                     (.accidentMedical, experience.medicalTotals, base.events.accidentMedicalSeverity)] {
            let threshold = line == .hospitalisation ? options.reportedAbove : 0
            let cap = options.censoredAt[line]
            var exact: [Double] = [], censored: [Double] = [], leftOut = 0
            for (_, amount) in totals {
                if amount <= threshold || amount <= 0 { leftOut += 1; continue }
                if let cap, amount >= cap { censored.append(cap) } else { exact.append(amount) }
            }
            if leftOut > 0 {
                notes.append(threshold > 0
                    ? "\(line.rawValue): \(leftOut) person-period totals of 0 or at most --reported-above \(grouped(threshold, decimals: threshold == threshold.rounded() ? 0 : 2)) left out of the severity and the frequency"
                    : "\(line.rawValue): \(leftOut) person-period totals of 0 left out of the severity")
            }
            guard exact.count >= options.minClaimants else {
                notes.append("\(line.rawValue): \(exact.count) exact amounts, fewer than \(options.minClaimants): severity kept from the base")
                continue
            }
            let data = try SeverityObservations(exact: exact, censored: censored, truncation: threshold)
            // Splice point: the base's when it is spliced, else the 95th percentile of the amounts.
            let splice: Double
            if case .spliced(_, let t, _, _) = base, t > threshold { splice = t } else { splice = exact[Int(Double(exact.count - 1) * 0.95)] }
            let (fits, failures) = SeverityFitter(spliceThreshold: splice).fitAll(data)
            guard !fits.isEmpty else {
                notes.append("\(line.rawValue): no family could be fitted (\(failures.map { "\($0.0.rawValue): \($0.1)" }.joined(separator: "; "))); severity kept from the base")
                continue
            }
            let chosen = options.selectByBIC ? fits.min { $0.bic < $1.bic }! : fits[0]
            severities[line] = LineSeverity(line: line, observations: data, fits: fits,
                                            failures: failures.map { "\($0.0.rawValue): \($0.1)" }, chosen: chosen,
                                            trended: chosen.severity.scaled(by: options.trendFactor), leftOut: leftOut)
        }
        let reported = options.reportedAbove > 0 ? (severities[.hospitalisation]?.chosen.severity.survival(options.reportedAbove) ?? 1) : 1
        if options.reportedAbove > 0, severities[.hospitalisation] == nil {
            notes.append("hospitalisation: no fitted severity to correct the frequency for totals at or below \(options.reportedAbove); the base's is used")
        }
        let hospitalReported = options.reportedAbove > 0 && severities[.hospitalisation] == nil
            ? base.events.hospitalisationSeverity.survival(options.reportedAbove) : reported

        var frequencies: [FrequencyLine: FrequencyFit] = [:]
        var credibility: [FrequencyLine: UnitCredibility] = [:]
        for line in FrequencyLine.allCases {
            let table = base.events.table(line)
            let threshold = line == .hospitalisation ? options.reportedAbove : 0
            let groups = experience.groups(line, threshold: threshold, development: options.development)
            let claimants = groups.reduce(0) { $0 + $1.claimants }
            guard claimants >= options.minClaimants else {
                notes.append("\(line.claimLine.rawValue): \(claimants) claimants, fewer than \(options.minClaimants); rates kept from the base")
                continue
            }
            let s = line == .hospitalisation ? hospitalReported : 1
            var fit = fitter.fit(groups, baseByAge: table.byAge, baseCategoryMultipliers: table.categoryMultipliers, reported: s)
            // The rate is claimants ÷ S(threshold): add the fitted S's own uncertainty to the levels.
            if line == .hospitalisation, options.reportedAbove > 0, let sev = severities[.hospitalisation] {
                let extra = sev.chosen.logSurvivalStandardError(at: options.reportedAbove)
                fit.levelStandardError = (fit.levelStandardError * fit.levelStandardError + extra * extra).squareRoot()
                for b in fit.byAge.indices where fit.byAge[b] > 0 {
                    let relative = fit.byAgeStandardErrors[b] / fit.byAge[b]
                    fit.byAgeStandardErrors[b] = fit.byAge[b] * (relative * relative + extra * extra).squareRoot()
                }
            }
            frequencies[line] = fit
            credibility[line] = unitCredibility(line, fit: fit, experience: experience, base: base, reported: s, threshold: threshold,
                                                minClaimants: options.minClaimants, development: options.development)
        }

        var admissions: [AdmissionFit] = []
        for level in base.events.admission.levels {
            let n = experience.admissionExposed[level.level], d = experience.admitted[level.level]
            guard n > 0 else { continue }
            let p = Double(d) / Double(n)
            admissions.append(AdmissionFit(level: level.level, band: level.band, exposed: n, admitted: d, probability: p,
                                           standardError: (p * (1 - p) / Double(n)).squareRoot(),
                                           interval: ExactInterval.binomial(successes: d, trials: n, level: options.level)))
        }

        var grades: GradeFit?
        let gradeCount = base.edition.accident.mildestGrade
        if experience.disabilityGrades.count >= options.minClaimants {
            let n = Double(experience.disabilityGrades.count)
            var counts = [Double](repeating: 0, count: gradeCount)
            for g in experience.disabilityGrades { counts[g - 1] += 1 }
            let shares = counts.map { $0 / n }
            grades = GradeFit(claims: experience.disabilityGrades.count, shares: shares,
                              standardErrors: shares.map { ($0 * (1 - $0) / n).squareRoot() })
        }
        return CalibrationResult(options: options, experience: experience, frequencies: frequencies, severities: severities,
                                 credibility: credibility, admissions: admissions, grades: grades,
                                 hospitalReported: hospitalReported, notes: notes)
    }

    /// Bühlmann–Straub over units: X_jt = observed / fitted claimants of unit j in period t,
    /// weights the person-years (student-years for the student line).
    static func unitCredibility(_ line: FrequencyLine, fit: FrequencyFit, experience: Experience, base: Scenario,
                                reported: Double, threshold: Double, minClaimants: Int,
                                development: DevelopmentShares? = nil) -> UnitCredibility {
        let periods = experience.periodCount, units = base.edition.units.count
        var expected = [Double](repeating: 0, count: units * periods), observed = [Int](repeating: 0, count: units * periods)
        var personYears = expected
        for (key, counts) in experience.cells {
            let persons = line == .studentCriticalIllness ? counts.students : counts.persons
            guard persons > 0 else { continue }
            let p = fit.byAge[key.band] * fit.categoryMultipliers[key.category]
            let r = development?.meanShare(line.claimLine, lastMonth: experience.periodLastMonth[key.period], months: key.months) ?? 1
            let q = reported * r * -expm1(Double(key.months) / 12 * log1p(-min(p, 1 - 1e-12)))
            expected[key.unit * periods + key.period] += Double(persons) * q
            personYears[key.unit * periods + key.period] += Double(persons * key.months) / 12
            observed[key.unit * periods + key.period] += counts.claimants[line.rawValue]
        }
        let totals = line == .hospitalisation ? experience.hospitalTotals : line == .accidentMedical ? experience.medicalTotals : []
        for (key, amount) in totals where amount > threshold { observed[key.unit * periods + key.period] += 1 }
        return unitCredibility(line, observed: observed, expected: expected, personYears: personYears, units: units, periods: periods,
                               claimants: fit.claimants, minClaimants: minClaimants)
    }

    /// The credibility step on per (unit, period) tables at `unit · periods + period`: ratios
    /// observed ÷ expected, weighted by person-years, as the issue asks. The ratio's variance
    /// is 1/expected, so person-years are the exact Bühlmann–Straub weights for units of the
    /// portfolio's mix and an approximation for the others; a period with no expected claims
    /// (or no exposure) is left out.
    static func unitCredibility(_ line: FrequencyLine, observed: [Int], expected: [Double], personYears: [Double],
                                units: Int, periods: Int, claimants: Int, minClaimants: Int) -> UnitCredibility {
        var ratios: [[Double]] = [], weights: [[Double]] = [], used: [Int] = []
        for u in 0..<units {
            var r: [Double] = [], w: [Double] = []
            for p in 0..<periods where expected[u * periods + p] > 1e-9 && personYears[u * periods + p] > 0 {
                r.append(Double(observed[u * periods + p]) / expected[u * periods + p])
                w.append(personYears[u * periods + p])
            }
            if !w.isEmpty { ratios.append(r); weights.append(w); used.append(u) }
        }
        let unitExpected = used.map { u in (0..<periods).reduce(0) { $0 + expected[u * periods + $1] } }
        let unitObserved = used.map { u in (0..<periods).reduce(0) { $0 + observed[u * periods + $1] } }
        let unitPersonYears = used.map { u in (0..<periods).reduce(0) { $0 + personYears[u * periods + $1] } }
        func result(_ model: BuhlmannStraub?, _ failure: String?, _ multipliers: [Double]) -> UnitCredibility {
            UnitCredibility(line: line, units: used, observed: unitObserved, expected: unitExpected, personYears: unitPersonYears,
                            model: model, failure: failure, multipliers: multipliers)
        }
        guard claimants >= minClaimants else { return result(nil, "fewer than \(minClaimants) claimants", used.map { _ in 1 }) }
        do {
            let model = try BuhlmannStraub(ratios: ratios, weights: weights)
            guard model.betweenVariance > 0 else { return result(model, nil, used.map { _ in 1 }) }
            // Rescaled so that the units' fitted total is unchanged.
            let scale = zip(unitExpected, model.premiums).reduce(0) { $0 + $1.0 * $1.1 } / unitExpected.reduce(0, +)
            return result(model, nil, model.premiums.map { $0 / scale })
        } catch {
            return result(nil, error.description, used.map { _ in 1 })
        }
    }
}

extension EventModel {
    public func table(_ line: FrequencyLine) -> FrequencyTable {
        switch line {
        case .accidentDeath: accidentDeath
        case .diseaseDeath: diseaseDeath
        case .accidentDisability: accidentDisability
        case .accidentMedical: accidentMedical
        case .hospitalisation: hospitalisation
        case .studentCriticalIllness: studentCriticalIllness
        }
    }
}

extension Severity {
    /// The law of f·X (f > 0): a trend or a currency change.
    public func scaled(by f: Double) -> Severity {
        if f == 1 { return self }
        switch self {
        case let .lognormal(mu, sigma): return .lognormal(mu: mu + log(f), sigma: sigma)
        case let .gamma(shape, scale): return .gamma(shape: shape, scale: scale * f)
        case let .lomax(shape, scale): return .lomax(shape: shape, scale: scale * f)
        case let .spliced(body, threshold, p, shape):
            return .spliced(body: body.scaled(by: f), threshold: threshold * f, tailProbability: p, tailShape: shape)
        case let .empirical(xs, cdf): return .empirical(xs: xs.map { $0 * f }, cdf: cdf)
        }
    }
}
