import Testing
@testable import JikunReports

@Suite("Histogram bins")
struct HistogramBinsTests {
    @Test(arguments: [1, 7, 40, 1000])
    func countsAddUpToTheNumberOfValues(bins: Int) {
        let values = SampleReport.lossRatios(count: 3_001)
        let h = HistogramBins(values: values, bins: bins, range: nil)
        #expect(h.counts.count == bins)
        #expect(h.counts.reduce(0, +) == values.count)
        #expect(h.below == 0 && h.above == 0 && h.nonFinite == 0)
        #expect(h.lower == values.min() && h.upper == values.max())
    }

    @Test func maximumFallsInTheLastBin() {
        let h = HistogramBins(values: [0, 0.25, 0.5, 0.75, 1], bins: 4, range: nil)
        #expect(h.counts == [1, 1, 1, 2])
        #expect(h.edges == [0, 0.25, 0.5, 0.75, 1])
    }

    @Test func axisRangeSetsTheBinsAndValuesOutsideAreCountedApart() {
        let values = [0.5, 0.61, 0.7, 0.95, 1.1, 1.2, .nan, .infinity]
        let h = HistogramBins(values: values, bins: 5, range: 0.6...1.1)
        #expect(h.lower == 0.6 && h.upper == 1.1)
        #expect(h.below == 1 && h.above == 1 && h.nonFinite == 2)
        #expect(h.counts.reduce(0, +) == 4)
        #expect(h.total == values.count)
    }

    @Test func degenerateInputs() {
        let same = HistogramBins(values: [3, 3, 3], bins: 10, range: nil)
        #expect(same.lower < 3 && same.upper > 3 && same.counts.reduce(0, +) == 3)
        let empty = HistogramBins(values: [], bins: 0, range: nil)
        #expect(empty.counts == [0] && empty.total == 0)
    }
}
