import JikunTables

/// Totals of an adjudicated claims file: claims by reason, paid by line, insurer and period.
public struct AdjudicationSummary: Sendable, Equatable {
    public var claimsByReason: [PaymentReason: Int] = [:]
    public var claimsByLine: [ClaimLine: Int] = [:]
    public var paidByLine: [ClaimLine: Money] = [:]
    /// Indexed like `Edition.insurers`.
    public var paidByInsurer: [Money]
    /// Indexed like `Edition.periods`.
    public var paidByPeriod: [Money]
    /// Paid per insurer and period: `[insurer][period]`.
    public var paidByInsurerAndPeriod: [[Money]]
    public var totalPaid: Money = .zero

    public init(claims: [Claim], payments: [Payment], edition: Edition) throws {
        try Payment.checkTotal(payments)
        paidByInsurer = Array(repeating: .zero, count: edition.insurers.count)
        paidByPeriod = Array(repeating: .zero, count: edition.periods.count)
        paidByInsurerAndPeriod = Array(repeating: paidByPeriod, count: edition.insurers.count)
        var reasonCounts = [Int](repeating: 0, count: PaymentReason.allCases.count)
        var lineCounts = [Int](repeating: 0, count: ClaimLine.allCases.count)
        var linePaid = [Money](repeating: .zero, count: ClaimLine.allCases.count)
        let lineIndex = Dictionary(uniqueKeysWithValues: ClaimLine.allCases.enumerated().map { ($1, $0) })
        let reasonIndex = Dictionary(uniqueKeysWithValues: PaymentReason.allCases.enumerated().map { ($1, $0) })
        defer {
            for (i, reason) in PaymentReason.allCases.enumerated() where reasonCounts[i] > 0 { claimsByReason[reason] = reasonCounts[i] }
            for (i, line) in ClaimLine.allCases.enumerated() where lineCounts[i] > 0 {
                claimsByLine[line] = lineCounts[i]
                if linePaid[i] > .zero { paidByLine[line] = linePaid[i] }
            }
        }
        claims.withUnsafeBufferPointer { claims in
        for i in claims.indices {
            let payment = payments[i]
            let line = lineIndex[claims[i].line]!
            reasonCounts[reasonIndex[payment.reason]!] += 1
            lineCounts[line] += 1
            guard payment.payable > .zero else { continue }
            linePaid[line] += payment.payable
            // A payable claim always has an insurer and a period.
            paidByInsurer[payment.insurer!] += payment.payable
            paidByPeriod[payment.period!] += payment.payable
            paidByInsurerAndPeriod[payment.insurer!][payment.period!] += payment.payable
            totalPaid += payment.payable
        }
        }
    }
}

extension Adjudicator {
    /// payments.csv (docs/formats.md): one row per claim, in claims order.
    public func paymentsCSV(claims: [Claim], payments: [Payment]) -> CSVWriter {
        var writer = CSVWriter(header: ["claim_id", "person_id", "insurer", "period", "line", "payable", "reason"])
        claims.withUnsafeBufferPointer { claims in
        for i in claims.indices {
            let payment = payments[i]
            writer.append(claims[i].claimID, first: true)
            writer.append(claims[i].personText, first: false)
            writer.append(payment.insurer.map { edition.insurers[$0].key } ?? "", first: false)
            writer.append(payment.period.map { edition.periods[$0].key } ?? "", first: false)
            writer.appendPlain(claims[i].line.rawValue, first: false)
            writer.append(payment.payable, first: false)
            writer.appendPlain(payment.reason.rawValue, first: false)
            writer.endRow()
        }
        }
        return writer
    }
}
