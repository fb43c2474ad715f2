import ArgumentParser
import Foundation
import JikunPolicy
import JikunTables

extension Jikun {
    struct Benefit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer a clerk's one-off question: what does this claim pay, and why.",
            subcommands: [CriticalIllness.self, Disability.self, AccidentMedical.self])
    }
}

extension Jikun.Benefit {
    struct CriticalIllness: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "critical-illness",
            abstract: "The critical-illness supplement (大病补充) for one person's stays in one period.",
            discussion: """
            Give each stay's out-of-catalogue self-paid amount (医保目录外自费费用) in yuan, in \
            order. The stays accumulate; each pays round(B(X after)) − round(B(X before)), and the \
            final total is broken down tier by tier.

            Example:
              jikun benefit critical-illness 20000 45000
            """)

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Out-of-catalogue amounts of successive stays, in yuan.", valueName: "amount"))
        var amounts: [String]

        @Option(help: ArgumentHelp("Coverage period whose deductible and cap apply (default: the first).", valueName: "key"))
        var period: String?

        @OptionGroup var editionOptions: EditionOptions

        func validate() throws { try refuseUnknownOptions(amounts, known: ["--period", "--edition"], valueName: "amount") }

        func run() throws {
            let edition = try editionOptions.load()
            let stays = try withoutTerminator(amounts).map { try parseAmount($0) }
            let p = try periodIndex(period, edition)
            let schedule = edition.criticalIllnessSchedule(period: p)
            var table = TextTable(["stay", "amount", "X before", "X after", "payment", "reason"], rightAligned: [0, 1, 2, 3, 4])
            var total = Money.zero
            for (i, amount) in stays.enumerated() {
                let before = total
                guard let after = total.adding(amount) else {
                    throw ValidationError("the stays add up past \(grouped(Money.largest.description)) yuan, more than an amount can hold")
                }
                total = after
                let (payment, reason) = schedule.stayPayment(totalBefore: before, totalAfter: total)
                table.add([String(i + 1), grouped(amount.description), grouped(before.description),
                           grouped(total.description), grouped(payment.description), reason.rawValue])
            }
            print("Critical-illness supplement (大病补充), edition \(edition.name), period \(edition.periods[p].key): deductible \(grouped(schedule.deductible.description)), cap \(grouped(schedule.cap.description))")
            print(table.rendered)
            print("")
            let excess = max(.zero, total - schedule.deductible)
            print("Tier by tier for X = \(grouped(total.description)) (y = X − \(grouped(schedule.deductible.description)) = \(grouped(excess.description))):")
            var tiers = TextTable(["slice of y", "amount in slice", "rate", "benefit"], rightAligned: [1, 2, 3])
            // In fen·10⁻⁶, wide: a slice's amount times its rate can pass Int64 (the rule itself
            // stops at the saturation point). Rates are at most 100 %, so the fen fit Int64.
            var sumMicros: Int128 = 0
            for (i, tier) in schedule.tiers.enumerated() {
                let upper = i + 1 < schedule.tiers.count ? schedule.tiers[i + 1].from : nil
                let inSlice = max(.zero, min(excess, upper ?? excess) - tier.from)
                let micros = Int128(inSlice.fen) * Int128(tier.rate.partsPerMillion)
                sumMicros += micros
                let label = upper.map { "\(grouped(tier.from.description)) – \(grouped($0.description))" }
                    ?? "above \(grouped(tier.from.description))"
                tiers.add([label, grouped(inSlice.description), "\(tier.rate.value * 100)%", formatMicros(micros)])
            }
            print(tiers.rendered)
            let (exact, capBinds) = schedule.exactBenefit(total: total)
            print("Sum of tiers: \(formatMicros(sumMicros))\(capBinds ? " → capped at \(grouped(schedule.cap.description))" : "")")
            print("B(X) = \(formatMicros(Int128(exact))) → paid in the period: \(grouped(schedule.benefit(total: total).description)) yuan")
            if let binds = schedule.capBindsFrom {
                print("(The cap binds from X = \(grouped(binds.description)).)")
            }
        }

        /// fen·10⁻⁶ as yuan with the fraction of a fen kept visible (e.g. 2,500.0025).
        func formatMicros(_ micros: Int128) -> String {
            let denominator = Int128(Rate.denominator)
            let fen = micros / denominator, rest = micros % denominator
            let base = grouped(Money(fen: Int64(fen)).description)
            guard rest != 0 else { return base }
            var digits = String(rest)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return base + digits
        }
    }

    struct Disability: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accidental disability (意外伤残) for one person's accidents in one period.",
            discussion: """
            Give each accident's injury grades (1 = most severe) separated by ';' or ','. The most \
            severe grade counts; when two or more injuries share it, it is raised one grade. The \
            period's total is capped.

            Example:
              jikun benefit disability 8,8,10 3
            """)

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Each accident's injury grades, e.g. 8,8,10.", valueName: "grades"))
        var accidents: [String]

        @OptionGroup var editionOptions: EditionOptions

        func validate() throws { try refuseUnknownOptions(accidents, known: ["--edition"], valueName: "grades") }

        func run() throws {
            let edition = try editionOptions.load()
            let rule = edition.accident
            var table = TextTable(["accident", "grades", "grade that counts", "ratio", "amount", "payment", "reason"],
                                  rightAligned: [0, 2, 3, 4, 5])
            var paid = Money.zero
            for (i, text) in withoutTerminator(accidents).enumerated() {
                let grades = try text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { part -> Int in
                    guard let g = Int(part.trimmingCharacters(in: .whitespaces)), (1...rule.mildestGrade).contains(g) else {
                        throw ValidationError("accident \(i + 1): expected grades 1–\(rule.mildestGrade) separated by ';' or ',', got \"\(text)\"")
                    }
                    return g
                }
                guard !grades.isEmpty else { throw ValidationError("accident \(i + 1): no grades given") }
                let grade = rule.effectiveGrade(grades)
                let asked = rule.disabilityAmount(grade: grade)
                let (payment, reason) = Adjudicator.applyCap(asked: asked, paidSoFar: paid, cap: rule.disabilityPeriodCap)
                paid += payment
                table.add([String(i + 1), grades.map(String.init).joined(separator: ";"), String(grade),
                           "\(rule.gradeRatios[grade - 1].value * 100)%", grouped(asked.description),
                           grouped(payment.description), reason.rawValue])
            }
            print("Accidental disability (意外伤残), edition \(edition.name): \(grouped(rule.disabilityFullAmount.description)) × ratio, cap \(grouped(rule.disabilityPeriodCap.description)) per person per period")
            print(table.rendered)
            print("Total paid in the period: \(grouped(paid.description)) yuan")
        }
    }

    struct AccidentMedical: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accident-medical",
            abstract: "Accident medical (意外医疗) for one person's claims in one period.",
            discussion: """
            Give each claim's in-scope self-paid expenses (医保范围内自付部分) in yuan, in order.

            Example:
              jikun benefit accident-medical 3000 4000
            """)

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("In-scope self-paid amounts, in yuan.", valueName: "amount"))
        var amounts: [String]

        @OptionGroup var editionOptions: EditionOptions

        func validate() throws { try refuseUnknownOptions(amounts, known: ["--edition"], valueName: "amount") }

        func run() throws {
            let edition = try editionOptions.load()
            let rule = edition.accident
            var table = TextTable(["claim", "amount", "reimbursed", "payment", "reason"], rightAligned: [0, 1, 2, 3])
            var paid = Money.zero
            for (i, text) in withoutTerminator(amounts).enumerated() {
                let amount = try parseAmount(text)
                let asked = amount.scaled(by: rule.medicalRate)
                let (payment, reason) = Adjudicator.applyCap(asked: asked, paidSoFar: paid, cap: rule.medicalPeriodCap)
                paid += payment
                table.add([String(i + 1), grouped(amount.description), grouped(asked.description),
                           grouped(payment.description), reason.rawValue])
            }
            print("Accident medical (意外医疗), edition \(edition.name): \(rule.medicalRate.value * 100)% of in-scope self-pay, cap \(grouped(rule.medicalPeriodCap.description)) per person per period")
            print(table.rendered)
            print("Total paid in the period: \(grouped(paid.description)) yuan")
        }
    }
}

