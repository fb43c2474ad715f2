/// A chart, drawn as inline SVG in HTML and as a table of its data in Markdown.
///
/// Which axis carries what depends on the kind:
///
/// | kind | x axis | y axis |
/// |---|---|---|
/// | `histogram` | the values | count (or share of values when `yAxis.format` is `.percent`) |
/// | `lines` | the series' x | the series' y |
/// | `bars`, `boxes` | categories (only the label is used) | the values |
/// | `tornado`, `intervals` | the values (horizontal) | categories (only the label is used) |
///
/// Every chart has a caption: it is printed under the figure and is the SVG's `<desc>`.
public struct Chart: Sendable {
    public var title: String
    public var caption: String
    public var xAxis: Axis
    public var yAxis: Axis
    public var kind: Kind
    /// Lines across the plot at fixed values (a budget level, a target margin, the mean).
    public var referenceLines: [ReferenceLine]

    public init(title: String, caption: String, xAxis: Axis, yAxis: Axis, kind: Kind,
                referenceLines: [ReferenceLine] = []) {
        self.title = title
        self.caption = caption
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.kind = kind
        self.referenceLines = referenceLines
    }

    public enum Kind: Sendable {
        /// The distribution of `values` in `bins` equal-width bins over the data's range (or
        /// `xAxis.range` when given), with shaded x-ranges behind the bars.
        case histogram(values: [Double], bins: Int, bands: [Band])
        /// x–y series, e.g. an exceedance curve or a bid curve.
        case lines([Series])
        /// Grouped vertical bars, one group per category, with optional ± error bars.
        case bars([BarGroup])
        /// One horizontal bar per parameter from its low to its high output around a base
        /// value, sorted by swing, largest at the top.
        case tornado([TornadoBar])
        /// One box per category: whiskers p5–p95, box p25–p75, a median line and a mean mark.
        case boxes([BoxSummary])
        /// One row per label: an estimate with its interval, with a line at 0.
        case intervals([Interval])
    }

    /// An axis: its label (with the unit: "Cost (million yuan 百万元)"), an optional fixed range,
    /// and how tick labels are written.
    public struct Axis: Sendable {
        public var label: String
        /// A fixed range; when nil, the range is the data's, widened to whole tick steps.
        public var range: ClosedRange<Double>?
        public var format: TickFormat

        public init(_ label: String, range: ClosedRange<Double>? = nil, format: TickFormat = .plain) {
            self.label = label
            self.range = range
            self.format = format
        }
    }

    /// How numbers on an axis are written. The unit belongs in the axis label.
    public enum TickFormat: Sendable, Equatable {
        /// 1,250 · 0.85 · −3.5
        case plain
        /// A fraction written as a percentage: 0.85 → 85%.
        case percent
        /// Thousands: 12,500 → 12.5 (label the axis "… (thousand yuan 千元)").
        case thousands
        /// Millions: 12,500,000 → 12.5 (label the axis "… (million yuan 百万元)").
        case millions
    }

    /// What a shaded band means; sets its colour and hatching (which survive greyscale print).
    public enum BandRole: String, Sendable, CaseIterable {
        /// Money goes back to the bureau (loss ratio below the lower corridor bound).
        case refund
        /// No adjustment.
        case neutral
        /// Losses shared between bureau and insurers.
        case shared
        /// Beyond the corridor: losses fall on the insurers.
        case excess
        /// Any other range worth pointing at.
        case highlight
    }

    /// A shaded x-range. A nil bound runs to the edge of the plot.
    public struct Band: Sendable {
        public var label: String
        public var lower: Double?
        public var upper: Double?
        public var role: BandRole

        public init(_ label: String, lower: Double?, upper: Double?, role: BandRole) {
            self.label = label
            self.lower = lower
            self.upper = upper
            self.role = role
        }
    }

    /// A straight line across the plot: vertical at an x value or horizontal at a y value.
    public struct ReferenceLine: Sendable {
        public enum Orientation: Sendable { case vertical, horizontal }
        public var orientation: Orientation
        public var value: Double
        public var label: String

