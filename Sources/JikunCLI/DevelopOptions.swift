import ArgumentParser
import Foundation
import JikunPolicy
import JikunReserving

extension ReservingMethod: ExpressibleByArgument {}
extension Grain: ExpressibleByArgument {}
extension DevelopmentBasis: ExpressibleByArgument {}

/// `--tail none|exponential|FACTOR`.
extension TailFactor: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "exponential": self = .exponential
        default:
            guard let f = Double(argument), f.isFinite, f >= 1, f <= DevelopOptions.largestTail else { return nil }
            self = .factor(f)
        }
    }
}

/// `--by line|insurer|line,insurer`.
struct Segmentation: ExpressibleByArgument, Equatable {
    var byLine = false, byInsurer = false

    init() {}
    init?(argument: String) {
        for part in argument.split(separator: ",") {
            switch part {
            case "line": byLine = true
            case "insurer": byInsurer = true
            default: return nil
            }
        }
        if !byLine && !byInsurer { return nil }
    }
}

/// The options of `jikun develop` that `jikun settle --develop` shares: which claims, valued when,
/// and how they are developed.
struct DevelopOptions: ParsableArguments {
    @Option(help: ArgumentHelp("claims.csv with a reported_date column (docs/formats.md).", valueName: "file"))
    var claims: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Valuation date YYYY-MM-DD: claims reported up to it are known.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Origin and development period: month or quarter.", valueName: "grain"))
    var grain: Grain = .month

    @Option(help: ArgumentHelp("chain-ladder, mack (chain ladder with Mack's standard errors), bf (Bornhuetter–Ferguson) or cape-cod.", valueName: "method"))
    var method: ReservingMethod = .mack

    @Option(name: .customLong("prior-lr"), help: ArgumentHelp("A-priori loss ratio for --method bf, e.g. 0.8.", valueName: "ratio"))
    var priorLossRatio: Double?

    @Option(name: .customLong("prior-scenario"), help: ArgumentHelp("For --method bf: take the a-priori loss ratio from this scenario's exact expectation on the roster.", valueName: "file"))
    var priorScenario: String?

    @Option(help: ArgumentHelp("Tail beyond the last development: none, exponential (fit of log(f − 1)), or a factor from 1 to 100.", valueName: "tail"))
    var tail: TailFactor = .none

    @Option(help: ArgumentHelp("Over-dispersed Poisson bootstrap replicates of the chain ladder (e.g. 10000).", valueName: "n"))
    var bootstrap: Int?

    @Option(help: "Seed of the bootstrap's random streams.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads for the bootstrap (default: all cores). Does not change the result.")
    var threads: Int?

    /// Bounds beyond any use: a reserve bootstrap settles within 10⁴–10⁵ replicates, and a tail
    /// factor of 100 already says 99 % of the claims are still to come.
    static let mostReplicates = 1_000_000
    static let largestTail = 100.0

    func validate() throws {
        if let bootstrap, !(1...Self.mostReplicates).contains(bootstrap) {
            throw ValidationError("--bootstrap must be between 1 and \(Self.mostReplicates) replicates, got \(bootstrap)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let asOf, CivilDate(parsing: asOf) == nil { throw ValidationError("--as-of expects a date YYYY-MM-DD, got \"\(asOf)\"") }
        if let p = priorLossRatio, !(p.isFinite && p >= 0 && p <= 100) {
            throw ValidationError("--prior-lr must be a loss ratio from 0 to 100 (10,000 %) such as 0.8, got \(p)")
        }
        if method == .bf, priorLossRatio == nil, priorScenario == nil {
            throw ValidationError("--method bf needs --prior-lr, the a-priori loss ratio (e.g. --prior-lr 0.8), or --prior-scenario FILE")
        }
        if priorLossRatio != nil, priorScenario != nil { throw ValidationError("give either --prior-lr or --prior-scenario, not both") }
        if method != .bf, priorLossRatio != nil || priorScenario != nil { throw ValidationError("--prior-lr and --prior-scenario apply to --method bf only") }
    }

    var reservingOptions: ReservingOptions {
        ReservingOptions(method: method, tail: tail, priorLossRatio: priorLossRatio, replicates: bootstrap, seed: seed,
                         threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    var asOfDate: CivilDate? { asOf.flatMap { CivilDate(parsing: $0) } }
}

