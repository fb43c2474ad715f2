/// A resident identity number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check
/// character (`0`–`9` or `X`). Packed into one integer so millions of look-ups stay cheap.
public struct PersonID: Hashable, Sendable, CustomStringConvertible {
    /// `digits × 11 + checkValue` where `checkValue` is 0–10 (10 standing for `X`).
    public let packed: UInt64

    @usableFromInline static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    @usableFromInline static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Why an identity number is not acceptable.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case length(Int)
        case notDigits
        case badCheckCharacter(expected: Character, found: Character)
        case badBirthDate(String)

        public var description: String {
            switch self {
            case .length(let n): "expected 18 characters (17 digits and a check character), got \(n)"
            case .notDigits: "expected 17 digits followed by a check digit or X"
            case .badCheckCharacter(let expected, let found):
                "check character is \(found) but the 17 digits give \(expected) (GB 11643, ISO 7064 MOD 11-2)"
            case .badBirthDate(let digits): "the birth date digits \(digits) are not a calendar date"
            }
        }
    }

    /// Parses and validates: length, digits, check character, and the embedded birth date.
    /// A lower-case `x` is read as `X`.
    @inlinable
    public static func parse<Bytes: RandomAccessCollection>(_ text: Bytes) -> Result<PersonID, Problem>
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard text.count == 18 else { return .failure(.length(text.count)) }
        let base = text.startIndex
        var digits: UInt64 = 0, sum = 0
        for i in 0..<17 {
            let b = text[base + i]
            guard b >= 48, b <= 57 else { return .failure(.notDigits) }
            let d = Int(b - 48)
            digits = digits * 10 + UInt64(d)
            sum += d * weights[i]
        }
        var last = text[base + 17]
        if last == UInt8(ascii: "x") { last = UInt8(ascii: "X") }
        let expected = checkCharacters[sum % 11]
        guard last == expected else {
            guard (last >= 48 && last <= 57) || last == UInt8(ascii: "X") else { return .failure(.notDigits) }
            return .failure(.badCheckCharacter(expected: Character(UnicodeScalar(expected)), found: Character(UnicodeScalar(last))))
        }
        let id = PersonID(packed: digits * 11 + UInt64(last == UInt8(ascii: "X") ? 10 : Int(last - 48)))
        guard id.embeddedBirthDate != nil else {
            let text = id.description
            let start = text.index(text.startIndex, offsetBy: 6)
            return .failure(.badBirthDate(String(text[start..<text.index(start, offsetBy: 8)])))
        }
        return .success(id)
    }

    @inlinable init(packed: UInt64) { self.packed = packed }

    public static func parse(_ text: String) -> Result<PersonID, Problem> { parse(Array(text.utf8)) }

    /// The 17 leading digits as a number.
    public var digits: UInt64 { packed / 11 }

    /// The date of birth encoded in positions 7–14 (YYYYMMDD).
    public var embeddedBirthDate: CivilDate? {
        let yyyymmdd = Int((digits / 1000) % 100_000_000)
        return CivilDate(year: yyyymmdd / 10_000, month: (yyyymmdd / 100) % 100, day: yyyymmdd % 100)
    }

    public var description: String {
        let d = String(digits)
        let check = packed % 11
        return String(repeating: "0", count: 17 - d.count) + d + (check == 10 ? "X" : String(check))
    }

    /// The check character for 17 digits (for tools that make identity numbers).
    public static func checkCharacter(for seventeenDigits: String) -> Character {
        let sum = zip(seventeenDigits.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return Character(UnicodeScalar(checkCharacters[sum % 11]))
    }
}
