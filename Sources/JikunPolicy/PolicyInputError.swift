/// Everything that can be wrong with what a user hands the rule engine. Each message names the
/// file and the place in it (TOML key path, or CSV row and column) and what was expected.
public enum PolicyInputError: Error, Equatable, CustomStringConvertible {
    /// A file that cannot be read at all.
    case file(path: String, message: String)
    /// A TOML edition or scenario file: `keyPath` is dotted, with `[i]` for array elements.
    case config(file: String, keyPath: String, message: String)
    /// A CSV file: `row` counts lines of the file, the header being row 1.
    case csv(file: String, row: Int, column: String?, message: String)
    /// Command-line values that do not fit together.
    case usage(String)

    /// The message, with control characters other than line breaks and tabs written as
    /// `\u{…}`: a value holding a NUL or an escape sequence shows as it is in the file.
    public var description: String {
        var text = ""
        for scalar in plainDescription.unicodeScalars {
            if scalar.properties.generalCategory == .control, scalar != "\n", scalar != "\t" {
                text += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private var plainDescription: String {
        switch self {
        case .file(let path, let message):
            "\(path): \(message)"
        case .config(let file, let keyPath, let message):
            "\(file): \(keyPath): \(message)"
        case .csv(let file, let row, let column, let message):
            if let column { "\(file): row \(row), column \(column): \(message)" }
            else { "\(file): row \(row): \(message)" }
        case .usage(let message):
            message
        }
    }
}
