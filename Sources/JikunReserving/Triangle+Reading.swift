import Foundation
import JikunPolicy

extension Triangle {
    /// The latest development period a triangle file may give (a century of months).
    static let latestDevelopment = 1_200

    /// Reads a long-format triangle, `origin,development,value`, one cell per row (the layout R
    /// ChainLadder's `as.triangle` and chainladder-python exchange). Values are cumulative unless
    /// `incremental`. Origins sort as integers when they all are, else as text (`2021-03`,
    /// `2021-Q2` sort correctly); developments are integers, equally spaced.
    ///
    /// Every origin must have a value at each development up to the latest diagonal: origin `i`
    /// of `m` at the first `min(n, m − i)` developments. A non-numeric cell, a repeated cell, a
    /// negative cumulative value, a hole, a cell beyond the diagonal and an origin that stops
    /// before the diagonal are errors naming the file, row and column.
    public static func read(_ document: CSVDocument, incremental: Bool = false) throws -> Triangle {
        let cOrigin = try document.requiredColumn("origin"), cDev = try document.requiredColumn("development")
        let cValue = try document.requiredColumn("value")
        struct Cell { var origin: String; var development: Int; var value: Double; var row: Int }
        var cells: [Cell] = []
        var seen: [String: [Int: Int]] = [:]
        try document.forEachRecord { record in
            let origin = record.string(cOrigin).trimmingWhitespace
            guard !origin.isEmpty else { throw record.error(cOrigin, "missing value: every cell needs its origin period") }
            let devText = record.string(cDev).trimmingWhitespace
            guard let development = Int(devText) else {
                throw record.error(cDev, "expected an integer development period, got \"\(devText)\"")
            }
            guard (0...Self.latestDevelopment).contains(development) else {
                throw record.error(cDev, "expected a development period from 0 to \(Self.latestDevelopment), got \(development)")
            }
            let valueText = record.string(cValue).trimmingWhitespace
            guard let value = Double.decimal(valueText) else {
                throw record.error(cValue, "expected a number, got \"\(valueText)\"")
            }
            if !incremental, value < 0 {
                throw record.error(cValue, "a cumulative value must be ≥ 0, got \(valueText) (give --incremental if the file holds increments)")
            }
            if let earlier = seen[origin]?[development] {
                throw record.error(cDev, "origin \(origin), development \(development) is given twice (first on row \(earlier))")
            }
            seen[origin, default: [:]][development] = record.row
            cells.append(Cell(origin: origin, development: development, value: value, row: record.row))
        }
        let path = document.path
        guard !cells.isEmpty else { throw PolicyInputError.file(path: path, message: "the triangle has no cells") }

        let names = Array(seen.keys)
        let numbered = names.allSatisfy { Int($0) != nil }
        if numbered {
            // "9" and "09" would be one origin twice, in no defined order.
            var byNumber: [Int: String] = [:]
            for name in names.sorted() {
                if let other = byNumber.updateValue(name, forKey: Int(name)!) {
                    func firstRow(_ origin: String) -> Int { cells.first { $0.origin == origin }!.row }
                    let (first, second) = firstRow(other) < firstRow(name) ? (other, name) : (name, other)
                    throw PolicyInputError.csv(file: path, row: firstRow(second), column: "origin",
                                               message: "origins \"\(first)\" and \"\(second)\" are the same number: write each origin one way")
                }
            }
        }
        let origins = numbered ? names.sorted { Int($0)! < Int($1)! } : names.sorted(by: Self.naturalOrder)
        let devs = Array(Set(cells.map(\.development))).sorted()
        if devs.count >= 2 {
            let step = devs[1] - devs[0]
            for (k, d) in devs.enumerated() where d != devs[0] + k * step {
                let row = cells.first { $0.development == d }!.row
                throw PolicyInputError.csv(file: path, row: row, column: "development",
                                           message: "development periods must be equally spaced (\(devs[0]), \(devs[0] + step), …); \(d) breaks the step \(step), so some development is missing for every origin")
            }
        }
        let column = Dictionary(uniqueKeysWithValues: devs.enumerated().map { ($1, $0) })
        let m = origins.count, n = devs.count
        var rows: [[Double]] = []
        for (i, origin) in origins.enumerated() {
            let expected = min(n, m - i)
            let given = cells.filter { $0.origin == origin }.sorted { column[$0.development]! < column[$1.development]! }
            var row: [Double] = []
            for (position, cell) in given.enumerated() {
                let k = column[cell.development]!
                if k >= expected {
                    throw PolicyInputError.csv(file: path, row: cell.row, column: "development",
                                               message: "origin \(origin) has a value at development \(cell.development), beyond the latest diagonal (development \(devs[expected - 1]) for the \(ordinal(i + 1)) of \(m) origins)")
                }
                if k != position {
                    throw PolicyInputError.csv(file: path, row: cell.row, column: "development",
                                               message: "origin \(origin) has no value at development \(devs[position]) (a hole in the triangle); every development up to the diagonal needs a value")
                }
                row.append(cell.value)
            }
            if row.count < expected {
                throw PolicyInputError.csv(file: path, row: given.last!.row, column: "development",
                                           message: "origin \(origin) stops at development \(devs[row.count - 1]): no value on the latest diagonal (expected up to development \(devs[expected - 1]))")
            }
            if incremental {
                var sum = 0.0
                for (k, value) in row.enumerated() {
                    sum += value
                    if sum < 0 {
                        throw PolicyInputError.csv(file: path, row: given[k].row, column: "value",
                                                   message: "origin \(origin): the cumulative value at development \(devs[k]) is \(sum) < 0")
                    }
                    row[k] = sum
                }
            }
            rows.append(row)
        }
        return try Triangle(origins: origins, developments: devs.map(String.init), rows: rows)
    }

    /// Text origins in the order a person reads them: runs of digits compare as numbers, so
    /// "2021-3" comes before "2021-10" (as text it would come after). Equal under that order
    /// ("2021-3" and "2021-03"), the text decides, so the order is total.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        func runs(_ s: String) -> [(digits: Bool, text: Substring)] {
            var result: [(Bool, Substring)] = []
            var start = s.startIndex
            while start < s.endIndex {
                let digits = s[start].isASCII && s[start].isNumber
                let end = s[start...].firstIndex { ($0.isASCII && $0.isNumber) != digits } ?? s.endIndex
                result.append((digits, s[start..<end]))
                start = end
            }
            return result
        }
        let x = runs(a), y = runs(b)
        for (p, q) in zip(x, y) {
            if p.digits && q.digits {
                // By value without converting (a run may pass 64 bits): length, then digits.
                let u = p.text.drop { $0 == "0" }, v = q.text.drop { $0 == "0" }
                if u.count != v.count { return u.count < v.count }
                if u != v { return u < v }
            } else if p.text != q.text {
                return p.text < q.text
            }
        }
        if x.count != y.count { return x.count < y.count }
        return a < b
    }
}

private func ordinal(_ k: Int) -> String {
    switch (k % 10, k % 100) {
    case (1, let h) where h != 11: "\(k)st"
    case (2, let h) where h != 12: "\(k)nd"
    case (3, let h) where h != 13: "\(k)rd"
    default: "\(k)th"
    }
}
