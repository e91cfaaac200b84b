import Foundation
import Testing
import CrystalModel
@testable import CrystalImport

/// Tables are read in pieces: a row cut anywhere (inside a quoted field, between CR and LF, inside a doubled
/// quote) is read again whole once the rest arrives, giving exactly the rows of a whole read.
@Suite struct CSVStreamTests {
    static let table = "\u{FEFF}id,formula,note,energy\r\na,Fe2O3,\"x, \"\"quoted\"\"\",-37.5\r\n\r\nb,LiFePO4,\"two\nlines\",-50\rc,O2,,-9.8\n"

    static func whole(_ text: String) -> [(Int, [String])] {
        var rows = CSVRows(bytes: Array(text.utf8))
        var out = [(Int, [String])]()
        while let row = rows.next() { out.append((row.line, row.fields)) }
        return out
    }

    @Test("every split point gives the rows of a whole read", arguments: 1...12)
    func pieces(size: Int) {
        let bytes = Array(Self.table.utf8)
        var rows = CSVRows(bytes: [], isComplete: false)
        var out = [(Int, [String])]()
        var offset = 0
        while true {
            while let row = rows.next() { out.append((row.line, row.fields)) }
            if rows.isComplete { break }
            let end = min(bytes.count, offset + size)
            rows.append(bytes[offset..<end], isComplete: end == bytes.count)
            offset = end
        }
        let expected = Self.whole(Self.table)
        #expect(out.map(\.0) == expected.map(\.0))
        #expect(out.map(\.1) == expected.map(\.1))
        #expect(expected.map(\.1.count) == [4, 4, 4, 4])
        #expect(expected[1].1[2] == "x, \"quoted\"")
        #expect(expected.map(\.0) == [1, 2, 4, 6])
    }

    @Test("a file bigger than one chunk streams row by row with the same records as a whole read")
    func fileStream() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "MaterialId,Composition,Corrected Energy,Note\n"
        var row = 0
        while text.utf8.count < CSVStream.chunkBytes + 300_000 {
            text += "id-\(row),Fe\(row % 5 + 1)O\(row % 3 + 1),\(-Double(row % 97) - 1.5),\"note \(row)\nsecond line\"\r\n"
            row += 1
        }
        let path = dir.appendingPathComponent("big.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let stream = try CSVStream(path: path)
        var streamed = [(line: Int, fields: [String])]()
        while let next = try stream.next() { streamed.append(next) }
        let expected = Self.whole(text)
        #expect(streamed.count == row + 1)
        #expect(streamed.map(\.line) == expected.map(\.0))
        #expect(streamed.map(\.fields) == expected.map(\.1))
    }

    @Test("a quote left open does not read a huge file as one row")
    func openQuote() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("open.csv").path
        var bytes = Array("id,formula,energy\na,Fe,\"-1\n".utf8)
        bytes += [UInt8](repeating: 0x41, count: CSVStream.maximumRowBytes + CSVStream.chunkBytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let stream = try CSVStream(path: path)
        #expect(try stream.next()?.fields == ["id", "formula", "energy"])
        #expect(throws: ArchiveError.self) { _ = try stream.next() }
    }
}
