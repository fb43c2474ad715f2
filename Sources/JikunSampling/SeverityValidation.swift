/// Why a `Severity` cannot be used: names the impossible parameter, says what is
/// expected and what was given, e.g. "lognormal: sigma must be > 0, got -1".
public struct SeverityError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The full human-readable message.
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// Formats a parameter value for a message: integral values without ".0"
    /// ("-1" rather than "-1.0"), "nan", "inf" and "-inf" for the special values.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func requireFinite(_ value: Double, _ name: String, in law: String) throws(SeverityError) {
        if !value.isFinite { throw SeverityError("\(law): \(name) must be finite, got \(format(value))") }
    }

    static func requirePositive(_ value: Double, _ name: String, in law: String) throws(SeverityError) {
        try requireFinite(value, name, in: law)
        if !(value > 0) { throw SeverityError("\(law): \(name) must be > 0, got \(format(value))") }
    }
}

extension Severity {
    /// Checks that the parameters describe a proper distribution; throws a
    /// `SeverityError` naming the first impossible parameter.
    ///
    /// Rules: lognormal μ finite, σ > 0; gamma and lomax shape > 0, scale > 0; spliced
    /// body valid with F_B(threshold) > 0, threshold > 0, 0 < tailProbability < 1,
    /// tailShape > 0; empirical at least 2 points, equal lengths, finite values,
    /// xs[0] ≥ 0, xs strictly increasing, cdf[0] = 0, cdf nondecreasing, last cdf = 1.
    /// All parameters must be finite.
    public func validate() throws(SeverityError) {
        switch self {
        case let .lognormal(mu, sigma):
            try SeverityError.requireFinite(mu, "mu", in: "lognormal")
            try SeverityError.requirePositive(sigma, "sigma", in: "lognormal")
        case let .gamma(shape, scale):
            try SeverityError.requirePositive(shape, "shape", in: "gamma")
            try SeverityError.requirePositive(scale, "scale", in: "gamma")
        case let .lomax(shape, scale):
            try SeverityError.requirePositive(shape, "shape", in: "lomax")
            try SeverityError.requirePositive(scale, "scale", in: "lomax")
        case let .spliced(body, threshold, tailProbability, tailShape):
            do {
                try body.validate()
            } catch {
                throw SeverityError("spliced body: \(error.message)")
            }
            try SeverityError.requirePositive(threshold, "threshold", in: "spliced")
            try SeverityError.requireFinite(tailProbability, "tailProbability", in: "spliced")
            if !(tailProbability > 0 && tailProbability < 1) {
                throw SeverityError("spliced: tailProbability must be in (0, 1), got \(SeverityError.format(tailProbability))")
            }
            try SeverityError.requirePositive(tailShape, "tailShape", in: "spliced")
            let bodyMass = body.cdf(threshold)
            if !(bodyMass > 0) {
                throw SeverityError(
                    "spliced: body must have probability > 0 at or below threshold \(SeverityError.format(threshold)), got \(SeverityError.format(bodyMass))")
            }
        case let .empirical(xs, cdf):
            if xs.count != cdf.count {
                throw SeverityError("empirical: xs and cdf must have the same length, got \(xs.count) and \(cdf.count)")
            }
            if xs.count < 2 { throw SeverityError("empirical: needs at least 2 points, got \(xs.count)") }
            for i in xs.indices {
                try SeverityError.requireFinite(xs[i], "xs[\(i)]", in: "empirical")
                try SeverityError.requireFinite(cdf[i], "cdf[\(i)]", in: "empirical")
            }
            if xs[0] < 0 { throw SeverityError("empirical: xs[0] must be >= 0, got \(SeverityError.format(xs[0]))") }
            if cdf[0] != 0 { throw SeverityError("empirical: cdf[0] must be 0, got \(SeverityError.format(cdf[0]))") }
            for i in 1..<xs.count {
                if !(xs[i] > xs[i - 1]) {
                    throw SeverityError(
                        "empirical: xs must be strictly increasing, got xs[\(i - 1)] = \(SeverityError.format(xs[i - 1])) and xs[\(i)] = \(SeverityError.format(xs[i]))")
                }
                if cdf[i] < cdf[i - 1] {
                    throw SeverityError(
                        "empirical: cdf must be nondecreasing, got cdf[\(i - 1)] = \(SeverityError.format(cdf[i - 1])) and cdf[\(i)] = \(SeverityError.format(cdf[i]))")
                }
            }
            let last = cdf[cdf.count - 1]
            if last != 1 { throw SeverityError("empirical: cdf must end at 1, got \(SeverityError.format(last))") }
        }
    }
}
