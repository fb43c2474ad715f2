import Foundation

/// The output formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html
    case markdown

    /// The format for a file name by its extension (case-insensitive): .html or .htm → HTML,
    /// .md or .markdown → Markdown; nil for anything else.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": self = .html
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }

    /// The file extensions accepted, for messages.
    public static let acceptedExtensions = [".html", ".htm", ".md", ".markdown"]
}

/// Why a report could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path's extension names no format.
    case unsupportedExtension(path: String)
    /// The file system refused the write.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedExtension(let path):
            return "Cannot tell the report format from '\(path)': use a file name ending in .html (or .htm) for a web page, .md for Markdown, or .xlsx for an Excel workbook."
        case .cannotWrite(let path, let reason):
            return "Cannot write the report to '\(path)': \(reason)"
        }
    }
}

/// The document as text in `format`. Deterministic: the same document gives the same bytes.
public func render(_ doc: ReportDocument, as format: ReportFormat) -> String {
    switch format {
    case .html: return HTMLRenderer.render(doc)
    case .markdown: return MarkdownRenderer.render(doc)
    }
}

/// Writes the document to `path` (UTF-8) in the format its extension names, replacing any
/// file there atomically.
/// - Throws: ``ReportError/unsupportedExtension(path:)`` for an extension other than .html,
///   .htm, .md or .markdown; ``ReportError/cannotWrite(path:reason:)`` when the write fails.
public func write(_ doc: ReportDocument, to path: String) throws {
    guard let format = ReportFormat(path: path) else { throw ReportError.unsupportedExtension(path: path) }
    let data = Data(render(doc, as: format).utf8)
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        let reason = (error as NSError).localizedDescription
        throw ReportError.cannotWrite(path: path, reason: reason)
    }
}

extension Chart {
    /// The chart as a standalone SVG document (with the SVG namespace), e.g. to save as .svg.
    /// `idPrefix` starts every element id. The title goes into `<title>` and the caption into
    /// `<desc>`; neither is drawn (in HTML they are printed above and below the figure).
    public func svg(idPrefix: String = "chart") -> String {
        ChartRenderer(chart: self, idPrefix: idPrefix).svg(standalone: true)
    }
}
