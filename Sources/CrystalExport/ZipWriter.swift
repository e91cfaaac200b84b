import CZlib
import Foundation

/// Writes a zip archive member by member to a file (deflated or stored), with ZIP64 records when the
/// archive has more than 65,535 members or passes 4 GiB; only one member is in memory at a time.
public final class ZipWriter {
    public enum Method: Sendable { case stored, deflated }

    /// zlib level 1: CIF text compresses to about a third either way, and level 6 took a third of export time.
    static let compressionLevel: Int32 = 1

    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    private struct Central {
        var name: [UInt8]
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var offset: UInt64
        var method: UInt16
    }

    private let file: FileOutput
    private var offset: UInt64 = 0
    private var central = [Central]()
    private var buffer = [UInt8]()
    public let path: String

    public init(path: String) throws {
        file = try FileOutput(path: path)
        self.path = path
    }

    private func put16(_ v: UInt16, _ out: inout [UInt8]) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func put32(_ v: UInt32, _ out: inout [UInt8]) { put16(UInt16(v & 0xFFFF), &out); put16(UInt16(v >> 16), &out) }
    private func put64(_ v: UInt64, _ out: inout [UInt8]) { put32(UInt32(v & 0xFFFF_FFFF), &out); put32(UInt32(v >> 32), &out) }

    private func emit(_ bytes: [UInt8]) throws {
        buffer += bytes
        offset += UInt64(bytes.count)
        if buffer.count >= 1 << 20 { try flushBuffer() }
    }

    private func flushBuffer() throws {
        guard !buffer.isEmpty else { return }
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// A member compressed ahead of writing (on any thread).
    public struct Prepared: Sendable {
        let crc: UInt32
        let size: Int
        let data: [UInt8]
        let method: UInt16
    }

    /// Compresses a member's bytes; thread-safe, so a batch can be prepared in parallel.
    public static func prepare(_ bytes: [UInt8], method: Method = .deflated) throws -> Prepared {
        let crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        if method == .deflated, !bytes.isEmpty {
            return Prepared(crc: crc, size: bytes.count, data: try deflate(bytes), method: 8)
        }
        return Prepared(crc: crc, size: bytes.count, data: bytes, method: 0)
    }

    public func add(name: String, bytes: [UInt8], method: Method = .deflated) throws {
        try add(name: name, prepared: try Self.prepare(bytes, method: method))
    }

    public func add(name: String, prepared: Prepared) throws {
        let crc = prepared.crc
        let data = prepared.data
        let methodCode = prepared.method
        let bytes = (count: prepared.size, ())
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else { throw WriteError(description: "\(path): member name of \(nameBytes.count) bytes is longer than a zip allows") }
        let headerOffset = offset
        let needs64 = headerOffset >= 0xFFFF_FFFF || bytes.count >= 0xFFFF_FFFF
        var header = [UInt8]()
        put32(0x04034B50, &header)
        put16(needs64 ? 45 : 20, &header)
        put16(0x0800, &header) // UTF-8 names
        put16(methodCode, &header)
        put16(0, &header); put16(0x21, &header) // time, date (1980-01-01)
        put32(crc, &header)
        put32(needs64 ? 0xFFFF_FFFF : UInt32(data.count), &header)
        put32(needs64 ? 0xFFFF_FFFF : UInt32(bytes.count), &header)
        put16(UInt16(nameBytes.count), &header)
        put16(needs64 ? 20 : 0, &header)
        header += nameBytes
        if needs64 {
            put16(0x0001, &header); put16(16, &header)
            put64(UInt64(bytes.count), &header); put64(UInt64(data.count), &header)
        }
        try emit(header)
        try emit(data)
        central.append(Central(name: nameBytes, crc: crc, compressedSize: UInt64(data.count), size: UInt64(prepared.size),
                               offset: headerOffset, method: methodCode))
    }

    /// Writes the central directory and closes the file.
    public func finish() throws {
        let directoryStart = offset
        for entry in central {
            let big = entry.offset >= 0xFFFF_FFFF || entry.size >= 0xFFFF_FFFF || entry.compressedSize >= 0xFFFF_FFFF
            var record = [UInt8]()
            put32(0x02014B50, &record)
            put16(45, &record); put16(big ? 45 : 20, &record)
            put16(0x0800, &record); put16(entry.method, &record)
            put16(0, &record); put16(0x21, &record)
            put32(entry.crc, &record)
            put32(big ? 0xFFFF_FFFF : UInt32(entry.compressedSize), &record)
            put32(big ? 0xFFFF_FFFF : UInt32(entry.size), &record)
            put16(UInt16(entry.name.count), &record)
            put16(big ? 28 : 0, &record)
            put16(0, &record); put16(0, &record); put16(0, &record)
            put32(0o100644 << 16, &record)
            put32(big ? 0xFFFF_FFFF : UInt32(entry.offset), &record)
            record += entry.name
            if big {
                put16(0x0001, &record); put16(24, &record)
                put64(entry.size, &record); put64(entry.compressedSize, &record); put64(entry.offset, &record)
            }
            try emit(record)
        }
        let directorySize = offset - directoryStart
        let count = UInt64(central.count)
        let zip64 = count >= 0xFFFF || directoryStart >= 0xFFFF_FFFF
        var tail = [UInt8]()
        if zip64 {
            let recordOffset = offset
            put32(0x06064B50, &tail); put64(44, &tail)
            put16(45, &tail); put16(45, &tail); put32(0, &tail); put32(0, &tail)
            put64(count, &tail); put64(count, &tail); put64(directorySize, &tail); put64(directoryStart, &tail)
            put32(0x07064B50, &tail); put32(0, &tail); put64(recordOffset, &tail); put32(1, &tail)
        }
        put32(0x06054B50, &tail)
        put16(0, &tail); put16(0, &tail)
        put16(zip64 ? 0xFFFF : UInt16(count), &tail); put16(zip64 ? 0xFFFF : UInt16(count), &tail)
        put32(zip64 ? 0xFFFF_FFFF : UInt32(directorySize), &tail)
        put32(zip64 ? 0xFFFF_FFFF : UInt32(directoryStart), &tail)
        put16(0, &tail)
        try emit(tail)
        try flushBuffer()
        try file.close()
    }

    static func deflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, Self.compressionLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw WriteError(description: "cannot compress: zlib deflateInit2 \(initStatus): \(stream.msg.map { String(cString: $0) } ?? String(cString: zError(initStatus)))")
        }
        guard let inputCount = UInt32(exactly: input.count) else { throw WriteError(description: "cannot compress \(input.count) bytes in one member") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 16)
        var source = input
        var status: Int32 = Z_OK
        let produced = source.withUnsafeMutableBufferPointer { inBuffer -> Int in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = inputCount
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(clamping: outBuffer.count)
                status = CZlib.deflate(&stream, Z_FINISH)
                return status == Z_STREAM_END ? outBuffer.count - Int(stream.avail_out) : -1
            }
        }
        guard produced >= 0 else {
            throw WriteError(description: "cannot compress: zlib deflate \(status): \(stream.msg.map { String(cString: $0) } ?? String(cString: zError(status)))")
        }
        return Array(output.prefix(produced))
    }
}
