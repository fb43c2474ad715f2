import JikunPolicy

/// The estimates `jikun settle --ibnr` reads back from a `jikun develop --out` file: the `ibnr`
/// of the `TOTAL` rows, exact in fen as written (develop rounds each estimate to the fen, half
/// away from zero, before writing it).
public struct IBNRFile: Sendable, Equatable {
    /// Per insurer key, summed over the lines of `--by line,insurer`; empty without `--by insurer`.
    public var byInsurer: [String: Money]
    /// The TOTAL row without segment keys (the only TOTAL row of an unsegmented file).
    public var total: Money?
    /// The claims the estimate was developed from (the `latest` of the same TOTAL rows), when
    /// the file gives them to the fen.
    public var latestByInsurer: [String: Money] = [:]
    public var latestTotal: Money?
    /// Insurers with a TOTAL row whose `latest` is blank or unreadable, or whose rows' `latest`
    /// add up past the largest amount: nothing can be said of their claims.
    var latestUnknown: Set<String> = []
    /// TOTAL rows with segment keys: each rounds to the fen on its own.
    var segmentTotals = 0

    public static func read(_ document: CSVDocument) throws -> IBNRFile {
        let cOrigin = try document.requiredColumn("origin"), cIBNR = try document.requiredColumn("ibnr")
        let cInsurer = document.columnIndex("insurer"), cLine = document.columnIndex("line")
        let cLatest = document.columnIndex("latest")
        var file = IBNRFile(byInsurer: [:], total: nil)
        var segmentRows: [String: Int] = [:], totalRow = 0
        try document.forEachRecord { record in
            guard record.string(cOrigin) == "TOTAL" else { return }
            guard let ibnr = record.withBytes(cIBNR, { Money(utf8: $0) }) else {
                throw record.error(cIBNR, "expected an amount in yuan with at most two decimals and 15 digits before the point, got \"\(record.string(cIBNR))\"")
            }
            let insurer = cInsurer.map { record.string($0) } ?? "", line = cLine.map { record.string($0) } ?? ""
            let latest = cLatest.flatMap { c in record.withBytes(c) { Money(utf8: $0) } }
            if !insurer.isEmpty || !line.isEmpty {
                let segment = insurer + "/" + line
                if let first = segmentRows.updateValue(record.row, forKey: segment) {
                    throw record.error(cOrigin, "a second TOTAL row for segment \(segment.trimmingCharacters(in: ["/"])) (the first is row \(first))")
                }
            }
            if !insurer.isEmpty {
                guard let sum = file.byInsurer[insurer, default: .zero].adding(ibnr) else {
                    throw record.error(cIBNR, "insurer \(insurer)'s IBNR adds up past the largest amount here")
                }
                file.byInsurer[insurer] = sum
                if cLatest != nil, !file.latestUnknown.contains(insurer) {
                    if let latest, let sum = file.latestByInsurer[insurer, default: .zero].adding(latest) {
                        file.latestByInsurer[insurer] = sum
                    } else {
                        file.latestByInsurer[insurer] = nil
                        file.latestUnknown.insert(insurer)
                    }
                }
            } else if line.isEmpty {
                guard file.total == nil else { throw record.error(cOrigin, "a second TOTAL row without segment keys") }
                file.total = ibnr
                file.latestTotal = latest
                totalRow = record.row
            }
        }
        file.segmentTotals = segmentRows.count
        // develop rounds the grand total from the unrounded sum: it may differ from the sum of
        // the rounded insurer rows by under a fen a row, never more.
        if let total = file.total, !file.byInsurer.isEmpty {
            var sum = Money.zero
            for value in file.byInsurer.values { sum = sum.adding(value) ?? Money.largest }
            let (gap, overflowed) = total.fen.subtractingReportingOverflow(sum.fen)
            guard !overflowed, gap.magnitude <= UInt64(segmentRows.count) else {
                throw PolicyInputError.csv(file: document.path, row: totalRow, column: "ibnr",
                                           message: "the grand TOTAL \(total) disagrees with the sum of the insurers' TOTAL rows, \(sum): the file is not one jikun develop --out")
            }
        }
        guard file.total != nil || !file.byInsurer.isEmpty else {
            throw PolicyInputError.file(path: document.path, message: "no TOTAL row: expected the output of jikun develop --out")
        }
        return file
    }

    /// Where the claims the file was developed from differ from `inputs`' reported claims (by
    /// more than develop's rounding of a fen a row): a sentence saying so, else nil. An IBNR of
    /// other claims (another valuation date, or a paid basis, whose reserve also holds the
    /// claims reported and not yet paid) added to these would misstate the ultimate.
    public func latestDisagreement(with inputs: [SettlementInput], path: String) -> String? {
        func differs(_ a: Money, _ b: Money, rows: Int) -> Bool { (a.fen - b.fen).magnitude > UInt64(rows) }
        let reported = inputs.reduce(Money.zero) { $0.adding($1.claims) ?? Money.largest }
        if !latestByInsurer.isEmpty || !latestUnknown.isEmpty {
            for input in inputs where !latestUnknown.contains(input.insurer) {
                let latest = latestByInsurer[input.insurer] ?? .zero
                if differs(latest, input.claims, rows: segmentTotals) {
                    return "\(path) was developed from \(latest) yuan of insurer \(input.insurer)'s claims, but the payments give \(input.claims)"
                }
            }
        } else if let latestTotal, differs(latestTotal, reported, rows: 1) {
            return "\(path) was developed from \(latestTotal) yuan of claims, but the payments give \(reported)"
        }
        return nil
    }

    /// The IBNR of each insurer of `inputs`, in fen: the insurer rows when the file has them,
    /// else the total split pro rata to reported claims (to earned premium when nothing is
    /// reported) by largest remainder, so the parts add up to the total to the fen.
    public func perInsurer(_ inputs: [SettlementInput], path: String) throws -> [Money] {
        if !byInsurer.isEmpty {
            let known = Set(inputs.map(\.insurer))
            for key in byInsurer.keys.sorted() where !known.contains(key) {
                throw PolicyInputError.file(path: path, message: "insurer \(key) has an IBNR estimate but no premium or claims in the roster and payments")
            }
            return inputs.map { byInsurer[$0.insurer] ?? .zero }
        }
        let total = self.total!
        let claims = inputs.map(\.claims)
        let weights = claims.contains { $0 > .zero } ? claims : inputs.map(\.earnedPremium)
        let magnitude = Corridor.splitLargestRemainder(Money(fen: abs(total.fen)), weights: weights)
        return total < .zero ? magnitude.map { Money(fen: -$0.fen) } : magnitude
    }
}
