import Dispatch
import Foundation
import JikunLinearAlgebra
import JikunPolicy
import JikunSampling
import Synchronization

/// How to run a simulation.
public struct SimulationOptions: Sendable {
    /// The most trials one run takes: a run keeps ≈ 250 bytes a trial (each trial's claims by
    /// line, period and insurer, and its settlement), so 10⁷ trials already hold ≈ 2.5 GB.
    public static let maximumTrials = 10_000_000

    public var trials: Int
    /// Index of the first trial to run (a shard of a larger run): trials `firstTrial ..<
    /// firstTrial + trials` draw the same streams as in a run from 0.
    public var firstTrial: Int
    public var seed: UInt64
    /// Worker threads (each runs whole blocks of trials).
    public var threads: Int
    /// Trials per block: sampled into one buffer, then scattered to the totals.
    public var blockSize: Int
    /// Called with the number of trials finished so far (from worker threads).
    public var progress: (@Sendable (Int) -> Void)?

    public init(trials: Int, seed: UInt64, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                blockSize: Int = 256, firstTrial: Int = 0, progress: (@Sendable (Int) -> Void)? = nil) {
        self.trials = trials
        self.firstTrial = firstTrial
        self.seed = seed
        self.threads = max(1, threads)
        self.blockSize = max(1, blockSize)
        self.progress = progress
    }
}

/// The Monte Carlo engine of MODEL.md. Trials run in blocks on `DispatchQueue.concurrentPerform`;
/// a block fills a trials × (unit·category·line·period) matrix of claims in fen, scatters each
/// trial's nonzero columns to its insurer × line × period and category × line × period totals in
/// integer fen, and settles each trial under the corridor. Every trial draws from its own stream keyed by (seed, trial), and
/// claims are whole fen, so every sum is exact and the result does not depend on threads or blocks.
public struct Engine: Sendable {
    public let scenario: Scenario
    public let population: Population
    var kernel: TrialKernel
    let columns: ClaimColumns
    /// For each claims column, its slot among the mapped totals: the insurer × line × period
    /// block (`insurerSlot`), then the category × line × period block (`categorySlot`).
    let insurerSlot: [Int32]
    let categorySlot: [Int32]
    let insurerWidth: Int
    let categoryWidth: Int
    var mappedWidth: Int { insurerWidth + categoryWidth }
    public let premiumByInsurer: [Double]

    public init(scenario: Scenario, population: Population? = nil) {
        self.scenario = scenario
        let population = population ?? Population(scenario: scenario)
        self.population = population
        kernel = TrialKernel(scenario: scenario, population: population)
        columns = ClaimColumns(edition: scenario.edition)
        let e = scenario.edition
        let lines = columns.lineCount, periods = columns.periods
        insurerWidth = e.insurers.count * lines * periods
        categoryWidth = columns.categories * lines * periods
        var insurerSlot = [Int32](repeating: 0, count: columns.count)
        var categorySlot = insurerSlot
        for column in 0..<columns.count {
            let (u, c, l, p) = columns.components(of: column)
            insurerSlot[column] = Int32((e.insurerOfUnit[u] * lines + l.index) * periods + p)
            categorySlot[column] = Int32(insurerWidth + (c * lines + l.index) * periods + p)
        }
        self.insurerSlot = insurerSlot
        self.categorySlot = categorySlot
        premiumByInsurer = population.premiumByInsurer(edition: e)
    }

