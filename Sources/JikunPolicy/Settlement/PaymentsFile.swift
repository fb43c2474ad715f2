import JikunTables

/// Claims paid per insurer, read back from a payments.csv that `jikun adjudicate` wrote.
public struct PaidClaims: Sendable, Equatable {
    /// Indexed like `Edition.insurers`.
    public var byInsurer: [Money]
    public var rows = 0

    /// Sums `payable` per insurer, over `periods` (period keys; nil: every period, and a
    /// payment may then leave its period empty).
    public static func read(_ document: CSVDocument, edition: Edition, periods: Set<String>? = nil) throws -> PaidClaims {
        let cInsurer = try document.requiredColumn("insurer"), cPeriod = try document.requiredColumn("period")
        let cPayable = try document.requiredColumn("payable"), cClaim = try document.requiredColumn("claim_id")
        let cLine = try document.requiredColumn("line"), cReason = try document.requiredColumn("reason")
        var firstRow: [String: Int] = [:]
        var result = PaidClaims(byInsurer: Array(repeating: .zero, count: edition.insurers.count))
        let insurerIndex = Dictionary(uniqueKeysWithValues: edition.insurers.enumerated().map { ($1.key, $0) })
        let periodKeys = Set(edition.periods.map(\.key))
        try document.forEachRecord { record in
            result.rows += 1
            let claim = record.string(cClaim)
            if let first = firstRow.updateValue(record.row, forKey: claim) {
                throw record.error(cClaim, "claim_id \"\(claim)\" appears twice (first at row \(first)): a claim is paid once")
            }
            guard let payable = record.withBytes(cPayable, { Money(utf8: $0) }), payable >= .zero else {
                throw record.error(cPayable, "expected an amount ≥ 0 with at most two decimals and 15 digits before the point, got \"\(record.string(cPayable))\"")
            }
            // A row must read as adjudicate wrote it: a known line, and money only where the reason pays.
            let line = record.string(cLine)
            guard ClaimLine(rawValue: line) != nil else {
                throw record.error(cLine, "unknown line \"\(line)\" (expected one of \(ClaimLine.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let reasonText = record.string(cReason)
            guard let reason = PaymentReason(rawValue: reasonText) else {
                throw record.error(cReason, "unknown reason \"\(reasonText)\" (expected one of \(PaymentReason.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if payable > .zero, !reason.isPayable {
                throw record.error(cPayable, "\(payable) yuan with reason \(reason.rawValue), which pays 0.00 (only paid and capped pay)")
            }
            let period = record.string(cPeriod)
            if !period.isEmpty, !periodKeys.contains(period) {
                throw record.error(cPeriod, "unknown period \"\(period)\" (expected one of \(edition.periods.map(\.key).joined(separator: ", ")) or empty)")
            }
            let key = record.string(cInsurer)
            if key.isEmpty {
                guard payable == .zero else { throw record.error(cInsurer, "a payable amount needs an insurer") }
                return
            }
            guard let insurer = insurerIndex[key] else {
                throw record.error(cInsurer, "unknown insurer \"\(key)\" (expected one of \(edition.insurers.map(\.key).joined(separator: ", ")))")
            }
            if let periods {
                // Claims settled period by period: a payment must say where it belongs.
                if period.isEmpty, payable > .zero {
                    throw record.error(cPeriod, "a payment of \(payable) yuan has no period, and claims settled by period (--period, or the per_period corridor basis) need each payment's period")
                }
                if !periods.contains(period) { return }
            }
            guard let sum = result.byInsurer[insurer].adding(payable) else {
                throw record.error(cPayable, "insurer \(key)'s payable amounts add up past \(grouped(Money.largest.description)) yuan here, more than an amount can hold")
            }
            result.byInsurer[insurer] = sum
        }
        return result
    }
}

/// Reading the settlement input layout (docs/formats.md: `insurer, earned_premium, claims`).
extension SettlementInput {
    /// Reads the rows; every insurer must be one of `edition`'s.
    public static func read(_ document: CSVDocument, edition: Edition) throws -> [SettlementInput] {
        let known = edition.insurers.map(\.key)
        let cInsurer = try document.requiredColumn("insurer"), cPremium = try document.requiredColumn("earned_premium")
        let cClaims = try document.requiredColumn("claims")
        var inputs: [SettlementInput] = []
        try document.forEachRecord { record in
            let insurer = record.string(cInsurer)
            guard !insurer.isEmpty else { throw record.error(cInsurer, "missing value: expected an insurer key") }
            guard known.contains(insurer) else {
                throw record.error(cInsurer, "unknown insurer \"\(insurer)\" (expected one of \(known.joined(separator: ", ")))")
            }
            guard !inputs.contains(where: { $0.insurer == insurer }) else {
                throw record.error(cInsurer, "insurer \"\(insurer)\" appears twice")
            }
            func amount(_ column: Int) throws -> Money {
                guard let m = record.withBytes(column, { Money(utf8: $0) }), m >= .zero else {
                    throw record.error(column, "expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"\(record.string(column))\"")
                }
                return m
            }
            let premium = try amount(cPremium)
            guard premium > .zero else { throw record.error(cPremium, "expected earned premium > 0, got \(premium)") }
            inputs.append(SettlementInput(insurer: insurer, earnedPremium: premium, claims: try amount(cClaims)))
        }
        guard !inputs.isEmpty else {
            throw PolicyInputError.csv(file: document.path, row: 1, column: nil, message: "no insurer rows to settle")
        }
        // The corridor pools every insurer of the edition: settling some would misstate L.
        let missing = known.filter { key in !inputs.contains { $0.insurer == key } }
        guard missing.isEmpty else {
            throw PolicyInputError.csv(
                file: document.path, row: 1, column: "insurer",
                message: "no row for insurer\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) of edition \(edition.name): the corridor settles every insurer of the edition together")
        }
        return inputs
    }
}

extension Settlement {
    /// The settlement statement (docs/formats.md, "settlement output"), insurers then `TOTAL`.
    public var csv: CSVWriter {
        var writer = CSVWriter(header: ["insurer", "earned_premium", "claims", "loss_ratio", "band", "refund",
                                        "shared_topup", "bureau_net_cost", "insurer_result"])
        for row in rows + [total] {
            writer.writeRow([row.insurer, row.earnedPremium.description, row.claims.description, row.lossRatioText,
                             row.band.label, row.refund.description, row.sharedTopUp.description,
                             row.bureauNetCost.description, row.insurerResult.description])
        }
        return writer
    }
}
