import Foundation
import Testing

/// Pins every command's help text, and the text and exit code of usage errors, which print like runtime
/// errors (`error: <where>: <what>`, then the usage). `CRYSTALDB_UPDATE_HELP=1 swift test --filter HelpAndErrorTests`
/// rewrites the help fixtures after a deliberate change.
@Suite struct HelpAndErrorTests {
    static let fixtures = CommandLineTests.root.appendingPathComponent("Tests/crystaldbTests/Fixtures/help")
    static let commands = ["", "import", "stats", "show", "diagnostics", "query", "hull", "phase-diagram", "symmetry", "dedupe", "export", "serve", "schema"]

    @Test("help text of every command is pinned", arguments: commands)
    func help(command: String) throws {
        let result = try CommandLineTests.run((command.isEmpty ? [] : [command]) + ["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let fixture = Self.fixtures.appendingPathComponent((command.isEmpty ? "crystaldb" : command) + ".txt")
        if ProcessInfo.processInfo.environment["CRYSTALDB_UPDATE_HELP"] != nil {
            try result.stdout.write(to: fixture, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: fixture, encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test("usage errors: the option, what it must be, what it got; exit 64", arguments: [
        (["dedupe", "--db", "x", "--ltol=-1"], "error: --ltol: must be a finite positive number (got -1.0)\nUsage: crystaldb dedupe"),
        (["dedupe", "--db", "x", "--stol=nan"], "error: --stol: must be a finite positive number (got nan)\nUsage: crystaldb dedupe"),
        (["dedupe", "--db", "x", "--angle-tol", "inf"], "error: --angle-tol: must be a finite positive number (got inf)\n"),
        (["dedupe", "--db", "x", "--jobs", "0"], "error: --jobs: must be from 1 to 1024 (got 0)\n"),
        (["import", "--db", "x", "--jobs", "0", "SampleData"], "error: --jobs: must be from 1 to 1024 (got 0)\nUsage: crystaldb import"),
        (["import", "--db", "x", "--symprec=-0.1", "SampleData"], "error: --symprec: must be a positive length in Å, at most 10 (got -0.1)\n"),
        (["import", "--db", "x", "--source", "", "SampleData"], "error: --source: must not be empty\n"),
        (["import", "--db", "x"], "error: missing expected argument '<paths> ...'\n"),
        (["import", "--db", "", "SampleData"], "error: --db: must not be empty\n"),
        (["hull", "--db", "x", "--tolerance=-1"], "error: --tolerance: must be a non-negative number of eV/atom (got -1.0)\n"),
        (["symmetry", "--db", "x", "--symprec", "0"], "error: --symprec: must be a positive length in Å, at most 10 (got 0.0)\n"),
        (["query", "--db", "x", "--limit=-3"], "error: --limit: must be at least 0 (got -3)\n"),
        (["query", "--db", "x", "--fields", "id,colour"], "error: --fields: unknown field 'colour'; known fields: id, "),
        (["query", "--db", "x", "--max-e-above-hull", "nan"], "error: --max-e-above-hull: must be a non-negative number of eV/atom (got nan)\n"),
        (["query", "--db", "x", "--elements", "Li,Qq"], "error: --elements: 'Qq' is not an element symbol\n"),
        (["query", "--db", "x", "--bogus"], "error: unknown option '--bogus'"),
        (["stats", "--db", "x", "--top-elements=-1"], "error: --top-elements: must be at least 0 (got -1)\n"),
        (["export", "--db", "x", "--out", ""], "error: --out: must not be empty\n"),
        (["export", "--db", "x", "--out", "y", "--format", "pdf"], "error: the value 'pdf' is invalid for '--format <format>'"),
    ] as [([String], String)])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try CommandLineTests.run(arguments)
        #expect(result.status == 64, "\(arguments)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    @Test("runtime errors: error: <where>: <what>, exit 1")
    func runtimeErrors() throws {
        let dir = CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.sqlite").path
        let stats = try CommandLineTests.run(["stats", "--db", missing])
        #expect(stats.status == 1)
        #expect(stats.stderr == "error: \(missing): no such store (create it with crystaldb import) (SQLite error 14)\n")
        let nothing = try CommandLineTests.run(["import", "--db", dir.appendingPathComponent("s.sqlite").path, "SampleData/bad/zero-volume.cif"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.hasPrefix("error: import: nothing could be read; see crystaldb diagnostics --db "))
    }
}
