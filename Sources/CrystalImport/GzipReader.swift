import CZlib

/// zlib's gz* stream: reads `.gz` files (and plain files, which it passes through) in bounded chunks.
final class GzipReader {
    private let file: gzFile
    let path: String

    init?(path: String) {
        guard let file = gzopen(path, "rb") else { return nil }
        gzbuffer(file, 1 << 17)
        self.file = file
        self.path = path
    }

    deinit { gzclose(file) }

    /// Reads up to `count` bytes; fewer only at the end. Throws on a corrupt stream or a negative count. The
    /// buffer grows with what arrives, so a header declaring a huge size costs no memory until the bytes exist.
    func read(_ count: Int) throws(ArchiveError) -> [UInt8] {
        guard count >= 0 else { throw ArchiveError.corrupt("\(path): negative read of \(count) bytes") }
        var out = [UInt8](repeating: 0, count: min(count, 1 << 16))
        var filled = 0
        while filled < count {
            if filled == out.count { out += [UInt8](repeating: 0, count: min(count - filled, max(out.count, 1 << 16))) }
            let n = out.withUnsafeMutableBytes { raw in
                gzread(file, raw.baseAddress! + filled, UInt32(min(raw.count - filled, 1 << 30)))
            }
            if n < 0 {
                var code: Int32 = 0
                let message = String(cString: gzerror(file, &code))
                throw ArchiveError.corrupt("\(path): \(message)")
            }
            if n == 0 { break }
            filled += Int(n)
        }
        out.removeSubrange(filled...)
        return out
    }

    /// Skips `count` bytes.
    func skip(_ count: Int) throws(ArchiveError) {
        guard count >= 0 else { throw ArchiveError.corrupt("\(path): negative skip of \(count) bytes") }
        var left = count
        while left > 0 {
            let chunk = try read(min(left, 1 << 20))
            if chunk.isEmpty { throw ArchiveError.corrupt("\(path): archive ends inside a member") }
            left -= chunk.count
        }
    }

    /// Reads everything, refusing more than `limit` bytes (a bomb guard).
    func readAll(limit: Int) throws(ArchiveError) -> [UInt8] {
        var out = [UInt8]()
        while true {
            let chunk = try read(1 << 20)
            if chunk.isEmpty { return out }
            out += chunk
            if out.count > limit { throw ArchiveError.tooLarge("\(path): inflates past \(limit) bytes") }
        }
    }
}

public enum ArchiveError: Error, CustomStringConvertible {
    case corrupt(String)
    case tooLarge(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .corrupt(let m): return "corrupt archive: \(m)"
        case .tooLarge(let m): return "member too large: \(m)"
        case .unsupported(let m): return "unsupported: \(m)"
        }
    }
}

/// Inflates a zlib, gzip or raw deflate buffer in memory, refusing output beyond `limit` bytes.
enum Inflate {
    /// Output is produced through this much scratch space at a time (bytes).
    static let scratchBytes = 1 << 16

    /// `expectedSize` (a zip member's declared size) only reserves the output; the stream decides its length.
    static func data(_ input: [UInt8], raw: Bool, limit: Int, expectedSize: Int? = nil) throws(ArchiveError) -> [UInt8] {
        guard let inputCount = UInt32(exactly: input.count) else { throw ArchiveError.tooLarge("\(input.count) compressed bytes") }
        var stream = z_stream()
        let windowBits: Int32 = raw ? -15 : 15 + 32
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ArchiveError.corrupt("inflate init failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        if let expectedSize, expectedSize > 0 { output.reserveCapacity(min(expectedSize, limit) + 1) }
        // Scratch space is left uninitialised: zeroing 64 KiB per member was half the time of reading a zip.
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.scratchBytes)
        defer { scratch.deallocate() }
        var status: Int32 = Z_OK
        var input = input
        status = input.withUnsafeMutableBufferPointer { inBuffer -> Int32 in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = inputCount
            var rc: Int32 = Z_OK
            repeat {
                stream.next_out = scratch.baseAddress
                stream.avail_out = UInt32(scratch.count)
                rc = inflate(&stream, Z_NO_FLUSH)
                let produced = scratch.count - Int(stream.avail_out)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<produced]))
                if output.count > limit { return -100 }
                if rc == Z_BUF_ERROR && stream.avail_in == 0 { break }
            } while rc == Z_OK
            return rc
        }
        if status == -100 { throw ArchiveError.tooLarge("inflates past \(limit) bytes") }
        guard status == Z_STREAM_END else {
            let detail = stream.msg.map { String(cString: $0) } ?? "truncated"
            throw ArchiveError.corrupt("deflate stream damaged (zlib \(status): \(detail))")
        }
        return output
    }
}
