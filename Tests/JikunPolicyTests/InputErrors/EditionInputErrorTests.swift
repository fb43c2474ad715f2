import Foundation
import Testing
import JikunPolicy

/// Bad edition files: each case is a small what-if file that `extends` the shipped
/// `scenarios/edition-2020.toml` and breaks one thing. The error must name the file and the TOML
/// key and say what was expected. In the expected texts `{O}` stands for the what-if file's path
/// and `{B}` for the shipped edition's.
@Suite struct EditionInputErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var toml: String
        var expected: String
        var testDescription: String { name }
    }

    /// The `[[insurers]]` array of the shipped edition, after `edit` (arrays of tables are
    /// replaced whole by a what-if, so a change to one insurer restates all of them).
    static func insurers(_ edit: (inout [(key: String, units: [String])]) -> Void) -> String {
        var list = IE.base.insurers.map { (key: $0.key, units: $0.unitKeys) }
        edit(&list)
        return list.map { insurer in
            """
            [[insurers]]
            key = "\(insurer.key)"
            name_zh = "保险公司"
            name_en = "an insurer"
            units = [\(insurer.units.map { "\"\($0)\"" }.joined(separator: ", "))]

            """
        }.joined(separator: "\n")
    }

    static let tiers = """
        [[benefits.critical_illness.tiers]]
        from = 0
        rate = 0.25

        """

    static let cases: [Case] = [
        // Unknown, missing and mistyped keys.
        Case(name: "unknown key at top level", toml: "colour = \"red\"\n",
             expected: "{O}: colour: unknown key 'colour' (this table takes: benefits, corridor, edition, enrolment, insurers, periods, premium, source, units)"),
        Case(name: "unknown key in a nested table", toml: "[benefits.critical_illness]\ndeductable = 2000\n",
             expected: "{O}: benefits.critical_illness.deductable: unknown key 'deductable' (this table takes: deductible, period_cap, prorate_short_period, source, tiers)"),
        Case(name: "unknown key in a category", toml: "[enrolment.categories.dibao]\ncolour = 1\n",
             expected: "{O}: enrolment.categories.dibao.colour: unknown key 'colour' (this table takes: name_en, name_zh, source)"),
        Case(name: "missing key in a tier", toml: "[[benefits.critical_illness.tiers]]\nfrom = 0\n",
             expected: "{O}: benefits.critical_illness.tiers[0]: missing key 'rate'"),
        Case(name: "missing key in a period", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\n",
             expected: "{O}: periods[0]: missing key 'end'"),
        Case(name: "misspelt required key: the near miss is named", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\nedn = 2021-10-31\n",
             expected: "{O}: periods[0]: missing key 'end' (the table has 'edn': a misspelling?)"),
        Case(name: "misspelt required key two edits away", toml: "[[benefits.critical_illness.tiers]]\nfrom = 0\nrtae_ = 0.25\n",
             expected: "{O}: benefits.critical_illness.tiers[0]: missing key 'rate'"),
        Case(name: "zero premium", toml: "[premium]\nper_person_month = 0\n",
             expected: "{O}: premium.per_person_month: expected a premium > 0 yuan per person-month, got 0.00"),
        Case(name: "wrong type: string for a boolean", toml: "[benefits.critical_illness]\nprorate_short_period = \"no\"\n",
             expected: "{O}: benefits.critical_illness.prorate_short_period: expected true or false, got a string"),
        Case(name: "wrong type: boolean for an amount", toml: "[premium]\nper_person_month = true\n",
             expected: "{O}: premium.per_person_month: expected an amount in yuan, got a boolean"),
        Case(name: "wrong type: string for an array", toml: "[enrolment]\ncategory_priority = \"tekun\"\n",
             expected: "{O}: enrolment.category_priority: expected an array, got a string"),
        Case(name: "wrong type: number for a string", toml: "[edition]\nname = 2021\n",
             expected: "{O}: edition.name: expected a string, got an integer"),
        Case(name: "wrong type: string for an integer", toml: "[benefits.student_critical_illness]\nmaximum_age = \"22\"\n",
             expected: "{O}: benefits.student_critical_illness.maximum_age: expected an integer, got a string"),
        Case(name: "wrong type: text in a number array", toml: "[benefits.accident]\ndisability_grade_ratios = [1.0, \"0.9\"]\n",
             expected: "{O}: benefits.accident.disability_grade_ratios[1]: expected a number, got a string"),
        Case(name: "wrong type: date with a time of day", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01T00:00:00\nend = 2021-12-31\n",
             expected: "{O}: periods[0].start: expected a date (YYYY-MM-DD) without a time of day"),
        Case(name: "wrong type: a date that is not a date", toml: "[[periods]]\nkey = \"P1\"\nstart = \"2020-11-31\"\nend = 2021-12-31\n",
             expected: "{O}: periods[0].start: expected a date YYYY-MM-DD, got \"2020-11-31\""),

        // Critical-illness tiers.
        Case(name: "tier not increasing", toml: tiers + "[[benefits.critical_illness.tiers]]\nfrom = 50000\nrate = 0.30\n\n[[benefits.critical_illness.tiers]]\nfrom = 10000\nrate = 0.35\n",
             expected: "{O}: benefits.critical_illness.tiers[2].from: expected tiers in increasing order, got 10000.00 after 50000.00"),
        Case(name: "tier repeating a lower bound", toml: tiers + "[[benefits.critical_illness.tiers]]\nfrom = 0\nrate = 0.30\n",
             expected: "{O}: benefits.critical_illness.tiers[1].from: expected tiers in increasing order, got 0.00 after 0.00"),
        Case(name: "first tier not at 0", toml: "[[benefits.critical_illness.tiers]]\nfrom = 100\nrate = 0.25\n",
             expected: "{O}: benefits.critical_illness.tiers[0].from: expected the first tier to start at 0 (the deductible), got 100.00"),
        Case(name: "no tier at all", toml: "[benefits.critical_illness]\ntiers = []\n",
             expected: "{O}: benefits.critical_illness.tiers: expected at least one tier"),

        // Rates.
        Case(name: "rate above 1", toml: "[corridor]\nbureau_share = 1.5\n",
             expected: "{O}: corridor.bureau_share: expected a rate in [0, 1], got 1.5"),
        Case(name: "negative tier rate", toml: "[[benefits.critical_illness.tiers]]\nfrom = 0\nrate = -0.1\n",
             expected: "{O}: benefits.critical_illness.tiers[0].rate: expected a rate in [0, 1], got -0.1"),
        Case(name: "corridor edge above 10", toml: "[corridor]\nrefund_below = 11\n",
             expected: "{O}: corridor.refund_below: expected a rate in [0, 10], got 11"),
        Case(name: "rate with 7 decimals", toml: "[corridor]\nbureau_share = 0.1234567\n",
             expected: "{O}: corridor.bureau_share: expected a rate with at most six decimals, got 0.1234567"),
        Case(name: "medical rate with 7 decimals", toml: "[benefits.accident]\nmedical_rate = 0.9999999\n",
             expected: "{O}: benefits.accident.medical_rate: expected a rate with at most six decimals, got 0.9999999"),

        // Amounts.
        Case(name: "amount with 3 decimals", toml: "[benefits.disease_death]\namount = 2000.005\n",
             expected: "{O}: benefits.disease_death.amount: expected an amount in yuan with at most two decimals"),
        Case(name: "amount with 3 decimals as text", toml: "[benefits.disease_death]\namount = \"2000.005\"\n",
             expected: "{O}: benefits.disease_death.amount: expected an amount in yuan with at most two decimals"),
        Case(name: "negative amount", toml: "[benefits.disease_death]\namount = -5\n",
             expected: "{O}: benefits.disease_death.amount: expected an amount ≥ 0, got -5.00"),
        Case(name: "negative amount with decimals", toml: "[premium]\nper_person_month = -0.5\n",
             expected: "{O}: premium.per_person_month: expected an amount ≥ 0, got -0.50"),

        // Disability grades.
        Case(name: "grade ratios increasing", toml: "[benefits.accident]\ndisability_grade_ratios = [1.0, 0.9, 0.95, 0.7]\n",
             expected: "{O}: benefits.accident.disability_grade_ratios: expected ratios not increasing from grade 1 down to the mildest grade; grade 3 (0.95) exceeds grade 2 (0.9)"),
        Case(name: "grade ratio above 1", toml: "[benefits.accident]\ndisability_grade_ratios = [1.5, 0.9]\n",
             expected: "{O}: benefits.accident.disability_grade_ratios: expected rates in [0, 1] with at most six decimals, got 1.5 for grade 1"),
        Case(name: "no grade", toml: "[benefits.accident]\ndisability_grade_ratios = []\n",
             expected: "{O}: benefits.accident.disability_grade_ratios: expected at least one grade"),
        Case(name: "negative grade raise", toml: "[benefits.accident]\nshared_worst_grade_raise = -1\n",
             expected: "{O}: benefits.accident.shared_worst_grade_raise: expected an integer ≥ 0, got -1"),

        // Enrolment.
        Case(name: "category_priority missing a category", toml: "[enrolment]\ncategory_priority = [\"tekun\", \"orphan\", \"dibao\", \"youfu\"]\n",
             expected: "{O}: enrolment.category_priority: expected each category of enrolment.categories exactly once (dibao, orphan, tekun, unsupported_child, youfu), got tekun, orphan, dibao, youfu"),
        Case(name: "category_priority repeating a category", toml: "[enrolment]\ncategory_priority = [\"tekun\", \"tekun\", \"orphan\", \"unsupported_child\", \"dibao\", \"youfu\"]\n",
             expected: "{O}: enrolment.category_priority: expected each category of enrolment.categories exactly once (dibao, orphan, tekun, unsupported_child, youfu), got tekun, tekun, orphan, unsupported_child, dibao, youfu"),
        Case(name: "category_priority naming an unknown category", toml: "[enrolment]\ncategory_priority = [\"tekun\", \"orphan\", \"unsupported_child\", \"dibao\", \"veterans\"]\n",
             expected: "{O}: enrolment.category_priority: expected each category of enrolment.categories exactly once (dibao, orphan, tekun, unsupported_child, youfu), got tekun, orphan, unsupported_child, dibao, veterans"),
        Case(name: "unknown youfu_excluded_category", toml: "[enrolment]\nyoufu_excluded_category = \"veterans\"\n",
             expected: "{O}: enrolment.youfu_excluded_category: expected one of the categories (tekun, orphan, unsupported_child, dibao, youfu), got \"veterans\""),

        // Coverage periods.
        Case(name: "periods not consecutive", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\nend = 2021-10-31\n\n[[periods]]\nkey = \"P2\"\nstart = 2021-12-01\nend = 2021-12-31\n",
             expected: "{O}: periods[1].start: expected the day after the previous period ends (2021-10-31), got 2021-12-01"),
        Case(name: "periods overlapping", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\nend = 2021-10-31\n\n[[periods]]\nkey = \"P2\"\nstart = 2021-10-01\nend = 2021-12-31\n",
             expected: "{O}: periods[1].start: expected the day after the previous period ends (2021-10-31), got 2021-10-01"),
        Case(name: "period start not on a month's first day", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-02\nend = 2021-12-31\n",
             expected: "{O}: periods[0].start: expected the first day of a month, got 2020-11-02"),
        Case(name: "period end not on a month's last day", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\nend = 2021-10-30\n",
             expected: "{O}: periods[0].end: expected the last day of a month, got 2021-10-30"),
        Case(name: "period ending before it starts", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\nend = 2020-10-31\n",
             expected: "{O}: periods[0].end: expected a date on or after start 2020-11-01, got 2020-10-31"),
        Case(name: "duplicate period key", toml: "[[periods]]\nkey = \"P1\"\nstart = 2020-11-01\nend = 2021-10-31\n\n[[periods]]\nkey = \"P1\"\nstart = 2021-11-01\nend = 2021-12-31\n",
             expected: "{O}: periods[1].key: period key \"P1\" is used twice"),
        Case(name: "no period", toml: "periods = []\n",
             expected: "{O}: periods: expected at least one coverage period"),

        // Insurers and units.
        Case(name: "unit mapped to two insurers",
             toml: insurers { $0[1].units.append("yuzhong") },
             expected: "{O}: insurers[1].units: unit \"yuzhong\" is mapped to two insurers (picc and ancheng); expected exactly one"),
        Case(name: "unit of the base mapped to no insurer",
             toml: insurers { $0[4].units.removeAll { $0 == "wushan" } },
             expected: "{B}: units.wushan: unit \"wushan\" is mapped to no insurer; expected exactly one"),
        Case(name: "new unit mapped to no insurer",
             toml: "[units.newtown]\nname_zh = \"新城\"\nname_en = \"Newtown\"\nkind = \"district\"\n",
             expected: "{O}: units.newtown: unit \"newtown\" is mapped to no insurer; expected exactly one"),
        Case(name: "insurer listing an undeclared unit",
             toml: insurers { $0[4].units.append("atlantis") },
             expected: "{O}: insurers[4].units: unit \"atlantis\" is not declared under [units]"),
        Case(name: "duplicate insurer key",
             toml: insurers { $0[1].key = "picc" },
             expected: "{O}: insurers[1].key: insurer key \"picc\" is used twice"),
        Case(name: "no insurer", toml: "insurers = []\n",
             expected: "{O}: insurers: expected at least one insurer"),
        Case(name: "unknown unit kind", toml: "[units.yuzhong]\nkind = \"village\"\n",
             expected: "{O}: units.yuzhong.kind: expected one of district, county, zone, institution, got \"village\""),

        // Corridor.
        Case(name: "unknown allocation", toml: "[corridor]\nallocation = \"by_headcount\"\n",
             expected: "{O}: corridor.allocation: expected one of pro_rata_premium, own_experience, got \"by_headcount\""),
        Case(name: "shared_from below refund_below", toml: "[corridor]\nshared_from = 0.80\n",
             expected: "{O}: corridor.shared_from: expected a loss ratio ≥ refund_below (0.85), got 0.8"),
        Case(name: "shared_to below shared_from", toml: "[corridor]\nshared_to = 0.89\n",
             expected: "{O}: corridor.shared_to: expected a loss ratio ≥ shared_from (0.9), got 0.89"),

        Case(name: "refund_below raised above the base's shared_from",
             toml: "[corridor]\nrefund_below = 0.95\n",
             // The key that breaks the order is the base's shared_from, so the base is named.
             expected: "{B}: corridor.shared_from: expected a loss ratio ≥ refund_below (0.95), got 0.9"),

        // Student critical illness and admission.
        Case(name: "student maximum age below minimum age", toml: "[benefits.student_critical_illness]\nmaximum_age = 2\n",
             expected: "{O}: benefits.student_critical_illness.maximum_age: expected an age ≥ minimum_age (3), got 2"),
        Case(name: "negative student minimum age", toml: "[benefits.student_critical_illness]\nminimum_age = -1\n",
             expected: "{O}: benefits.student_critical_illness.minimum_age: expected an age ≥ 0, got -1"),
        Case(name: "duplicate condition code",
             toml: "[[benefits.student_critical_illness.conditions]]\ncode = \"malignant_tumour\"\nname_zh = \"恶性肿瘤\"\nname_en = \"malignant tumour\"\n\n[[benefits.student_critical_illness.conditions]]\ncode = \"malignant_tumour\"\nname_zh = \"恶性肿瘤\"\nname_en = \"cancer\"\n",
             expected: "{O}: benefits.student_critical_illness.conditions[1].code: condition code \"malignant_tumour\" is listed twice"),
        Case(name: "duplicate admission level",
             toml: "[[benefits.admission.levels]]\nkey = \"bachelor\"\nname_zh = \"本科\"\namount = 3000\n\n[[benefits.admission.levels]]\nkey = \"bachelor\"\nname_zh = \"本科\"\namount = 4000\n",
             expected: "{O}: benefits.admission.levels[1].key: admission level \"bachelor\" is listed twice"),

        // extends.
        Case(name: "extends with a non-string", toml: "extends = 3\n",
             expected: "{O}: extends: expected a string naming the base file, got an integer"),
    ]

    @Test(arguments: cases)
    func badEditionNamesFileKeyAndExpectation(_ c: Case) throws {
        // The "extends with a non-string" case must not extend the base first: TOML refuses a
        // key set twice, so that file is written without the leading `extends` line.
        let path = c.name.hasPrefix("extends")
            ? IE.write(c.toml, to: "what-if.toml", in: IE.temporaryDirectory())
            : IE.whatIf(c.toml)
        let expected = c.expected.replacingOccurrences(of: "{O}", with: path)
            .replacingOccurrences(of: "{B}", with: IE.basePath)
        let text = IE.errorText { _ = try Edition.load(path) }
        #expect(text == expected)
    }

    @Test func invalidTOMLSyntaxNamesLineAndColumn() throws {
        let path = IE.whatIf("[corridor\nbureau_share = 0.5\n")
        let text = try #require(IE.errorText { _ = try Edition.load(path) })
        // The what-if's third line is `[corridor` (after `extends = …` and a blank line).
        #expect(text == "\(path): line 3, column 10: not valid TOML: Error while parsing table header: expected ']', saw '\\n'")
    }

    @Test func invalidTOMLSyntaxInTheBaseNamesTheBase() throws {
        let directory = IE.temporaryDirectory()
        let base = IE.write("[edition]\nname = \"x\"\nname = \"y\"\n", to: "base.toml", in: directory)
        let path = IE.write("extends = \"base.toml\"\n", to: "what-if.toml", in: directory)
        let text = try #require(IE.errorText { _ = try Edition.load(path) })
        #expect(text == "\(base): line 3, column 8: not valid TOML: Error while parsing key-value pair: cannot redefine existing string 'name'")
    }

    @Test func missingFile() throws {
        let path = IE.temporaryDirectory().appendingPathComponent("no-such-edition.toml").path
        let text = try #require(IE.errorText { _ = try Edition.load(path) })
        IE.expectCannotRead(text, path)
    }

    @Test func extendsOfAMissingBase() throws {
        let directory = IE.temporaryDirectory()
        let path = IE.write("extends = \"no-such-base.toml\"\n", to: "what-if.toml", in: directory)
        let text = try #require(IE.errorText { _ = try Edition.load(path) })
        // The base is resolved relative to the what-if's folder.
        let base = directory.appendingPathComponent("no-such-base.toml").path
        // The error names the file that asked for the base, and the key.
        #expect(text == "\(path): extends: the base file \(base) does not exist")
    }

    @Test func extendsOfAFolder() throws {
        let path = IE.write("extends = \".\"\n", to: "what-if.toml", in: IE.temporaryDirectory())
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".").path
        #expect(IE.errorText { _ = try Edition.load(path) }
                == "\(path): extends: \".\" is a folder (\(folder)); expected the base TOML file, e.g. \"edition-2020.toml\"")
    }

    @Test func notUTF8IsAnError() throws {
        let url = IE.temporaryDirectory().appendingPathComponent("gbk.toml")
        try Data(Array("[edition]\nname = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)).write(to: url)
        #expect(IE.errorText { _ = try Edition.load(url.path) }
                == "\(url.path): line 2, column 9: not UTF-8 text (byte 0xC3): save the file as UTF-8")
    }

    /// The TOML parser reads a C string: a NUL used to end the file there, silently dropping
    /// every key after it. Any raw control character but tab and line ends is refused.
    @Test(arguments: [UInt8(0x00), 0x01, 0x1B, 0x7F])
    func controlCharactersAreAnError(_ byte: UInt8) throws {
        let url = IE.temporaryDirectory().appendingPathComponent("nul.toml")
        try Data(Array("[edition]\n# note ".utf8) + [byte] + Array("\nname = \"x\"\n".utf8)).write(to: url)
        let hex = String(format: "%02X", byte)
        #expect(IE.errorText { _ = try Edition.load(url.path) }
                == "\(url.path): line 2, column 8: not valid TOML: a control character (byte 0x\(hex)) may not appear in TOML text; write it as an escape such as \\u0000 inside a string, or remove it")
    }

    /// A key dotted 5,000 deep overflowed the stack of the recursive conversion (SIGSEGV).
    @Test(arguments: [String(repeating: "a.", count: 5000) + "b = 1\n", "[" + String(repeating: "a.", count: 5000) + "b]\n"])
    func keysNestedBeyondAnyScenarioKeyAreAnError(_ toml: String) throws {
        let error = #expect(throws: PolicyInputError.self) { try ConfigFile.parse(toml, file: "deep.toml") }
        let path = Array(repeating: "a", count: 32).joined(separator: ".")
        #expect(error == .config(file: "deep.toml", keyPath: path,
                                 message: "tables nest more than 32 levels deep here; no scenario or edition key is that deep"))
    }

    @Test func tabsAndCRLFLineEndsAreTOMLText() throws {
        let table = try ConfigFile.parse("[edition]\r\nname\t= \"x\"\t# a tab\r\n", file: "t.toml")
        guard case .table(let edition)? = table["edition"]?.value, case .string("x")? = edition["name"]?.value else {
            Issue.record("expected edition.name = \"x\""); return
        }
    }

    @Test func editDistanceCountsEditsAndSwaps() {
        #expect(ConfigReader.editDistanceForTesting("end", "edn") == 1)
        #expect(ConfigReader.editDistanceForTesting("insured", "insurd") == 1)
        #expect(ConfigReader.editDistanceForTesting("kitten", "sitting") == 3)
        #expect(ConfigReader.editDistanceForTesting("", "abc") == 3)
        #expect(ConfigReader.editDistanceForTesting("rate", "rate") == 0)
    }

    @Test func extendsCycleOfTwoFiles() throws {
        let directory = IE.temporaryDirectory()
        let a = IE.write("extends = \"b.toml\"\n", to: "a.toml", in: directory)
        let b = IE.write("extends = \"a.toml\"\n", to: "b.toml", in: directory)
        let text = IE.errorText { _ = try Edition.load(a) }
        #expect(text == "\(a): extends: extends chain loops back to this file (\(a) → \(b) → \(a))")
    }

    @Test func extendsItself() throws {
        let directory = IE.temporaryDirectory()
        let a = IE.write("extends = \"a.toml\"\n", to: "a.toml", in: directory)
        let text = IE.errorText { _ = try Edition.load(a) }
        #expect(text == "\(a): extends: extends chain loops back to this file (\(a) → \(a))")
    }

    @Test func infiniteNumberIsRefused() {
        let path = IE.whatIf("[corridor]\nbureau_share = inf\n")
        #expect(IE.errorText { _ = try Edition.load(path) } == "\(path): corridor.bureau_share: expected a finite number, got inf")
    }

    @Test
    func infiniteNumberInAnArrayIsRefusedClearly() {
        let path = IE.whatIf("[benefits.accident]\ndisability_grade_ratios = [1.0, inf]\n")
        #expect(IE.errorText { _ = try Edition.load(path) } == "\(path): benefits.accident.disability_grade_ratios[1]: expected a finite number, got inf")
    }

    // MARK: - The extends mechanism, positively

    @Test func whatIfChangesExactlyTheKeysItSets() throws {
        let path = IE.whatIf("""
            [benefits.critical_illness]
            deductible = 2000

            [corridor]
            allocation = "own_experience"
            """)
        let loaded = try Edition.load(path)
        var criticalIllness = IE.base.criticalIllness, corridor = IE.base.corridor
        criticalIllness.deductible = Money(yuan: 2000)
        corridor.allocation = .ownExperience
        let expected = IE.base.with(criticalIllness: criticalIllness, corridor: corridor)
        #expect(loaded == expected)
        // Tables merged key by key: the rest of both tables is the base's.
        #expect(loaded.criticalIllness.tiers == IE.base.criticalIllness.tiers)
        #expect(loaded.criticalIllness.periodCap == IE.base.criticalIllness.periodCap)
        #expect(loaded.corridor.bureauShare == IE.base.corridor.bureauShare)
        #expect(loaded != IE.base)
    }

    @Test func arraysOfTablesAreReplacedWhole() throws {
        let path = IE.whatIf("""
            [[benefits.critical_illness.tiers]]
            from = 0
            rate = 0.5
            """)
        let loaded = try Edition.load(path)
        #expect(loaded.criticalIllness.tiers == [.init(from: .zero, rate: Rate(partsPerMillion: 500_000))])
        var criticalIllness = IE.base.criticalIllness
        criticalIllness.tiers = loaded.criticalIllness.tiers
        let expected = IE.base.with(criticalIllness: criticalIllness)
        #expect(loaded == expected)
    }

    @Test func whatIfOfAWhatIfAppliesBothInOrder() throws {
        let directory = IE.temporaryDirectory()
        IE.write("extends = \"\(IE.basePath)\"\n[benefits.disease_death]\namount = 3000\n[corridor]\nbureau_share = 0.6\n",
                 to: "first.toml", in: directory)
        let second = IE.write("extends = \"first.toml\"\n[corridor]\nbureau_share = 0.7\n", to: "second.toml", in: directory)
        let loaded = try Edition.load(second)
        var diseaseDeath = IE.base.diseaseDeath, corridor = IE.base.corridor
        diseaseDeath.amount = Money(yuan: 3000)
        corridor.bureauShare = Rate(partsPerMillion: 700_000)
        let expected = IE.base.with(diseaseDeath: diseaseDeath, corridor: corridor)
        #expect(loaded == expected)
    }

    @Test func theShippedEditionLoadsAsPolicyStatesIt() {
        let e = IE.base
        #expect(e.periods.map(\.key) == ["P1", "P2"])
        #expect(e.periods.map(\.months) == [12, 2])
        #expect(e.premiumPerPersonMonth == Money(yuan: 10))
        #expect(e.categories.map(\.key) == ["tekun", "orphan", "unsupported_child", "dibao", "youfu"])
        #expect(e.insurers.map(\.key) == ["picc", "ancheng", "chinalife", "continent", "chinaunited"])
        #expect(e.insurers.map(\.unitKeys.count) == [16, 9, 7, 8, 7])
        #expect(e.units.count == 47)
        #expect(e.studentCriticalIllness.conditions.count == 20)
        #expect(e.admission.levels.map(\.amount) == [Money(yuan: 2000), Money(yuan: 3000), Money(yuan: 5000)])
    }
}
