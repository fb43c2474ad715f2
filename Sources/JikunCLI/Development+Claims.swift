import Foundation
import JikunOutputs
import JikunPolicy
import JikunReserving
import JikunSimulation

extension Development {
    static let yearsOfDevelopment = 30

    /// Adjudicates the claims known at `--as-of` against the roster and develops their triangles.
    init(roster rosterPath: String, options: DevelopOptions, by: Segmentation, edition: Edition,
         basis: DevelopmentBasis = .reported) throws {
        let asOf = options.asOfDate!
        // Claims of a term develop within years; a valuation decades on only grows the triangle
        // (by the square of its months).
        let latestYear = edition.termEnd.components.year + Self.yearsOfDevelopment
        guard asOf.components.year <= latestYear else {
            throw PolicyInputError.usage("--as-of \(asOf) is more than \(Self.yearsOfDevelopment) years after the term ends (\(edition.termEnd)): value the claims by the end of \(latestYear)")
        }
        let roster = try Roster.read(CSVDocument(path: rosterPath), edition: edition)
        let claimsFile = try ClaimsFile.read(CSVDocument(path: options.claims!), edition: edition, asOf: asOf,
                                             requireReportedDate: basis == .reported, requirePaidDate: basis == .paid)
        let payments = Adjudicator(edition: edition).adjudicate(claimsFile.claims, roster: roster)
        let triangles = try ClaimTriangles(claims: claimsFile.claims, payments: payments, asOf: asOf, grain: options.grain,
                                           byLine: by.byLine, byInsurer: by.byInsurer, basis: basis)
        let premium = EarnedPremium(roster: roster, edition: edition)
        let byInsurer = premium.byInsurer(count: edition.insurers.count)
        var reported = [Money](repeating: .zero, count: edition.insurers.count)
        for payment in payments { if let i = payment.insurer { reported[i] += payment.payable } }
        var reserving = options.reservingOptions
        if let path = options.priorScenario {
            reserving.priorLossRatio = try Self.expectedLossRatio(scenario: path, roster: roster)
        }
        let progress = Self.bootstrapProgress(&reserving, segments: triangles.segments.count)
        defer { progress?.finish() }
        var segments: [SegmentReserve] = [], counts: [ChainLadder] = [], earned: [Double?] = []
        for segment in triangles.segments {
            let label = [segment.insurer.map { edition.insurers[$0].key }, segment.line?.rawValue].compactMap { $0 }.joined(separator: "/")
            let perOrigin = segment.line == nil ? triangles.premiumByOrigin(premium, edition: edition, insurer: segment.insurer) : nil
            do {
                segments.append(try SegmentReserve(label: label.isEmpty ? "all" : label, triangle: segment.amounts, premium: perOrigin,
                                                   options: reserving))
                counts.append(try ChainLadder(segment.counts, tail: options.tail))
            } catch let error as ReservingError where !label.isEmpty {
                // Which segment of --by could not be developed.
                throw ReservingError.option("segment \(label): \(error)")
            }
            earned.append(segment.line == nil ? (segment.insurer.map { byInsurer[$0] } ?? premium.total).yuan : nil)
        }
        self.init(source: options.claims!, segments: segments, counts: counts, grain: options.grain, asOf: asOf,
                  earnedPremium: earned, byLine: by.byLine, byInsurer: by.byInsurer,
                  settlementInputs: edition.insurers.indices.compactMap { i in
                      byInsurer[i] > .zero || reported[i] > .zero
                          ? SettlementInput(insurer: edition.insurers[i].key, earnedPremium: byInsurer[i], claims: reported[i]) : nil
                  })
        self.lines = triangles.segments.map(\.line)
        self.insurers = triangles.segments.map { $0.insurer.map { edition.insurers[$0].key } }
        self.basis = basis
        self.outstanding = triangles.segments.map { ($0.outstanding, $0.outstandingCount) }
        self.unplacedOutstanding = (triangles.outstanding - triangles.segments.reduce(.zero) { $0 + $1.outstanding },
                                    triangles.outstandingCount - triangles.segments.reduce(0) { $0 + $1.outstandingCount })
    }

    /// A progress bar on standard error for the bootstrap's replicates over all segments, when
    /// there is a bootstrap and standard error is a terminal (nil otherwise).
    static func bootstrapProgress(_ options: inout ReservingOptions, segments: Int) -> ProgressBar? {
        guard let replicates = options.replicates else { return nil }
        let bar = ProgressBar(total: replicates * segments, label: "bootstrap", unit: "replicates")
        guard bar.isActive else { return nil }
        options.progress = { bar.advance(by: $0) }
        return bar
    }

    /// The scenario's exact expected loss ratio over the term on the roster's population:
    /// Σ expected claims (AnalyticExpectation, no simulation) / Σ earned premium. One pooled
    /// ratio, used for every segment.
    static func expectedLossRatio(scenario path: String, roster: Roster) throws -> Double {
        let scenario = try Scenario.load(path)
        let engine = Engine(scenario: scenario, population: try Population(roster: roster, scenario: scenario))
        let claims = AnalyticExpectation(engine: engine).claims.joined().reduce(0, +)
        let premium = engine.premiumByInsurer.reduce(0, +)
        guard premium > 0 else { throw PolicyInputError.usage("--prior-scenario \(path): the roster earns no premium under the scenario") }
        return claims / premium
    }
}
