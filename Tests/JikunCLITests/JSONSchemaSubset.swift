import Foundation

/// A validator for the part of JSON Schema (2020-12) that `schemas/summary.schema.json` uses:
/// `type`, `properties`, `required`, `additionalProperties`, `propertyNames`, `items`,
/// `minItems`, `maxItems`, `enum`, `minimum`, `maximum`, `minLength`, `pattern` and local
/// `$ref`s to `#/$defs/…`. Any other keyword (other than annotations) is reported as
/// unsupported, so the schema cannot silently outgrow the validator. JSON booleans are not told
/// apart from numbers (the schema has none). CI also checks the same files with Python's
/// `jsonschema` (scripts/check-schema.py), an independent implementation.
struct JSONSchemaSubset: @unchecked Sendable {  // immutable after init
    let root: [String: Any]

    init(contentsOf url: URL) throws {
        root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    static let keywords: Set<String> = ["type", "properties", "required", "additionalProperties", "propertyNames", "items",
                                        "minItems", "maxItems", "enum", "minimum", "maximum", "minLength", "pattern", "$ref"]

    /// Every violation, as "path: what is wrong" (empty when the document is valid).
    func violations(of document: Any) -> [String] {
        var found: [String] = []
        check(document, against: root, at: "$", into: &found)
        return found
    }

    private func check(_ value: Any, against schema: [String: Any], at path: String, into found: inout [String]) {
        for key in schema.keys where !Self.annotations.contains(key) && !Self.keywords.contains(key) {
            found.append("\(path): the schema uses \(key), which this validator does not support")
        }
        if let ref = schema["$ref"] as? String {
            let prefix = "#/$defs/"
            guard ref.hasPrefix(prefix), let defs = root["$defs"] as? [String: Any],
                  let target = defs[String(ref.dropFirst(prefix.count))] as? [String: Any] else {
                found.append("\(path): unresolved $ref \(ref)")
                return
            }
            check(value, against: target, at: path, into: &found)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as! String]
            if !types.contains(where: { Self.matches(value, type: $0) }) {
                found.append("\(path): expected \(types.joined(separator: " or ")), got \(Self.describe(value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): \(Self.describe(value)) is not one of the allowed values")
        }
        if let number = value as? NSNumber, !(value is String) {
            let x = number.doubleValue
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, x < minimum { found.append("\(path): \(x) is below the minimum \(minimum)") }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, x > maximum { found.append("\(path): \(x) is above the maximum \(maximum)") }
        }
        if let text = value as? String {
            if let minLength = schema["minLength"] as? Int, text.count < minLength { found.append("\(path): shorter than \(minLength) characters") }
            if let pattern = schema["pattern"] as? String, !Self.search(pattern, in: text) {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
        }
        if let array = value as? [Any] {
            if let minItems = schema["minItems"] as? Int, array.count < minItems { found.append("\(path): fewer than \(minItems) items") }
            if let maxItems = schema["maxItems"] as? Int, array.count > maxItems { found.append("\(path): more than \(maxItems) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(i)]", into: &found) }
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): the required key \(key) is missing")
            }
            for key in object.keys.sorted() {
                let child = "\(path).\(key)"
                if let names = schema["propertyNames"] as? [String: Any] { check(key, against: names, at: child + " (name)", into: &found) }
                if let sub = properties[key] as? [String: Any] {
                    check(object[key]!, against: sub, at: child, into: &found)
                } else if let sub = schema["additionalProperties"] as? [String: Any] {
                    check(object[key]!, against: sub, at: child, into: &found)
                } else if (schema["additionalProperties"] as? Bool) == false {
                    found.append("\(child): a key the schema does not allow")
                }
            }
        }
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "number": return value is NSNumber && !(value is String)
        case "integer":
            guard let n = value as? NSNumber, !(value is String) else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        case "null": return value is NSNull
        default: return false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }

    private static func search(_ pattern: String, in text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is NSNull: "null"
        default: "the number \(value)"
        }
    }
}

enum SummarySchema {
    static let validator: JSONSchemaSubset = try! JSONSchemaSubset(
        contentsOf: CLI.packageRoot.appendingPathComponent("schemas/summary.schema.json"))

    /// The schema's violations by the summary.json text `text`.
    static func violations(_ text: String) -> [String] {
        guard let document = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return ["not JSON"] }
        return validator.violations(of: document)
    }
}
