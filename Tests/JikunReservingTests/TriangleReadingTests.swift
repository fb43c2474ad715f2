import JikunPolicy
import Testing
@testable import JikunReserving

@Suite struct TriangleReadingTests {
    func read(_ text: String, incremental: Bool = false) throws -> Triangle {
        try Triangle.read(CSVDocument(bytes: Array(text.utf8), path: "tri.csv"), incremental: incremental)
    }

    @Test func readsALongFormatTriangleInAnyRowOrder() throws {
        let t = try read("origin,development,value\n2020,2,15\n2020,1,10\n2021,1,7\n")
        #expect(t.origins == ["2020", "2021"])
        #expect(t.developments == ["1", "2"])
        #expect(t.rows == [[10, 15], [7]])
    }

    @Test func incrementalValuesAreCumulated() throws {
        let t = try read("origin,development,value\nA,0,10\nA,1,-2\nA,2,4\nB,0,5\nB,1,1\nC,0,3\n", incremental: true)
        #expect(t.rows == [[10, 8, 12], [5, 6], [3]])
    }

    @Test func originsSortAsIntegersWhenTheyAreIntegers() throws {
        let t = try read("origin,development,value\n10,1,1\n9,1,1\n9,2,2\n")
        #expect(t.origins == ["9", "10"])
    }

    @Test(arguments: [
        ("origin,development,value\nA,1,10\nA,3,12\nA,2,11\nB,2,6\nC,1,1\n",
         "tri.csv: row 5, column development: origin B has no value at development 1 (a hole in the triangle); every development up to the diagonal needs a value"),
        ("origin,development,value\nA,1,10\nA,2,-1\nB,1,5\n",
         "tri.csv: row 3, column value: a cumulative value must be ≥ 0, got -1 (give --incremental if the file holds increments)"),
        ("origin,development,value\nA,1,10\nA,2,1O\nB,1,5\n",
         "tri.csv: row 3, column value: expected a number, got \"1O\""),
        ("origin,development,value\nA,1,10\nA,2,12\nA,3,13\nB,1,5\nB,2,6\nC,1,1\nD,1,2\n",
         "tri.csv: row 6, column development: origin B stops at development 2: no value on the latest diagonal (expected up to development 3)"),
        ("origin,development,value\nA,1,10\nA,2,12\nB,1,5\nB,2,6\n",
         "tri.csv: row 5, column development: origin B has a value at development 2, beyond the latest diagonal (development 1 for the 2nd of 2 origins)"),
        ("origin,development,value\nA,12,10\nA,24,12\nA,48,13\nB,12,5\n",
         "tri.csv: row 4, column development: development periods must be equally spaced (12, 24, …); 48 breaks the step 12, so some development is missing for every origin"),
        ("origin,development,value\nA,1,10\nA,1,12\n",
         "tri.csv: row 3, column development: origin A, development 1 is given twice (first on row 2)"),
        ("origin,development,value\nA,one,10\n",
         "tri.csv: row 2, column development: expected an integer development period, got \"one\""),
        ("origin,development,value\nA,1,10\nA,2,-12\nB,1,5\n",
         "tri.csv: row 3, column value: origin A: the cumulative value at development 2 is -2.0 < 0"),
    ])
    func badTrianglesAreErrorsNamingRowAndColumn(text: String, message: String) {
        let incremental = message.contains("cumulative value at")
        do {
            _ = try read(text, incremental: incremental)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func aMissingHeaderColumnIsNamed() {
        #expect(throws: (any Error).self) { try read("origin,dev,value\nA,1,1\n") }
    }
}
