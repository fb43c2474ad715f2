import Foundation
import JikunCalibration
import JikunPolicy
import JikunTables
import JikunReports
import JikunSampling
import JikunSimulation

/// `calibrate`'s standard output and its report, both from the same `CalibrationResult`.
public enum CalibrationText {
    static func n(_ x: Double) -> String { String(format: "%.6g", x) }

    static func frequencyRows(_ r: CalibrationResult) -> [[String]] {
        FrequencyLine.allCases.compactMap { line in
            guard let f = r.frequencies[line] else { return nil }
            let rate = f.personYears > 0 ? Double(f.claimants) / f.personYears : 0
            let ci = ExactInterval.poisson(events: f.claimants, exposure: max(f.personYears, 1e-12), level: r.options.level)
            return [line.claimLine.rawValue, String(f.claimants), String(format: "%.1f", f.personYears),
                    String(format: "%.5f", rate), String(format: "%.5f–%.5f", ci.lower, ci.upper),
                    String(format: "%.2f%%", f.levelStandardError * 100), String(f.pools.count)]
        }
    }
    static let frequencyHeader = ["line", "claimants", "person-years", "rate", "95% exact CI", "SE of level", "age pools"]

    static func severityRows(_ r: CalibrationResult) -> [[String]] {
        var rows: [[String]] = []
        for line in [ClaimLine.hospitalisation, .accidentMedical] {
            guard let s = r.severities[line] else { continue }
            for f in s.fits {
                rows.append([line.rawValue, f.family.rawValue + (f.family == s.chosen.family ? " ←" : ""),
                             f.parameters.map { "\($0.name) \(n($0.value)) ± \(n($0.standardError))" }.joined(separator: ", "),
                             String(format: "%.1f", f.aic), String(format: "%.1f", f.bic),
                             String(format: "%.4f", f.kolmogorovSmirnov), String(format: "%.3f", f.andersonDarling)])
            }
        }
        return rows
    }
    static let severityHeader = ["line", "family", "parameters ± SE", "AIC", "BIC", "KS D", "AD A²"]

    /// One row per line: the structure parameters and the range of the credibility factors.
    static func credibilitySummaryRows(_ r: CalibrationResult) -> [[String]] {
        FrequencyLine.allCases.compactMap { line in
            guard let c = r.credibility[line] else { return nil }
            guard let m = c.model else { return [line.claimLine.rawValue, String(c.units.count), "—", "—", "—", "—", c.failure ?? ""] }
            let written = m.betweenVariance > 0
            return [line.claimLine.rawValue, String(c.units.count), n(m.betweenVariance), n(m.withinVariance),
                    String(format: "%.3f–%.3f", m.credibility.min() ?? 0, m.credibility.max() ?? 0),
                    String(format: "%.3f–%.3f", c.multipliers.min() ?? 1, c.multipliers.max() ?? 1),
                    written ? "unit multipliers written" : "no heterogeneity beyond chance: none written"]
        }
    }
    static let credibilitySummaryHeader = ["line", "units", "between â", "within ŝ²", "Z range", "multipliers", "outcome"]

    static func credibilityRows(_ r: CalibrationResult, edition: Edition) -> [[String]] {
        var rows: [[String]] = []
        for line in FrequencyLine.allCases {
            guard let c = r.credibility[line], let m = c.model, m.betweenVariance > 0 else { continue }
            for (i, u) in c.units.enumerated() {
                rows.append([line.claimLine.rawValue, edition.units[u].key, String(c.observed[i]), String(format: "%.1f", c.expected[i]),
                             String(format: "%.3f", m.individualMeans[i]), String(format: "%.3f", m.credibility[i]),
                             String(format: "%.3f", c.multipliers[i])])
            }
        }
        return rows
    }
    static let credibilityHeader = ["line", "unit", "observed", "fitted", "observed ÷ fitted", "credibility Z", "multiplier"]

