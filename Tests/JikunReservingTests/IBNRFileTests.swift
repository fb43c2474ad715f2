import JikunPolicy
import Testing
@testable import JikunReserving

/// What `settle --ibnr` reads back from `jikun develop --out`, and what it can say about the
/// claims the estimate was developed from.
@Suite struct IBNRFileTests {
    static func read(_ text: String) throws -> IBNRFile {
        try IBNRFile.read(CSVDocument(bytes: Array(text.utf8), path: "ibnr.csv"))
    }

    static let inputs = [SettlementInput(insurer: "picc", earnedPremium: Money(fen: 100_000), claims: Money(fen: 40_000)),
                         SettlementInput(insurer: "chinalife", earnedPremium: Money(fen: 100_000), claims: Money(fen: 75_000))]

    /// By insurer and line: picc's two lines add up to its 400.00 of claims; chinalife's give 700.00.
    @Test func anInsurersLatestIsTheSumOfItsLines() throws {
        let file = try Self.read("""
            insurer,line,origin,latest,ultimate,ibnr
            picc,accident_medical,TOTAL,150.00,200.00,50.00
            picc,disease_death,TOTAL,250.00,300.00,50.00
            chinalife,accident_medical,TOTAL,700.00,800.00,100.00

            """)
        #expect(file.latestByInsurer == ["picc": Money(fen: 40_000), "chinalife": Money(fen: 70_000)])
        #expect(file.latestDisagreement(with: Self.inputs, path: "ibnr.csv")
                == "ibnr.csv was developed from 700.00 yuan of insurer chinalife's claims, but the payments give 750.00")
    }

    /// A blank `latest` on one of chinalife's rows leaves its claims unknown: no note for it
    /// (it used to be compared as 0.00, or as its other rows alone).
    @Test func aBlankLatestSaysNothing() throws {
        let file = try Self.read("""
            insurer,line,origin,latest,ultimate,ibnr
            picc,accident_medical,TOTAL,400.00,450.00,50.00
            chinalife,accident_medical,TOTAL,,800.00,100.00
            chinalife,disease_death,TOTAL,100.00,150.00,50.00

            """)
        #expect(file.latestByInsurer == ["picc": Money(fen: 40_000)])
        #expect(file.latestDisagreement(with: Self.inputs, path: "ibnr.csv") == nil)
    }

    /// `latest` rows that add up past the largest amount leave that insurer's claims unknown,
    /// rather than dropping the insurer and comparing its claims with 0.00.
    @Test func latestPastTheLargestAmountSaysNothing() throws {
        // Each row may hold 15 digits before the point; 93 of them pass 92,233,720,368,547,758.07.
        let rows = (0..<93).map { "chinalife,line\($0),TOTAL,999999999999999.99,999999999999999.99,0.00\n" }
        let file = try Self.read("insurer,line,origin,latest,ultimate,ibnr\npicc,accident_medical,TOTAL,400.00,450.00,50.00\n" + rows.joined())
        #expect(file.latestByInsurer == ["picc": Money(fen: 40_000)])
        #expect(file.latestDisagreement(with: Self.inputs, path: "ibnr.csv") == nil)
    }
}
