/// Tokens of the OPTIMADE filter language (Materials-Consortia OPTIMADE specification, "Filter Language
/// Syntax"): identifiers, double-quoted strings with `\"` and `\\` escapes, numbers, operators, `:`, `,`,
/// parentheses; keywords are upper-case identifiers. Each token keeps its 1-based column.
struct FilterLexer {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        case number(Double)
        case comparison(Filter.Comparison)
        case colon, comma, open, close, end
    }

    struct Token: Equatable {
        var kind: Kind
        var column: Int
    }

    static func tokens(_ text: String) throws(FilterError) -> [Token] {
        let chars = Array(text.unicodeScalars)
        var out = [Token]()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
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
                if c.properties.isAlphabetic || c == "_" {
                    var name = ""
                    while i < chars.count, chars[i].properties.isAlphabetic || chars[i] == "_" || ("0"..."9").contains(chars[i]) {
                        name.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    out.append(Token(kind: .identifier(name), column: column))
                } else if ("0"..."9").contains(c) || c == "." || c == "-" || c == "+" {
                    var text = ""
                    while i < chars.count, ("0"..."9").contains(chars[i]) || chars[i] == "." || chars[i] == "e" || chars[i] == "E"
                            || ((chars[i] == "-" || chars[i] == "+") && (text.isEmpty || text.last == "e" || text.last == "E")) {
                        text.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard let number = Double(text), number.isFinite else { throw FilterError(column: column, reason: "'\(text)' is not a number") }
                    out.append(Token(kind: .number(number), column: column))
                } else {
                    throw FilterError(column: column, reason: "unexpected character '\(c)'")
                }
            }
        }
        out.append(Token(kind: .end, column: chars.count + 1))
        return out
    }
}
