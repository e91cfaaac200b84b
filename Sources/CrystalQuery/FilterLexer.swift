/// Tokens of the OPTIMADE filter language (OPTIMADE 1.2, "Lexical Tokens"): property names are lower-case
/// (`[a-z_][a-z_0-9]*`, nested with `.`), so an upper-case run is always a keyword (`elementsLENGTH` is
/// `elements LENGTH`, `NOTice` is `NOT ice`); strings in double quotes with `\"` and `\\` escapes; numbers as the
/// specification's regular expression `[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?`; the comparison
/// operators, `:`, `,` and parentheses. Each token keeps its 1-based column.
struct FilterLexer {
    enum Kind: Equatable {
        case identifier(String)
        case keyword(String)
        case string(String)
        /// A number and whether it was written as an integer (no point, no exponent).
        case number(Double, isInteger: Bool)
        case comparison(Filter.Comparison)
        case colon, comma, open, close, end
    }

    struct Token: Equatable {
        var kind: Kind
        var column: Int
    }

    static func isLower(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || c == "_" }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    static func isUpper(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) }

    static func tokens(_ text: String) throws(FilterError) -> [Token] {
        let chars = Array(text.unicodeScalars)
        var out = [Token]()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" { i += 1; continue }
            switch c {
            case "(": out.append(Token(kind: .open, column: column)); i += 1
            case ")": out.append(Token(kind: .close, column: column)); i += 1
            case ",": out.append(Token(kind: .comma, column: column)); i += 1
            case ":": out.append(Token(kind: .colon, column: column)); i += 1
            case "=": out.append(Token(kind: .comparison(.equal), column: column)); i += 1
            case "!":
                guard i + 1 < chars.count, chars[i + 1] == "=" else { throw FilterError(column: column, reason: "'!' must be followed by '='") }
                out.append(Token(kind: .comparison(.notEqual), column: column)); i += 2
            case "<", ">":
                let orEqual = i + 1 < chars.count && chars[i + 1] == "="
                let op: Filter.Comparison = c == "<" ? (orEqual ? .lessOrEqual : .less) : (orEqual ? .greaterOrEqual : .greater)
                out.append(Token(kind: .comparison(op), column: column))
                i += orEqual ? 2 : 1
            case "\"":
                var value = ""
                i += 1
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    if d == "\\" {
                        guard i + 1 < chars.count else { break }
                        value.unicodeScalars.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if d == "\"" { closed = true; i += 1; break }
                    value.unicodeScalars.append(d)
                    i += 1
                }
                guard closed else { throw FilterError(column: column, reason: "unterminated string") }
                out.append(Token(kind: .string(value), column: column))
            default:
                if isLower(c) {
                    var name = ""
                    while i < chars.count, isLower(chars[i]) || isDigit(chars[i]) {
                        name.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    // Nested names: identifier ('.' identifier)*; nested parts may also hold '+'.
                    while i + 1 < chars.count, chars[i] == ".", isLower(chars[i + 1]) {
                        name.unicodeScalars.append(".")
                        i += 1
                        while i < chars.count, isLower(chars[i]) || isDigit(chars[i]) || chars[i] == "+" {
                            name.unicodeScalars.append(chars[i])
                            i += 1
                        }
                    }
                    out.append(Token(kind: .identifier(name), column: column))
                } else if isUpper(c) {
                    var word = ""
                    while i < chars.count, isUpper(chars[i]) {
                        word.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    out.append(Token(kind: .keyword(word), column: column))
                } else if isDigit(c) || c == "." || c == "-" || c == "+" {
                    let (number, isInteger, end) = try Self.number(chars, from: i)
                    out.append(Token(kind: .number(number, isInteger: isInteger), column: column))
                    i = end
                } else {
                    throw FilterError(column: column, reason: "unexpected character '\(c.escaped(asASCII: true))'")
                }
            }
        }
        out.append(Token(kind: .end, column: chars.count + 1))
        return out
    }

    /// A number as the specification's regular expression has it, from `start`.
    static func number(_ chars: [Unicode.Scalar], from start: Int) throws(FilterError) -> (Double, Bool, Int) {
        var i = start
        if chars[i] == "-" || chars[i] == "+" { i += 1 }
        var digits = 0
        while i < chars.count, isDigit(chars[i]) { i += 1; digits += 1 }
        var isInteger = true
        if i < chars.count, chars[i] == "." {
            isInteger = false
            i += 1
            while i < chars.count, isDigit(chars[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { throw FilterError(column: start + 1, reason: "'\(String(String.UnicodeScalarView(chars[start..<min(i + 1, chars.count)])))' is not a number") }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
            var exponentDigits = 0
            while j < chars.count, isDigit(chars[j]) { j += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else {
                throw FilterError(column: start + 1, reason: "'\(String(String.UnicodeScalarView(chars[start..<min(j + 1, chars.count)])))' is not a number")
            }
            isInteger = false
            i = j
        }
        // A number runs straight into a lower-case letter or another point only when it is malformed (0.0.1, 1e5e).
        if i < chars.count, isLower(chars[i]) || chars[i] == "." || isDigit(chars[i]) {
            throw FilterError(column: start + 1, reason: "'\(String(String.UnicodeScalarView(chars[start...i])))' is not a number")
        }
        let text = String(String.UnicodeScalarView(chars[start..<i]))
        // A value beyond a double's range becomes infinite here; the compiler refuses it (501) where it is used.
        guard let value = Double(text) else { throw FilterError(column: start + 1, reason: "'\(text)' is not a number") }
        return (value, isInteger, i)
    }
}
