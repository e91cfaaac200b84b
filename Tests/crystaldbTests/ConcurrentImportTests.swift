import Foundation
import Testing

/// `parallel crystaldb import --db new.sqlite ::: dir1 dir2 ...`: imports started together into a store that
/// does not exist yet all wait for each other (creating the store, switching it to WAL, migrating, writing) and
/// all succeed; the store holds everything.
@Suite struct ConcurrentImportTests {
    @Test("8 imports started at once into one new store: all exit 0, every structure stored once", arguments: 1...3)
    func concurrentNewStore(round: Int) throws {
        let dir = CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = CommandLineTests.root.appendingPathComponent("SampleData/structures")
        let cifs = try FileManager.default.contentsOfDirectory(atPath: sample.path).filter { $0.hasSuffix(".cif") }.sorted()
        var folders = [String]()
        for index in 0..<8 {
            let folder = dir.appendingPathComponent("part\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in cifs {
                try FileManager.default.copyItem(at: sample.appendingPathComponent(name),
                                                 to: folder.appendingPathComponent("\(index)-\(name)"))
            }
            folders.append(folder.path)
        }
        let db = dir.appendingPathComponent("new.sqlite").path
        let processes = try folders.map { folder -> (Process, Pipe) in
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["import", "--db", db, "--no-symmetry", "--jobs", "1", folder]
            let err = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            try process.run()
            return (process, err)
        }
        for (process, err) in processes {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(message)")
        }
        // two-blocks.cif holds two structures: 7 per folder.
        let count = try CommandLineTests.run(["query", "--db", db, "--count"])
        #expect(count.stdout == "\(8 * (cifs.count + 1))\n")
        let errors = try CommandLineTests.run(["diagnostics", "--db", db, "--errors-only"])
        #expect(errors.stdout.isEmpty)
    }
}