    /// Runs the trials.
    public func run(_ options: SimulationOptions) -> SimulationResult {
        BLASThreads.setSingleThreaded()
        let trials = options.trials
        var result = SimulationResult(engine: self, trials: trials, seed: options.seed, firstTrial: options.firstTrial)
        let blockSize = min(options.blockSize, trials)
        let blocks = (trials + blockSize - 1) / blockSize
        let threads = min(options.threads, blocks)
        let finished = Atomic<Int>(0)
        // Workers take the next block as they finish one, so a slower core does not hold the
        // run back; each trial's draws depend only on its index, so the outcome is the same.
        let nextBlock = Atomic<Int>(0)
        let partials = Mutex<[WorkerTotals]>([])

        result.withTrialStorage { storage in
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                var totals = WorkerTotals(columns: columns.count, categories: columns.categories)
                var block = [Double](repeating: 0, count: blockSize * columns.count)
                var mapped = [Double](repeating: 0, count: blockSize * mappedWidth)
                var mappedFen = [Int64](repeating: 0, count: mappedWidth)
                var state = kernel.factors.makeState()
                var settlement = TrialSettlement(insurers: premiumByInsurer.count)
                var insurerClaims = [Double](repeating: 0, count: premiumByInsurer.count)
                while true {
                    let blockIndex = nextBlock.add(1, ordering: .relaxed).oldValue
                    if blockIndex >= blocks { break }
                    let first = blockIndex * blockSize
                    let rows = min(blockSize, trials - first)
                    let clock = ContinuousClock.now
                    block.withUnsafeMutableBufferPointer { buffer in
                        for r in 0..<rows {
                            var rng = RandomStream(seed: options.seed, stream: UInt64(options.firstTrial + first + r))
                            // The groups' key first, so adding a factor does not move the events' draws.
                            let groupKey = rng.next()
                            kernel.factors.draw(into: &state, rng: &rng)
                            kernel.sampleTrial(into: buffer.baseAddress! + r * columns.count, state: state,
                                               groupKey: groupKey, counters: &totals.counters)
                        }
                    }
                    let sampled = ContinuousClock.now
                    // Each nonzero column's fen to its column total and its two mapped totals;
                    // the block is zeroed on the way for the next one.
                    let perCategory = categoryWidth / columns.categories
                    block.withUnsafeMutableBufferPointer { buffer in
                    mapped.withUnsafeMutableBufferPointer { mappedRows in
                    mappedFen.withUnsafeMutableBufferPointer { slots in
                    insurerSlot.withUnsafeBufferPointer { toInsurer in
                    categorySlot.withUnsafeBufferPointer { toCategory in
                        for r in 0..<rows {
                            let trialColumns = buffer.baseAddress! + r * columns.count
                            slots.update(repeating: 0)
                            for j in 0..<columns.count where trialColumns[j] != 0 {
                                // The clamp keeps a sum no programme reaches from trapping.
                                let fen = Int64(Swift.min(trialColumns[j], 0x1p62))
                                trialColumns[j] = 0
                                totals.columnSums[j] &+= fen
                                slots[Int(toInsurer[j])] &+= fen
                                slots[Int(toCategory[j])] &+= fen
                            }
                            let mappedRow = r * mappedWidth
                            for k in 0..<mappedWidth { mappedRows[mappedRow + k] = Double(slots[k]) }
                            // Each category's trial total (its line × period slots), exact in fen.
                            for c in 0..<columns.categories {
                                var fen: Int64 = 0
                                for j in 0..<perCategory { fen &+= slots[insurerWidth + c * perCategory + j] }
                                totals.categorySums[c] &+= fen
                                totals.categorySquares[c] &+= Int128(fen) * Int128(fen)
                            }
                        }
                    }
                    }
                    }
                    }
                    }
                    let aggregated = ContinuousClock.now
                    for r in 0..<rows {
                        storage.record(trial: first + r, insurerLinePeriod: mapped, offset: r * mappedWidth,
                                       settlement: &settlement, insurerClaims: &insurerClaims)
                    }
                    let settled = ContinuousClock.now
                    totals.samplingTime += sampled - clock
                    totals.aggregationTime += aggregated - sampled
                    totals.settlementTime += settled - aggregated
                    let done = finished.add(rows, ordering: .relaxed).newValue
                    options.progress?(done)
                }
                partials.withLock { $0.append(totals) }
            }
        }
        let all = partials.withLock { $0 }
        result.absorb(all)
        return result
    }
}

/// Exact integer totals a worker keeps over its blocks; added up across workers (integer sums
/// do not depend on the order).
struct WorkerTotals: Sendable {
    var columnSums: [Int64]
    var categorySums: [Int64]
    var categorySquares: [Int128]
    var counters = TrialKernel.Counters()
    var samplingTime: Duration = .zero
    var aggregationTime: Duration = .zero
    var settlementTime: Duration = .zero

    init(columns: Int, categories: Int) {
        columnSums = Array(repeating: 0, count: columns)
        categorySums = Array(repeating: 0, count: categories)
        categorySquares = Array(repeating: 0, count: categories)
    }
}
