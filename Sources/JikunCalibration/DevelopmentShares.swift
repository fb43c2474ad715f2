import JikunPolicy

/// The share of each origin month's claims already reported at `--as-of`, read from
/// `jikun develop --out` (`origin,…,reported_share`, optionally segmented `--by line`).
///
/// calibrate completes the recent months with it: a person exposed in months m₁…m₂ is expected
/// to show a reported claim with probability q · r̄, r̄ the mean share over those months (the
/// event month is uniform over the exposure to first order in the rate). develop's shares are
/// of amounts (latest ÷ ultimate); using them for claimant counts assumes late claims are of
/// the usual size. An origin month missing from the file is taken as fully reported.
public struct DevelopmentShares: Sendable, Equatable {
    /// Per line (nil: every line, the rows without a line) and month index (year·12 + month − 1).
    public var shares: [ClaimLine?: [Int: Double]]
    public var path: String

    public init(shares: [ClaimLine?: [Int: Double]], path: String) {
        self.shares = shares
        self.path = path
    }

    public static func read(_ document: CSVDocument) throws -> DevelopmentShares {
        let cOrigin = try document.requiredColumn("origin"), cShare = try document.requiredColumn("reported_share")
        let cLine = document.columnIndex("line"), cInsurer = document.columnIndex("insurer")
        var shares: [ClaimLine?: [Int: Double]] = [:]
        try document.forEachRecord { record in
            let origin = record.string(cOrigin)
            guard origin != "TOTAL" else { return }
            if let cInsurer, !record.string(cInsurer).isEmpty {
                throw record.error(cInsurer, "per-insurer shares are not used by calibrate: run jikun develop without --by insurer (or --by line)")
            }
            var line: ClaimLine? = nil
            if let cLine, !record.string(cLine).isEmpty {
                guard let l = ClaimLine(rawValue: record.string(cLine)) else {
                    throw record.error(cLine, "expected a benefit line (\(ClaimLine.allCases.map(\.rawValue).joined(separator: ", "))), got \"\(record.string(cLine))\"")
                }
                line = l
            }
            guard let months = Self.months(origin) else {
                throw record.error(cOrigin, "expected an origin month YYYY-MM or quarter YYYY-Qn, got \"\(origin)\"")
            }
            let text = record.string(cShare)
            guard let share = Double(text), share > 0, share <= 1 else {
                throw record.error(cShare, "expected a reported share in (0, 1], got \"\(text)\"")
            }
            for m in months {
                guard shares[line, default: [:]][m] == nil else {
                    throw record.error(cOrigin, "origin \(origin) appears twice\(line.map { " for line \($0.rawValue)" } ?? "")")
                }
                shares[line, default: [:]][m] = share
            }
        }
        guard !shares.isEmpty else {
            throw PolicyInputError.file(path: document.path, message: "no origin rows: expected the output of jikun develop --out")
        }
        return DevelopmentShares(shares: shares, path: document.path)
    }

    /// The month indices of an origin `2021-03` or `2021-Q1`.
    static func months(_ origin: String) -> [Int]? {
        let parts = origin.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        if parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
            return (0..<3).map { year * 12 + (q - 1) * 3 + $0 }
        }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return [year * 12 + month - 1]
    }

    /// The share of `line` reported for month index `m`: the line's row, else the unsegmented
    /// row, else 1.
    public func share(_ line: ClaimLine, month m: Int) -> Double {
        shares[line]?[m] ?? shares[nil]?[m] ?? 1
    }

    /// r̄ over the last `months` months up to `lastMonth` (a cell's exposure).
    public func meanShare(_ line: ClaimLine, lastMonth: Int, months: Int) -> Double {
        guard months > 0 else { return 1 }
        return (lastMonth - months + 1...lastMonth).reduce(0) { $0 + share(line, month: $1) } / Double(months)
    }
}
