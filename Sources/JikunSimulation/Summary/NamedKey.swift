/// A JSON object key given by name: the typed results encode as objects keyed by their labels
/// (`p95`, `refund`, …), so the files keep the layout the schema documents.
struct NamedKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
