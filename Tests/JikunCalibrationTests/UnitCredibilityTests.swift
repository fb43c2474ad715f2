import Testing
@testable import JikunCalibration

/// The unit credibility step weights Bühlmann–Straub by person-years (issue 10).
@Suite struct UnitCredibilityTests {
    /// Two units × two periods, at `unit · 2 + period`. Ratios observed ÷ expected: A (1.2, 0.8),
    /// B (1.5, 1.7); person-years A (1000, 3000), B (2000, 2000). By hand with person-year weights:
    /// X_A = (1000·1.2 + 3000·0.8)/4000 = 0.9, X_B = 1.6, X_ww = 1.25;
    /// ŝ² = (1000·0.3² + 3000·0.1² + 2·2000·0.1²)/(1 + 1) = 80;
    /// â = 8000/(8000² − 2·4000²) · (2·4000·0.35² − 80) = 0.225;
    /// z = 4000/(4000 + 80/0.225) = 45/49 for both; m̂ = 1.25; premiums 45.5/49 and 77/49;
    /// rescaled to keep Σ expected (20, 40): × 2940/3990, giving 13/19 and 22/19.
    /// Weighting by the expected claimants instead would give X_A = 1.0 and other factors.
    @Test func weightsArePersonYears() throws {
        let c = Calibrator.unitCredibility(.hospitalisation, observed: [12, 8, 30, 34], expected: [10, 10, 20, 20],
                                           personYears: [1000, 3000, 2000, 2000], units: 2, periods: 2,
                                           claimants: 84, minClaimants: 30)
        let model = try #require(c.model)
        #expect(c.units == [0, 1])
        #expect(c.personYears == [4000, 4000])
        #expect(abs(model.individualMeans[0] - 0.9) < 1e-12 && abs(model.individualMeans[1] - 1.6) < 1e-12)
        #expect(abs(model.withinVariance - 80) < 1e-9)
        #expect(abs(model.betweenVariance - 0.225) < 1e-12)
        for z in model.credibility { #expect(abs(z - 45.0 / 49) < 1e-12) }
        #expect(abs(model.collectiveMean - 1.25) < 1e-12)
        #expect(abs(c.multipliers[0] - 13.0 / 19) < 1e-12)
        #expect(abs(c.multipliers[1] - 22.0 / 19) < 1e-12)
    }

    /// A period without exposure is left out, and too few claimants give no unit effect.
    @Test func emptyPeriodsAndThinLines() throws {
        let c = Calibrator.unitCredibility(.hospitalisation, observed: [12, 0, 30, 34], expected: [10, 0, 20, 20],
                                           personYears: [1000, 0, 2000, 2000], units: 2, periods: 2,
                                           claimants: 76, minClaimants: 30)
        #expect(c.personYears == [1000, 4000])
        let thin = Calibrator.unitCredibility(.hospitalisation, observed: [12, 8, 30, 34], expected: [10, 10, 20, 20],
                                              personYears: [1000, 3000, 2000, 2000], units: 2, periods: 2,
                                              claimants: 84, minClaimants: 100)
        #expect(thin.model == nil && thin.multipliers == [1, 1])
        #expect(thin.failure == "fewer than 100 claimants")
    }
}
