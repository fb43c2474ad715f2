import JikunPolicy

/// The width of an origin and a development period.
public enum Grain: String, Sendable, CaseIterable {
    case month, quarter

    /// A running period number: `year·12 + month − 1`, or `year·4 + quarter − 1`.
    public func index(_ date: CivilDate) -> Int {
        let c = date.components
        return self == .month ? c.year * 12 + c.month - 1 : c.year * 4 + (c.month - 1) / 3
    }

    /// `2021-03` or `2021-Q1`.
    public func label(_ index: Int) -> String {
        switch self {
        case .month:
            let month = index % 12 + 1
            return "\(index / 12)-" + (month < 10 ? "0" : "") + "\(month)"
        case .quarter:
            return "\(index / 4)-Q\(index % 4 + 1)"
        }
    }

    /// Months in one period.
    public var months: Int { self == .month ? 1 : 3 }
}

/// What a triangle's development counts the time to: the claim's report or its payment.
public enum DevelopmentBasis: String, Sendable, CaseIterable {
    /// Development = time from the event to `reported_date`.
    case reported
    /// Development = time from the event to `paid_date`; a claim not paid yet is outstanding.
    case paid
}

/// One segment's triangles: payable amounts (yuan) and counts of paid claims.
public struct ClaimSegment: Sendable {
    /// nil: all lines together.
    public var line: ClaimLine?
    /// Index into `Edition.insurers`; nil: all insurers together.
    public var insurer: Int?
    public var amounts: Triangle
    public var counts: Triangle
    /// Basis `paid`: payable claims reported but not paid by the valuation date (not in the
    /// triangles; on a paid basis they are part of what is still to come).
    public var outstanding = Money.zero
    public var outstandingCount = 0
}

/// Triangles built from adjudicated claims known at a valuation date.
///
/// A claim enters with its payable amount (claims paying nothing are left out of both
/// triangles). Its origin is the month (or quarter) of its `event_date`; its development is the
/// number of whole months (quarters) from that period to the one of its `reported_date`, so a
/// claim reported in the month of the event is at development 0. Origins run from the earliest
/// event of a payable claim to the period of `asOf`; each origin is observed up to `asOf`.
///
/// With basis `paid`, development runs to the `paid_date` instead, and a payable claim with no
/// `paid_date` but a `reported_date` is outstanding: counted beside the triangles, not in them.
public struct ClaimTriangles: Sendable {
    public let grain: Grain
    public let basis: DevelopmentBasis
    public let asOf: CivilDate
    /// Running period number (`Grain.index`) of the first origin.
    public let firstOrigin: Int
    public let segments: [ClaimSegment]

