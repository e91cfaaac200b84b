/// Reads a tar archive (plain or gzip-compressed) sequentially through a `GzipReader`: ustar and GNU
/// long names, pax `path` records; one member's bytes in memory at a time.
final class TarReader {
    struct Member {
        var name: String
        var size: Int
        var isFile: Bool
    }

    private let reader: GzipReader
    private var pendingName: String?

    init(path: String) throws(ArchiveError) {
        guard let reader = GzipReader(path: path) else { throw ArchiveError.corrupt("\(path): cannot open") }
        self.reader = reader
    }

    private static func octal(_ bytes: ArraySlice<UInt8>) -> Int? {
        // GNU base-256 for large sizes.
        if let first = bytes.first, first & 0x80 != 0 {
            var value = 0
            for b in bytes.dropFirst() { value = value << 8 | Int(b) }
            return value
        }
        var value = 0
        var seen = false
        for b in bytes {
            if b == 0 || b == 0x20 { if seen { break } else { continue } }
            guard b >= 0x30, b <= 0x37 else { return nil }
            value = value * 8 + Int(b - 0x30)
            seen = true
        }
        return value
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Calls `body` with each regular file member's header and a function that reads its bytes
    /// (refusing more than `limit`); members not read are skipped.
    func forEach(limit: Int, _ body: (Member, () throws(ArchiveError) -> [UInt8]) throws(ArchiveError) -> Void) throws(ArchiveError) {
        while true {
            let header = try reader.read(512)
            if header.isEmpty || header.allSatisfy({ $0 == 0 }) { return }
            guard header.count == 512 else { throw ArchiveError.corrupt("\(reader.path): truncated tar header") }
            guard let size = Self.octal(header[124..<136]) else { throw ArchiveError.corrupt("\(reader.path): bad tar size field") }
            let type = header[156]
            var name = Self.string(header[0..<100])
            if header[257..<262].elementsEqual("ustar".utf8) {
                let prefix = Self.string(header[345..<500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            let padded = (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"):
                guard size < 1 << 20 else { throw ArchiveError.corrupt("\(reader.path): long name too long") }
                let data = try reader.read(padded)
                pendingName = Self.string(data[0..<min(size, data.count)])
                continue
            case UInt8(ascii: "x"):
                guard size < 1 << 20 else { throw ArchiveError.corrupt("\(reader.path): pax header too long") }
                let data = try reader.read(padded)
                pendingName = Self.paxPath(Array(data.prefix(size))) ?? pendingName
                continue
            default:
                break
            }
            if let long = pendingName { name = long; pendingName = nil }
            let isFile = type == 0 || type == UInt8(ascii: "0") || type == UInt8(ascii: "7")
            var consumed = false
            let member = Member(name: name, size: size, isFile: isFile)
            try body(member) { () throws(ArchiveError) -> [UInt8] in
                guard size <= limit else { throw ArchiveError.tooLarge("\(name): \(size) bytes") }
                consumed = true
                let data = try self.reader.read(padded)
                guard data.count >= size else { throw ArchiveError.corrupt("\(self.reader.path): archive ends inside \(name)") }
                return Array(data.prefix(size))
            }
            if !consumed { try reader.skip(padded) }
        }
    }

    /// `path` from a pax extended header ("<len> path=<value>\n" records).
    static func paxPath(_ data: [UInt8]) -> String? {
        for record in data.split(separator: 0x0A) {
            guard let space = record.firstIndex(of: 0x20) else { continue }
            let text = String(decoding: record[(space + 1)...], as: UTF8.self)
            if text.hasPrefix("path=") { return String(text.dropFirst(5)) }
        }
        return nil
    }
}
