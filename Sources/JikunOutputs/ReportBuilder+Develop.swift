import Foundation
import JikunPolicy
import JikunTables
import JikunReports
import JikunReserving

extension ReportBuilder {
    /// `jikun develop --report`: per segment the triangle, the development factors with the
    /// spread of the individual link ratios, the estimates, the reserve's bootstrap distribution
    /// and a plain sentence on what is still to come.
    public static func develop(_ d: Development) -> ReportDocument {
        var doc = ReportDocument(title: "Claims still to come 未决赔款 — \(d.source)",
                                 subtitle: d.asOf.map { "Valued at \($0)" + (d.grain.map { ", \($0.rawValue)ly origins" } ?? "") })
        var figures = [
            KeyFigure(label: "Reported so far 已报告", value: grouped(Development.fen(d.totalLatest))),
            KeyFigure(label: "Estimated ultimate 最终赔款", value: grouped(Development.fen(d.totalUltimate))),
            KeyFigure(label: "Still to come (IBNR) 未报告", value: grouped(Development.fen(d.totalReserve)),
                      note: d.totalStandardError.map { "± \(grouped(Development.fen($0))) Mack s.e." }),
        ]
        let premium = d.earnedPremium?.compactMap { $0 }.reduce(0, +) ?? 0
        if d.segments.count == 1 || d.byInsurer && !d.byLine, premium > 0 {
            figures.append(KeyFigure(label: "Ultimate loss ratio 最终赔付率", value: pct(d.totalUltimate / premium),
                                     note: "reported \(pct(d.totalLatest / premium))"))
        }
        doc.append(.keyFigures(figures))
        for (s, segment) in d.segments.enumerated() {
            doc.append(.heading("Segment \(segment.label)", level: 2))
            doc.append(.paragraph(d.sentence(s)))
            doc.append(.table(estimatesTable(segment)))
            doc.append(.table(triangleTable(segment)))
            doc.append(.chart(patternChart(segment)))
            doc.append(.chart(factorChart(segment)))
            if let b = segment.bootstrap {
                doc.append(.chart(Chart(title: "Distribution of the reserve 未决赔款分布",
                                        caption: "Total reserve of segment \(segment.label) over \(b.replicates) over-dispersed Poisson bootstrap replicates (seed \(b.seed), scale φ = \(String(format: "%.1f", b.scale))); the line marks the chain-ladder reserve.",
                                        xAxis: Chart.Axis("Reserve (yuan)"), yAxis: Chart.Axis("Replicates"),
                                        kind: .histogram(values: b.totals, bins: 40, bands: []),
                                        referenceLines: [.vertical(at: segment.reserve, label: "chain ladder")])))
            }
        }
        doc.append(.note("Development factors are volume-weighted (f_k = ΣC(k+1)/ΣC(k)). Mack's standard errors use his rule for the last variance parameter, σ²(n−1) = min(σ⁴(n−2)/σ²(n−3), σ²(n−3), σ²(n−2)); a tail factor is taken as known. Amounts in yuan, rounded to the fen."))
        return doc
    }

    static func estimatesTable(_ segment: SegmentReserve) -> ReportTable {
        var rows = segment.estimates.map { e in
            [e.origin, grouped(Development.fen(e.latest)), grouped(Development.fen(e.ultimate)), grouped(Development.fen(e.reserve)),
             e.standardError.map { grouped(Development.fen($0)) } ?? "", e.ultimate > 0 ? pct(e.latest / e.ultimate) : ""]
        }
        rows.append(["TOTAL", grouped(Development.fen(segment.latest)), grouped(Development.fen(segment.ultimate)),
                     grouped(Development.fen(segment.reserve)), segment.totalStandardError.map { grouped(Development.fen($0)) } ?? "",
                     segment.ultimate > 0 ? pct(segment.latest / segment.ultimate) : ""])
        return ReportTable(header: ["origin", "reported", "ultimate", "still to come", "Mack s.e.", "reported share"],
                           rows: rows, numericColumns: [1, 2, 3, 4, 5],
                           caption: "Estimates by origin (yuan)" + (segment.lossRatio.map { "; loss ratio used \(pct($0))" } ?? ""))
    }

    /// The cumulative triangle as a heat map: each cell shaded by its share of the origin's
    /// estimated ultimate, so the pattern of reporting shows at a glance (pale: little known yet).
    static func triangleTable(_ segment: SegmentReserve) -> ReportTable {
        let t = segment.triangle
        let shades: [[Double?]] = t.rows.enumerated().map { i, row in
            let ultimate = segment.estimates[i].ultimate
            return [nil] + row.map { ultimate > 0 ? $0 / ultimate : nil }
        }
        return ReportTable(header: ["origin"] + t.developments.map { "dev \($0)" },
                           rows: t.rows.enumerated().map { i, row in [t.origins[i]] + row.map { grouped($0, decimals: 0) } },
                           numericColumns: Set(1...t.developmentCount),
                           caption: "Cumulative triangle: origin by development period; the last cell of each row is the latest diagonal.",
                           shading: CellShading(values: shades, legend: "each cell's share of its origin's estimated ultimate"))
    }

    /// The triangle drawn as one line per origin: the share of its estimated ultimate reported by
    /// each development period (the newest origins are the short lines).
    static func patternChart(_ segment: SegmentReserve) -> Chart {
        let series = segment.triangle.rows.enumerated().compactMap { i, row -> Chart.Series? in
            let ultimate = segment.estimates[i].ultimate
            guard ultimate > 0 else { return nil }
            return Chart.Series(segment.triangle.origins[i], x: row.indices.map { Double($0) }, y: row.map { $0 / ultimate }, showsPoints: row.count == 1)
        }
        return Chart(title: "Reported share by development 报告进展",
                     caption: "For each origin, the cumulative amount reported by each development period as a share of its estimated ultimate; the last point of each line is the latest diagonal.",
                     xAxis: Chart.Axis("Development period"), yAxis: Chart.Axis("Share of ultimate", format: .percent),
                     kind: .lines(series))
    }

    /// Age-to-age factors with the range of the individual link ratios behind them.
    static func factorChart(_ segment: SegmentReserve) -> Chart {
        let dev = segment.development
        let xs = dev.factors.indices.map { Double($0) }
        let lower = dev.linkRatios.enumerated().map { k, r in r.min() ?? dev.factors[k] }
        let upper = dev.linkRatios.enumerated().map { k, r in r.max() ?? dev.factors[k] }
        return Chart(title: "Development factors 进展因子",
                     caption: "Volume-weighted age-to-age factor from each development period to the next, with the range (lowest to highest) of the origins' individual link ratios.",
                     xAxis: Chart.Axis("Development period (from)"), yAxis: Chart.Axis("Factor"),
                     kind: .lines([Chart.Series("f_k", x: xs, y: dev.factors, lower: lower, upper: upper,
                                                bandLabel: "range of link ratios", showsPoints: true)]),
                     referenceLines: [.horizontal(at: 1, label: "no development")])
    }
}