    public static func summary(_ r: CalibrationResult, scenario: Scenario, out: String) -> String {
        let x = r.experience
        var lines: [String] = []
        lines.append("Base \(scenario.name), edition \(scenario.edition.name); claims known at \(r.options.asOf)")
        for s in x.sources { lines.append("  \(s.roster) (\(s.persons) insured) + \(s.claimsFile) (\(s.claims) claims)") }
        if let units = r.options.units {
            lines.append("Units studied: \(units.count) (\(units.sorted().map { scenario.edition.units[$0].key }.joined(separator: ", "))); \(x.claimsOfOtherUnits) claims of other units left out")
        }
        lines.append("Exposure: \(String(format: "%.1f", x.personYears)) person-years; claims used \(x.claimsUsed), not insured or not payable \(x.claimsNotUsed.values.reduce(0, +)), after the maturity cutoff \(x.claimsAfterCutoff)")
        lines.append("")
        var t = TextTable(frequencyHeader, rightAligned: [1, 2, 3, 5, 6])
        for row in frequencyRows(r) { t.add(row) }
        lines.append("Frequencies (per person-year; exact Poisson interval)")
        lines.append(t.rendered)
        if !r.admissions.isEmpty {
            var a = TextTable(["level", "band", "exposed", "admitted", "probability", "95% Clopper–Pearson"], rightAligned: [2, 3, 4])
            for f in r.admissions {
                a.add([scenario.edition.admission.levels[f.level].key, scenario.ageBands[f.band].key, String(f.exposed), String(f.admitted),
                       String(format: "%.5f", f.probability), f.interval.map { String(format: "%.5f–%.5f", $0.lower, $0.upper) } ?? ""])
            }
            lines.append("")
            lines.append("Admissions")
            lines.append(a.rendered)
        }
        let sev = severityRows(r)
        if !sev.isEmpty {
            var s = TextTable(severityHeader, rightAligned: [3, 4, 5, 6])
            for row in sev { s.add(row) }
            lines.append("")
            lines.append("Severities (maximum likelihood; ← chosen by \(r.options.selectByBIC ? "BIC" : "AIC"))")
            lines.append(s.rendered)
        }
        let cred = credibilitySummaryRows(r)
        lines.append("")
        var c = TextTable(credibilitySummaryHeader, rightAligned: [1, 2, 3])
        for row in cred { c.add(row) }
        lines.append("Unit credibility (Bühlmann–Straub over units × periods; each unit's factor in the fitted file and the report)")
        lines.append(c.rendered)
        for note in r.notes { lines.append("note: \(note)") }
        lines.append("")
        lines.append("Fitted scenario written to \(out)")
        return lines.joined(separator: "\n")
    }

