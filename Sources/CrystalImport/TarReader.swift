/// Reads a tar archive (plain or gzip-compressed) sequentially through a `GzipReader`: ustar and GNU long
/// names, pax `path` records; one member's bytes in memory at a time (POSIX.1-2001 pax / ustar format, and
/// GNU tar's base-256 sizes).
///
/// Each header's checksum is verified and its size checked (octal or base-256, non-negative, within
/// `maximumMemberBytes`): a damaged header is reported and the reader skips block by block to the next header
/// whose checksum holds, so the rest of the archive is read. Only a damaged compressed stream ends the walk.
final class TarReader {
    struct Member {
        var name: String
        var size: Int
        var isFile: Bool
    }

    /// What the walk meets: a member (with a function that reads its bytes), or damage it stepped over.
    enum Event {
        case member(Member, () throws(ArchiveError) -> [UInt8])
        case damaged(String)
    }

    /// Largest member size a header may declare (bytes): 1 TiB. Larger sizes are damage, not members.
    static let maximumMemberBytes = 1 << 40
    static let block = 512

    private let reader: GzipReader
    private var pendingName: String?
    /// Bytes of the (uncompressed) archive read so far, for offsets in messages.
    private var bytesRead = 0

    init(path: String) throws(ArchiveError) {
        guard let reader = GzipReader(path: path) else { throw ArchiveError.corrupt("\(path): cannot open") }
        self.reader = reader
    }

    /// A numeric header field: octal digits (NUL or space terminated), or GNU base-256 (high bit set). Nil when
    /// it is neither, negative, or beyond `maximumMemberBytes`.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.first else { return nil }
        if first & 0x80 != 0 {
            // Base-256, two's complement: 0xFF starts a negative number.
            guard first & 0x40 == 0 else { return nil }
            var value = Int(first & 0x3F)
            for b in bytes.dropFirst() {
                guard value <= maximumMemberBytes >> 8 else { return nil }
                value = value << 8 | Int(b)
            }
            return value <= maximumMemberBytes ? value : nil
        }
        var value = 0
        var seen = false
        for b in bytes {
            if b == 0 || b == 0x20 { if seen { break } else { continue } }
            guard b >= 0x30, b <= 0x37, value <= maximumMemberBytes >> 3 else { return nil }
            value = value * 8 + Int(b - 0x30)
            seen = true
        }
        return value <= maximumMemberBytes ? value : nil
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// True when the header's checksum field matches the sum of its bytes (the field itself counted as spaces);
    /// signed sums are accepted too, as old tars wrote them.
    static func checksumHolds(_ header: [UInt8]) -> Bool {
        guard let stored = number(header[148..<156]) else { return false }
        var unsigned = 0, signed = 0
        for (i, b) in header.enumerated() {
            let byte = (148..<156).contains(i) ? UInt8(0x20) : b
            unsigned += Int(byte)
            signed += Int(Int8(bitPattern: byte))
        }
        return stored == unsigned || stored == signed
    }

    /// Bytes a member of `size` occupies: its size rounded up to whole blocks.
    static func padded(_ size: Int) -> Int { (size + block - 1) / block * block }

    /// Calls `visit` with each member (and a function that reads its bytes, refusing more than `limit`), and
    /// with each damaged stretch stepped over; members not read are skipped.
    func forEach(limit: Int, _ visit: (Event) throws(ArchiveError) -> Void) throws(ArchiveError) {
        var damagedFrom: Int?
        func reportDamage(upTo end: Int) throws(ArchiveError) {
            guard let start = damagedFrom else { return }
            damagedFrom = nil
            try visit(.damaged("damaged tar header at byte \(start): \(end - start) bytes skipped to the next valid header"))
        }
        while true {
            let offset = bytesRead
            let header = try read(Self.block)
            if header.isEmpty {
                try reportDamage(upTo: offset)
                return
            }
            guard header.count == Self.block else {
                if damagedFrom == nil { damagedFrom = offset }
                try reportDamage(upTo: bytesRead)
                throw ArchiveError.corrupt("\(reader.path): archive ends inside a header at byte \(offset)")
            }
            // A zero block ends the archive; inside damage it may be member data, so the scan goes on.
            if damagedFrom == nil, header.allSatisfy({ $0 == 0 }) { return }
            guard Self.checksumHolds(header), let size = Self.number(header[124..<136]) else {
                // Not a header (damage, or data after a damaged header): look at the next block.
                if damagedFrom == nil { damagedFrom = offset }
                continue
            }
            try reportDamage(upTo: offset)
            let type = header[156]
            var name = Self.string(header[0..<100])
            if header[257..<262].elementsEqual("ustar".utf8) {
                let prefix = Self.string(header[345..<500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            let padded = Self.padded(size)
            if type == UInt8(ascii: "L") || type == UInt8(ascii: "x") {
                guard size < 1 << 20 else {
                    try skip(padded)
                    try visit(.damaged("\(name): a \(type == UInt8(ascii: "L") ? "long name" : "pax header") of \(size) bytes at byte \(offset); ignored"))
                    continue
                }
                let body = Array(try read(padded).prefix(size))
                pendingName = type == UInt8(ascii: "L") ? Self.string(body[...]) : (Self.paxPath(body) ?? pendingName)
                continue
            }
            if let long = pendingName { name = long; pendingName = nil }
            let isFile = type == 0 || type == UInt8(ascii: "0") || type == UInt8(ascii: "7")
            var consumed = false
            let member = Member(name: name, size: size, isFile: isFile)
            try visit(.member(member) { () throws(ArchiveError) -> [UInt8] in
                guard size <= limit else { throw ArchiveError.tooLarge("\(name): \(size) bytes") }
                consumed = true
                let data = try self.read(padded)
                guard data.count >= size else { throw ArchiveError.corrupt("\(self.reader.path): archive ends inside \(name)") }
                return Array(data.prefix(size))
            })
            if !consumed { try skip(padded) }
        }
    }

    private func read(_ count: Int) throws(ArchiveError) -> [UInt8] {
        let data = try reader.read(count)
        bytesRead += data.count
        return data
    }

    private func skip(_ count: Int) throws(ArchiveError) {
        try reader.skip(count)
        bytesRead += count
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
