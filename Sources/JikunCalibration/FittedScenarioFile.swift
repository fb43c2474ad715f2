import Foundation
import JikunPolicy
import JikunSampling
import JikunSimulation

/// The scenario file `calibrate` writes: it `extends` the base and overrides only what was
/// fitted, each value with a comment naming its data.
public struct FittedScenarioFile: Sendable {
    public var result: CalibrationResult
    public var base: Scenario
    /// The base file as given on the command line, and where the output goes.
    public var basePath: String
    public var outPath: String
    /// Keep the base's systemic factors beside the fitted parameter-uncertainty factors.
    public var keepBaseFactors: Bool
    /// The edition the fitted model runs on, when it is not the base's (`--target-edition`).
    public var targetEdition: TargetEdition?

    /// An edition file whose own tables are copied into the fitted file, so that the fit runs
    /// on its periods, premium and benefits. It must extend the base's edition (checked by the
    /// caller by loading the result).
    public struct TargetEdition: Sendable {
        public var path: String
        /// The file's text.
        public var text: String
        public var edition: Edition

        public init(path: String, text: String, edition: Edition) {
            self.path = path
            self.text = text
            self.edition = edition
        }

        /// The file's lines without its `extends`: the base already brings the edition it extends.
        var ownLines: [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("extends") else { return true }
                return !t.dropFirst("extends".count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
            }
        }
    }

    public init(result: CalibrationResult, base: Scenario, basePath: String, outPath: String, keepBaseFactors: Bool) {
        self.result = result
        self.base = base
        self.basePath = basePath
        self.outPath = outPath
        self.keepBaseFactors = keepBaseFactors
    }

    /// The path of `target` relative to the folder of `from` (both made absolute).
    public static func relativePath(to target: String, fromFileIn from: String) -> String {
        let t = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let f = URL(fileURLWithPath: from).standardizedFileURL.deletingLastPathComponent().pathComponents
        var common = 0
        while common < min(t.count, f.count), t[common] == f[common] { common += 1 }
        let ups = [String](repeating: "..", count: f.count - common)
        return (ups + t[common...]).joined(separator: "/")
    }

    static func number(_ x: Double) -> String {
        if x == 0 { return "0.0" }
        let text = String(format: "%.6g", x)
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    static func grouped(_ x: Double, decimals: Int = 1) -> String {
        let text = String(format: "%.\(decimals)f", x)
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0])
        let negative = digits.first == "-"
        if negative { digits.removeFirst() }
        var out: [Character] = []
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (negative ? "-" : "") + String(out) + (parts.count > 1 ? "." + parts[1] : "")
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    var dataName: String {
        result.experience.sources.map { "\(($0.roster as NSString).lastPathComponent) + \(($0.claimsFile as NSString).lastPathComponent)" }
            .joined(separator: ", ")
    }

