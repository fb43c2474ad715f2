/// A dense matrix of `Double`s stored row by row.
///
/// Entry `(i, j)` lives at `values[i * columns + j]`, which is the layout the
/// BLAS and LAPACK calls in this module are given (row-major, leading
/// dimension `columns`). A `Matrix` is a value: copies share storage until one
/// of them is written to.
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries, row by row (`rows * columns` of them).
    public internal(set) var values: [Double]

    /// A `rows × columns` matrix with every entry equal to `value`.
    ///
    /// Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative (got \(rows)×\(columns))")
        self.rows = rows
        self.columns = columns
        self.values = [Double](repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix whose entries, row by row, are `values`.
    ///
    /// `values.count` must equal `rows * columns`. Complexity: O(1) (the array is adopted, not copied).
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative (got \(rows)×\(columns))")
        precondition(
            values.count == rows * columns,
            "A \(rows)×\(columns) matrix needs \(rows * columns) values, got \(values.count)"
        )
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix built from an array of rows, all of the same length.
    ///
    /// `Matrix([[1, 2, 3], [4, 5, 6]])` is 2×3. An empty array gives a 0×0 matrix.
    /// Complexity: O(rows · columns).
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        for (index, row) in rowArrays.enumerated() {
            precondition(
                row.count == columns,
                "Row \(index) has \(row.count) entries but row 0 has \(columns)"
            )
        }
        self.init(rows: rowArrays.count, columns: columns, values: Array(rowArrays.joined()))
    }

    /// The `n × n` identity matrix.
    ///
    /// Complexity: O(n²).
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n {
            result.values[i * n + i] = 1
        }
        return result
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// The entry in row `row` and column `column`, both counted from 0.
    ///
    /// Complexity: O(1).
    public subscript(row: Int, column: Int) -> Double {
        get {
            checkIndex(row, column)
            return values[row * columns + column]
        }
        set {
            checkIndex(row, column)
            values[row * columns + column] = newValue
        }
    }

    /// The transpose: a `columns × rows` matrix with entry `(j, i)` equal to this one's `(i, j)`.
    ///
    /// Complexity: O(rows · columns).
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        values.withUnsafeBufferPointer { source in
            result.values.withUnsafeMutableBufferPointer { target in
                for i in 0..<rows {
                    for j in 0..<columns {
                        target[j * rows + i] = source[i * columns + j]
                    }
                }
            }
        }
        return result
    }

    /// Calls `body` with the row-major storage, for passing to `gemm` and other raw-buffer code.
    ///
    /// Complexity: O(1) plus whatever `body` does.
    public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the mutable row-major storage, for filling a matrix without
    /// per-entry bounds checks. `body` must not replace the buffer.
    ///
    /// Complexity: O(1) plus whatever `body` does (O(rows · columns) once if the storage is shared and must be copied).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { buffer in try body(buffer) }
    }

    @inline(__always)
    private func checkIndex(_ row: Int, _ column: Int) {
        precondition(
            row >= 0 && row < rows && column >= 0 && column < columns,
            "Index (\(row), \(column)) is out of range for a \(rows)×\(columns) matrix"
        )
    }
}

extension Matrix: CustomStringConvertible {
    /// The shape and the entries row by row, e.g. `2×2 [[1.0, 2.0], [3.0, 4.0]]`.
    public var description: String {
        let body = (0..<rows).map { i in
            "[" + values[i * columns..<(i + 1) * columns].map { "\($0)" }.joined(separator: ", ") + "]"
        }
        return "\(rows)×\(columns) [" + body.joined(separator: ", ") + "]"
    }
}
