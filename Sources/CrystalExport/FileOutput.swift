import Foundation

/// Buffered writes to a new file with POSIX calls: every failure (a full disk, a read-only disk, a file size
/// limit) is thrown as `<path>: <reason>`, never ignored; `close` flushes, syncs and reports.
final class FileOutput {
    private let descriptor: Int32
    private var buffer = [UInt8]()
    private var closed = false
    let path: String

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw ExportError("\(path): cannot create (\(String(cString: strerror(errno))))") }
        self.path = path
    }

    deinit { if !closed { Foundation.close(descriptor) } }

    func write(_ text: String) throws {
        buffer += text.utf8
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let bytes = buffer
        buffer.removeAll(keepingCapacity: true)
        try Self.writeAll(descriptor, bytes, path: path)
    }

    func close() throws {
        try flush()
        closed = true
        if fsync(descriptor) != 0, errno != EINVAL, errno != EROFS {
            let reason = String(cString: strerror(errno))
            Foundation.close(descriptor)
            throw ExportError("\(path): \(reason)")
        }
        guard Foundation.close(descriptor) == 0 else { throw ExportError("\(path): \(String(cString: strerror(errno)))") }
    }

    /// A whole file in one call.
    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try FileOutput(path: path)
        try file.write(bytes)
        try file.close()
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ExportError("\(path): \(String(cString: strerror(errno)))")
                }
                if n == 0 { throw ExportError("\(path): nothing written") }
                offset += n
            }
        }
    }
}
