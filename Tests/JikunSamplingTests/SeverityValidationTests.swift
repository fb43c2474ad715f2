import Testing
@testable import JikunSampling

@Suite("Severity.validate")
struct SeverityValidationTests {
    static func message(_ severity: Severity) -> String? {
        do {
            try severity.validate()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func validLawsPass() throws {
        try Severity.lognormal(mu: 8, sigma: 1).validate()
        try Severity.gamma(shape: 0.5, scale: 10).validate()
        try Severity.lomax(shape: 0.9, scale: 10).validate()
        try Severity.spliced(body: .gamma(shape: 2, scale: 100), threshold: 500, tailProbability: 0.1,
                             tailShape: 2).validate()
        try Severity.empirical(xs: [0, 1, 2], cdf: [0, 0.5, 1]).validate()
    }

    @Test(arguments: [
        (Severity.lognormal(mu: 8, sigma: -1), "lognormal: sigma must be > 0, got -1"),
        (.lognormal(mu: 8, sigma: 0), "lognormal: sigma must be > 0, got 0"),
        (.lognormal(mu: .nan, sigma: 1), "lognormal: mu must be finite, got nan"),
        (.lognormal(mu: 1, sigma: .infinity), "lognormal: sigma must be finite, got inf"),
        (.gamma(shape: 0, scale: 1), "gamma: shape must be > 0, got 0"),
        (.gamma(shape: 2, scale: -0.5), "gamma: scale must be > 0, got -0.5"),
        (.lomax(shape: -3, scale: 1), "lomax: shape must be > 0, got -3"),
        (.lomax(shape: 3, scale: 0), "lomax: scale must be > 0, got 0"),
        (.spliced(body: .lognormal(mu: 8, sigma: -1), threshold: 1000, tailProbability: 0.1, tailShape: 2),
         "spliced body: lognormal: sigma must be > 0, got -1"),
        (.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 0, tailProbability: 0.1, tailShape: 2),
         "spliced: threshold must be > 0, got 0"),
        (.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 1000, tailProbability: 1.5, tailShape: 2),
         "spliced: tailProbability must be in (0, 1), got 1.5"),
        (.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 1000, tailProbability: 0, tailShape: 2),
         "spliced: tailProbability must be in (0, 1), got 0"),
        (.spliced(body: .lognormal(mu: 8, sigma: 1), threshold: 1000, tailProbability: 0.1, tailShape: -2),
         "spliced: tailShape must be > 0, got -2"),
        (.spliced(body: .empirical(xs: [10, 20], cdf: [0, 1]), threshold: 5, tailProbability: 0.1, tailShape: 2),
         "spliced: body must have probability > 0 at or below threshold 5, got 0"),
        (.empirical(xs: [0, 1], cdf: [0, 0.5, 1]), "empirical: xs and cdf must have the same length, got 2 and 3"),
        (.empirical(xs: [1], cdf: [1]), "empirical: needs at least 2 points, got 1"),
        (.empirical(xs: [-1, 1], cdf: [0, 1]), "empirical: xs[0] must be >= 0, got -1"),
        (.empirical(xs: [0, 2, 2], cdf: [0, 0.5, 1]),
         "empirical: xs must be strictly increasing, got xs[1] = 2 and xs[2] = 2"),
        (.empirical(xs: [0, 1, 2], cdf: [0, 0.6, 0.5]),
         "empirical: cdf must be nondecreasing, got cdf[1] = 0.6 and cdf[2] = 0.5"),
        (.empirical(xs: [0, 1, 2], cdf: [0.1, 0.5, 1]), "empirical: cdf[0] must be 0, got 0.1"),
        (.empirical(xs: [0, 1, 2], cdf: [0, 0.5, 0.9]), "empirical: cdf must end at 1, got 0.9"),
        (.empirical(xs: [0, .nan], cdf: [0, 1]), "empirical: xs[1] must be finite, got nan"),
    ])
    func invalidParameters(severity: Severity, expected: String) {
        #expect(Self.message(severity) == expected)
    }

    /// lognormal(mean:cv:) does not trap; its impossible results fail validation.
    @Test func meanCVConstructorWithBadInputFailsValidation() {
        #expect(Self.message(.lognormal(mean: 1000, cv: -0.5)) == "lognormal: sigma must be > 0, got -0.47238072707743883")
        #expect(Self.message(.lognormal(mean: 1000, cv: 0)) == "lognormal: sigma must be > 0, got 0")
        #expect(Self.message(.lognormal(mean: .infinity, cv: 1)) == "lognormal: mu must be finite, got inf")
        #expect(Self.message(.lognormal(mean: 0, cv: 1)) == "lognormal: mu must be finite, got -inf")
        #expect(Self.message(.lognormal(mean: 1000, cv: .nan)) == "lognormal: mu must be finite, got nan")
    }

    @Test func checkedLognormalRejectsBadInput() {
        #expect(throws: SeverityError("lognormal: mean must be > 0, got -5")) {
            try Severity.checkedLognormal(mean: -5, cv: 1)
        }
        #expect(throws: SeverityError("lognormal: cv must be > 0, got 0")) {
            try Severity.checkedLognormal(mean: 5, cv: 0)
        }
    }
}
