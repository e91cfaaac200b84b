/// RFC 4180 CSV over bytes: quoted fields with doubled quotes, embedded separators and line breaks;
/// LF, CRLF or CR line ends. Each row keeps the 1-based line it starts on.
///
/// The bytes may arrive in pieces (`append`): a row that runs past the bytes so far is parsed again once more
/// have come, so a table is read in bounded memory whatever its size (`CSVStream`).
struct CSVRows: Sequence, IteratorProtocol {
    private(set) var bytes: [UInt8]
    private var index = 0
    private var line = 1
    /// No more bytes will come: a row may end at the end of the bytes.
    var isComplete: Bool
    /// Whether a leading UTF-8 byte-order mark was looked for (it needs the first 3 bytes).
    private var checkedByteOrderMark = false

    init(bytes: [UInt8], isComplete: Bool = true) {
        self.bytes = bytes
        self.isComplete = isComplete
    }

    /// Bytes not yet consumed by a returned row.
    var pendingCount: Int { bytes.count - index }

    /// Adds the next piece of input, dropping the bytes already consumed.
    mutating func append(_ more: ArraySlice<UInt8>, isComplete complete: Bool) {
        if index > 0 {
            bytes.removeSubrange(0..<index)
            index = 0
        }
        bytes += more
        isComplete = complete
    }

    /// The next row, or nil at the end of the bytes (or, before `isComplete`, when the row is not all there).
    mutating func next() -> (line: Int, fields: [String])? {
        if !checkedByteOrderMark {
            guard bytes.count >= 3 || isComplete else { return nil }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            checkedByteOrderMark = true
        }
        let savedIndex = index, savedLine = line
        // Skip blank lines.
        while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D {
            guard consumeLineEnd() else { return restore(savedIndex, savedLine) }
        }
        guard index < bytes.count else { return isComplete ? nil : restore(savedIndex, savedLine) }
        let startLine = line
        var fields = [String]()
        var field = [UInt8]()
        var inQuotes = false
        var ended = false
        while index < bytes.count {
            let b = bytes[index]
            if inQuotes {
                if b == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 2
                    } else if index + 1 == bytes.count, !isComplete {
                        // A doubled quote may be cut in two.
                        return restore(savedIndex, savedLine)
                    } else {
                        inQuotes = false
                        index += 1
                    }
                } else {
                    if b == 0x0A || (b == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) { line += 1 }
                    field.append(b)
                    index += 1
                }
                continue
            }
            if b == 0x2C {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                index += 1
            } else if b == 0x0A || b == 0x0D {
                guard consumeLineEnd() else { return restore(savedIndex, savedLine) }
                ended = true
                break
            } else if b == 0x22 && field.isEmpty {
                inQuotes = true
                index += 1
            } else {
                field.append(b)
                index += 1
            }
        }
        if !ended && !isComplete { return restore(savedIndex, savedLine) }
        fields.append(String(decoding: field, as: UTF8.self))
        return (startLine, fields)
    }

    private mutating func restore(_ savedIndex: Int, _ savedLine: Int) -> (line: Int, fields: [String])? {
        index = savedIndex
        line = savedLine
        return nil
    }

    /// Consumes one line end; false when a CR ends the bytes so far (it may be the first half of a CRLF).
    private mutating func consumeLineEnd() -> Bool {
        if bytes[index] == 0x0D {
            if index + 1 < bytes.count {
                if bytes[index + 1] == 0x0A { index += 1 }
            } else if !isComplete {
                return false
            }
        }
        index += 1
        line += 1
        return true
    }
}