        public init(_ orientation: Orientation, at value: Double, label: String) {
            self.orientation = orientation
            self.value = value
            self.label = label
        }
        public static func vertical(at value: Double, label: String) -> ReferenceLine {
            ReferenceLine(.vertical, at: value, label: label)
        }
        public static func horizontal(at value: Double, label: String) -> ReferenceLine {
            ReferenceLine(.horizontal, at: value, label: label)
        }
    }

    /// An x–y series. Points with a non-finite coordinate break the line. `lower`/`upper`,
    /// when given (one per point), shade a band around the line, described in the legend by
    /// `bandLabel` (e.g. "95% MC interval").
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var lower: [Double]?
        public var upper: [Double]?
        public var bandLabel: String?
        /// Draw a marker at every point (shapes differ by series).
        public var showsPoints: Bool
        /// Labelled points, e.g. "current premium 当前保费".
        public var marks: [Mark]

        public init(_ name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                    bandLabel: String? = nil, showsPoints: Bool = false, marks: [Mark] = []) {
            self.name = name
            self.x = x
            self.y = y
            self.lower = lower
            self.upper = upper
            self.bandLabel = bandLabel
            self.showsPoints = showsPoints
            self.marks = marks
        }
    }

    /// A labelled point on a series.
    public struct Mark: Sendable {
        public var x: Double
        public var y: Double
        public var label: String

        public init(x: Double, y: Double, label: String) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    /// One category of a bar chart with one bar per series.
    public struct BarGroup: Sendable {
        public var label: String
        public var bars: [Bar]

        public init(_ label: String, bars: [Bar]) {
            self.label = label
            self.bars = bars
        }
        /// Bars named by `series`, in order; `errors` (± half-widths, e.g. 1.96 se) if given.
        public init(_ label: String, values: [Double], errors: [Double]? = nil, series: [String]) {
            self.label = label
            self.bars = values.indices.map { i in
                Bar(series: i < series.count ? series[i] : "Series \(i + 1)", value: values[i],
                    error: errors.flatMap { i < $0.count ? $0[i] : nil })
            }
        }
    }

    /// One bar: its series name (the legend entry), its value, and an optional ± half-width.
    public struct Bar: Sendable {
        public var series: String
        public var value: Double
        public var error: Double?

        public init(series: String, value: Double, error: Double? = nil) {
            self.series = series
            self.value = value
            self.error = error
        }
    }

    /// A tornado bar: the output when the parameter is at its low and at its high setting,
    /// around the output at base. `lowNote`/`highNote` describe the settings ("× 0.8").
    public struct TornadoBar: Sendable {
        public var label: String
        public var low: Double
        public var high: Double
        public var base: Double
        public var lowNote: String?
        public var highNote: String?
        public var swing: Double { abs(high - low) }

        public init(_ label: String, low: Double, high: Double, base: Double,
                    lowNote: String? = nil, highNote: String? = nil) {
            self.label = label
            self.low = low
            self.high = high
            self.base = base
            self.lowNote = lowNote
            self.highNote = highNote
        }
    }

    /// A distribution in six numbers.
    public struct BoxSummary: Sendable {
        public var label: String
        public var p5: Double
        public var p25: Double
        public var p50: Double
        public var p75: Double
        public var p95: Double
        public var mean: Double

        public init(_ label: String, p5: Double, p25: Double, p50: Double, p75: Double, p95: Double, mean: Double) {
            self.label = label
            self.p5 = p5
            self.p25 = p25
            self.p50 = p50
            self.p75 = p75
            self.p95 = p95
            self.mean = mean
        }
    }

    /// An estimate with an interval (e.g. a difference with its 95% confidence interval).
    public struct Interval: Sendable {
        public var label: String
        public var estimate: Double
        public var lower: Double
        public var upper: Double

        public init(_ label: String, estimate: Double, lower: Double, upper: Double) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }
}
