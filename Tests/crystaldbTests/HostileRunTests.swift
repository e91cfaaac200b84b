import Foundation
import Testing

/// The hostile files of SampleData/bad (numbers beyond their domains, NaN energies, crafted archives, broken
/// CIFs) run through import, hull, query and export with the good files beside them: no signal death, an intact
/// store, every good record kept, every bad one a located diagnostic, and every command's exit status as it
/// should be.
@Suite struct HostileRunTests {
    @Test("import, hull, query and export over hostile files")
    func hostileRun() throws {
        let dir = CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let imported = try CommandLineTests.run(["import", "--db", db, "SampleData/structures", "SampleData/entries.csv", "SampleData/bad"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let strict = try CommandLineTests.run(["import", "--db", db, "--strict", "SampleData/bad"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("failures (--strict)"))
        let hull = try CommandLineTests.run(["hull", "--db", db, "--full"])
        #expect(hull.status == 0, "\(hull.stderr)")
        for format in ["table", "csv", "json", "jsonl"] {
            let query = try CommandLineTests.run(["query", "--db", db, "--format", format, "--fields", "id,energy_per_atom,e_above_hull,nsites,volume"])
            #expect(query.status == 0)
            #expect(query.stdout.contains("csi-good") && query.stdout.contains("kbr-good"))
            #expect(!query.stdout.contains("fe-1e10") && !query.stdout.contains("nan-energy"))
        }
        for format in ["gnome", "cif-zip", "cif-dir", "poscar-dir", "csv", "jsonl"] {
            let export = try CommandLineTests.run(["export", "--db", db, "--format", format, "--out", dir.appendingPathComponent("out-\(format)").path])
            #expect(export.status == 0, "\(format): \(export.stderr)")
        }
        let diagnostics = try CommandLineTests.run(["diagnostics", "--db", db, "--errors-only"])
        #expect(diagnostics.stdout.contains("SampleData/bad/cell-length-beyond-domain.cif:4 in data_huge: error: _cell_length_a 1000000000000.0 Å is outside 0.1-10000.0 Å\n"))
        #expect(diagnostics.stdout.contains("SampleData/bad/energy-beyond-domain.csv:3: error: energy 10000000000.0 eV is 10000000000.0 eV/atom"))
        #expect(diagnostics.stdout.contains("SampleData/bad/tar-negative-base256-size.tar: error: damaged tar header at byte 0"))
        // The store is intact (sqlite3's integrity check, through the schema command's database code path).
        let check = try CommandLineTests.runShell("sqlite3 \"$0\" 'PRAGMA integrity_check'", [db])
        if check.status == 0 { #expect(check.stdout == "ok\n") }
    }
}