    public static func report(_ r: CalibrationResult, scenario: Scenario, file: FittedScenarioFile) -> ReportDocument {
        let e = scenario.edition, x = r.experience
        var doc = ReportDocument(title: "Calibration 经验校准: \(scenario.name)",
                                 subtitle: "Fitted to " + x.sources.map { "\($0.roster) + \($0.claimsFile)" }.joined(separator: ", ") + ", claims known at \(r.options.asOf)")
        doc.append(.keyFigures([
            KeyFigure(label: "Insured persons 参保人数", value: String(x.persons)),
            KeyFigure(label: "Person-years 暴露人年", value: String(format: "%.0f", x.personYears)),
            KeyFigure(label: "Claims used 有效赔案", value: String(x.claimsUsed), note: "\(x.claimsNotUsed.values.reduce(0, +)) not insured or not payable"),
        ]))
        doc.append(.heading("Frequencies 发生率", level: 2))
        doc.append(.table(ReportTable(header: frequencyHeader, rows: frequencyRows(r), numericColumns: [1, 2, 3, 5, 6],
                                      caption: "Claimants per person-year of exposure (whole premium months); Garwood interval; SE of the fitted level from the Fisher information.")))
        for line in FrequencyLine.allCases {
            guard let f = r.frequencies[line] else { continue }
            doc.append(.heading("Observed vs fitted: \(line.claimLine.rawValue) \(line.claimLine.labelZH)", level: 3))
            let rows = f.cells.map { c -> [String] in
                [e.categories[c.category].key, scenario.ageBands[c.band].key, String(format: "%.1f", c.personYears), String(c.claimants),
                 String(format: "%.1f", c.expected), String(format: "%.5f", c.observedRate),
                 c.interval.map { String(format: "%.5f–%.5f", $0.lower, $0.upper) } ?? "—"]
            }
            doc.append(.table(ReportTable(header: ["category", "band", "person-years", "observed", "fitted", "rate", "95% exact CI"], rows: rows,
                                          numericColumns: [2, 3, 4, 5], caption: "By category × age band; fitted = expected claimants under the fitted model.")))
        }
        if !r.admissions.isEmpty {
            doc.append(.heading("Admissions 升学", level: 2))
            doc.append(.table(ReportTable(header: ["level", "band", "exposed", "admitted", "probability", "95% Clopper–Pearson"],
                                          rows: r.admissions.map { f in
                [e.admission.levels[f.level].key, scenario.ageBands[f.band].key, String(f.exposed), String(f.admitted),
                 String(format: "%.5f", f.probability), f.interval.map { String(format: "%.5f–%.5f", $0.lower, $0.upper) } ?? ""]
            }, numericColumns: [2, 3, 4])))
        }
        doc.append(.heading("Severities 案均", level: 2))
        doc.append(.table(ReportTable(header: severityHeader, rows: severityRows(r), numericColumns: [3, 4, 5, 6],
                                      caption: "Maximum likelihood with left truncation and right censoring; KS and AD against the law conditioned on the observation window.")))
        for line in [ClaimLine.hospitalisation, .accidentMedical] {
            guard let s = r.severities[line] else { continue }
            let data = s.observations
            let F = GoodnessOfFit.conditionedCDF(s.chosen.severity, data)
            let count = data.exact.count
            let step = max(1, count / 80)   // about 80 points: enough for the eye, short in Markdown
            var px: [Double] = [], py: [Double] = [], qx: [Double] = [], qy: [Double] = []
            let st = data.truncation > 0 ? s.chosen.severity.survival(data.truncation) : 1
            var su = 0.0
            if let cap = data.censored.first, let last = data.exact.last, last <= cap { su = s.chosen.severity.survival(cap) }
            for i in stride(from: 0, to: count, by: step) {
                let u = (Double(i) + 0.5) / Double(count)
                px.append(u)
                py.append(F(data.exact[i]))
                // Fitted quantile of the conditioned law at u: S(x) = S(t) − u (S(t) − S(u)).
                let q = s.chosen.severity.inverseSurvival(st - u * (st - su))
                qx.append(log10(max(q, 1e-9)))
                qy.append(log10(data.exact[i]))
            }
            doc.append(.chart(Chart(title: "PP plot: \(line.rawValue) (\(s.chosen.family.rawValue))",
                                    caption: "Fitted conditioned CDF at each exact amount against its empirical probability; the diagonal is a perfect fit.",
                                    xAxis: Chart.Axis("Empirical probability", range: 0...1), yAxis: Chart.Axis("Fitted probability", range: 0...1),
                                    kind: .lines([Chart.Series("amounts", x: px, y: py, showsPoints: true), Chart.Series("y = x", x: [0, 1], y: [0, 1])]))))
            let lo = min(qx.min() ?? 0, qy.min() ?? 0), hi = max(qx.max() ?? 1, qy.max() ?? 1)
            doc.append(.chart(Chart(title: "QQ plot: \(line.rawValue) (\(s.chosen.family.rawValue))",
                                    caption: "Observed amounts against the fitted quantiles, log10 yuan.",
                                    xAxis: Chart.Axis("Fitted quantile (log10 yuan)"), yAxis: Chart.Axis("Observed amount (log10 yuan)"),
                                    kind: .lines([Chart.Series("amounts", x: qx, y: qy, showsPoints: true), Chart.Series("y = x", x: [lo, hi], y: [lo, hi])]))))
        }
        doc.append(.heading("Unit credibility 单位信度", level: 2))
        doc.append(.table(ReportTable(header: credibilitySummaryHeader, rows: credibilitySummaryRows(r), numericColumns: [1, 2, 3])))
        let cred = credibilityRows(r, edition: e)
        if cred.isEmpty {
            doc.append(.paragraph("No unit multipliers: Bühlmann–Straub finds no between-unit variation beyond chance on any line (or too little data)."))
        } else {
            doc.append(.table(ReportTable(header: credibilityHeader, rows: cred, numericColumns: [2, 3, 4, 5, 6],
                                          caption: "Bühlmann–Straub over units and periods: ratio observed ÷ fitted claimants, weights the person-years.")))
        }
        doc.append(.heading("Parameter uncertainty as systemic factors", level: 2))
        doc.append(.table(ReportTable(header: ["factor", "σ", "target", "basis"],
                                      rows: file.fittedFactors.map { [$0.key, String(format: "%.4f", $0.sigma), $0.target, $0.basis] }, numericColumns: [1])))
        for note in r.notes { doc.append(.note(note)) }
        if let d = r.options.development {
            doc.append(.note("Maturity: claims for events up to \(r.options.asOf) less \(r.options.maturityMonths) month(s), completed by the reported shares per origin month of \(d.path) (jikun develop)."))
        } else {
            doc.append(.note("Maturity: claims for events up to \(r.options.asOf) less \(r.options.maturityMonths) month(s) are taken as fully reported; no development factors are applied."))
        }
        return doc
    }
}
