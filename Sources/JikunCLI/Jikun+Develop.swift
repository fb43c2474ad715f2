import ArgumentParser
import Foundation
import JikunOutputs
import JikunPolicy
import JikunReports
import JikunReserving
import JikunTables

extension Jikun {
    struct Develop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Claims still to come: chain ladder, Mack, Bornhuetter–Ferguson, Cape Cod and a bootstrap of the reserve.",
            discussion: """
            From a roster and the claims known at --as-of, the payable amounts are arranged in a \
            triangle: origin = the month (or quarter) of the event, development = months (quarters) \
            from the event to the report (--basis paid: to the payment, from paid_date; a claim with \
            a reported_date but no paid_date yet is outstanding, counted beside the triangle as still \
            to come). The triangle's development factors are volume-weighted:
            f_k = Σ C(k+1) / Σ C(k). What is still to come (IBNR) is ultimate − reported.

            --method mack adds Mack's (1993) standard errors. Mack's rule for the last variance \
            parameter, which rests on a single link ratio: σ²(n−1) = min(σ⁴(n−2)/σ²(n−3), σ²(n−3), \
            σ²(n−2)). A tail factor is taken as known: it scales the standard errors. \
            --method bf takes ultimate = reported + prior LR × premium × (1 − 1/F), F the factor to \
            ultimate, the prior from --prior-lr or, with --prior-scenario FILE, the scenario's exact \
            expected loss ratio on the roster; cape-cod estimates that loss ratio as Σ reported / Σ premium/F. The premium of \
            an origin month is its coverage period's earned premium spread evenly over the months. \
            --bootstrap N resamples the chain ladder's Pearson residuals (over-dispersed Poisson, \
            England & Verrall), giving the whole distribution of the reserve; the same --seed gives \
            the same replicates at any --threads.

            --triangle reads a triangle given directly, long format origin,development,value \
            (cumulative unless --incremental). --out writes one row per origin and a TOTAL row per \
            segment: origin,latest,ultimate,ibnr,mack_se,reported_share (+ bootstrap mean, sd, \
            p75, p95); with --by, the segment's line and insurer first and a last grand TOTAL \
            (segments taken as independent). Amounts are rounded to the fen, half away from zero.

            Examples:
              jikun develop --roster example/roster.csv --claims example/claims.csv --as-of 2021-12-31
              jikun develop --roster example/roster.csv --claims example/claims.csv --as-of 2021-12-31 \\
                            --by insurer --grain quarter --bootstrap 2000 --seed 7 --out ibnr.csv --report develop.html
              jikun develop --roster example/roster.csv --claims example/claims.csv --as-of 2021-12-31 --method bf --prior-lr 0.8
              jikun develop --triangle raa.csv --tail exponential --out ibnr.csv
            """)

        @Option(help: ArgumentHelp("Roster, for the adjudication and the earned premium.", valueName: "file"))
        var roster: String?

        @OptionGroup var options: DevelopOptions

        @Option(help: ArgumentHelp("Segments: line, insurer or line,insurer (default: all claims together).", valueName: "dims"))
        var by: Segmentation?

        @Option(help: ArgumentHelp("Development to the claim's report (reported, default) or to its payment (paid: needs paid_date).", valueName: "basis"))
        var basis: DevelopmentBasis = .reported

        @Option(help: ArgumentHelp("A triangle given directly: CSV origin,development,value.", valueName: "file"))
        var triangle: String?

        @Flag(help: "The --triangle file holds increments, not cumulative values.")
        var incremental = false

        @Option(help: ArgumentHelp("Write the estimates as CSV here.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Also write a report: FILE.html (charts) or FILE.md (tables).", valueName: "file"))
        var report: String?

        @OptionGroup var editionOptions: EditionOptions

        @OptionGroup var csvOptions: CSVOptions

        func validate() throws {
            if triangle != nil {
                if roster != nil || options.claims != nil || options.asOf != nil || by != nil {
                    throw ValidationError("give either --triangle FILE, or --roster, --claims and --as-of; not both")
                }
                if basis != .reported {
                    throw ValidationError("--basis applies to triangles built from --claims; a --triangle file is already arranged")
                }
                if options.method.needsPremium {
                    throw ValidationError("--method \(options.method.rawValue) needs each origin's premium, which a --triangle file does not give; use --roster, --claims and --as-of")
                }
            } else {
                guard roster != nil, options.claims != nil, options.asOf != nil else {
                    throw ValidationError("give --roster FILE --claims FILE --as-of DATE, or --triangle FILE")
                }
                if incremental { throw ValidationError("--incremental applies to --triangle only") }
                if options.method.needsPremium, by?.byLine == true {
                    throw ValidationError("--method \(options.method.rawValue) needs premium per segment, and premium is not split by line; use --by insurer or no --by")
                }
            }
            if let report, ReportFormat(path: report) == nil { throw ValidationError("--report must end in .html or .md, got \"\(report)\"") }
        }

        func run() throws {
            // Before a bootstrap that may run for minutes.
            var outputs = OutputCheck()
            outputs.input("--roster", roster)
            outputs.input("--claims", options.claims)
            outputs.input("--triangle", triangle)
            // The claims form adjudicates under an edition: the shipped one when none is given.
            if triangle == nil { outputs.input("--edition", try editionOptions.resolvedPath()) }
            outputs.input("--prior-scenario", options.priorScenario)
            outputs.output("--out", out)
            outputs.output("--report", report)
            try outputs.check()
            let result: Development
            if let triangle {
                let t = try Triangle.read(CSVDocument(path: triangle), incremental: incremental)
                var reserving = options.reservingOptions
                let progress = Development.bootstrapProgress(&reserving, segments: 1)
                let segment = try SegmentReserve(label: "all", triangle: t, premium: nil, options: reserving)
                progress?.finish()
                result = Development(source: triangle, segments: [segment],
                                     counts: [], grain: nil, asOf: nil, earnedPremium: nil, byLine: false, byInsurer: false, settlementInputs: [])
            } else {
                result = try Development(roster: roster!, options: options, by: by ?? Segmentation(), edition: editionOptions.load(), basis: basis)
            }
            print(result.text)
            if let out {
                try OutputFile.write((csvOptions.byteOrderMark ? CSVWriter.byteOrderMark : []) + Array(result.csv.utf8), to: out)
                print("Written to \(out)")
            }
            if let report {
                try ReportBuilder.develop(result).write(to: report)
                status("Report written to \(report)")
            }
        }
    }
}

