import CrystalModel

/// Site labels as the JSON array stored in `structures.site_labels`: a string per site, `null` where a site has
/// none; no array at all when no site has a label.
enum SiteLabels {
    /// The JSON text, or nil when no site has a label.
    static func encode(_ sites: [Site]) -> String? {
        guard sites.contains(where: { $0.label != nil }) else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(sites.count * 8 + 2)
        out.append(UInt8(ascii: "["))
        for (index, site) in sites.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if var label = site.label {
                label.withUTF8 { appendString($0, to: &out) }
            } else {
                out += [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")]
            }
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string of UTF-8 bytes: quotes, backslashes and control characters escaped, the rest copied.
    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var run = 0
        for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            default:
                let digits = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
            run = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        out.append(UInt8(ascii: "\""))
    }

    /// The labels of the JSON text (strings and nulls in one array).
    static func decode(_ text: String) throws(PackedSites.Damaged) -> [String?] {
        var parser = Parser(bytes: Array(text.utf8))
        return try parser.array()
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        func damaged(_ why: String) -> PackedSites.Damaged { PackedSites.Damaged(description: "site labels: \(why) at byte \(i)") }

        mutating func expect(_ byte: UInt8) throws(PackedSites.Damaged) {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw damaged("expected '\(Character(Unicode.Scalar(byte)))'") }
            i += 1
        }

        mutating func array() throws(PackedSites.Damaged) -> [String?] {
            try expect(UInt8(ascii: "["))
            var out = [String?]()
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return out }
            while true {
                skipSpace()
                if bytes[i...].starts(with: Array("null".utf8)) {
                    i += 4
                    out.append(nil)
                } else {
                    out.append(try string())
                }
                skipSpace()
                guard i < bytes.count else { throw damaged("unterminated array") }
                if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                try expect(UInt8(ascii: ","))
            }
            skipSpace()
            guard i == bytes.count else { throw damaged("text after the array") }
            return out
        }

        mutating func hex4() throws(PackedSites.Damaged) -> UInt32 {
            guard i + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                throw damaged("bad \\u escape")
            }
            i += 4
            return value
        }

        mutating func string() throws(PackedSites.Damaged) -> String {
            try expect(UInt8(ascii: "\""))
            var scalars = String.UnicodeScalarView()
            var run = i
            var out = ""
            while true {
                guard i < bytes.count else { throw damaged("unterminated string") }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    out += String(decoding: bytes[run..<i], as: UTF8.self)
                    i += 1
                    break
                }
                guard byte == UInt8(ascii: "\\") else { i += 1; continue }
                out += String(decoding: bytes[run..<i], as: UTF8.self)
                i += 1
                guard i < bytes.count else { throw damaged("unterminated escape") }
                let escape = bytes[i]
                i += 1
                switch escape {
                case UInt8(ascii: "\""): out += "\""
                case UInt8(ascii: "\\"): out += "\\"
                case UInt8(ascii: "/"): out += "/"
                case UInt8(ascii: "b"): out += "\u{08}"
                case UInt8(ascii: "f"): out += "\u{0C}"
                case UInt8(ascii: "n"): out += "\n"
                case UInt8(ascii: "r"): out += "\r"
                case UInt8(ascii: "t"): out += "\t"
                case UInt8(ascii: "u"):
                    var value = try hex4()
                    if (0xD800..<0xDC00).contains(value), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw damaged("bad surrogate pair") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw damaged("bad \\u escape") }
                    scalars.removeAll()
                    scalars.append(scalar)
                    out += String(scalars)
                default: throw damaged("bad escape")
                }
                run = i
            }
            return out
        }
    }
}