    public func render() -> String {
        let e = base.edition, x = result.experience, o = result.options
        var out: [String] = []
        let name = ((outPath as NSString).lastPathComponent as NSString).deletingPathExtension
        out.append("# Fitted by `jikun calibrate` to \(dataName), claims known at \(o.asOf).")
        out.append("# Experience: \(x.persons) insured persons, \(Self.grouped(x.personYears)) person-years (whole premium months, docs/rules.md §2),")
        out.append("# \(x.claimsUsed) insured claims used; \(x.claimsNotUsed.values.reduce(0, +)) not insured or not payable, \(x.claimsAfterCutoff) after the maturity cutoff.")
        if let units = o.units {
            out.append("# Units studied: \(units.sorted().map { e.units[$0].key }.joined(separator: ", ")) (\(x.claimsOfOtherUnits) claims of other units left out);")
            out.append("# the fitted rates apply to every unit of the scenario.")
        }
        if let d = o.development {
            out.append("# Maturity: claims for events up to \(o.asOf) less \(o.maturityMonths) month(s), completed by the reported shares of")
            out.append("# \((d.path as NSString).lastPathComponent) (jikun develop) per origin month; exposure stops at the same month.")
        } else {
            out.append("# Maturity: claims for events up to \(o.asOf) less \(o.maturityMonths) month(s) are taken as fully reported (no development")
            out.append("# factors applied); exposure stops at the same month.")
        }
        out.append("# Trend: severities × \(Self.number(o.trendFactor)) (\(Self.number(o.trendPerYear * 100)) % a year over \(Self.number(o.trendYears)) years).")
        out.append("# Everything not below is the base scenario's. Standard errors (SE) are from the Fisher information.")
        out.append("")
        out.append("extends = \(Self.quoted(Self.relativePath(to: basePath, fromFileIn: outPath)))")
        out.append("")
        if let t = targetEdition {
            out.append("# ---------------------------------------------------------------------------------------------")
            out.append("# TARGET EDITION — the tables of \(t.path) (edition \(t.edition.name)), copied here so that")
            out.append("# the fitted model runs on its periods, premium and benefits (--target-edition).")
            out.append(contentsOf: t.ownLines)
            out.append("# ---------------------------------------------------------------------------------------------")
            out.append("")
        }
        out.append("[scenario]")
        out.append("name = \(Self.quoted(name))")
        out.append("title = \(Self.quoted("\(base.title) — fitted to \(dataName) (as of \(o.asOf))"))")
        out.append("source = \(Self.quoted("jikun calibrate on \(dataName), as of \(o.asOf); base \(base.name)"))")
        out.append("")

        for line in FrequencyLine.allCases {
            guard let fit = result.frequencies[line] else { continue }
            let key = line.claimLine.rawValue
            out.append("[events.\(key)]")
            out.append("source = \(Self.quoted("fitted: \(dataName): \(fit.claimants) claimants over \(Self.grouped(fit.personYears)) \(line == .studentCriticalIllness ? "student-years" : "person-years")"))")
            let poolText = fit.pools.map { "[" + $0.map { base.ageBands[$0].key }.joined(separator: " ") + "]" }.joined(separator: " ")
            out.append("# age pools (≥ \(o.minClaimants) claimants each, base shape kept inside a pool): \(poolText)")
            out.append("# SE by band: [" + fit.byAgeStandardErrors.map(Self.number).joined(separator: ", ") + "]")
            if line == .hospitalisation, o.reportedAbove > 0 {
                out.append("# totals filed only above \(Self.number(o.reportedAbove)): the rate is claimants ÷ S(\(Self.number(o.reportedAbove))) = ÷ \(Self.number(result.hospitalReported))")
            }
            out.append("by_age = [" + fit.byAge.map(Self.number).joined(separator: ", ") + "]")
            if line == .accidentDisability, let g = result.grades {
                out.append("# grade shares from \(g.claims) disabled persons' effective grades; SE [" + g.standardErrors.map(Self.number).joined(separator: ", ") + "]")
                out.append("grade_distribution = [" + g.shares.map { String(format: "%.10g", $0) }.joined(separator: ", ") + "]")
            }
            if fit.categoryFitted.contains(true) {
                out.append("[events.\(key).category_multipliers]")
                for (c, category) in e.categories.enumerated() where fit.categoryFitted[c] {
                    let claims = fit.cells.filter { $0.category == c }.reduce(0) { $0 + $1.claimants }
                    out.append("\(category.key) = \(Self.number(fit.categoryMultipliers[c]))   # fitted: \(claims) claimants, SE \(Self.number(fit.categoryStandardErrors[c]))")
                }
            }
            let kept = e.categories.indices.filter { !fit.categoryFitted[$0] }.map { e.categories[$0].key }
            if !kept.isEmpty { out.append("# category multipliers kept from the base (reference or fewer than \(o.minClaimants) claimants): \(kept.joined(separator: ", "))") }
            // The rates were fitted to every unit alike, so the base's unit multipliers must not
            // stay on top of them: the fitted table replaces the base's whole (empty when none).
            let baseHasUnitEffect = base.events.table(line).unitMultipliers.contains { $0 != 1 }
            if let cred = result.credibility[line], let model = cred.model, model.betweenVariance > 0 {
                out.append("[events.\(key).unit_multipliers]")
                out.append("replace = true   # units not listed: 1")
                out.append("source = \(Self.quoted("Bühlmann–Straub over units (weights: person-years), between-unit variance \(Self.number(model.betweenVariance)), within \(Self.number(model.withinVariance))"))")
                for (i, u) in cred.units.enumerated() {
                    out.append("\(e.units[u].key) = \(Self.number(cred.multipliers[i]))   # Z \(String(format: "%.3f", model.credibility[i])), observed \(cred.observed[i]) / fitted \(String(format: "%.1f", cred.expected[i]))")
                }
            } else {
                if let cred = result.credibility[line] {
                    out.append("# unit multipliers: none (\(cred.failure ?? "Bühlmann–Straub finds no between-unit variation beyond chance"))")
                }
                if baseHasUnitEffect {
                    out.append("[events.\(key).unit_multipliers]")
                    out.append("replace = true   # the base's unit multipliers do not apply to rates fitted to all units alike")
                }
            }
            if let sev = result.severities[line.claimLine] {
                out.append("")
                out.append(contentsOf: severityLines(sev, key: key))
            }
            out.append("")
        }
        // A fitted severity on a line whose frequency was not fitted.
        for (line, sev) in result.severities.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where result.frequencies[FrequencyLine(line)!] == nil {
            out.append(contentsOf: severityLines(sev, key: line.rawValue))
            out.append("")
        }
        if !result.admissions.isEmpty {
            for a in result.admissions {
                let level = e.admission.levels[a.level].key
                out.append("[events.admission.levels.\(level)]")
                out.append("probability = \(Self.number(a.probability))   # fitted: \(a.admitted) admitted of \(a.exposed) persons in band \(base.ageBands[a.band].key) present in the admission month, SE \(Self.number(a.standardError))")
            }
            out.append("")
        }
        out.append(contentsOf: systemicLines())
        if let t = targetEdition { out.append(contentsOf: populationLines(t.edition)) }
        return out.joined(separator: "\n") + "\n"
    }

