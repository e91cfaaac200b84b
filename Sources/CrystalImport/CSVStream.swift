import Foundation

/// Rows of a CSV file read in chunks of `chunkBytes`, so that a table of any length is read in bounded
/// memory: only the chunk, a row cut by its end, and the rows handed out are held.
public final class CSVStream {
    /// Bytes read from the file at once.
    static let chunkBytes = 1 << 22
    /// Longest row accepted (bytes): a quote left open would otherwise read the rest of a huge file as one row.
    static let maximumRowBytes = 1 << 26

    private var rows: CSVRows
    private var descriptor: Int32 = -1
    private let path: String
    private var chunk = [UInt8](repeating: 0, count: 0)

    /// Rows of a file on disk.
    public init(path: String) throws(ArchiveError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))") }
        rows = CSVRows(bytes: [], isComplete: false)
        chunk = [UInt8](repeating: 0, count: Self.chunkBytes)
    }

    /// Rows of bytes already in memory (an archive member, a decompressed file).
    public init(bytes: [UInt8], path: String) {
        self.path = path
        rows = CSVRows(bytes: bytes, isComplete: true)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The next row, or nil at the end of the table. Throws when the file cannot be read or a row is longer
    /// than `maximumRowBytes`.
    public func next() throws(ArchiveError) -> (line: Int, fields: [String])? {
        while true {
            if let row = rows.next() { return row }
            if rows.isComplete { return nil }
            guard rows.pendingCount <= Self.maximumRowBytes else {
                throw ArchiveError.tooLarge("\(path): a row runs over \(Self.maximumRowBytes) bytes (a quote left open?)")
            }
            let count = chunk.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, raw.count) }
            if count < 0 { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))") }
            rows.append(chunk[0..<count], isComplete: count == 0)
        }
    }
}
