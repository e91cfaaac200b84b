import Foundation
import Testing

/// Output that cannot vanish: every command that writes to stdout, in every format, run with stdout on
/// /dev/full, and every export format under a file-size limit, exits 1 and says where and why.
@Suite(.serialized) struct OutputFailureTests {
    /// Runs with stdout on /dev/full.
    static func runToFull(_ arguments: [String]) throws -> CommandLineTests.Result {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = CommandLineTests.root
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardOutput = full
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A store with the sample data, its hull, a 4,000-site structure (its CIF and POSCAR, even compressed, are
    /// larger than the file-size limit below) and 600 more energy rows (so the CSV export is too).
    static func store(in dir: URL) throws -> String {
        let db = dir.appendingPathComponent("s.sqlite").path
        var cif = "data_big\n_cell_length_a 60\n_cell_length_b 60\n_cell_length_c 60\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
        cif += "loop_\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<4000 { cif += "\(i % 2 == 0 ? "Na" : "Cl") \(next()) \(next()) \(next())\n" }
        try cif.write(to: dir.appendingPathComponent("big.cif"), atomically: true, encoding: .utf8)
        var csv = "id,formula,energy\n"
        for i in 0..<600 { csv += "row-\(i),Na\(i % 7 + 1)Cl\(i % 5 + 1),\(-3.0 * Double(i % 7 + i % 5 + 2) - next())\n" }
        try csv.write(to: dir.appendingPathComponent("rows.csv"), atomically: true, encoding: .utf8)
        let imported = try CommandLineTests.run(["import", "--db", db, "--no-symmetry", "SampleData/structures", "SampleData/entries.csv",
                                                 dir.appendingPathComponent("big.cif").path, dir.appendingPathComponent("rows.csv").path])
        #expect(imported.status == 0)
        try CommandLineTests.run(["hull", "--db", db])
        return db
    }

    @Test("stdout on /dev/full: every command and format exits 1 with 'error: stdout: No space left on device'")
    func devFull() throws {
        let dir = CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.store(in: dir)
        var commands: [[String]] = [["schema"], ["stats", "--db", db], ["diagnostics", "--db", db], ["hull", "--db", db],
                                    ["symmetry", "--db", db, "--formula", "NaCl"], ["dedupe", "--db", db],
                                    ["import", "--db", db, "SampleData/structures"], ["query", "--db", db, "--count"],
                                    ["export", "--db", db, "--format", "csv", "--force", "--out", dir.appendingPathComponent("x.csv").path],
                                    ["--help"], ["query", "--help"]]
        for format in ["table", "csv", "json", "jsonl"] { commands.append(["query", "--db", db, "--format", format]) }
        for format in ["json", "cif", "poscar"] { commands.append(["show", "--db", db, "NaCl-conventional", "--format", format]) }
        for arguments in commands {
            let result = try Self.runToFull(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.hasSuffix("error: stdout: No space left on device\n"), "\(arguments): \(result.stderr)")
        }
    }

    @Test("every export format under a file-size limit exits 1, names the output and the reason, leaves nothing behind",
          arguments: ["gnome", "cif-zip", "cif-dir", "poscar-dir", "csv", "jsonl"])
    func exportWriteFailure(format: String) throws {
        let dir = CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.store(in: dir)
        let out = dir.appendingPathComponent("release-\(format)").path
        // 40 KiB per file (the shell's blocks are 512 bytes or 1 KiB; both stay above SQLite's 32 KiB index);
        // SIGXFSZ ignored, so an oversized write fails with EFBIG instead of killing the process.
        let script = "ulimit -f 80; trap '' XFSZ; exec \"$0\" \"$@\""
        let result = try CommandLineTests.runShell(script, [CommandLineTests.binary.path, "export", "--db", db, "--format", format, "--out", out])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: \(out)"), "\(result.stderr)")
        #expect(result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("\(out) is unchanged\n"), "\(result.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("release-") }
        #expect(left.isEmpty, "\(left)")
    }
}
