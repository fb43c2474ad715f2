#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution function and its inverse.
///
/// Both tails are computed directly (never as `1 − something`): Φ(z) and 1 − Φ(z) are
/// relative-accurate to about (1 + z²)·1e−16 (the z² from rounding z/√2 before erfc), so
/// `survival(30)` ≈ 4.9e−198 keeps 13 digits and `survival(40)` is 0 only because it
/// underflows; the quantile (AS 241) is within a few ulps of the true value down to 1e−300.
public enum NormalDistribution {
    /// Φ(z) = ½ erfc(−z/√2), accurate in relative terms throughout the lower tail.
    @inlinable
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z * 0.707_106_781_186_547_524_4)
    }

    /// 1 − Φ(z) = ½ erfc(z/√2), accurate in relative terms throughout the upper tail.
    @inlinable
    public static func survival(_ z: Double) -> Double {
        0.5 * erfc(z * 0.707_106_781_186_547_524_4)
    }

    /// The standard normal density φ(z) = exp(−z²/2)/√(2π).
    @inlinable
    public static func density(_ z: Double) -> Double {
        0.398_942_280_401_432_677_94 * exp(-0.5 * z * z)
    }

    /// Φ⁻¹(p) by Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e−16.
    ///
    /// Three rational approximations: a central one for |p − ½| ≤ 0.425, and two in
    /// r = √(−log min(p, 1−p)) for the tails (r ≤ 5 and r > 5), so tiny p keep full relative
    /// precision. Returns −∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        if !(p >= 0 && p <= 1) { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.509_080_928_730_122_672_7e3 * r + 3.343_057_558_358_812_810_5e4) * r
                + 6.726_577_092_700_870_085_3e4) * r + 4.592_195_393_154_987_145_7e4) * r
                + 1.373_169_376_550_946_112_5e4) * r + 1.971_590_950_306_551_442_7e3) * r
                + 1.331_416_678_917_843_774_5e2) * r + 3.387_132_872_796_366_608_0)
            let den = (((((((5.226_495_278_852_854_561_0e3 * r + 2.872_908_573_572_194_267_4e4) * r
                + 3.930_789_580_009_271_061_0e4) * r + 2.121_379_430_158_659_586_7e4) * r
                + 5.394_196_021_424_751_107_7e3) * r + 6.871_870_074_920_579_083_0e2) * r
                + 4.231_333_070_160_091_125_2e1) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.745_450_142_783_414_076_4e-4 * r + 2.272_384_498_926_918_458_33e-2) * r
                + 2.417_807_251_774_506_117_7e-1) * r + 1.270_458_252_452_368_382_58) * r
                + 3.647_848_324_763_204_605_04) * r + 5.769_497_221_460_691_405_5) * r
                + 4.630_337_846_156_545_295_9) * r + 1.423_437_110_749_683_577_34)
            let den = (((((((1.050_750_071_644_416_843_24e-9 * r + 5.475_938_084_995_344_946e-4) * r
                + 1.519_866_656_361_645_719_66e-2) * r + 1.481_039_764_274_800_745_9e-1) * r
                + 6.897_673_349_851_000_045_5e-1) * r + 1.676_384_830_183_803_849_4) * r
                + 2.053_191_626_637_758_821_87) * r + 1.0)
            value = num / den
        } else {
            r -= 5
            let num = (((((((2.010_334_399_292_288_132_65e-7 * r + 2.711_555_568_743_487_578_15e-5) * r
                + 1.242_660_947_388_078_438_6e-3) * r + 2.653_218_952_657_612_309_3e-2) * r
                + 2.965_605_718_285_048_912_3e-1) * r + 1.784_826_539_917_291_335_8) * r
                + 5.463_784_911_164_114_369_9) * r + 6.657_904_643_501_103_777_2)
            let den = (((((((2.044_263_103_389_939_785_64e-15 * r + 1.421_511_758_316_445_888_7e-7) * r
                + 1.846_318_317_510_054_681_8e-5) * r + 7.868_691_311_456_132_591e-4) * r
                + 1.487_536_129_085_061_485_25e-2) * r + 1.369_298_809_227_358_053_1e-1) * r
                + 5.998_322_065_558_879_376_9e-1) * r + 1.0)
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// Φ⁻¹(1 − s), computed without forming 1 − s (accurate for tiny upper-tail probabilities s).
    @inlinable
    public static func upperQuantile(_ s: Double) -> Double {
        -quantile(s)
    }
}
