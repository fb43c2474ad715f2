import Foundation
import JikunPolicy
import JikunTables
import JikunSimulation

/// A grid over scenario keys (issue "jikun sweep"): every combination of the values given per
/// key runs on the same seed (common random numbers), one row per point.
public struct Sweep: Sendable {
    public struct Axis: Sendable {
        public var path: [String]
        public var values: [ConfigValue]
        public var key: String { path.joined(separator: ".") }

        public init(path: [String], values: [ConfigValue]) {
            self.path = path
            self.values = values
        }
    }
    public struct Row: Sendable, Codable {
        public var values: [String]
        public var numericValues: [Double?]
        public var outputs: [String: Estimate]
        public var bandProbabilities: BandProbabilities
        public var bureauCostP95: Double
        public var insurersProbabilityOfLoss: Double
    }
    public var axes: [Axis]
    public var rows: [Row]
    public var trials: Int
    public var seed: UInt64
    public static let outputKeys = ["loss_ratio", "total_claims", "refund", "shared_topup", "bureau_net_cost", "insurers_result"]

    /// The most grid points a sweep runs: each is a whole simulation, so a larger grid is a
    /// typing mistake rather than a plan (and its list of points alone could exhaust memory).
    public static let mostPoints = 100_000

    /// The number of grid points of `axes`, after checking that each key is given once, is not
    /// a run key (the seed and trials are common to every point), and that the grid has at most
    /// `mostPoints` points.
    public static func pointCount(_ axes: [Axis]) throws -> Int {
        var seen: Set<String> = []
        var count = 1
        for axis in axes {
            try ScenarioEdits.refuseRunKey(axis.path, option: "--set")
            guard seen.insert(axis.key).inserted else {
                throw PolicyInputError.usage("--set \(axis.key) is given twice: give all its values in one --set \(axis.key)=v1,v2,…")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, product <= mostPoints else {
                throw PolicyInputError.usage("--set: the grid has more than \(mostPoints) points (each a whole simulation); "
                                             + "give fewer values, or split the sweep")
            }
            count = product
        }
        return count
    }

    /// Checks, before any point runs, that every value of every axis makes a valid scenario on
    /// its own (a typing mistake in the last value is found now, not after the other points).
    public static func checkValues(base: Scenario, axes: [Axis]) throws {
        for axis in axes {
            for value in axis.values { _ = try ScenarioEdits.setting(base, [(axis.path, value)]) }
        }
    }

    /// Every point of the grid, the last axis varying fastest.
    public static func points(_ axes: [Axis]) -> [[ConfigValue]] {
        var points: [[ConfigValue]] = [[]]
        for axis in axes { points = points.flatMap { prefix in axis.values.map { prefix + [$0] } } }
        return points
    }

    /// Runs every point of the grid. `progress` is told each point as it starts.
    public static func run(base: Scenario, axes: [Axis], trials: Int, seed: UInt64, threads: Int,
                           progress: ((Int, Int) -> Void)? = nil) throws -> Sweep {
        let count = try pointCount(axes)
        return Sweep(axes: axes, rows: try rows(base: base, axes: axes, points: 0..<count, trials: trials, seed: seed,
                                                threads: threads, progress: progress),
                     trials: trials, seed: seed)
    }

    /// The rows of the grid points `range` (a part of the sweep for one task); each point's row
    /// depends only on the point, the trials and the seed.
    public static func rows(base: Scenario, axes: [Axis], points range: Range<Int>, trials: Int, seed: UInt64, threads: Int,
                            progress: ((Int, Int) -> Void)? = nil) throws -> [Row] {
        _ = try pointCount(axes)
        let points = Self.points(axes)
        var rows: [Row] = []
        for i in range {
            let point = points[i]
            progress?(i, points.count)
            let scenario = try Self.scenario(base: base, axes: axes, point: point)
            let engine = Engine(scenario: scenario)
            let result = engine.run(SimulationOptions(trials: trials, seed: seed, threads: threads))
            let outputs = KeyOutputs(result)
            var estimates: [String: Estimate] = [:]
            for key in outputKeys { if let o = outputs[key] { estimates[key] = Estimate(o.values) } }
            let insurersResult = outputs["insurers_result"]!.values
            rows.append(Row(values: point.map(\.tomlText),
                            numericValues: point.map { v in
                                switch v {
                                case .integer(let i): Double(i)
                                case .float(let d): d
                                default: nil
                                }
                            },
                            outputs: estimates, bandProbabilities: BandProbabilities(result.band),
                            bureauCostP95: TailRisk(result.bureauCost, level: 0.95).valueAtRisk,
                            insurersProbabilityOfLoss: Double(insurersResult.lazy.filter { $0 < 0 }.count) / Double(trials)))
        }
        return rows
    }

    /// The scenario of a grid point (one value per axis): the base with those values set, a
    /// new value whose `resolved` configuration is the point's.
    public static func scenario(base: Scenario, axes: [Axis], point: [ConfigValue]) throws -> Scenario {
        try ScenarioEdits.setting(base, zip(axes, point).map { ($0.path, $1) })
    }

    public init(axes: [Axis], rows: [Row], trials: Int, seed: UInt64) {
        self.axes = axes
        self.rows = rows
        self.trials = trials
        self.seed = seed
    }

    /// One line per grid point.
    public var csv: CSVWriter {
        var header = axes.map(\.key)
        for key in Self.outputKeys { header += ["\(key)_mean", "\(key)_se"] }
        header += CorridorBand.allCases.map { "p_\($0.rawValue)" } + ["bureau_net_cost_p95", "p_insurers_loss"]
        var writer = CSVWriter(header: header)
        for row in rows {
            var fields = row.values
            for key in Self.outputKeys {
                let e = row.outputs[key]!
                fields += [String(format: "%.6f", e.mean), String(format: "%.6f", e.standardError)]
            }
            fields += CorridorBand.allCases.map { String(format: "%.4f", row.bandProbabilities[$0]) }
            fields += [String(format: "%.2f", row.bureauCostP95), String(format: "%.4f", row.insurersProbabilityOfLoss)]
            writer.writeRow(fields)
        }
        return writer
    }
}
