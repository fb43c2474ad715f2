import Foundation

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: .whitespaces)`, without Foundation's cost for the usual field
    /// whose first and last bytes are printable ASCII (never white space, so nothing to trim):
    /// population.csv has a hundred thousand fields.
    public var trimmingWhitespace: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last,
              (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) else {
            return trimmingCharacters(in: .whitespaces)
        }
        return String(self)
    }
}
