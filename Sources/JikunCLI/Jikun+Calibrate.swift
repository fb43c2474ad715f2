import ArgumentParser
import Foundation
import JikunCalibration
import JikunOutputs
import JikunPolicy
import JikunReports
import JikunSimulation

extension Jikun {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit the scenario's rates and severities to a roster and its claims history.",
            discussion: """
            Exposure is counted in whole premium months (docs/rules.md §2) per unit × category × age band × \
            period; claims go through the edition's adjudicator first. Frequencies are fitted per \
            age band × category (thin cells pooled), unit multipliers by Bühlmann–Straub, the \
            claim sizes (a person's period total X of out-of-catalogue self-pay, the \
            accident-medical total Y) by maximum likelihood over lognormal, gamma, Lomax and spliced \
            lognormal + Pareto, with left truncation (--reported-above) and right censoring \
            (--censored-at). The output extends --base and overrides only what was fitted; the \
            fitted standard errors become systemic factors. See docs/calibration.md.

            Example:
              jikun sample-data --scenario scenarios/chongqing-2020.toml --persons 20000 --out example/
              jikun calibrate --roster example/roster.csv --claims example/claims.csv \\
                --base scenarios/chongqing-2020.toml --as-of 2022-03-31 --out example/fitted.toml

            Two terms: --roster R2021.csv --claims C2021.csv --term-edition E2021.toml
                       --roster R2020.csv --claims C2020.csv --term-edition scenarios/edition-2020.toml
            """)

        @Option(help: ArgumentHelp("A roster (docs/formats.md, roster.csv); repeat, paired with --claims in order.", valueName: "file"))
        var roster: [String] = []

        @Option(help: ArgumentHelp("The claims filed against the roster of the same position.", valueName: "file"))
        var claims: [String] = []

        @Option(name: .customLong("term-edition"), help: ArgumentHelp("The edition of each pair's term, in the order of the pairs (default: the base's for every pair); give one per pair to fit several terms.", valueName: "file"))
        var termEdition: [String] = []

        @Option(help: ArgumentHelp("The scenario to fit (its edition adjudicates; its bands and shapes are kept).", valueName: "file"))
        var base: String

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the claims files were extracted (YYYY-MM-DD).", valueName: "date"))
        var asOf: String

        @Option(name: .customLong("maturity-months"), help: "Leave this many months before --as-of out of exposure and claims as immature.")
        var maturityMonths: Int = 0

        @Option(help: ArgumentHelp("Reported shares by origin month from jikun develop --out (optionally --by line): complete the recent months' claims instead of assuming them fully reported.", valueName: "ibnr.csv"))
        var development: String?

        @Option(name: .customLong("reported-above"), help: ArgumentHelp("Hospitalisation totals are filed only above this amount (yuan): left truncation.", valueName: "yuan"))
        var reportedAbove: Double = 0

        @Option(name: .customLong("censored-at"), help: ArgumentHelp("LINE=YUAN: totals of LINE at or above YUAN are known only to exceed it (repeatable).", valueName: "line=yuan"))
        var censoredAt: [String] = []

        @Option(help: "Severity trend per year (0.05: 5 %), applied up to the target year.")
        var trend: Double = 0

        @Option(name: .customLong("target-edition"), help: ArgumentHelp("The edition of the year being budgeted (it must extend the base's edition): the fitted file runs on its periods, premium and benefits, and the trend runs to its term's middle.", valueName: "file"))
        var targetEdition: String?

        @Option(name: .customLong("target-scenario"), help: ArgumentHelp("Write the fit onto this scenario (e.g. the next year's, with the same bands, units and categories): the output extends it instead of --base, and the trend runs to its term.", valueName: "file"))
        var targetScenario: String?

        @Option(help: ArgumentHelp("Fit to this insurer's units only (an insurer key), e.g. for its bid.", valueName: "key"))
        var insurer: String?

        @Option(name: .customLong("min-claimants"), help: "Pooling threshold: age pools and fitted categories need this many claimants.")
        var minClaimants: Int = 30

        @Option(help: "Choose the severity family by aic or bic.")
        var select: Selection = .aic

        @Flag(name: .customLong("keep-base-factors"), help: "Keep the base's systemic factors beside the fitted parameter uncertainty.")
        var keepBaseFactors = false

        @Option(help: ArgumentHelp("Where to write the fitted scenario (TOML).", valueName: "file"))
        var out: String

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts) or FILE.md (tables).", valueName: "file"))
        var report: String?

        enum Selection: String, ExpressibleByArgument, CaseIterable { case aic, bic }

        func validate() throws {
            guard !roster.isEmpty else { throw ValidationError("give at least one --roster and --claims pair") }
            guard roster.count == claims.count else {
                throw ValidationError("--roster and --claims come in pairs: got \(roster.count) rosters and \(claims.count) claims files")
            }
            guard termEdition.isEmpty || termEdition.count == roster.count else {
                throw ValidationError("--term-edition: give one per --roster/--claims pair (\(roster.count)), got \(termEdition.count)")
            }
            guard CivilDate(parsing: Substring(asOf)) != nil else { throw ValidationError("--as-of: expected a date YYYY-MM-DD, got \"\(asOf)\"") }
            guard maturityMonths >= 0 else { throw ValidationError("--maturity-months must be ≥ 0") }
            guard reportedAbove >= 0 else { throw ValidationError("--reported-above must be ≥ 0") }
            guard trend > -1 else { throw ValidationError("--trend must be above −1 (−100 %)") }
            guard minClaimants >= 1 else { throw ValidationError("--min-claimants must be at least 1") }
            guard targetEdition == nil || targetScenario == nil else {
                throw ValidationError("give --target-edition or --target-scenario, not both (a target scenario already has its edition)")
            }
            _ = try parsedCensoring()
            if let report, ReportFormat(path: report) == nil {
                throw ValidationError("--report: expected a file ending in .html or .md, got \(report)")
            }
        }

        /// Every file the fit reads, the files its scenarios and editions extend included: the
        /// fitted scenario and the report may be none of them.
        func checkOutputs() throws {
            var check = OutputCheck()
            for path in roster { check.input("--roster", path) }
            for path in claims { check.input("--claims", path) }
            for path in termEdition { check.input("--term-edition", path) }
            check.input("--base", base)
            check.input("--target-edition", targetEdition)
            check.input("--target-scenario", targetScenario)
            check.input("--development", development)
            check.output("--out", out)
            check.output("--report", report)
            try check.check()
        }

        func parsedCensoring() throws -> [ClaimLine: Double] {
            var result: [ClaimLine: Double] = [:]
            for item in censoredAt {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let line = ClaimLine(rawValue: parts[0]), line == .hospitalisation || line == .accidentMedical,
                      let amount = Double(parts[1]), amount > 0 else {
                    throw ValidationError("--censored-at: expected hospitalisation=YUAN or accident_medical=YUAN with YUAN > 0, got \"\(item)\"")
                }
                guard result.updateValue(amount, forKey: line) == nil else {
                    throw ValidationError("--censored-at gives \(line.rawValue) twice: one censoring point a line")
                }
            }
            return result
        }

        func run() throws {
            try checkOutputs()
            let scenario = try Scenario.load(base)
            let edition = scenario.edition
            var sources: [ExperienceSource] = []
            for (i, (r, c)) in zip(roster, claims).enumerated() {
                var term: Edition? = nil
                if !termEdition.isEmpty {
                    let loaded = try Edition.load(termEdition[i])
                    try Self.requireSameStructure(loaded, as: edition, path: termEdition[i])
                    term = loaded
                }
                let e = term ?? edition
                sources.append(ExperienceSource(rosterPath: r, claimsPath: c,
                                                roster: try Roster.read(CSVDocument(path: r), edition: e),
                                                claims: try ClaimsFile.read(CSVDocument(path: c), edition: e), edition: term))
            }
            var options = CalibrationOptions(asOf: CivilDate(parsing: Substring(asOf))!)
            options.maturityMonths = maturityMonths
            options.reportedAbove = reportedAbove
            options.censoredAt = try parsedCensoring()
            options.trendPerYear = trend
            options.development = try development.map { try DevelopmentShares.read(CSVDocument(path: $0)) }
            options.minClaimants = minClaimants
            options.selectByBIC = select == .bic
            if let insurer {
                guard let i = edition.insurers.firstIndex(where: { $0.key == insurer }) else {
                    throw ValidationError("unknown insurer \"\(insurer)\" (expected one of \(edition.insurers.map(\.key).joined(separator: ", ")))")
                }
                options.units = Set(edition.units.indices.filter { edition.insurerOfUnit[$0] == i })
            }
            let target = try targetScenario.map(Scenario.load)
            if let target { try Self.requireSameStructure(target, as: scenario, path: targetScenario!) }
            var targetEditionFile: FittedScenarioFile.TargetEdition?
            if let targetEdition {
                let loaded = try Edition.load(targetEdition)
                try Self.requireSameStructure(loaded, as: edition, path: targetEdition)
                let text: String
                do { text = try String(contentsOfFile: targetEdition, encoding: .utf8) } catch {
                    throw PolicyInputError.file(path: targetEdition, message: "cannot read the target edition (\(error.localizedDescription))")
                }
                targetEditionFile = .init(path: targetEdition, text: text, edition: loaded)
                options.trendYears = Self.middle(loaded) - Self.middle(edition)
            } else if let target {
                options.trendYears = Self.middle(target.edition) - Self.middle(edition)
            } else if trend != 0 {
                throw ValidationError("--trend needs --target-edition or --target-scenario to know the year to trend to")
            }
            let result = try Calibrator.calibrate(sources, base: scenario, options: options)
            var file = FittedScenarioFile(result: result, base: target ?? scenario, basePath: targetScenario ?? base,
                                          outPath: out, keepBaseFactors: keepBaseFactors)
            file.targetEdition = targetEditionFile
            let text = file.render()
            try OutputFile.write(text, to: out)
            // The file must load as a scenario: check it now rather than at the user's next command.
            let written: Scenario
            do {
                written = try Scenario.load(out)
            } catch {
                if targetEditionFile != nil {
                    try? FileManager.default.removeItem(atPath: out)
                    throw PolicyInputError.usage("--target-edition \(targetEdition!): the fitted file does not load on that edition (\(error)); give --target-scenario with a scenario on it instead")
                }
                throw PolicyInputError.usage("internal error: the fitted scenario \(out) does not load: \(error)")
            }
            if let t = targetEditionFile, written.edition != t.edition {
                // Tables of the base's edition that the target does not set would survive the copy.
                try? FileManager.default.removeItem(atPath: out)
                throw PolicyInputError.usage("--target-edition \(t.path) does not extend the base's edition, so copying its tables onto the base does not reproduce it; give --target-scenario with a scenario on that edition instead")
            }
            print(CalibrationText.summary(result, scenario: scenario, out: out))
            if let report {
                try CalibrationText.report(result, scenario: scenario, file: file).write(to: report)
                status("Report written to \(report)")
            }
        }

        /// The fit is written in the base's terms (band, unit, category and level indices), so the
        /// target must use the same ones.
        static func requireSameStructure(_ target: Scenario, as base: Scenario, path: String) throws {
            func same(_ a: [String], _ b: [String], _ what: String) throws {
                guard a == b else {
                    throw PolicyInputError.usage("\(path): its \(what) (\(a.joined(separator: ", "))) differ from the base's (\(b.joined(separator: ", "))); --target-scenario needs the same ones")
                }
            }
            try same(target.ageBands.map(\.key), base.ageBands.map(\.key), "age bands")
            try same(target.edition.units.map(\.key), base.edition.units.map(\.key), "units")
            try same(target.edition.categories.map(\.key), base.edition.categories.map(\.key), "categories")
            try same(target.edition.admission.levels.map(\.key), base.edition.admission.levels.map(\.key), "admission levels")
        }

        static func requireSameStructure(_ term: Edition, as base: Edition, path: String) throws {
            for (a, b, what) in [(term.units.map(\.key), base.units.map(\.key), "units"),
                                 (term.categories.map(\.key), base.categories.map(\.key), "categories"),
                                 (term.admission.levels.map(\.key), base.admission.levels.map(\.key), "admission levels")] where a != b {
                throw PolicyInputError.usage("\(path): its \(what) differ from the base edition's; --term-edition needs the same ones")
            }
            guard term.accident.mildestGrade == base.accident.mildestGrade else {
                throw PolicyInputError.usage("\(path): its disability grades differ from the base edition's")
            }
        }

        /// The term's middle as a fractional year.
        static func middle(_ e: Edition) -> Double {
            let mid = (Double(e.termStart.daysSinceEpoch) + Double(e.termEnd.daysSinceEpoch)) / 2
            return 1970 + mid / 365.2425
        }
    }
}
