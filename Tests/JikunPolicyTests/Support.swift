import Foundation
import JikunPolicy

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped 2020 edition, loaded once.
let edition2020: Edition = {
    try! Edition.load(packageRoot.appendingPathComponent("scenarios/edition-2020.toml").path)
}()

func date(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

func yuan(_ text: String) -> Money { Money(parsing: text)! }

/// A valid identity number for someone born on `birth` (GB 11643 check character computed).
func personID(born birth: String, serial: Int, region: String = "500101") -> String {
    let digits = region + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", serial % 1000)
    return digits + String(PersonID.checkCharacter(for: digits))
}

/// An insured person of the 2020 edition for rule tests.
func person(born: String, unit: String = "yuzhong", category: String = "dibao", coverFrom: String = "2020-11-01",
            student: Bool = false, serial: Int = 1) -> RosterPerson {
    let e = edition2020
    let u = e.unitIndex(unit)!
    return RosterPerson(id: try! PersonID.parse(personID(born: born, serial: serial)).get(), unit: u,
                        insurer: e.insurerOfUnit[u], category: e.categoryIndex(category)!,
                        birthDate: date(born), coverFrom: date(coverFrom), student: student)
}
