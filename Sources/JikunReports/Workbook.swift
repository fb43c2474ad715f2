/// A spreadsheet workbook as plain data: named sheets, each a header row over rows of typed
/// cells. ``write(to:)`` writes it as .xlsx; numbers stay numbers there, formatted by kind.
///
/// The commands build a workbook from the same typed results their HTML and Markdown reports
/// use, never from report text, so a cell holds the full-precision value.
public struct Workbook: Sendable, Equatable {
    /// The document title (the file's properties, not a cell).
    public var title: String
    public var sheets: [Sheet]

    public init(title: String, sheets: [Sheet] = []) {
        self.title = title
        self.sheets = sheets
    }

    public mutating func append(_ sheet: Sheet) { sheets.append(sheet) }
}

extension Workbook {
    /// One sheet: a frozen header row of labels (Chinese beside English), then the rows.
    public struct Sheet: Sendable, Equatable {
        /// The tab's name: at most 31 characters, none of `[ ] : * ? / \` (Excel's rules).
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        /// Lines of small print below the table (what the numbers are, the trial count).
        public var notes: [String]

        public init(_ name: String, header: [String], rows: [[Cell]] = [], notes: [String] = []) {
            self.name = name
            self.header = header
            self.rows = rows
            self.notes = notes
        }

        public mutating func append(_ row: [Cell]) { rows.append(row) }

        /// The characters Excel refuses in a sheet name.
        static let forbiddenNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    }

    /// A cell's value and how it is shown. Money is in yuan (not millions), shown with thousands
    /// separators and two decimals; a fraction shown as a percentage is stored as the fraction.
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// An amount in yuan: `#,##0.00`.
        case yuan(Double)
        /// A fraction shown as a percentage with two decimals (0.8513 → 85.13 %).
        case percent(Double)
        /// A plain number shown with this many decimals.
        case number(Double, decimals: Int)
        /// A count: `#,##0`.
        case integer(Int)
        case empty
    }
}

/// Why a workbook could not be written.
public enum WorkbookError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A sheet name Excel would refuse.
    case badSheetName(String, reason: String)
    /// libxlsxwriter or the file system refused the write.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .badSheetName(let name, let reason):
            return "Cannot name a workbook sheet '\(name)': \(reason)"
        case .cannotWrite(let path, let reason):
            return "Cannot write the workbook to '\(path)': \(reason)"
        }
    }
}

extension Workbook.Sheet {
    /// Nil when Excel accepts the name, else why not.
    var nameProblem: String? {
        if name.isEmpty { return "a sheet needs a name" }
        if name.count > 31 { return "Excel allows at most 31 characters, this has \(name.count)" }
        if let bad = name.first(where: { Self.forbiddenNameCharacters.contains($0) }) {
            return "Excel does not allow '\(bad)' in a sheet name"
        }
        return nil
    }

    /// A column's width in Excel's character units: its longest text, CJK ideographs counting
    /// two (they are drawn about twice as wide), within 8…60.
    func columnWidth(_ column: Int) -> Double {
        var widest = header.indices.contains(column) ? Self.displayWidth(header[column]) : 0
        for row in rows where row.indices.contains(column) {
            widest = max(widest, Self.displayWidth(row[column].displayEstimate))
        }
        return Double(min(60, max(8, widest + 2)))
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isIdeographic || (0x3000...0x30FF).contains($1.value) || (0xFF00...0xFFEF).contains($1.value) ? 2 : 1) }
    }
}

extension Workbook.Cell {
    /// Roughly how the cell looks once formatted, to size its column.
    var displayEstimate: String {
        switch self {
        case .text(let s): return s
        case .yuan(let x): return NumberText.fixed(x, decimals: 2)
        case .percent(let x): return NumberText.fixed(x * 100, decimals: 2) + "%"
        case .number(let x, let decimals): return NumberText.fixed(x, decimals: decimals)
        case .integer(let i): return NumberText.fixed(Double(i), decimals: 0)
        case .empty: return ""
        }
    }
}
