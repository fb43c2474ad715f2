/// Why a factorisation or solve could not be carried out.
///
/// Indices in `notSymmetric` and `rankDeficient` count from 0, as `Matrix`'s
/// subscript does; `leadingMinor` is an order (1 is the top-left entry alone).
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The matrix has a different number of rows and columns.
    case notSquare
    /// Entries `(row, column)` and `(column, row)` differ by more than 1e-12 times the largest entry.
    case notSymmetric(row: Int, column: Int)
    /// The leading minor of this order is not positive (LAPACK `dpotrf`'s `info`).
    case notPositiveDefinite(leadingMinor: Int)
    /// An entry is NaN or infinite.
    case notFinite
    /// Fewer equations (rows) than unknowns (columns): no unique least-squares solution.
    case underdetermined(rows: Int, columns: Int)
    /// The column at this index is (numerically) a linear combination of the columns before it.
    case rankDeficient(column: Int)

    /// A plain-English explanation, fit to show to a user.
    public var description: String {
        switch self {
        case .notSquare:
            return "The matrix is not square: it must have as many rows as columns."
        case let .notSymmetric(row, column):
            return "The matrix is not symmetric: entry [\(row), \(column)] differs from entry [\(column), \(row)]."
        case let .notPositiveDefinite(leadingMinor):
            return "The matrix is not positive definite: its leading minor of order \(leadingMinor) is not positive."
        case .notFinite:
            return "The matrix contains an entry that is NaN or infinite."
        case let .underdetermined(rows, columns):
            return "The system is underdetermined: \(rows) equations cannot determine \(columns) unknowns."
        case let .rankDeficient(column):
            return "The matrix is rank deficient: column \(column) is a linear combination of the columns before it, so the least-squares solution is not unique."
        }
    }
}
