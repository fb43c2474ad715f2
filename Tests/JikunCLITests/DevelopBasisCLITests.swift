import Foundation
import Testing

/// `jikun develop --basis paid`, the triangle's heat map in the report, and the bootstrap's
/// progress bar, run as a subprocess.
@Suite struct DevelopBasisCLITests {
    /// `DevelopCLITests.claims` with payments: M3 and M5 are reported but not paid by
    /// 2021-03-31 (outstanding, 50 + 100). Cumulative paid, monthly: 2021-01 [100, 300, 300]
    /// (M1 paid in its month, M2 a month later), 2021-02 [0, 300] (M4), 2021-03 [400] (M6).
    /// f₀ = (300 + 300)/(100 + 0) = 6, f₁ = 300/300 = 1: ultimates 300, 300, 2,400; still to
    /// come 0, 0, 2,000 of 3,000.
    static let claims = """
        claim_id,person_id,line,event_date,amount,grades,condition,first_diagnosis,level,reported_date,paid_date
        M1,\(CLITests.a),accident_medical,2021-01-05,100,,,,,2021-01-10,2021-01-20
        M2,\(CLITests.a),accident_medical,2021-01-20,200,,,,,2021-02-03,2021-02-10
        M3,\(CLITests.c),accident_medical,2021-01-25,50,,,,,2021-03-01,
        M4,\(CLITests.c),accident_medical,2021-02-10,300,,,,,2021-02-11,2021-03-05
        M5,\(CLITests.a),accident_medical,2021-02-15,100,,,,,2021-03-20,
        M6,\(CLITests.c),accident_medical,2021-03-05,400,,,,,2021-03-06,2021-03-10

        """

    func files(_ claims: String = Self.claims) -> (URL, String, String) {
        let directory = CLI.temporaryDirectory()
        return (directory, CLI.write(DevelopCLITests.roster, to: "roster.csv", in: directory), CLI.write(claims, to: "claims.csv", in: directory))
    }

    @Test func paidTriangleWorkedByHand() throws {
        let (directory, roster, claims) = files()
        let out = directory.appendingPathComponent("ibnr.csv").path
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31",
                                  "--method", "chain-ladder", "--basis", "paid", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.read(out) == """
            origin,latest,ultimate,ibnr,mack_se,reported_share
            2021-01,300.00,300.00,0.00,,1.000000
            2021-02,300.00,300.00,0.00,,1.000000
            2021-03,400.00,2400.00,2000.00,,0.166667
            TOTAL,1000.00,3000.00,2000.00,,0.333333

            """)
        #expect(result.stdout.contains("developed to payment (paid_date)"), "\(result.stdout)")
        #expect(result.stdout.contains("Paid so far 1,000.00"), "\(result.stdout)")
        #expect(result.stdout.contains("2 payable claims of 150.00 reported but not paid by the valuation date are part of what is still to come"), "\(result.stdout)")
    }

    @Test func theReportedBasisIsTheDefaultAndIgnoresPaidDate() throws {
        let (directory, roster, claims) = files()
        let out = directory.appendingPathComponent("ibnr.csv").path
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31",
                                  "--method", "chain-ladder", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        // DevelopCLITests' reported triangle, worked by hand there.
        #expect(try CLI.read(out).hasSuffix("TOTAL,1150.00,1633.33,483.33,,0.704082\n"))
    }

    @Test func aMissingPaidDateColumnIsAnInputError() throws {
        let (_, roster, claims) = files(DevelopCLITests.claims)
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31", "--basis", "paid"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: \(claims): row 1, column paid_date: missing column 'paid_date' in the header"), "\(result.stderr)")
    }

    @Test func aRowWithNeitherDateIsAnInputErrorNamingRowAndColumn() throws {
        let (_, roster, claims) = files(Self.claims.replacingOccurrences(of: "2021-01-25,50,,,,,2021-03-01,", with: "2021-01-25,50,,,,,,"))
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31", "--basis", "paid"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(claims): row 4, column paid_date: missing value: triangles of payments need the date each claim was paid, or its reported_date if it is not paid yet\n")
    }

    @Test func aPaymentAfterTheValuationDateIsAnInputError() throws {
        let (_, roster, claims) = files(Self.claims.replacingOccurrences(of: "2021-03-06,2021-03-10", with: "2021-03-06,2021-04-02"))
        let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31", "--basis", "paid"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(claims): row 7, column paid_date: 2021-04-02 is after the valuation date --as-of 2021-03-31\n")
    }

    @Test func basisDoesNotApplyToAGivenTriangle() throws {
        let result = try CLI.run(["develop", "--triangle", "t.csv", "--basis", "paid"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --basis applies to triangles built from --claims; a --triangle file is already arranged\n"), "\(result.stderr)")
    }

    /// Shares of ultimate (350, 466.67, 816.67): 2021-01 100/350 = 0.29, 300/350 = 0.86, 1;
    /// 2021-02 300/466.67 = 0.64, 400/466.67 = 0.86; 2021-03 400/816.67 = 0.49.
    @Test func theReportDrawsTheTriangleAsAHeatMap() throws {
        let (directory, roster, claims) = files(DevelopCLITests.claims)
        let md = directory.appendingPathComponent("develop.md").path, html = directory.appendingPathComponent("develop.html").path
        for report in [md, html] {
            let result = try CLI.run(["develop", "--roster", roster, "--claims", claims, "--as-of", "2021-03-31",
                                      "--method", "chain-ladder", "--report", report])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let markdown = try CLI.read(md)
        #expect(markdown.contains("| 2021-01 | ▒ 100 | █ 300 | █ 350 |\n| 2021-02 | ▓ 300 | █ 400 |   |\n| 2021-03 | ▒ 400 |   |   |"), "\(markdown)")
        #expect(markdown.contains("Shading: each cell's share of its origin's estimated ultimate"))
        let page = try CLI.read(html)
        // The latest diagonal of 2021-01 is its whole ultimate: the darkest blue.
        #expect(page.contains("<td class=\"num heat\" style=\"background:#08306b;color:#ffffff\">350</td>"), "\(page)")
        #expect(page.components(separatedBy: "class=\"num heat\"").count - 1 == 6)
    }

    /// The bar is drawn only when standard error is a terminal: `script` gives the command one.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func bootstrapProgressOnATerminalOnly() throws {
        let directory = CLI.temporaryDirectory()
        let triangle = CLI.write(DevelopCLITests.raa, to: "raa.csv", in: directory)
        let quiet = try CLI.run(["develop", "--triangle", triangle, "--bootstrap", "600", "--seed", "3"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr == "")

        let binary = try #require(CLI.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(binary.path)' develop --triangle '\(triangle)' --bootstrap 600 --seed 3 >/dev/null", "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("bootstrap "), "\(output)")
        #expect(output.contains("600/600 replicates"), "\(output)")
    }
}
