import CZlib
import Foundation

/// Reads a zip archive member by member from its central directory (ZIP64 included), with positioned reads:
/// one member's bytes and one chunk of the directory in memory at a time, never the whole archive nor a list
/// of all its members (a release of millions of files keeps the memory of one). Stored and deflated members,
/// each checked against its CRC-32 (APPNOTE.TXT 6.3, PKWARE's .ZIP File Format Specification).
///
/// Every offset and size read from the file is checked before use (additions with overflow reporting, bounds
/// against the file size): a crafted header is an error for its member, or for the archive when the central
/// directory itself cannot be found, never a trap. A damaged directory record is reported and the walk goes on
/// at the next record signature.
final class ZipReader {
    struct Member {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    /// What the directory walk meets: a member, or damage it stepped over.
    enum Event {
        case member(Member)
        /// A stretch of the central directory that is not a valid record; the walk resumed after it.
        case damaged(String)
    }

    let path: String
    private let descriptor: Int32
    private let fileSize: UInt64
    private var directoryOffset: UInt64 = 0
    private var directorySize: UInt64 = 0
    /// How much of the central directory is read at once: more than the longest record (46 + 3 x 65,535 bytes).
    static let directoryChunk = 1 << 20

    static let centralSignature: UInt32 = 0x02014B50
    static let localSignature: UInt32 = 0x04034B50

