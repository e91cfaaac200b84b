import Foundation

/// Reads a zip archive member by member from its central directory (ZIP64 included), seeking in the
/// file: one member's bytes and one chunk of the directory in memory at a time, never the whole archive nor
/// a list of all its members (a release of millions of files keeps the memory of one). Stored and deflated members.
final class ZipReader {
    struct Member {
        var name: String
        var method: UInt16
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    let path: String
    private let handle: FileHandle
    private var directoryOffset: UInt64 = 0
    private var directorySize: UInt64 = 0
    /// How much of the central directory is read at once: more than the longest record (46 + 3 x 65,535 bytes).
    static let directoryChunk = 1 << 20

    init(path: String) throws(ArchiveError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ArchiveError.corrupt("\(path): cannot open") }
        self.handle = handle
        try readCentralDirectory()
    }

    deinit { try? handle.close() }

    private func read(at offset: UInt64, count: Int) throws(ArchiveError) -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: count) ?? Data()
            return [UInt8](data)
        } catch {
            throw ArchiveError.corrupt("\(path): \(error.localizedDescription)")
        }
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    private static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }

    private func readCentralDirectory() throws(ArchiveError) {
        let size: UInt64
        do { size = try handle.seekToEnd() } catch { throw ArchiveError.corrupt("\(path): cannot seek") }
        guard size >= 22 else { throw ArchiveError.corrupt("\(path): too short for a zip archive") }
        let tailLength = Int(min(size, 65_557))
        let tail = try read(at: size - UInt64(tailLength), count: tailLength)
        guard let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
        }) else { throw ArchiveError.corrupt("\(path): no end of central directory record") }
        var directorySize = UInt64(Self.u32(tail, eocd + 12))
        var directoryOffset = UInt64(Self.u32(tail, eocd + 16))
        // ZIP64 end of central directory locator sits just before the classic record.
        if eocd >= 20, Self.u32(tail, eocd - 20) == 0x07064B50 {
            let zip64Offset = Self.u64(tail, eocd - 20 + 8)
            let record = try read(at: zip64Offset, count: 56)
            guard record.count == 56, Self.u32(record, 0) == 0x06064B50 else { throw ArchiveError.corrupt("\(path): bad ZIP64 record") }
            directorySize = Self.u64(record, 40)
            directoryOffset = Self.u64(record, 48)
        }
        guard directoryOffset + directorySize <= size, directorySize < 1 << 31 else {
            throw ArchiveError.corrupt("\(path): central directory out of bounds")
        }
        self.directoryOffset = directoryOffset
        self.directorySize = directorySize
    }

    /// Visits the members in directory order. Throws `ArchiveError` when the directory cannot be read; the
    /// visitor's own errors pass through. A record that is not a central-directory header ends the walk.
    func forEachMember(_ visit: (Member) throws -> Void) throws {
        var position: UInt64 = 0
        while position + 46 <= directorySize {
            let directory = try read(at: directoryOffset + position, count: Int(min(UInt64(Self.directoryChunk), directorySize - position)))
            var i = 0
            while i + 46 <= directory.count, Self.u32(directory, i) == 0x02014B50 {
                let nameLength = Int(Self.u16(directory, i + 28))
                let extraLength = Int(Self.u16(directory, i + 30))
                let commentLength = Int(Self.u16(directory, i + 32))
                let recordLength = 46 + nameLength + extraLength + commentLength
                // A record that runs past this chunk is read again at the start of the next one.
                guard i + recordLength <= directory.count else { break }
                try visit(Self.member(directory, at: i, nameLength: nameLength, extraLength: extraLength))
                i += recordLength
            }
            let endOfDirectory = i + 46 > directory.count ? false : Self.u32(directory, i) != 0x02014B50
            if i == 0 || endOfDirectory { return }
            position += UInt64(i)
        }
    }

    private static func member(_ directory: [UInt8], at i: Int, nameLength: Int, extraLength: Int) -> Member {
        let method = u16(directory, i + 10)
        var compressed = UInt64(u32(directory, i + 20))
        var uncompressed = UInt64(u32(directory, i + 24))
        var offset = UInt64(u32(directory, i + 42))
        let name = String(decoding: directory[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
        // ZIP64 extra field: the 0xFFFFFFFF sizes and offset follow in order.
        var e = i + 46 + nameLength
        let extraEnd = e + extraLength
        while e + 4 <= extraEnd {
            let tag = u16(directory, e), length = Int(u16(directory, e + 2))
            if tag == 0x0001 {
                var p = e + 4
                if uncompressed == 0xFFFF_FFFF, p + 8 <= e + 4 + length { uncompressed = u64(directory, p); p += 8 }
                if compressed == 0xFFFF_FFFF, p + 8 <= e + 4 + length { compressed = u64(directory, p); p += 8 }
                if offset == 0xFFFF_FFFF, p + 8 <= e + 4 + length { offset = u64(directory, p) }
            }
            e += 4 + length
        }
        return Member(name: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset)
    }

    /// The member's uncompressed bytes, refusing more than `limit` (a zip-bomb guard).
    func bytes(of member: Member, limit: Int) throws(ArchiveError) -> [UInt8] {
        guard member.uncompressedSize <= UInt64(limit) else {
            throw ArchiveError.tooLarge("\(member.name) declares \(member.uncompressedSize) bytes")
        }
        let header = try read(at: member.localHeaderOffset, count: 30)
        guard header.count == 30, Self.u32(header, 0) == 0x04034B50 else { throw ArchiveError.corrupt("\(member.name): bad local header") }
        let dataOffset = member.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
        guard member.compressedSize < UInt64(limit) else { throw ArchiveError.tooLarge("\(member.name) is too large") }
        let compressed = try read(at: dataOffset, count: Int(member.compressedSize))
        guard compressed.count == Int(member.compressedSize) else { throw ArchiveError.corrupt("\(member.name): truncated") }
        switch member.method {
        case 0: return compressed
        case 8: return try Inflate.data(compressed, raw: true, limit: limit)
        default: throw ArchiveError.unsupported("\(member.name): compression method \(member.method)")
        }
    }
}
