import JikunSampling
@testable import JikunSimulation

extension Engine {
    /// One trial's claim columns (fen) drawn again outside the run, as `Engine.run` draws them:
    /// the trial's stream, its group key first, then the factors, then the claims.
    func sampledRow(seed: UInt64, trial: Int) -> [Double] {
        var row = [Double](repeating: 0, count: columns.count)
        var rng = RandomStream(seed: seed, stream: UInt64(trial))
        let groupKey = rng.next()
        var state = kernel.factors.makeState()
        kernel.factors.draw(into: &state, rng: &rng)
        var counters = TrialKernel.Counters()
        row.withUnsafeMutableBufferPointer {
            kernel.sampleTrial(into: $0.baseAddress!, state: state, groupKey: groupKey, counters: &counters)
        }
        return row
    }
}