    /// - Precondition: `payments` is parallel to `claims` (the adjudicator's output).
    /// - Throws: `PolicyInputError.usage` when a payable claim has no `reported_date` (basis
    ///   `paid`: neither a `paid_date` nor a `reported_date`), or no claim enters the triangles.
    public init(claims: [Claim], payments: [Payment], asOf: CivilDate, grain: Grain,
                byLine: Bool, byInsurer: Bool, basis: DevelopmentBasis = .reported) throws {
        precondition(claims.count == payments.count, "payments must be parallel to claims")
        try Payment.checkTotal(payments)
        let last = grain.index(asOf)
        struct Key: Hashable { var line: ClaimLine?; var insurer: Int? }
        func key(_ claim: Claim, _ payment: Payment) -> Key {
            Key(line: byLine ? claim.line : nil, insurer: byInsurer ? payment.insurer : nil)
        }
        var first = Int.max
        // The date each payable claim develops to; nil: outstanding (basis paid).
        var developedTo = [CivilDate?](repeating: nil, count: claims.count)
        var outstanding: [Key: (fen: Int64, count: Int)] = [:]
        for (index, (claim, payment)) in zip(claims, payments).enumerated() where payment.payable > .zero {
            switch basis {
            case .reported:
                guard let reported = claim.reportedDate else {
                    throw PolicyInputError.usage("claim \(claim.claimID) is payable but has no reported_date; develop needs the date each claim was reported")
                }
                developedTo[index] = reported
            case .paid:
                guard let paid = claim.paidDate else {
                    guard claim.reportedDate != nil else {
                        throw PolicyInputError.usage("claim \(claim.claimID) is payable but has neither a paid_date nor a reported_date; develop --basis paid needs the date each claim was paid")
                    }
                    outstanding[key(claim, payment), default: (0, 0)].fen += payment.payable.fen
                    outstanding[key(claim, payment), default: (0, 0)].count += 1
                    continue
                }
                developedTo[index] = paid
            }
            precondition(developedTo[index]! <= asOf && developedTo[index]! >= claim.eventDate, "the reader checks the dates")
            first = min(first, grain.index(claim.eventDate))
        }
        guard first != .max else {
            throw PolicyInputError.usage(basis == .reported ? "no claim reported by \(asOf) is payable: there is nothing to develop"
                                                            : "no payable claim was paid by \(asOf): there is nothing to develop")
        }
        let m = last - first + 1
        var fen: [Key: [[Int64]]] = [:], count: [Key: [[Int64]]] = [:]
        let empty = (0..<m).map { [Int64](repeating: 0, count: m - $0) }
        for (index, (claim, payment)) in zip(claims, payments).enumerated() {
            guard let date = developedTo[index] else { continue }
            let key = key(claim, payment)
            let origin = grain.index(claim.eventDate) - first
            let development = grain.index(date) - grain.index(claim.eventDate)
            fen[key, default: empty][origin][development] += payment.payable.fen
            count[key, default: empty][origin][development] += 1
        }
        let keys = fen.keys.sorted { a, b in
            let la = a.line.map { ClaimLine.allCases.firstIndex(of: $0)! } ?? -1, lb = b.line.map { ClaimLine.allCases.firstIndex(of: $0)! } ?? -1
            return (a.insurer ?? -1, la) < (b.insurer ?? -1, lb)
        }
        let origins = (first...last).map(grain.label), developments = (0..<m).map(String.init)
        func cumulative(_ rows: [[Int64]], scale: Double) throws -> Triangle {
            try Triangle(origins: origins, developments: developments, rows: rows.map { row in
                var sum: Int64 = 0
                return row.map { sum += $0; return Double(sum) / scale }
            })
        }
        self.grain = grain
        self.basis = basis
        self.asOf = asOf
        self.firstOrigin = first
        self.segments = try keys.map { key in
            ClaimSegment(line: key.line, insurer: key.insurer,
                         amounts: try cumulative(fen[key]!, scale: 100), counts: try cumulative(count[key]!, scale: 1),
                         outstanding: Money(fen: outstanding[key]?.fen ?? 0), outstandingCount: outstanding[key]?.count ?? 0)
        }
        self.outstanding = Money(fen: outstanding.values.reduce(0) { $0 + $1.fen })
        self.outstandingCount = outstanding.values.reduce(0) { $0 + $1.count }
    }

    /// Basis `paid`: all outstanding claims, including those of a segment with no paid claim
    /// (which has no triangle).
    public let outstanding: Money
    public let outstandingCount: Int

    /// Earned premium per origin, for Bornhuetter–Ferguson and Cape Cod: each coverage period's
    /// premium spread evenly over its months (a reading: the roster gives premium by period),
    /// summed over the origin's months; origins outside the term earn nothing.
    public func premiumByOrigin(_ premium: EarnedPremium, edition: Edition, insurer: Int?) -> [Double] {
        let m = segments.first?.amounts.originCount ?? 0
        var result = [Double](repeating: 0, count: m)
        for cell in premium.cells where insurer == nil || cell.insurer == insurer {
            let period = edition.periods[cell.period]
            let perMonth = cell.premium.yuan / Double(period.months)
            for month in period.start.monthIndex...period.end.monthIndex {
                let origin = (grain == .month ? month : month / 3) - firstOrigin
                if origin >= 0, origin < m { result[origin] += perMonth }
            }
        }
        return result
    }
}
