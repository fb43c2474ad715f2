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

    public init(claims: [Claim], payments: [Payment], edition: Edition) {
        paidByInsurer = Array(repeating: .zero, count: edition.insurers.count)
        paidByPeriod = Array(repeating: .zero, count: edition.periods.count)
        paidByInsurerAndPeriod = Array(repeating: paidByPeriod, count: edition.insurers.count)
        for (claim, payment) in zip(claims, payments) {
            claimsByReason[payment.reason, default: 0] += 1
            claimsByLine[claim.line, default: 0] += 1
            guard payment.payable > .zero else { continue }
            paidByLine[claim.line, default: .zero] += payment.payable
            // A payable claim always has an insurer and a period.
            paidByInsurer[payment.insurer!] += payment.payable
            paidByPeriod[payment.period!] += payment.payable
            paidByInsurerAndPeriod[payment.insurer!][payment.period!] += payment.payable
            totalPaid += payment.payable
        }
    }
}

extension Adjudicator {
    /// payments.csv (FORMATS.md): one row per claim, in claims order.
    public func paymentsCSV(claims: [Claim], payments: [Payment]) -> CSVWriter {
        var writer = CSVWriter(header: ["claim_id", "person_id", "insurer", "period", "line", "payable", "reason"])
        for (claim, payment) in zip(claims, payments) {
            writer.append(claim.claimID, first: true)
            writer.append(claim.personText, first: false)
            writer.append(payment.insurer.map { edition.insurers[$0].key } ?? "", first: false)
            writer.append(payment.period.map { edition.periods[$0].key } ?? "", first: false)
            writer.append(claim.line.rawValue, first: false)
            writer.append(payment.payable.description, first: false)
            writer.append(payment.reason.rawValue, first: false)
            writer.endRow()
        }
        return writer
    }
}
