import Foundation
import Testing
import CrystalModel
import CrystalStore
@testable import CrystalImport
@testable import CrystalIngest

/// Energy tables stream into the store in batches (bounded memory) with the same result as a whole read; bad
/// rows are located and the rows around them stored; `--jobs` bounds the parser threads.
@Suite struct StreamingImportTests {
    @Test("a table of several batches, with bad rows among them: every good row stored, every bad one located")
    func streamedTable() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = EnergyTableImport.rowsPerBatch * 2 + 1000
        var text = "MaterialId,Composition,Corrected Energy,Bandgap\n"
        var bad = [Int: String]()
        for index in 0..<rows {
            switch index {
            case 10: text += "bad-a,Fe1,1e10,0\n"; bad[index + 2] = "beyond ±10000000.0 eV/atom"
            case EnergyTableImport.rowsPerBatch: text += "bad-b,Fe1,nan,0\n"; bad[index + 2] = "is not a finite number"
            case rows - 1: text += "bad-c,Qq1,-1,0\n"; bad[index + 2] = "unknown element 'Qq'"
            default: text += "g-\(index),Li\(index % 4 + 1)O\(index % 3 + 1),\(-4.5 * Double(index % 4 + index % 3 + 2)),\(index % 7)\n"
            }
        }
        let path = dir.appendingPathComponent("summary.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let db = try Store.openForWriting(path: dir.appendingPathComponent("s.sqlite").path)
        let summary = try Importer(store: db, options: ImportOptions(source: "t", jobs: 2, symprec: nil)).run([path])
        #expect(summary.energies == rows - 3)
        #expect(summary.errors == 3)
        #expect(summary.filesRead == 1)
        let query = try EntryQuery(fieldNames: ["id", "energy"])
        var count = 0
        var energyOfLast: Double?
        try db.entries(query) { values in
            count += 1
            if case .text("g-\(rows - 2)") = values[0], case .real(let e) = values[1] { energyOfLast = e }
        }
        #expect(count == rows - 3)
        #expect(energyOfLast == -4.5 * Double((rows - 2) % 4 + (rows - 2) % 3 + 2))
        var found = [Int: String]()
        try db.diagnostics { diagnostic in found[diagnostic.location.line ?? 0] = diagnostic.message }
        #expect(found.keys.sorted() == bad.keys.sorted())
        for (line, reason) in bad { #expect(found[line]?.contains(reason) == true, "\(line): \(found[line] ?? "")") }
    }

    @Test("a gzip-compressed table streams too")
    func gzipTable() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("e.csv").path
        try "id,formula,energy\na,Fe,-8.3\nb,O,-4.9\n".write(toFile: path, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [path]
        try gzip.run()
        gzip.waitUntilExit()
        let db = try Store.openForWriting(path: dir.appendingPathComponent("s.sqlite").path)
        let summary = try Importer(store: db, options: ImportOptions(source: "t", symprec: nil)).run([path + ".gz"])
        #expect(summary.energies == 2)
        #expect(summary.errors == 0)
    }

    @Test("--jobs bounds the threads working at once", arguments: [1, 2, 3])
    func boundedJobs(jobs: Int) {
        final class Counter: @unchecked Sendable {
            // @unchecked: both counts change only under `lock`.
            let lock = NSLock()
            var running = 0, peak = 0
        }
        let counter = Counter()
        // Each task waits (up to 10 s) until as many tasks as should overlap have been seen at once, so the lower
        // bound does not depend on the machine's load; the upper bound is checked on every task.
        let target = min(jobs, ProcessInfo.processInfo.activeProcessorCount)
        BoundedParallel.forEach(count: 40, jobs: jobs) { _ in
            counter.lock.lock()
            counter.running += 1
            counter.peak = max(counter.peak, counter.running)
            counter.lock.unlock()
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                counter.lock.lock()
                let reached = counter.peak >= target
                counter.lock.unlock()
                if reached { break }
                usleep(1_000)
            }
            counter.lock.lock()
            counter.running -= 1
            counter.lock.unlock()
        }
        #expect(counter.peak <= jobs)
        #expect(counter.peak >= target)
    }
}
