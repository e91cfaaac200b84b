import Foundation
import Testing

/// `crystaldb phase-diagram`, `e_below_hull` and `decomposition_reaction` through the binary.
@Suite struct PhaseDiagramCommandTests {
    typealias CLI = CommandLineTests

    /// A store with SampleData's reference table and sample entries, hull computed.
    static func sampleStore(_ dir: URL) throws -> String {
        let db = dir.appendingPathComponent("s.sqlite").path
        try CLI.run(["import", "--db", db, "--source", "mp", "--reference", "SampleData/reference.csv"])
        try CLI.run(["import", "--db", db, "--source", "sample", "SampleData/structures", "SampleData/entries.csv"])
        try CLI.run(["hull", "--db", db])
        return db
    }

    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-pd-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("Li-Fe-O of the sample store as JSON: stable phases, tie lines, and the summary line")
    func json() throws {
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.sampleStore(dir)
        let out = dir.appendingPathComponent("lfo.json").path
        let result = try CLI.run(["phase-diagram", "--db", db, "--chemsys", "Li-Fe-O", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Li-Fe-O: 13 entries, 6 stable, 10 tie lines, 5 facets; 3 unstable within 0.2 eV/atom drawn -> \(out)\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(object["elements"] as? [String] == ["Li", "Fe", "O"])
        #expect(object["stable"] as? [String] == ["FeO-vasp4", "LiFeO2", "mp-Fe", "mp-Li", "mp-O2", "two-blocks/Li2O"])
        let ties = try #require(object["tie_lines"] as? [[String]])
        #expect(ties.contains(["LiFeO2", "two-blocks/Li2O"]) && ties.contains(["FeO-vasp4", "LiFeO2"]) && !ties.contains(["FeO-vasp4", "two-blocks/Li2O"]))
        #expect(ties.count == 10)
        let points = try #require(object["points"] as? [[String: Any]])
        let li3 = try #require(points.first { $0["id"] as? String == "Li3FeO3-hypothetical" })
        #expect(li3["reaction"] as? String == "Li3FeO3 -> 0.571 LiFeO2 + 0.429 Li2O   (+0.024 eV/atom)")
        #expect(abs((li3["e_above_hull"] as? Double ?? 0) - 0.17 / 7) < 1e-9)
    }

    @Test("query --fields decomposition_reaction,e_below_hull, sorted by the margin; show prints both")
    func reactionFields() throws {
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.sampleStore(dir)
        let csv = try CLI.run(["query", "--db", db, "--only", "Li,Fe,O", "--fields", "id,e_below_hull,decomposition_reaction",
                               "--sort", "e_below_hull:desc", "--limit", "3", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,e_below_hull,decomposition_reaction")
        // Li2O: 2/3 Li + 1/3 O lies 1.848 eV/atom above it.
        #expect(lines[1].hasPrefix("two-blocks/Li2O,1.848"))
        #expect(lines[1].hasSuffix(",Li2O -> 0.667 Li + 0.333 O   (-1.848 eV/atom)"))
        let unstable = try CLI.run(["query", "--db", db, "--fields", "decomposition_reaction,e_below_hull", "--format", "csv", "id = \"Li3FeO3-hypothetical\""])
        #expect(unstable.stdout == "decomposition_reaction,e_below_hull\nLi3FeO3 -> 0.571 LiFeO2 + 0.429 Li2O   (+0.024 eV/atom),\n")
        let show = try CLI.run(["show", "--db", db, "LiFeO2"])
        #expect(show.stdout.contains("\"decomposition_reaction\":\"LiFeO2 -> 0.583 Li3FeO3 + 0.333 FeO + 0.083 O   (-0.440 eV/atom)\""))
        #expect(show.stdout.contains("\"e_below_hull\":0.44"))
    }

    @Test("SVG and HTML outputs; an existing output needs --force")
    func svgAndHTML() throws {
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.sampleStore(dir)
        let svg = dir.appendingPathComponent("d.svg").path, html = dir.appendingPathComponent("d.html").path
        #expect(try CLI.run(["phase-diagram", "--db", db, "--chemsys", "Li-O", "--out", svg]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(try CLI.run(["phase-diagram", "--db", db, "--chemsys", "Li-Fe-O", "--out", html, "--hull", "reference", "--highlight", "sample"]).status == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<div id=\"self-check\""))
        let again = try CLI.run(["phase-diagram", "--db", db, "--chemsys", "Li-O", "--out", svg])
        #expect(again.status == 1)
        #expect(again.stderr == "error: \(svg) exists (--force replaces it)\n")
        #expect(try CLI.run(["phase-diagram", "--db", db, "--chemsys", "Li-O", "--out", svg, "--force"]).status == 0)
    }

    @Test("usage errors (exit 64): five elements, an unknown element, a repeated one, a bad extension, a bad filter")
    func usageErrors() throws {
        let cases: [([String], String)] = [
            (["--chemsys", "Li-Fe-P-O-F", "--out", "x.svg"],
             "--chemsys: a phase diagram shows 2 to 4 elements and Li-Fe-P-O-F has 5: draw a subsystem, e.g. --chemsys Li-Fe-P-O"),
            (["--chemsys", "Li-Qq-O", "--out", "x.svg"], "--chemsys: 'Qq' is not an element symbol (e.g. --chemsys Na-Zn-P)"),
            (["--chemsys", "Li-O-Li", "--out", "x.svg"], "--chemsys: Li appears twice in the chemical system"),
            (["--chemsys", "Fe", "--out", "x.svg"], "--chemsys: a phase diagram shows 2 to 4 elements and 'Fe' has 1"),
            (["--chemsys", "Li-O", "--out", "x.png"], "--out: must end in .svg, .html or .json (the format follows the extension; got 'x.png')"),
            (["--chemsys", "Li-O", "--out", "x.svg", "nsitez > 3"], "filter: unknown field 'nsitez'"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(["phase-diagram", "--db", "/nonexistent.sqlite"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("error: " + message), "\(result.stderr)")
        }
    }

    @Test("an element without an elemental entry: the hull's diagnostic, with the entries it leaves unplaced")
    func missingReference() throws {
        let dir = Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.sampleStore(dir)
        // A filter that leaves out the elemental Cl entries.
        let result = try CLI.run(["phase-diagram", "--db", db, "--chemsys", "Na-Cl", "chemical_system != \"Cl\"", "--out", dir.appendingPathComponent("x.svg").path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: no elemental entry for Cl: 2 entries cannot be placed on the hull, and the diagram needs one entry of each element
            error: entry 'mp-NaCl' (ClNa): no elemental entry for Cl; not placed on the hull
            error: entry 'NaCl-conventional' (ClNa): no elemental entry for Cl; not placed on the hull

            """)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.svg").path))
    }

    @Test("the help text")
    func help() throws {
        let result = try CLI.run(["phase-diagram", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("""
            OVERVIEW: Draw a chemical system's phase diagram (2 to 4 elements) as SVG, a
            self-contained HTML page or JSON.
            """))
        #expect(result.stdout.contains("""
            USAGE: crystaldb phase-diagram --db <FILE> --chemsys <Na-Zn-P> --out <FILE> [--hull <hull>] [--max-e-above-hull <eV/atom>] [--label <label>] [--highlight <SOURCE>] [--force] [<filter>] [--source <source>] [--stable]
            """))
        #expect(result.stdout.contains("(values: combined, reference; default:\n                          combined)"))
        let root = try CLI.run(["--help"])
        #expect(root.stdout.contains("  phase-diagram "))
    }
}
