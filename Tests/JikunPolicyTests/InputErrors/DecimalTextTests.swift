import Testing
import JikunPolicy

/// Numbers in files and options are read in decimal only: `Double(_:)` alone takes "0x10" as 16.
@Suite struct DecimalTextTests {
    @Test(arguments: [("16", 16.0), ("+1.5", 1.5), ("-0.25", -0.25), ("1e3", 1000), ("2.5E-1", 0.25), (".5", 0.5)])
    func decimalNumbersAreRead(_ text: String, _ value: Double) {
        #expect(Double.decimal(text) == value)
    }

    @Test(arguments: ["0x10", "0x1p4", "nan", "inf", "-infinity", "1e400", "", " 1", "1,5", "１６"])
    func otherSpellingsAreNotNumbers(_ text: String) {
        #expect(Double.decimal(text) == nil)
    }
}
