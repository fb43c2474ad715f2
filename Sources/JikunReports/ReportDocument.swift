/// A report: a title, an optional subtitle and a sequence of blocks, rendered as one
/// self-contained HTML page or as Markdown by ``render(_:as:)`` and ``write(_:to:)``.
///
/// A document is plain data: the same document always renders to the same bytes, so a report
/// checked into a notebook can be compared with a fresh run to detect stale outputs.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String?
    public var blocks: [ReportBlock]

    public init(title: String, subtitle: String? = nil, blocks: [ReportBlock] = []) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
    }

    /// Appends a block (a convenience for commands that assemble a report step by step).
    public mutating func append(_ block: ReportBlock) { blocks.append(block) }
}

/// One element of a report, in reading order.
public enum ReportBlock: Sendable {
    /// A section heading. Level 2 is a top-level section (the document title is level 1);
    /// levels outside 2…6 are clamped into that range.
    case heading(String, level: Int)
    /// A paragraph of plain text (never markup: it is escaped on output).
    case paragraph(String)
    /// A row of headline numbers, e.g. "Expected cost 预期成本 · 1.23 亿元 · ± 0.3 MC se".
    case keyFigures([KeyFigure])
    /// A table of preformatted strings.
    case table(ReportTable)
    /// A chart: inline SVG in HTML, its data as a table in Markdown.
    case chart(Chart)
    /// Small print: assumptions, sources, the seed and trial count.
    case note(String)
}

/// A headline number: what it is, its value as display text, and an optional qualifier such
/// as its Monte Carlo standard error.
public struct KeyFigure: Sendable {
    public var label: String
    public var value: String
    public var note: String?

    public init(label: String, value: String, note: String? = nil) {
        self.label = label
        self.value = value
        self.note = note
    }
}

/// A table of display strings. Columns whose index is in `numericColumns` are right-aligned
/// (and use tabular figures in HTML). Short rows are padded with empty cells.
public struct ReportTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public var numericColumns: Set<Int>
    public var caption: String?
    /// A heat map over the cells (nil: a plain table).
    public var shading: CellShading?

    public init(header: [String], rows: [[String]], numericColumns: Set<Int> = [], caption: String? = nil,
                shading: CellShading? = nil) {
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
        self.caption = caption
        self.shading = shading
    }

    /// The number of columns: the longest of the header and the rows.
    var columnCount: Int { rows.reduce(header.count) { max($0, $1.count) } }
}
