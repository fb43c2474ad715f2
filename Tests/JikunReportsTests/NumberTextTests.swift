import Testing
@testable import JikunReports

@Suite("Number text")
struct NumberTextTests {
    @Test(arguments: [
        (0.0, 2, "0.00"), (1234567.891, 2, "1,234,567.89"), (-0.004, 2, "0.00"), (-1.5, 0, "-2"),
        (999.995, 2, "1,000.00"), (0.5, 0, "1"), (123.0, 0, "123"), (-1234.5, 1, "-1,234.5"),
        (Double.nan, 2, "NaN"), (Double.infinity, 1, "∞"),
    ])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(NumberText.fixed(value, decimals: decimals) == expected)
    }

    @Test(arguments: [
        (1234.5, 4, "1,235"), (0.012345, 4, "0.01235"), (0.0, 4, "0"), (987654.0, 3, "987,654"), (-2.5, 2, "-2.5"),
    ])
    func significant(value: Double, digits: Int, expected: String) {
        #expect(NumberText.significant(value, digits: digits) == expected)
    }

    @Test func valuesInAxisFormats() {
        #expect(NumberText.value(0.8534, format: .percent) == "85.3%")
        #expect(NumberText.value(12_345_678, format: .millions) == "12.35")
        #expect(NumberText.value(12_345, format: .thousands) == "12.35")
        #expect(NumberText.value(-3.25, format: .plain, typographic: true) == "\u{2212}3.25")
    }

    @Test func coordinatesAreShortAndStable() {
        #expect(NumberText.coordinate(12.5) == "12.5")
        #expect(NumberText.coordinate(300) == "300")
        #expect(NumberText.coordinate(1.0 / 3.0) == "0.33")
        #expect(NumberText.coordinate(-0.001) == "0")
        #expect(NumberText.coordinate(.nan) == "0")
    }
}
