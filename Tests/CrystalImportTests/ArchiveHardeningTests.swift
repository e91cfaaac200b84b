import Foundation
import Testing
import CrystalModel
@testable import CrystalImport

/// Crafted archives (Fixtures/make_archive_fixtures.py), each named after the error it must raise. Four of them
/// trapped the readers before (signal 4: an overflowing ZIP64 offset, a negative base-256 tar size, a ZIP64
/// extra field running past its record, a member offset near 2^64); three were read silently wrong. Each now
/// gives a located error for its member or archive, and the good members beside it are read.
@Suite struct ArchiveHardeningTests {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    /// Every event of a walk: files (with their bytes read) and diagnostics.
    static func walk(_ name: String) throws -> (files: [String: [UInt8]], diagnostics: [ImportDiagnostic]) {
        var files = [String: [UInt8]]()
        var diagnostics = [ImportDiagnostic]()
        try InputWalker().walk([path(name)]) { event in
            switch event {
            case .file(let file): files[file.member ?? file.path] = try file.readBytes()
            case .ignored(let diagnostic), .diagnostic(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return (files, diagnostics)
    }

    @Test("a 118-byte ZIP64 end record whose directory offset plus size overflows: one error for the archive")
    func zip64Overflow() throws {
        let (files, diagnostics) = try Self.walk("zip64-directory-offset-plus-size-overflows.zip")
        #expect(files.isEmpty)
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(error.kind == .archive && error.location.member == nil)
        #expect(error.message == "corrupt archive: central directory (offset 18446744073709551600, 256 bytes) lies outside the 118-byte file")
    }

    @Test("a member whose bytes fail the CRC-32: an error on that member; the good member is read")
    func crcMismatch() throws {
        let (files, diagnostics) = try Self.walk("zip-member-crc-mismatch.zip")
        #expect(Array(files.keys) == ["good.cif"])
        let error = try #require(diagnostics.first)
        #expect(error.location.member == "bad.cif")
        #expect(error.message.contains("CRC-32") && error.message.contains("does not match"))
    }

    @Test("a damaged central-directory record: reported with its offset, and the records after it are read")
    func damagedDirectory() throws {
        let (files, diagnostics) = try Self.walk("zip-directory-record-damaged.zip")
        #expect(files.keys.sorted() == ["a.cif", "c.cif"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.hasPrefix("central directory damaged: "))
        #expect(diagnostics[0].message.hasSuffix("are not a member record; skipped to the next record"))
    }

    @Test("a ZIP64 member offset near 2^64: an error on that member; the good one is read")
    func memberBeyondFile() throws {
        let (files, diagnostics) = try Self.walk("zip64-member-offset-beyond-file.zip")
        #expect(Array(files.keys) == ["good.cif"])
        #expect(diagnostics.map(\.location.member) == ["far.cif"])
        #expect(diagnostics[0].message.hasSuffix("far.cif: local header offset 18446744073709551360 is beyond the file"))
    }

    @Test("a ZIP64 extra field longer than its record is read only within the record")
    func extraFieldPastRecord() throws {
        let (files, diagnostics) = try Self.walk("zip64-extra-field-longer-than-record.zip")
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.location.member) == ["x.cif"])
        #expect(diagnostics[0].message == "member too large: x.cif declares 4294967295 bytes")
    }

    @Test("a tar member with a negative base-256 size: the header is damage, stepped over; the next member is read")
    func negativeTarSize() throws {
        let (files, diagnostics) = try Self.walk("tar-negative-base256-size.tar")
        #expect(Array(files.keys) == ["good.cif"])
        #expect(diagnostics.map(\.message) == ["damaged tar header at byte 0: 1024 bytes skipped to the next valid header"])
        #expect(TarReader.number([0xFF, 0xFF, 0xFF, 0xFF][...]) == nil)
        #expect(TarReader.number([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0][...]) == 4096)
        #expect(TarReader.number([0x80] + [UInt8](repeating: 0xFF, count: 11)) == nil)
    }

    @Test("a tar header whose checksum fails: reported with its offset; the members after it are read")
    func damagedTarHeader() throws {
        let (files, diagnostics) = try Self.walk("tar-header-checksum-damaged.tar")
        #expect(files.keys.sorted() == ["a.cif", "c.cif"])
        #expect(diagnostics.map(\.message) == ["damaged tar header at byte 1024: 1024 bytes skipped to the next valid header"])
    }

    @Test("gzip reads refuse negative counts instead of trapping")
    func gzipCounts() throws {
        let reader = try #require(GzipReader(path: Self.path("tar-negative-base256-size.tar")))
        #expect(throws: ArchiveError.self) { try reader.read(-1) }
        #expect(throws: ArchiveError.self) { try reader.skip(-512) }
        #expect(try reader.read(0).isEmpty)
    }
}