/// The benefit commands take their values as they come, so that "-5" reaches the amount's own
/// check ("an amount ≥ 0") instead of being read as an option and reported as a missing value.
/// What looks like an option word is refused here, as the parser would have.
func refuseUnknownOptions(_ values: [String], known: [String], valueName: String) throws {
    if withoutTerminator(values).isEmpty { throw ValidationError("Missing expected argument '<\(valueName)> ...'") }
    for value in values.prefix(while: { $0 != "--" }) where value.hasPrefix("-") && value.dropFirst().first.map({ $0.isLetter || $0 == "-" }) == true {
        let name = String(value.prefix { $0 != "=" })
        let near = known.first { $0.hasPrefix(name) || name.hasPrefix($0) || editDistance(name, $0) <= 2 }
        throw ValidationError("Unknown option '\(name)'" + (near.map { ". Did you mean '\($0)'?" } ?? ""))
    }
}

/// The values with the first "--" (the end of options) taken out.
func withoutTerminator(_ values: [String]) -> [String] {
    guard let end = values.firstIndex(of: "--") else { return values }
    var values = values
    values.remove(at: end)
    return values
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in 1...max(b.count, 1) where !b.isEmpty {
            let kept = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = kept
        }
    }
    return row[b.count]
}

func parseAmount(_ text: String) throws -> Money {
    // Thousands separators are read only where they group by three ("20,000"): "20000,5" is
    // a slip, not 200,005 yuan.
    let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
    let grouped = groups.count == 1 || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 })
    guard grouped, let m = Money(parsing: text.replacingOccurrences(of: ",", with: "")), m >= .zero else {
        throw ValidationError("expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got \"\(text)\"")
    }
    return m
}

func periodIndex(_ key: String?, _ edition: Edition) throws -> Int {
    guard let key else { return 0 }
    guard let i = edition.periods.firstIndex(where: { $0.key == key }) else {
        throw ValidationError("unknown period \"\(key)\" (expected one of \(edition.periods.map(\.key).joined(separator: ", ")))")
    }
    return i
}
