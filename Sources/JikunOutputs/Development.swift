import Foundation
import JikunPolicy
import JikunTables
import JikunReserving
import JikunSimulation

/// What `jikun develop` found: one reserve per segment, with what a text, a CSV, a report and
/// `jikun settle` need.
public struct Development {
    /// The claims or triangle file developed.
    public var source: String
    public var segments: [SegmentReserve]
    /// The chain ladder of the claim counts, per segment (claims form only).
    public var counts: [ChainLadder]
    public var grain: Grain?
    public var asOf: CivilDate?
    /// Earned premium of each segment over the term (nil: not known, or split by line).
    public var earnedPremium: [Double?]?
    public var byLine: Bool
    public var byInsurer: Bool
    /// Per insurer: earned premium and claims reported so far (claims form only).
    public var settlementInputs: [SettlementInput]
    /// Segment keys: line and insurer of each segment.
    public var lines: [ClaimLine?] = []
    public var insurers: [String?] = []
    /// What development counts the time to (claims form; a --triangle file does not say).
    public var basis: DevelopmentBasis = .reported
    /// Basis paid: per segment, payable claims reported but not paid by the valuation date.
    public var outstanding: [(amount: Money, count: Int)] = []

    public init(source: String, segments: [SegmentReserve], counts: [ChainLadder], grain: Grain?, asOf: CivilDate?,
                earnedPremium: [Double?]?, byLine: Bool, byInsurer: Bool, settlementInputs: [SettlementInput]) {
        self.source = source
        self.segments = segments
        self.counts = counts
        self.grain = grain
        self.asOf = asOf
        self.earnedPremium = earnedPremium
        self.byLine = byLine
        self.byInsurer = byInsurer
        self.settlementInputs = settlementInputs
        self.lines = segments.map { _ in nil }
        self.insurers = segments.map { _ in nil }
    }

    /// Basis paid: outstanding claims of segments with no paid claim (so no triangle).
    public var unplacedOutstanding: (amount: Money, count: Int) = (.zero, 0)

    /// "Reported" or "Paid": what the latest diagonal holds.
    public var knownWord: String { basis == .paid ? "Paid" : "Reported" }

    /// Amounts to the fen, half away from zero (the rule every written estimate follows).
    /// Beyond 10¹⁵ (a triangle of other units than yuan) plain `%.2f`, as fen would overflow.
    public static func fen(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        return abs(x) < 1e15 ? Money(roundingYuan: x).description : String(format: "%.2f", x)
    }

    /// The bootstrap replicates of the reserve summed over segments (segments independent).
    public var totalReplicates: [Double]? {
        guard let first = segments.first?.bootstrap else { return nil }
        var sum = first.totals
        for segment in segments.dropFirst() {
            guard let b = segment.bootstrap else { return nil }
            for r in sum.indices { sum[r] += b.totals[r] }
        }
        return sum
    }

    public var totalLatest: Double { segments.map(\.latest).reduce(0, +) }
    public var totalUltimate: Double { segments.map(\.ultimate).reduce(0, +) }
    public var totalReserve: Double { segments.map(\.reserve).reduce(0, +) }
    /// √Σ se² over segments, taken as independent; nil when a segment has none.
    public var totalStandardError: Double? {
        let se = segments.map(\.totalStandardError)
        guard se.allSatisfy({ $0 != nil }) else { return nil }
        return se.map { $0! * $0! }.reduce(0, +).squareRoot()
    }