    init(path: String) throws(ArchiveError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let size = UInt64(exactly: info.st_size) else {
            close(descriptor)
            throw ArchiveError.corrupt("\(path): cannot stat")
        }
        fileSize = size
        do { try readCentralDirectory() } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer at the end of the file); `offset + count` is checked first.
    private func read(at offset: UInt64, count: Int) throws(ArchiveError) -> [UInt8] {
        guard count >= 0, offset <= fileSize else { throw ArchiveError.corrupt("\(path): offset \(offset) is beyond the end of the file") }
        let available = Int(clamping: fileSize - offset)
        let wanted = min(count, available)
        var failure: Int32 = 0
        // Filled by pread as it reads, never zeroed first.
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            var filled = 0
            while filled < wanted {
                let n = pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset) + off_t(filled))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        if failure != 0 { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(failure)))") }
        return bytes
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }

    /// `a + b`, or nil when it overflows.
    static func sum(_ a: UInt64, _ b: UInt64) -> UInt64? {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : value
    }

    private func readCentralDirectory() throws(ArchiveError) {
        guard fileSize >= 22 else { throw ArchiveError.corrupt("\(path): too short for a zip archive") }
        // The end record is in the last 22 + 65,535 (comment) bytes.
        let tailLength = Int(min(fileSize, 65_557))
        let tail = try read(at: fileSize - UInt64(tailLength), count: tailLength)
        guard tail.count == tailLength, let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            Self.u32(tail, $0) == 0x06054B50
        }) else { throw ArchiveError.corrupt("\(path): no end of central directory record") }
        var directorySize = UInt64(Self.u32(tail, eocd + 12))
        var directoryOffset = UInt64(Self.u32(tail, eocd + 16))
        // ZIP64 end of central directory locator sits just before the classic record.
        if eocd >= 20, Self.u32(tail, eocd - 20) == 0x07064B50 {
            let zip64Offset = Self.u64(tail, eocd - 20 + 8)
            let record = try read(at: zip64Offset, count: 56)
            guard record.count == 56, Self.u32(record, 0) == 0x06064B50 else { throw ArchiveError.corrupt("\(path): bad ZIP64 end of central directory record") }
            directorySize = Self.u64(record, 40)
            directoryOffset = Self.u64(record, 48)
        }
        guard let end = Self.sum(directoryOffset, directorySize), end <= fileSize, directorySize < 1 << 40 else {
            throw ArchiveError.corrupt("\(path): central directory (offset \(directoryOffset), \(directorySize) bytes) lies outside the \(fileSize)-byte file")
        }
        self.directoryOffset = directoryOffset
        self.directorySize = directorySize
    }

    /// Visits the members in directory order, and the damage stepped over. Throws `ArchiveError` when the
    /// directory cannot be read; the visitor's own errors pass through.
    func forEachMember(_ visit: (Event) throws -> Void) throws {
        var position: UInt64 = 0
        // Where a stretch of bytes that are not records began (offset within the directory).
        var damagedFrom: UInt64?
        func reportDamage(upTo end: UInt64) throws {
            guard let start = damagedFrom else { return }
            damagedFrom = nil
            try visit(.damaged("central directory damaged: \(end - start) bytes at offset \(directoryOffset + start) are not a member record; skipped to the next record"))
        }
        while position + 46 <= directorySize {
            let directory = try read(at: directoryOffset + position, count: Int(min(UInt64(Self.directoryChunk), directorySize - position)))
            var i = 0
            while i + 46 <= directory.count {
                guard Self.u32(directory, i) == Self.centralSignature else {
                    if damagedFrom == nil { damagedFrom = position + UInt64(i) }
                    i += 1
                    continue
                }
                let nameLength = Int(Self.u16(directory, i + 28))
                let extraLength = Int(Self.u16(directory, i + 30))
                let commentLength = Int(Self.u16(directory, i + 32))
                let recordLength = 46 + nameLength + extraLength + commentLength
                // A record that runs past this chunk is read again at the start of the next one.
                guard i + recordLength <= directory.count else { break }
                try reportDamage(upTo: position + UInt64(i))
                try visit(.member(Self.member(directory, at: i, nameLength: nameLength, extraLength: extraLength)))
                i += recordLength
            }
            if i == 0 {
                // The last record runs past the end of the directory.
                if damagedFrom == nil { damagedFrom = position }
                break
            }
            position += UInt64(i)
        }
        if damagedFrom == nil, position < directorySize, position + 46 > directorySize, directorySize - position > 0 {
            // Trailing bytes too short to be a record.
            damagedFrom = position
        }
        try reportDamage(upTo: directorySize)
    }

    private static func member(_ directory: [UInt8], at i: Int, nameLength: Int, extraLength: Int) -> Member {
        let flags = u16(directory, i + 8)
        let method = u16(directory, i + 10)
        let crc = u32(directory, i + 16)
        var compressed = UInt64(u32(directory, i + 20))
        var uncompressed = UInt64(u32(directory, i + 24))
        var offset = UInt64(u32(directory, i + 42))
        let name = String(decoding: directory[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
        // ZIP64 extra field: the 0xFFFFFFFF sizes and offset follow in order, inside the field and the extra area.
        var e = i + 46 + nameLength
        let extraEnd = e + extraLength
        while e + 4 <= extraEnd {
            let tag = u16(directory, e), length = Int(u16(directory, e + 2))
            let fieldEnd = min(e + 4 + length, extraEnd)
            if tag == 0x0001 {
                var p = e + 4
                if uncompressed == 0xFFFF_FFFF, p + 8 <= fieldEnd { uncompressed = u64(directory, p); p += 8 }
                if compressed == 0xFFFF_FFFF, p + 8 <= fieldEnd { compressed = u64(directory, p); p += 8 }
                if offset == 0xFFFF_FFFF, p + 8 <= fieldEnd { offset = u64(directory, p) }
            }
            e += 4 + length
        }
        return Member(name: name, method: method, flags: flags, crc: crc, compressedSize: compressed, uncompressedSize: uncompressed,
                      localHeaderOffset: offset)
    }

    /// The member's uncompressed bytes, refusing more than `limit` (a zip-bomb guard); checked against its CRC-32.
    func bytes(of member: Member, limit: Int) throws(ArchiveError) -> [UInt8] {
        guard member.uncompressedSize <= UInt64(limit) else {
            throw ArchiveError.tooLarge("\(member.name) declares \(member.uncompressedSize) bytes")
        }
        guard member.compressedSize <= UInt64(limit) else { throw ArchiveError.tooLarge("\(member.name) declares \(member.compressedSize) compressed bytes") }
        guard member.flags & 0x0001 == 0 else { throw ArchiveError.unsupported("\(member.name): encrypted") }
        guard member.localHeaderOffset <= fileSize - min(fileSize, 30) else {
            throw ArchiveError.corrupt("\(member.name): local header offset \(member.localHeaderOffset) is beyond the file")
        }
        let header = try read(at: member.localHeaderOffset, count: 30)
        guard header.count == 30, Self.u32(header, 0) == Self.localSignature else { throw ArchiveError.corrupt("\(member.name): bad local header") }
        let skip = 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
        guard let dataOffset = Self.sum(member.localHeaderOffset, skip), let dataEnd = Self.sum(dataOffset, member.compressedSize),
              dataEnd <= fileSize else {
            throw ArchiveError.corrupt("\(member.name): its \(member.compressedSize) bytes run past the end of the archive")
        }
        let count = Int(member.compressedSize)
        let compressed = try read(at: dataOffset, count: count)
        guard compressed.count == count else { throw ArchiveError.corrupt("\(member.name): truncated") }
        let data: [UInt8]
        switch member.method {
        case 0: data = compressed
        case 8: data = try Inflate.data(compressed, raw: true, limit: limit, expectedSize: Int(member.uncompressedSize))
        default: throw ArchiveError.unsupported("\(member.name): compression method \(member.method)")
        }
        guard UInt64(data.count) == member.uncompressedSize else {
            throw ArchiveError.corrupt("\(member.name): inflates to \(data.count) bytes, the directory says \(member.uncompressedSize)")
        }
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard crc == member.crc else {
            throw ArchiveError.corrupt("\(member.name): CRC-32 \(String(crc, radix: 16)) does not match the directory's \(String(member.crc, radix: 16))")
        }
        return data
    }
}
