import Foundation
import JikunPolicy
import JikunTables

extension TextBuilder {
    /// `premium`'s standard output: persons, member-months and earned premium by period and
    /// insurer, then by category.
    public static func premium(_ premium: EarnedPremium, roster rosterFile: Roster, edition: Edition) -> String {
        var out: [String] = []
        out.append("Edition \(edition.name): \(edition.premiumPerPersonMonth) yuan a person-month")
        out.append("Roster: \(rosterFile.persons.count) insured persons, \(rosterFile.excluded.count) excluded")
        out.append("")
        var table = TextTable(["period", "insurer", "保险公司", "persons", "member-months", "earned premium"],
                              rightAligned: [3, 4, 5])
        for (p, period) in edition.periods.enumerated() {
            for (i, insurer) in edition.insurers.enumerated() {
                let cells = premium.cells.filter { $0.period == p && $0.insurer == i }
                table.add([period.key, insurer.key, shortName(insurer.nameZH), String(cells.reduce(0) { $0 + $1.persons }),
                           String(cells.reduce(0) { $0 + $1.memberMonths }),
                           grouped(cells.reduce(Money.zero) { $0 + $1.premium }.description)])
            }
            let cells = premium.cells.filter { $0.period == p }
            table.add([period.key, "total", "合计", String(cells.reduce(0) { $0 + $1.persons }),
                       String(cells.reduce(0) { $0 + $1.memberMonths }),
                       grouped(cells.reduce(Money.zero) { $0 + $1.premium }.description)])
        }
        out.append(table.rendered)
        out.append("")
        var categories = TextTable(["category", "类别", "member-months", "earned premium"], rightAligned: [2, 3])
        for (c, category) in edition.categories.enumerated() {
            let cells = premium.cells.filter { $0.category == c }
            categories.add([category.key, category.nameZH, String(cells.reduce(0) { $0 + $1.memberMonths }),
                            grouped(cells.reduce(Money.zero) { $0 + $1.premium }.description)])
        }
        out.append(categories.rendered)
        out.append("")
        out.append("Term total: \(premium.totalMemberMonths) member-months, earned premium \(grouped(premium.total.description)) yuan")
        return out.joined(separator: "\n")
    }
}

/// The insurer's name without the branch suffix (中国人民财产保险股份有限公司重庆市分公司 → 中国人民财产保险).
func shortName(_ name: String) -> String {
    for suffix in ["股份有限公司重庆市分公司", "股份有限公司重庆分公司"] where name.hasSuffix(suffix) {
        return String(name.dropLast(suffix.count))
    }
    return name
}
