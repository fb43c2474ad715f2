import _CXLSXWriter
import Foundation

// The only file that sees libxlsxwriter's C API.

extension Workbook {
    /// Writes the workbook as .xlsx at `path`, replacing any file there only once the new one
    /// is complete (it is written beside it, then renamed).
    ///
    /// Every sheet's first row is the header, bold and frozen; columns are sized to their
    /// contents. The file's creation time is `SOURCE_DATE_EPOCH` when that is set (so a run can
    /// be reproduced byte for byte), else now.
    /// - Throws: ``WorkbookError/badSheetName(_:reason:)`` for a name Excel would refuse or a
    ///   repeated one; ``WorkbookError/cannotWrite(path:reason:)`` when the write fails.
    public func write(to path: String) throws {
        var seen: Set<String> = []
        for sheet in sheets {
            if let problem = sheet.nameProblem { throw WorkbookError.badSheetName(sheet.name, reason: problem) }
            guard seen.insert(sheet.name.lowercased()).inserted else {
                throw WorkbookError.badSheetName(sheet.name, reason: "another sheet already has this name")
            }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        guard let workbook = workbook_new(temporary) else {
            throw WorkbookError.cannotWrite(path: path, reason: "libxlsxwriter could not start a workbook")
        }
        setProperties(workbook)
        let formats = Formats(workbook)
        for sheet in sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                workbook_close(workbook)
                try? FileManager.default.removeItem(atPath: temporary)
                throw WorkbookError.badSheetName(sheet.name, reason: "libxlsxwriter refused it")
            }
            fill(worksheet, with: sheet, formats: formats)
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw WorkbookError.cannotWrite(path: path, reason: String(cString: lxw_strerror(status)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WorkbookError.cannotWrite(path: path, reason: reason)
        }
    }

    private func setProperties(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        var properties = lxw_doc_properties()
        let title = strdup(self.title)
        defer { free(title) }
        properties.title = title
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(epoch) {
            properties.created = time_t(seconds)
        } else {
            properties.created = time(nil)
        }
        workbook_set_properties(workbook, &properties)
    }

    private func fill(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, with sheet: Sheet, formats: Formats) {
        for (c, label) in sheet.header.enumerated() {
            worksheet_write_string(worksheet, 0, lxw_col_t(c), label, formats.header)
        }
        for (r, row) in sheet.rows.enumerated() {
            let rowIndex = lxw_row_t(r + 1)
            for (c, cell) in row.enumerated() {
                let column = lxw_col_t(c)
                switch cell {
                case .text(let s):
                    worksheet_write_string(worksheet, rowIndex, column, s, nil)
                case .yuan(let x):
                    number(worksheet, rowIndex, column, x, formats.yuan)
                case .percent(let x):
                    number(worksheet, rowIndex, column, x, formats.percent)
                case .number(let x, let decimals):
                    number(worksheet, rowIndex, column, x, formats.decimals(decimals))
                case .integer(let i):
                    worksheet_write_number(worksheet, rowIndex, column, Double(i), formats.integer)
                case .empty:
                    break
                }
            }
        }
        var noteRow = lxw_row_t(sheet.rows.count + 2)
        for note in sheet.notes {
            worksheet_write_string(worksheet, noteRow, 0, note, formats.note)
            noteRow += 1
        }
        let columns = sheet.rows.reduce(sheet.header.count) { max($0, $1.count) }
        for c in 0..<columns {
            worksheet_set_column(worksheet, lxw_col_t(c), lxw_col_t(c), sheet.columnWidth(c), nil)
        }
        worksheet_freeze_panes(worksheet, 1, 0)
    }

    /// A number, or its name as text when it is not finite (a cell cannot hold NaN or ∞).
    private func number(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, _ row: lxw_row_t, _ column: lxw_col_t,
                        _ x: Double, _ format: UnsafeMutablePointer<lxw_format>?) {
        if x.isFinite {
            worksheet_write_number(worksheet, row, column, x, format)
        } else {
            worksheet_write_string(worksheet, row, column, x.isNaN ? "NaN" : (x < 0 ? "-∞" : "∞"), nil)
        }
    }
}

/// The workbook's cell formats, made once each (libxlsxwriter owns them).
private final class Formats {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let header: UnsafeMutablePointer<lxw_format>?
    let note: UnsafeMutablePointer<lxw_format>?
    let yuan: UnsafeMutablePointer<lxw_format>?
    let percent: UnsafeMutablePointer<lxw_format>?
    let integer: UnsafeMutablePointer<lxw_format>?
    private var byDecimals: [Int: UnsafeMutablePointer<lxw_format>?] = [:]

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
        header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_text_wrap(header)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        note = workbook_add_format(workbook)
        format_set_italic(note)
        yuan = Self.numberFormat(workbook, "#,##0.00")
        percent = Self.numberFormat(workbook, "0.00%")
        integer = Self.numberFormat(workbook, "#,##0")
    }

    func decimals(_ d: Int) -> UnsafeMutablePointer<lxw_format>? {
        let d = min(max(d, 0), 12)
        if let format = byDecimals[d] { return format }
        let format = Self.numberFormat(workbook, d == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: d))
        byDecimals[d] = format
        return format
    }

    private static func numberFormat(_ workbook: UnsafeMutablePointer<lxw_workbook>, _ code: String) -> UnsafeMutablePointer<lxw_format>? {
        let format = workbook_add_format(workbook)
        format_set_num_format(format, code)
        return format
    }
}
