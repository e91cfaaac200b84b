import Foundation
import Testing
import CrystalExport
import CrystalModel
@testable import CrystalStore
@testable import CrystalImport
@testable import CrystalIngest

@Suite struct ArchiveTests {
    static let nacl = try! [UInt8](Data(contentsOf: Fixtures.sampleData.appendingPathComponent("structures/NaCl-conventional.cif")))
    static let feo = try! [UInt8](Data(contentsOf: Fixtures.sampleData.appendingPathComponent("structures/FeO-vasp4.POSCAR")))

    func run(_ command: String, _ arguments: [String], in dir: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.currentDirectoryURL = dir
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    func ids(_ store: String) throws -> [String] {
        let db = try Store.openForReading(path: store)
        let statement = try db.prepare("SELECT id FROM entries ORDER BY id")
        var out = [String]()
        while try statement.step() { out.append(statement.text(0)!) }
        return out
    }

    @Test("zip members are read one by one: deflated, stored, gzipped; unsafe names are cleaned; nested archives are reported")
    func zip() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zipPath = dir.appendingPathComponent("set.zip").path
        let writer = try ZipWriter(path: zipPath)
        try writer.add(name: "by_id/mp-1.CIF", bytes: Self.nacl)
        try writer.add(name: "by_id/mp-2.vasp", bytes: Self.feo, method: .stored)
        try writer.add(name: "by_id/mp-3.cif.gz", bytes: try Inflate.gzipForTests(Self.nacl))
        try writer.add(name: "../../evil.cif", bytes: Self.nacl)
        try writer.add(name: "inner.zip", bytes: [1, 2, 3])
        try writer.add(name: "README.txt", bytes: Array("hello".utf8))
        try writer.finish()
        let store = dir.appendingPathComponent("s.sqlite").path
        let db = try Store.openForWriting(path: store)
        let summary = try Importer(store: db, options: ImportOptions(source: "z", idPolicy: .path)).run([zipPath])
        #expect(summary.structures == 4)
        #expect(summary.filesIgnored == 1)
        #expect(summary.diagnosticsByKind["error unsupported"] == 1)
        #expect(try ids(store) == ["set/by_id/mp-1", "set/by_id/mp-2", "set/by_id/mp-3", "set/evil"])
    }

    @Test("ZIP64: an archive of 70,000 members lists them all, in order, from a directory read in chunks")
    func zip64() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("many.zip").path
        let writer = try ZipWriter(path: path)
        for index in 0..<70_000 { try writer.add(name: "m\(index).txt", bytes: [UInt8(index & 0x7F)], method: .stored) }
        try writer.finish()
        let reader = try ZipReader(path: path)
        // The directory (~4 MB) is read in 1 MB chunks: records that straddle a chunk must be read whole, once.
        var count = 0, inOrder = true
        var last: ZipReader.Member?
        try reader.forEachMember { event in
            guard case .member(let member) = event else { inOrder = false; return }
            if member.name != "m\(count).txt" { inOrder = false }
            count += 1
            last = member
        }
        #expect(count == 70_000)
        #expect(inOrder)
        let member = try #require(last)
        #expect(member.name == "m69999.txt")
        #expect(try reader.bytes(of: member, limit: 10) == [UInt8(69_999 & 0x7F)])
    }

    @Test("a member that inflates past the limit is refused (zip bomb guard)")
    func bomb() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bomb.zip").path
        let writer = try ZipWriter(path: path)
        try writer.add(name: "zeros.cif", bytes: [UInt8](repeating: 0x20, count: 4 << 20))
        try writer.finish()
        let reader = try ZipReader(path: path)
        var members = [ZipReader.Member]()
        try reader.forEachMember { if case .member(let member) = $0 { members.append(member) } }
        #expect(members.count == 1)
        #expect(throws: ArchiveError.self) { try reader.bytes(of: members[0], limit: 1 << 20) }
    }

    @Test("tar.gz with long member names, and a .cif.gz file")
    func tarAndGzip() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("tree")
        let deep = tree.appendingPathComponent(String(repeating: "deep-folder-name/", count: 6))
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data(Self.nacl).write(to: deep.appendingPathComponent("NaCl.cif"))
        try Data(Self.feo).write(to: tree.appendingPathComponent("POSCAR"))
        try run("/bin/tar", ["czf", "set.tar.gz", "tree"], in: dir)
        let single = dir.appendingPathComponent("one.cif")
        try Data(Self.nacl).write(to: single)
        try run("/bin/gzip", ["one.cif"], in: dir)
        let store = dir.appendingPathComponent("s.sqlite").path
        let db = try Store.openForWriting(path: store)
        let summary = try Importer(store: db, options: ImportOptions(source: "t")).run([dir.appendingPathComponent("set.tar.gz").path,
                                                                                     dir.appendingPathComponent("one.cif.gz").path])
        #expect(summary.structures == 3)
        #expect(summary.errors == 0)
        #expect(try ids(store) == ["NaCl", "POSCAR", "one"])
    }

    @Test("a truncated gzip file is a located error")
    func truncatedGzip() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gz = try Inflate.gzipForTests(Self.nacl)
        let path = dir.appendingPathComponent("cut.cif.gz")
        try Data(gz.prefix(gz.count / 2)).write(to: path)
        let store = dir.appendingPathComponent("s.sqlite").path
        let db = try Store.openForWriting(path: store)
        let summary = try Importer(store: db, options: ImportOptions(source: "t")).run([path.path])
        #expect(summary.structures == 0)
        #expect(summary.errors == 1)
    }
}

extension Inflate {
    /// gzip-compresses bytes with zlib (tests build their own archives).
    static func gzipForTests(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x")
        try Data(bytes).write(to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", path.path]
        try process.run()
        process.waitUntilExit()
        return [UInt8](try Data(contentsOf: dir.appendingPathComponent("x.gz")))
    }
}
