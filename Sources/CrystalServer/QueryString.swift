/// The query part of a request URL as decoded parameters (`application/x-www-form-urlencoded`: `+` is a space,
/// `%XX` a byte, which must form UTF-8). A parameter given twice, a malformed escape or text that is not UTF-8 is
/// refused, never guessed at.
struct QueryString: Sendable {
    private(set) var parameters: [(name: String, value: String)] = []

    init(_ raw: String?) throws(OptimadeError) {
        guard let raw, !raw.isEmpty else { return }
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], what: "a query parameter name")
            let value = parts.count > 1 ? try Self.decode(parts[1], what: "the value of \(name)") : ""
            guard !parameters.contains(where: { $0.name == name }) else {
                throw .badRequest("the query parameter '\(name)' is given more than once", parameter: name)
            }
            parameters.append((name, value))
        }
    }

    subscript(name: String) -> String? { parameters.first { $0.name == name }?.value }

    static func decode(_ text: Substring, what: String) throws(OptimadeError) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .badRequest("malformed percent-encoding in \(what)")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .badRequest("\(what) is not UTF-8 text") }
        return decoded
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
