extension RandomStream {
    /// A multinomial(n, probabilities) draw written into `counts`, by sequential
    /// conditional binomials.
    ///
    /// Convention: `probabilities` lists all k categories and must sum to 1 within 1e−9
    /// (they are divided by their actual sum, so that rounding does not leak mass); `counts`
    /// is resized to k entries if needed (its storage is reused otherwise) and always sums
    /// to n. Category i receives Binomial(n − Σ_{j<i} c_j, p_i / Σ_{j≥i} p_j), which is the
    /// exact conditional law; the last category with positive probability takes whatever
    /// remains, so zero-probability categories always get 0.
    ///
    /// - Precondition: n ≥ 0; k ≥ 1; every probability finite and ≥ 0; |Σp − 1| ≤ 1e−9.
    public mutating func multinomial(n: Int, probabilities: [Double], into counts: inout [Int]) {
        precondition(n >= 0, "multinomial: n must be >= 0, got \(n)")
        precondition(!probabilities.isEmpty, "multinomial: needs at least one category")
        var total = 0.0
        var lastPositive = -1
        for (index, probability) in probabilities.enumerated() {
            precondition(probability >= 0 && probability.isFinite,
                         "multinomial: probabilities[\(index)] must be finite and >= 0, got \(probability)")
            total += probability
            if probability > 0 { lastPositive = index }
        }
        precondition(abs(total - 1) <= 1e-9, "multinomial: probabilities must sum to 1 within 1e-9, got \(total)")
        let k = probabilities.count
        if counts.count != k {
            counts.removeAll(keepingCapacity: true)
            counts.append(contentsOf: repeatElement(0, count: k))
        }
        var remaining = n
        var remainingMass = total
        for index in 0..<k {
            let probability = probabilities[index]
            if remaining == 0 || probability == 0 {
                counts[index] = 0
            } else if index == lastPositive {
                counts[index] = remaining
                remaining = 0
            } else {
                // remainingMass ≥ p_i up to rounding; clamp so rounding cannot push the
                // conditional probability outside [0, 1].
                let conditional = remainingMass > probability ? probability / remainingMass : 1
                let count = binomial(n: remaining, p: conditional)
                counts[index] = count
                remaining -= count
            }
            remainingMass -= probability
        }
    }
}