    public static func bootstrapColumns(_ values: [Double]) -> [String] {
        let sorted = values.sorted(), n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = values.count > 1 ? (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot() : 0
        return [fen(mean), fen(sd), fen(quantile(sorted, 0.75)), fen(quantile(sorted, 0.95))]
    }

    // MARK: - CSV

    public var csv: String {
        let segmented = byLine || byInsurer
        let boot = segments.first?.bootstrap != nil
        var header = (byLine ? ["line"] : []) + (byInsurer ? ["insurer"] : [])
        header += ["origin", "latest", "ultimate", "ibnr", "mack_se", "reported_share"]
        if boot { header += ["boot_mean", "boot_sd", "boot_p75", "boot_p95"] }
        var writer = CSVWriter(header: header)
        func keys(_ s: Int?) -> [String] {
            (byLine ? [s.flatMap { lines[$0]?.rawValue } ?? ""] : []) + (byInsurer ? [s.flatMap { insurers[$0] } ?? ""] : [])
        }
        func share(_ latest: Double, _ ultimate: Double) -> String { ultimate > 0 ? String(format: "%.6f", latest / ultimate) : "" }
        for (s, segment) in segments.enumerated() {
            for (i, e) in segment.estimates.enumerated() {
                var row = keys(s) + [e.origin, Self.fen(e.latest), Self.fen(e.ultimate), Self.fen(e.reserve),
                                     e.standardError.map(Self.fen) ?? "", share(e.latest, e.ultimate)]
                if let b = segment.bootstrap { row += Self.bootstrapColumns(b.reserves(origin: i)) }
                writer.writeRow(row)
            }
            var total = keys(s) + ["TOTAL", Self.fen(segment.latest), Self.fen(segment.ultimate), Self.fen(segment.reserve),
                                   segment.totalStandardError.map(Self.fen) ?? "", share(segment.latest, segment.ultimate)]
            if let b = segment.bootstrap { total += Self.bootstrapColumns(b.totals) }
            writer.writeRow(total)
        }
        if segmented {
            var total = keys(nil) + ["TOTAL", Self.fen(totalLatest), Self.fen(totalUltimate), Self.fen(totalReserve),
                                     totalStandardError.map(Self.fen) ?? "", share(totalLatest, totalUltimate)]
            if let r = totalReplicates { total += Self.bootstrapColumns(r) }
            writer.writeRow(total)
        }
        return writer.text
    }

    // MARK: - Text

    /// The plain sentence on what is still to come.
    public func sentence(_ s: Int) -> String {
        let segment = segments[s]
        var text = "\(knownWord) so far \(grouped(Self.fen(segment.latest))); estimated ultimate \(grouped(Self.fen(segment.ultimate))), so \(grouped(Self.fen(segment.reserve))) is still to come"
        if segment.ultimate > 0 { text += String(format: " (%.1f%% of the ultimate)", segment.reserve / segment.ultimate * 100) }
        if let se = segment.totalStandardError { text += ", give or take \(grouped(Self.fen(se))) (Mack standard error)" }
        if let b = segment.bootstrap {
            let sorted = b.totals.sorted()
            text += "; in 95 % of \(b.replicates) bootstrap replicates it stays below \(grouped(Self.fen(quantile(sorted, 0.95))))"
        }
        if s < counts.count {
            text += String(format: "; about %.0f more claims are expected to be \(knownWord.lowercased())", counts[s].totalReserve)
        }
        if s < outstanding.count, outstanding[s].count > 0 {
            text += "; \(outstanding[s].count) payable claim\(outstanding[s].count == 1 ? "" : "s") of \(grouped(outstanding[s].amount.description)) reported but not paid by the valuation date \(outstanding[s].count == 1 ? "is" : "are") part of what is still to come"
        }
        if let premium = earnedPremium?[s], premium > 0 {
            text += String(format: ". Loss ratio on earned premium: %.1f%% \(knownWord.lowercased()), %.1f%% estimated ultimate", segment.latest / premium * 100, segment.ultimate / premium * 100)
        }
        return text + "."
    }

    public var text: String {
        var out: [String] = []
        out.append("Development of \(source)" + (asOf.map { " valued at \($0)" } ?? "") + (grain.map { ", \($0.rawValue)ly origins" } ?? "")
                   + (basis == .paid ? ", developed to payment (paid_date)" : ""))
        for (s, segment) in segments.enumerated() {
            out.append("")
            var title = "Segment \(segment.label)"
            if let lr = segment.lossRatio { title += String(format: " (loss ratio used %.1f%%)", lr * 100) }
            if segment.development.tail != 1 { title += String(format: " (tail factor %.6f)", segment.development.tail) }
            out.append(title)
            var table = TextTable(["origin", "latest", "ultimate", "IBNR", "Mack s.e.", "reported"], rightAligned: [1, 2, 3, 4, 5])
            for e in segment.estimates {
                table.add([e.origin, grouped(Self.fen(e.latest)), grouped(Self.fen(e.ultimate)), grouped(Self.fen(e.reserve)),
                           e.standardError.map { grouped(Self.fen($0)) } ?? "",
                           e.ultimate > 0 ? String(format: "%.1f%%", e.latest / e.ultimate * 100) : ""])
            }
            table.add(["TOTAL", grouped(Self.fen(segment.latest)), grouped(Self.fen(segment.ultimate)), grouped(Self.fen(segment.reserve)),
                       segment.totalStandardError.map { grouped(Self.fen($0)) } ?? "",
                       segment.ultimate > 0 ? String(format: "%.1f%%", segment.latest / segment.ultimate * 100) : ""])
            out.append(table.rendered)
            out.append(sentence(s))
        }
        if segments.count > 1 {
            out.append("")
            var all = "All segments: \(knownWord.lowercased()) \(grouped(Self.fen(totalLatest))), ultimate \(grouped(Self.fen(totalUltimate))), still to come \(grouped(Self.fen(totalReserve)))"
            if let se = totalStandardError { all += " (standard error \(grouped(Self.fen(se))), segments taken as independent)" }
            out.append(all + ".")
        }
        if unplacedOutstanding.count > 0 {
            out.append("\(unplacedOutstanding.count) more payable claim(s) of \(grouped(unplacedOutstanding.amount.description)) reported but not paid by the valuation date fall in segments with no paid claim, so no triangle; they are still to come as well.")
        }
        return out.joined(separator: "\n")
    }
}
