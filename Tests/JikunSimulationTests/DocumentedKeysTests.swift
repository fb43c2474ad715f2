import Foundation
import JikunPolicy
import Testing
@testable import JikunSimulation

/// docs/scenario-keys.md is the users' list of keys: every key a table's reader asks for must be
/// in it. The reader's own refusal of an unknown key lists the keys the table takes (optional
/// ones included), so each table is given one key too many and its list checked against the page.
@Suite struct DocumentedKeysTests {
    static let page: String = {
        let url = scenariosDirectory.deletingLastPathComponent().appendingPathComponent("docs/scenario-keys.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The keys a table of `test-small.toml` says it takes, from its refusal of one more.
    static func keysTaken(by table: String) throws -> [String] {
        let base = try loadScenario("test-small.toml")
        do {
            _ = try base.applying("[\(table)]\nnot_a_key = 1\n")
        } catch let PolicyInputError.config(_, keyPath, message) {
            #expect(keyPath == "\(table).not_a_key", "\(table): \(message)")
            let marker = "(this table takes: "
            guard let start = message.range(of: marker), message.hasSuffix(")") else {
                Issue.record("\(table): \(message)")
                return []
            }
            return message[start.upperBound...].dropLast().components(separatedBy: ", ")
        }
        Issue.record("\(table): an unknown key was accepted")
        return []
    }

    @Test(arguments: [
        "scenario", "population", "population.periods.P1", "population.categories.tekun",
        "events.accident_death", "events.accident_medical", "events.accident_medical.severity",
        "events.student_critical_illness", "events.admission", "events.admission.levels.bachelor",
        "expenses", "readings",
        "edition", "enrolment", "enrolment.categories.dibao", "premium", "benefits.accident",
        "benefits.critical_illness", "benefits.disease_death", "benefits.student_critical_illness",
        "benefits.admission", "corridor",
    ])
    func everyKeyATableTakesIsDocumented(_ table: String) throws {
        let keys = try Self.keysTaken(by: table)
        #expect(!keys.isEmpty, "\(table)")
        let page = Self.page
        for key in keys where key != "not_a_key" {
            // As `key`, `table.key`, a table header (`[events.<line>.reporting_delay]`), or the
            // head of a dotted key (`ratios.<insurer>`).
            let documented = ["`\(key)`", ".\(key)`", "`\(key).", ".\(key).", ".\(key)]", "[\(key)]"]
                .contains { page.contains($0) }
            #expect(documented, "\(table).\(key) is read but not in docs/scenario-keys.md")
        }
    }
}