    /// The target's periods start with the base's last period's stock and entrants: the fit
    /// says nothing about next year's roster (project it with `--growth` or give `--roster`).
    func populationLines(_ target: Edition) -> [String] {
        let p = base.population, last = base.edition.periods.count - 1
        var out = ["", "[population.periods]", "replace = true   # the target edition's periods",
                   "source = \(Self.quoted("assumption: every period of edition \(target.name) starts as the base's last period \(base.edition.periods[last].key) (\(p.insuredAtStart[last]) insured, \(Self.number(p.entrantsPerMonth[last])) entrants a month); project with --growth or give --roster"))"]
        for period in target.periods {
            out.append("[population.periods.\(period.key)]")
            out.append("insured = \(p.insuredAtStart[last])")
            out.append("entrants_per_month = \(Self.number(p.entrantsPerMonth[last]))")
        }
        return out
    }

    func severityLines(_ sev: LineSeverity, key: String) -> [String] {
        var out: [String] = []
        let c = sev.chosen, data = sev.observations
        out.append("# Severity: \(data.exact.count) exact and \(data.censored.count) right-censored person-period totals\(data.truncation > 0 ? ", left-truncated at \(Self.number(data.truncation))" : ""); \(sev.leftOut) totals of 0\(data.truncation > 0 ? " or at most the threshold" : "") left out.")
        for f in sev.fits {
            out.append("#   \(f.family.rawValue): log L \(String(format: "%.2f", f.logLikelihood)), AIC \(String(format: "%.2f", f.aic)), BIC \(String(format: "%.2f", f.bic)), KS \(String(format: "%.4f", f.kolmogorovSmirnov)), AD \(String(format: "%.3f", f.andersonDarling))\(f.family == c.family ? "  ← chosen" : "")")
        }
        for failure in sev.failures { out.append("#   not fitted: \(failure)") }
        out.append("#   parameters before trend: " + c.parameters.map { "\($0.name) \(Self.number($0.value)) (SE \(Self.number($0.standardError)))" }.joined(separator: ", "))
        out.append("[events.\(key).severity]")
        out.append("replace = true   # the whole table replaces the base's")
        out.append("source = \(Self.quoted("fitted by maximum likelihood to \(data.count) totals of \(dataName)"))")
        out.append(contentsOf: Self.severityKeys(sev.trended, prefix: "events.\(key).severity"))
        return out
    }

    static func severityKeys(_ s: Severity, prefix: String) -> [String] {
        switch s {
        case let .lognormal(mu, sigma): return ["family = \"lognormal\"", "mu = \(number(mu))", "sigma = \(number(sigma))"]
        case let .gamma(shape, scale): return ["family = \"gamma\"", "shape = \(number(shape))", "scale = \(number(scale))"]
        case let .lomax(shape, scale): return ["family = \"lomax\"", "shape = \(number(shape))", "scale = \(number(scale))"]
        case let .spliced(body, threshold, p, shape):
            return ["family = \"spliced\"", "threshold = \(number(threshold))", "tail_probability = \(number(p))",
                    "tail_shape = \(number(shape))", "[\(prefix).body]"] + severityKeys(body, prefix: prefix + ".body")
        case let .empirical(xs, cdf):
            return ["family = \"empirical\"", "x = [" + xs.map(number).joined(separator: ", ") + "]",
                    "cdf = [" + cdf.map(number).joined(separator: ", ") + "]"]
        }
    }

    /// The parameter uncertainty as independent systemic factors (mean-one lognormal with σ =
    /// the SE of the log level), optionally after the base's factors.
    public var fittedFactors: [(key: String, sigma: Double, target: String, basis: String)] {
        var factors: [(String, Double, String, String)] = []
        for line in FrequencyLine.allCases {
            guard let fit = result.frequencies[line], fit.levelStandardError > 0 else { continue }
            factors.append(("fit_frequency_\(line.claimLine.rawValue)", fit.levelStandardError, "frequency.\(line.claimLine.rawValue)",
                            "SE of log(expected claimants) from the Fisher information, \(fit.claimants) claimants"))
        }
        let admitted = result.admissions.reduce(0) { $0 + $1.admitted }
        if admitted > 0 {
            let expected = result.admissions.reduce(0.0) { $0 + Double($1.exposed) * $1.probability }
            let variance = result.admissions.reduce(0.0) { $0 + Double($1.exposed) * $1.probability * (1 - $1.probability) }
            factors.append(("fit_frequency_admission", variance.squareRoot() / expected, "frequency.admission",
                            "binomial SE of the admissions total, \(admitted) admitted"))
        }
        for line in [ClaimLine.hospitalisation, .accidentMedical] {
            guard let sev = result.severities[line] else { continue }
            // Shapes included: the SE of log E[X]; with an infinite mean, the log scale's SE.
            if let sigma = sev.chosen.logMeanStandardError, sigma > 0 {
                factors.append(("fit_severity_\(line.rawValue)", sigma, "severity.\(line.rawValue)",
                                "SE of log E[X] of the \(sev.chosen.family.rawValue) fit, all parameters by the delta method, \(sev.observations.count) totals"))
            } else if sev.chosen.logScaleStandardError > 0 {
                factors.append(("fit_severity_\(line.rawValue)", sev.chosen.logScaleStandardError, "severity.\(line.rawValue)",
                                "SE of the log scale of the \(sev.chosen.family.rawValue) fit (its mean is infinite), \(sev.observations.count) totals"))
            }
        }
        return factors
    }

    func systemicLines() -> [String] {
        var out: [String] = []
        let fitted = fittedFactors
        let baseFactors = keepBaseFactors ? base.factors : []
        let n = baseFactors.count + fitted.count
        out.append("# ---------------------------------------------------------------------------------------------")
        out.append("# PARAMETER UNCERTAINTY — each fitted level's standard error as the σ of an independent")
        out.append("# mean-one lognormal factor, so `jikun simulate` on this file carries it.")
        out.append(keepBaseFactors ? "# The base's factors are kept before them (--keep-base-factors), with their correlations."
                                   : "# The base's factors (uncertainty about its hand-set rates) are replaced; --keep-base-factors keeps them.")
        out.append("[systemic]")
        out.append("source = \(Self.quoted("parameter uncertainty of the fit to \(dataName)" + (keepBaseFactors ? ", after the base's factors" : "")))")
        if n == 0 {
            out.append("factors = []")
            out.append("correlation = []")
            return out
        }
        out.append("correlation = [")
        for i in 0..<n {
            let row = (0..<n).map { j -> String in
                if i < baseFactors.count, j < baseFactors.count { return Self.number(base.correlation[i][j]) }
                return i == j ? "1.0" : "0.0"
            }
            out.append("  [" + row.joined(separator: ", ") + "],")
        }
        out.append("]")
        for f in baseFactors {
            out.append("")
            out.append("[[systemic.factors]]")
            out.append("key = \(Self.quoted(f.key))")
            out.append("sigma = \(Self.number(f.sigma))   # from the base")
            out.append("targets = [" + f.targets.map { Self.quoted($0.key) }.joined(separator: ", ") + "]")
            if let units = f.units { out.append("units = [" + units.sorted().map { Self.quoted(base.edition.units[$0].key) }.joined(separator: ", ") + "]") }
        }
        for f in fitted {
            out.append("")
            out.append("[[systemic.factors]]")
            out.append("key = \(Self.quoted(f.key))")
            out.append("sigma = \(Self.number(f.sigma))   # \(f.basis)")
            out.append("targets = [\(Self.quoted(f.target))]")
        }
        return out
    }
}
