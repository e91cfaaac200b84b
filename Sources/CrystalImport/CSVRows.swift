/// RFC 4180 CSV over bytes: quoted fields with doubled quotes, embedded separators and line breaks;
/// LF, CRLF or CR line ends. Each row keeps the 1-based line it starts on.
struct CSVRows: Sequence, IteratorProtocol {
    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func next() -> (line: Int, fields: [String])? {
        // Skip blank lines.
        while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D { consumeLineEnd() }
        guard index < bytes.count else { return nil }
        let startLine = line
        var fields = [String]()
        var field = [UInt8]()
        var inQuotes = false
        while index < bytes.count {
            let b = bytes[index]
            if inQuotes {
                if b == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 2
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
                consumeLineEnd()
                break
            } else if b == 0x22 && field.isEmpty {
                inQuotes = true
                index += 1
            } else {
                field.append(b)
                index += 1
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return (startLine, fields)
    }

    mutating func consumeLineEnd() {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        index += 1
        line += 1
    }
}
