import Foundation
import Testing

/// Runs the built `crystaldb` binary and pins its output, errors and exit codes.
@Suite struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: URL {
        // Beside the test bundle in .build/<config>/.
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("crystaldb"),
                          root.appendingPathComponent(".build/debug/crystaldb")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `/bin/sh -c script arguments...` (for limits such as `ulimit -f`).
    static func runShell(_ script: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script] + arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the root help lists every subcommand")
    func help() throws {
        let result = try Self.run(["--help"])
        #expect(result.status == 0)
        for name in ["import", "stats", "show", "diagnostics", "query", "hull", "phase-diagram", "symmetry", "dedupe", "export", "serve", "schema"] {
            #expect(result.stdout.contains("  \(name) "), "\(name) missing from help")
        }
        #expect(result.stdout.hasPrefix("OVERVIEW: A crystal-structure database"))
    }

    @Test("import prints its summary; query, show and diagnostics read the store back")
    func roundTrip() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let imported = try Self.run(["import", "--db", db, "--source", "sample", "SampleData/structures", "SampleData/entries.csv", "SampleData/bad"])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("imported: 10 structures, 21 energies (0 already stored)\nfiles: 16 read, 0 ignored"))
        #expect(imported.stdout.contains("skipped: 11   diagnostics: 11 errors, 2 warnings"))
        #expect(imported.stdout.contains("  error bad-cell: 2\n  error bad-energy: 4\n"))

        let csv = try Self.run(["query", "--db", db, "--fields", "id,nsites,composition,elements,is_reference", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "id,nsites,composition,elements,is_reference")
        #expect(lines.contains("TiO2-rutile,6,O:4;Ti:2,\"O,Ti\",false"))
        #expect(lines.contains("Na,,Na:1,Na,false"))

        let jsonl = try Self.run(["query", "--db", db, "--fields", "id,composition,elements,energy_per_atom", "--format", "jsonl"])
        #expect(jsonl.stdout.contains("{\"id\":\"FeO-vasp4\",\"composition\":{\"Fe\":1,\"O\":1},\"elements\":[\"Fe\",\"O\"],\"energy_per_atom\":-8.305}\n"))

        let symmetry = try Self.run(["query", "--db", db, "--fields", "id,spacegroup_number,spacegroup_symbol,point_group,crystal_system,wyckoff_sequence,symmetry_origin",
                                     "--format", "csv", "nsites IS KNOWN"])
        #expect(symmetry.stdout.contains("NaCl-conventional,225,Fm-3m,m-3m,cubic,Cl:b_Na:a,detected\n"))
        #expect(symmetry.stdout.contains("TiO2-rutile,136,P4_2/mnm,4/mmm,tetragonal,O:f_Ti:a,detected\n"))
        #expect(symmetry.stdout.contains("CuAu-disordered,225,Fm-3m,m-3m,cubic,,declared\n"))
        let cif = try Self.run(["show", "--db", db, "NaCl-conventional", "--format", "cif"])
        #expect(cif.status == 0)
        #expect(cif.stdout.contains("data_NaCl-conventional\n"))
        #expect(cif.stdout.contains("_cell_length_a   5.64020000\n"))
        #expect(cif.stdout.components(separatedBy: "\n  Cl  Cl").count - 1 == 4)

        // The standardized primitive cell of rock salt (engine): 2 sites, a quarter of the conventional volume.
        let primitive = try Self.run(["show", "--db", db, "NaCl-conventional", "--format", "poscar", "--cell", "primitive"])
        #expect(primitive.status == 0)
        let poscar = primitive.stdout.split(separator: "\n")
        #expect(poscar.count > 7 && poscar[5].split(separator: " ").map(String.init) == ["Na", "Cl"] && poscar[6].split(separator: " ") == ["1", "1"],
                "\(primitive.stdout)")
        let conventional = try Self.run(["show", "--db", db, "TiO2-rutile", "--format", "cif", "--cell", "conventional"])
        #expect(conventional.stdout.components(separatedBy: "\n  O  O").count - 1 == 4)

        let diagnostics = try Self.run(["diagnostics", "--db", db, "--errors-only"])
        #expect(diagnostics.stdout.contains("SampleData/bad/bad-loop-count.cif:8 in data_broken: error: CIF syntax: loop of 4 tags has 3 values, not a multiple of 4\n"))
        #expect(diagnostics.stdout.contains("SampleData/bad/truncated.POSCAR:9: error: file ends early"))
    }

    @Test("hull computes, stores and lists stability; decompositions print as id:fraction and JSON arrays")
    func hull() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["import", "--db", db, "SampleData/structures", "SampleData/entries.csv"])
        let hull = try Self.run(["hull", "--db", db])
        #expect(hull.status == 0)
        #expect(hull.stdout.hasPrefix("hull (incremental): 15 chemical systems, 18 entries with energies, 18 recomputed\nstable: 15 (tolerance 1e-08 eV/atom)"))
        let csv = try Self.run(["query", "--db", db, "--fields", "id,e_above_hull,is_stable,decomposition", "--format", "csv"])
        // Li3FeO3 = Li2O + LiFeO2: (-42.9 - (-14.29 - 28.78)) / 7 above the hull.
        let line = try #require(csv.stdout.split(separator: "\n").first { $0.hasPrefix("Li3FeO3-hypothetical,") })
        let fields = line.split(separator: ",")
        #expect(abs(Double(fields[1])! - 0.17 / 7) < 1e-9)
        #expect(fields[2] == "false")
        #expect(fields[3] == "LiFeO2:0.571428571;two-blocks/Li2O:0.428571429")
        let json = try Self.run(["query", "--db", db, "--stable", "--fields", "id,decomposition", "--format", "json"])
        #expect(json.stdout.contains("{\"id\":\"FeO-vasp4\",\"decomposition\":[{\"id\":\"FeO-vasp4\",\"fraction\":1}]}"))
        #expect(!json.stdout.contains("TiO2-anatase"))
        let again = try Self.run(["hull", "--db", db])
        #expect(again.stdout.contains(", 0 recomputed"))
    }

    @Test("query filters point at the bad column; export refuses an existing output and writes a manifest")
    func filtersAndExports() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["import", "--db", db, "--reference", "--source", "mp", "SampleData/reference.csv"])
        try Self.run(["import", "--db", db, "--source", "sample", "SampleData/structures", "SampleData/entries.csv"])
        try Self.run(["hull", "--db", db])
        let bad = try Self.run(["query", "--db", db, #"elements HAS "Li" AND nsites >> 3"#])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("(column 31)\nelements HAS \"Li\" AND nsites >> 3\n                              ^ expected a string, a number, TRUE, FALSE or a property, found '>'"))
        let counted = try Self.run(["query", "--db", db, "--count", "--source", "sample", #"elements HAS ANY "Li","Na" AND NOT elements HAS "Fe""#])
        #expect(counted.stdout == "4\n")
        let sorted = try Self.run(["query", "--db", db, "--elements", "O", "--sort", "e_above_hull:desc", "--limit", "2", "--fields", "id", "--format", "csv"])
        #expect(sorted.stdout == "id\nFe3O4\nmp-FeO\n")
        let out = dir.appendingPathComponent("release").path
        let export = try Self.run(["export", "--db", db, "--candidates", "--out", out])
        #expect(export.status == 0)
        #expect(export.stdout.hasPrefix("exported 2 entries to \(out) (gnome)"))
        let again = try Self.run(["export", "--db", db, "--candidates", "--out", out])
        #expect(again.status == 1)
        #expect(again.stderr == "error: \(out): exists; pass --force to replace it\n")
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"))
        let forced = try Self.run(["export", "--db", db, "--format", "poscar-dir", "--force", "--out", out])
        #expect(forced.stdout.hasPrefix("exported 7 entries"))
        #expect(forced.stdout.contains("1 disordered left out"))
    }

    @Test("symmetry on demand for stores imported without it")
    func symmetryOnDemand() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["import", "--db", db, "--no-symmetry", "SampleData/structures"])
        let before = try Self.run(["query", "--db", db, "--count", "spacegroup_number IS KNOWN"])
        #expect(before.stdout == "0\n")
        let run = try Self.run(["symmetry", "--db", db])
        #expect(run.stdout.hasPrefix("symmetry: 8 structures at symprec 0.01 Å: 7 detected, 1 declared (disordered)"))
        let after = try Self.run(["query", "--db", db, "--fields", "id,spacegroup_number", "--format", "csv", "--formula", "Si"])
        #expect(after.stdout == "id,spacegroup_number\nSi-diamond,227\n")
    }

    @Test("symmetry and dedupe take filters on fields of any table (they failed with 'no such column: l.volume')")
    func filtersOnEveryTable() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["import", "--db", db, "--source", "mp", "--reference", "SampleData/reference.csv"])
        try Self.run(["import", "--db", db, "SampleData/structures", "SampleData/entries.csv"])
        try Self.run(["hull", "--db", db])
        let symmetry = try Self.run(["symmetry", "--db", db, "volume > 1"])
        #expect(symmetry.status == 0, "\(symmetry.stderr)")
        #expect(symmetry.stdout.hasPrefix("symmetry: 8 structures at symprec 0.01 Å: 7 detected, 1 declared (disordered)"))
        let dedupe = try Self.run(["dedupe", "--db", db, "duplicate_of IS UNKNOWN AND volume > 1"])
        #expect(dedupe.status == 0, "\(dedupe.stderr)")
        #expect(dedupe.stdout.hasPrefix("dedupe: 8 structures in 8 buckets"), "\(dedupe.stdout)")
        let both = try Self.run(["symmetry", "--db", db, "volume > 50 AND e_above_hull IS KNOWN AND spacegroup_number = 225 AND NOT is_novel = 0"])
        #expect(both.status == 0, "\(both.stderr)")
        // CuAu-disordered only: the one novel space group 225 structure above 50 Å^3 with a hull result.
        #expect(both.stdout.hasPrefix("symmetry: 1 structures at symprec 0.01 Å: 0 detected, 1 declared"), "\(both.stdout)")
    }

    @Test("dedupe: StructureMatcher's options, validated (finite, positive) with the option named")
    func dedupeOptions() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["import", "--db", db, "SampleData/structures", "SampleData/entries.csv"])
        for (arguments, message) in [
            (["--ltol=-1"], "error: --ltol: must be a finite positive number (got -1.0)"),
            (["--ltol", "0"], "error: --ltol: must be a finite positive number (got 0.0)"),
            (["--stol", "nan"], "error: --stol: must be a finite positive number (got nan)"),
            (["--angle-tol", "inf"], "error: --angle-tol: must be a finite positive number (got inf)"),
            (["--jobs", "0"], "error: --jobs: must be from 1 to 1024 (got 0)"),
        ] {
            let result = try Self.run(["dedupe", "--db", db] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
        }
        let help = try Self.run(["dedupe", "--help"])
        for line in ["  --primitive-cell/--no-primitive-cell", "  --scale/--no-scale", "  --attempt-supercell", "  --jobs <jobs>",
                     "  --ltol <ltol>           Fractional tolerance on cell lengths"] {
            #expect(help.stdout.contains(line), "\(line)")
        }
        let plain = try Self.run(["dedupe", "--db", db, "--jobs", "1"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.hasPrefix("dedupe: 8 structures in 8 buckets (reduced formula, sites per reduced cell), 0 comparisons\n"
                                        + "duplicate groups: 0, duplicates (not representatives): 0\n"), "\(plain.stdout)")
        let loose = try Self.run(["dedupe", "--db", db, "--no-primitive-cell", "--attempt-supercell", "--no-scale", "--ltol", "0.3", "--stol", "0.5", "--angle-tol", "10"])
        #expect(loose.status == 0, "\(loose.stderr)")
        #expect(loose.stdout.hasPrefix("dedupe: 8 structures"))
    }

    @Test("several imports started together into a new store all succeed (creating and migrating wait for the lock)")
    func concurrentCreation() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("new.sqlite").path
        let inputs = ["SampleData/structures", "SampleData/entries.csv", "SampleData/reference.csv", "SampleData/bad"]
        let processes = try inputs.enumerated().map { index, input -> Process in
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["import", "--db", db, "--source", "s\(index)", input]
            process.currentDirectoryURL = Self.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        // Every import stores what it read (the bad folder keeps its good records beside the bad ones).
        #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0])
        let count = try Self.run(["query", "--db", db, "--count"])
        // 13 reference rows, 8 structures and 18 energy rows of which 8 join them, and the 5 good records of bad/.
        #expect(count.stdout == "36\n")
    }

    @Test("errors: a missing store, an unknown field, an unknown id, a file that gives nothing")
    func errors() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try Self.run(["stats", "--db", dir.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasSuffix(": no such store (create it with crystaldb import) (SQLite error 14)\n"))

        let db = dir.appendingPathComponent("s.sqlite").path
        try Self.run(["import", "--db", db, "SampleData/structures/FeO-vasp4.POSCAR"])
        let field = try Self.run(["query", "--db", db, "--fields", "id,colour"])
        #expect(field.status == 64)
        #expect(field.stderr.contains("unknown field 'colour'"))

        let id = try Self.run(["show", "--db", db, "nope"])
        #expect(id.status == 1)
        #expect(id.stderr == "error: entry 'nope': not in the store\n")

        let nothing = try Self.run(["import", "--db", db, "SampleData/bad/zero-volume.cif"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("error: import: nothing could be read"))

        let strict = try Self.run(["import", "--db", db, "--strict", "SampleData/structures/FeO-vasp4.POSCAR", "SampleData/bad/truncated.POSCAR"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("1 failures (--strict)"))
    }
}
