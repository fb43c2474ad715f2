extension SimulationSummary {
    /// How a run's main outputs move together from trial to trial: their means, standard
    /// deviations and correlation matrix (docs/model.md, "Summaries"; summary.json's
    /// `correlations`). The outputs: the claims of each benefit line over the term, each
    /// insurer's claims, then the total claims, refund, shared top-up and bureau net cost. The
    /// loss ratio (total ÷ a fixed premium) and the insurers' results (premium less claims and
    /// the corridor's transfers) are left out: they would repeat these.
    public struct Correlations: Codable, Sendable, Equatable {
        public struct Output: Codable, Sendable, Equatable {
            public enum Kind: String, Codable, Sendable { case line, insurer, total }
            /// `line`: key is a benefit line (`claimsByLine`'s `line`); `insurer`: an insurer's
            /// claims (`insurers`' `insurer`); `total`: one of summary.json's own keys
            /// (`totalClaims`, `refund`, `sharedTopUp`, `bureauNetCost`).
            public var kind: Kind
            public var key: String
            public var mean: Double
            public var standardDeviation: Double
        }

        /// The outputs, in the order of the matrix's rows and columns.
        public var outputs: [Output]
        /// `matrix[i][j]`: the correlation of outputs `i` and `j`; nil (null in JSON) when either
        /// has no variance, as a line no trial claims on.
        public var matrix: [[Double?]]

        init(_ r: SimulationResult) {
            let periods = r.periodKeys.count, lp = r.lines.count * periods, n = r.insurerKeys.count
            let width = r.lines.count + n + 4
            let moments = CrossMoments(count: r.trials, outputs: width) { range, chunk in
                for (row, t) in range.enumerated() {
                    var out = chunk.baseAddress! + row * width
                    for l in r.lines.indices {
                        // The periods added in order from 0, as the summary's line totals are.
                        var term = 0.0
                        for p in 0..<periods { term += r.linePeriodClaims[t * lp + l * periods + p] }
                        out.pointee = term; out += 1
                    }
                    for i in 0..<n { out.pointee = r.insurerClaims[t * n + i]; out += 1 }
                    out[0] = r.totalClaims[t]; out[1] = r.refund[t]; out[2] = r.sharedTopUp[t]; out[3] = r.bureauCost[t]
                }
            }
            let keys = r.lines.map { (Output.Kind.line, $0.rawValue) } + r.insurerKeys.map { (Output.Kind.insurer, $0) }
                + ["totalClaims", "refund", "sharedTopUp", "bureauNetCost"].map { (Output.Kind.total, $0) }
            let sd = moments.standardDeviations
            outputs = keys.enumerated().map { j, key in
                Output(kind: key.0, key: key.1, mean: moments.means[j], standardDeviation: sd[j])
            }
            matrix = moments.correlations
        }

        /// The index of an output, e.g. `index(.total, "totalClaims")`.
        public func index(_ kind: Output.Kind, _ key: String) -> Int? {
            outputs.firstIndex { $0.kind == kind && $0.key == key }
        }
    }
}
