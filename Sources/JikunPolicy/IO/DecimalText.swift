extension Double {
    /// A finite number written in decimal (digits, a sign, a point, an exponent), as the files
    /// and options hold numbers. Swift's `Double(_:)` also reads hexadecimal ("0x10" as 16,
    /// "0x1p4" as 16), "nan" and "inf"; those are not numbers a user means here.
    public static func decimal(_ text: some StringProtocol) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }
}
