import Foundation

/// A level the user chose (a confidence, a tail level, a target) as a percentage with the
/// decimals it needs, at least `minimumDecimals`: 0.999999 reads 99.9999%, not a rounded 100.0%,
/// and a 3.25 % target reads 3.25%.
public func levelText(_ level: Double, minimumDecimals: Int = 1) -> String {
    func text(_ decimals: Int) -> String { String(format: "%.\(decimals)f%%", level * 100) }
    for decimals in minimumDecimals...6 where abs((Double(text(decimals).dropLast()) ?? .nan) / 100 - level) < 1e-12 {
        return text(decimals)
    }
    return text(6)
}
