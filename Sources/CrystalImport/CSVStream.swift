import Foundation

/// Rows of a CSV file read in chunks of `chunkBytes`, so that a table of any length is read in bounded
/// memory: only the chunk, a row cut by its end, and the rows handed out are held.
public final class CSVStream {
    /// Bytes read from the file at once.
    static let chunkBytes = 1 << 22
    /// Longest row accepted (bytes): a quote left open would otherwise read the rest of a huge file as one row.
    static let maximumRowBytes = 1 << 24

    private var rows: CSVRows
    /// zlib's gz stream: it reads a gzip file inflated and a plain file as it is.
    private var file: GzipReader?
    private let path: String

    /// Rows of a file on disk, plain or gzip-compressed.
    public init(path: String) throws(ArchiveError) {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path), let file = GzipReader(path: path) else {
            throw ArchiveError.corrupt("\(path): cannot open (missing or not readable)")
        }
        self.file = file
        rows = CSVRows(bytes: [], isComplete: false)
    }

    /// Rows of bytes already in memory (an archive member, a decompressed file).
    public init(bytes: [UInt8], path: String) {
        self.path = path
        rows = CSVRows(bytes: bytes, isComplete: true)
    }


    /// The next row, or nil at the end of the table. Throws when the file cannot be read or a row is longer
    /// than `maximumRowBytes`.
    public func next() throws(ArchiveError) -> (line: Int, fields: [String])? {
        while true {
            if let row = rows.next() { return row }
            if rows.isComplete { return nil }
            guard rows.pendingCount <= Self.maximumRowBytes else {
                throw ArchiveError.tooLarge("\(path): a row runs over \(Self.maximumRowBytes) bytes (a quote left open?)")
            }
            guard let file else { return nil }
            let chunk = try file.read(Self.chunkBytes)
            rows.append(chunk[...], isComplete: chunk.isEmpty)
        }
    }
}
