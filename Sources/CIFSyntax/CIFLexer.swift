/// Splits CIF bytes into tokens, keeping 1-based line numbers. CIF 1.1 rules (a quote closes only
/// before whitespace), plus CIF 2.0 triple quotes, lists and tables when the file says `#\#CIF_2.0`.
/// CR, LF and CRLF all end a line; Ctrl-Z (0x1A) ends the input.
struct CIFLexer {
    enum TokenKind: Equatable {
        case dataHeader, loop, saveHeader, saveEnd, global, stop, tag, value(CIFValue.Kind), end
    }

    struct Token {
        var kind: TokenKind
        var start: Int
        var end: Int
        var line: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let isCIF2: Bool
    var index = 0
    var line = 1
    var atLineStart = true
    /// Recoveries from common quoting errors (the parser adds the block name).
    var warnings: [CIFSyntaxError] = []

    /// Most lines a quoted string may run over and still be read as one value (a wrapped title).
    static let maximumQuotedContinuationLines = 5

    init(bytes: UnsafeBufferPointer<UInt8>, isCIF2: Bool) {
        self.bytes = bytes
        self.isCIF2 = isCIF2
        // A UTF-8 byte-order mark is not content.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Advances over one line end at `index` (LF, CR or CRLF).
    @inline(__always) mutating func consumeLineEnd() {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        index += 1
        line += 1
        atLineStart = true
    }

    mutating func skipSpaceAndComments() {
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x0A || b == 0x0D {
                consumeLineEnd()
            } else if b == 0x20 || b == 0x09 {
                index += 1
                atLineStart = false
            } else if b == 0x23 { // '#'
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            } else {
                return
            }
        }
    }

    mutating func next() throws(CIFSyntaxError) -> Token {
        skipSpaceAndComments()
        guard index < bytes.count, bytes[index] != 0x1A else { return Token(kind: .end, start: index, end: index, line: line) }
        let start = index
        let startLine = line
        let b = bytes[index]
        if b == 0x3B && atLineStart { return try textField(startLine: startLine) }
        atLineStart = false
        if b == 0x27 || b == 0x22 { return try quoted(quote: b, startLine: startLine) }
        if isCIF2 && (b == 0x5B || b == 0x7B) { return try container(startLine: startLine) }
        while index < bytes.count, !Self.isSpace(bytes[index]) { index += 1 }
        let end = index
        if b == 0x5F { return Token(kind: .tag, start: start, end: end, line: startLine) }
        let length = end - start
        if length == 1 && b == 0x3F { return Token(kind: .value(.unknown), start: start, end: end, line: startLine) }
        if length == 1 && b == 0x2E { return Token(kind: .value(.inapplicable), start: start, end: end, line: startLine) }
        if length >= 5 {
            if hasPrefix("data_", at: start) { return Token(kind: .dataHeader, start: start + 5, end: end, line: startLine) }
            if hasPrefix("save_", at: start) {
                return Token(kind: length == 5 ? .saveEnd : .saveHeader, start: start + 5, end: end, line: startLine)
            }
            if length == 5, hasPrefix("loop_", at: start) { return Token(kind: .loop, start: start, end: end, line: startLine) }
            if length == 5, hasPrefix("stop_", at: start) { return Token(kind: .stop, start: start, end: end, line: startLine) }
        }
        if length == 7, hasPrefix("global_", at: start) { return Token(kind: .global, start: start, end: end, line: startLine) }
        return Token(kind: .value(.bare), start: start, end: end, line: startLine)
    }

    /// Case-insensitive ASCII prefix test.
    func hasPrefix(_ word: StaticString, at position: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[position + offset] | 0x20 != pointer[offset] | 0x20 { return false }
        return true
    }

    mutating func quoted(quote: UInt8, startLine: Int) throws(CIFSyntaxError) -> Token {
        if isCIF2, index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
            index += 3
            let contentStart = index
            while index + 2 < bytes.count {
                if bytes[index] == quote, bytes[index + 1] == quote, bytes[index + 2] == quote {
                    let token = Token(kind: .value(.quoted), start: contentStart, end: index, line: startLine)
                    index += 3
                    return token
                }
                if bytes[index] == 0x0A || bytes[index] == 0x0D { consumeLineEnd(); atLineStart = false } else { index += 1 }
            }
            throw CIFSyntaxError(line: startLine, block: nil, reason: "unterminated triple-quoted string")
        }
        index += 1
        let contentStart = index
        while index < bytes.count {
            let c = bytes[index]
            if c == 0x0A || c == 0x0D { break }
            if c == quote {
                // CIF 1.1: the closing quote must be followed by whitespace or the end; CIF 2.0: always closes.
                let after = index + 1
                if isCIF2 || after >= bytes.count || Self.isSpace(bytes[after]) || bytes[after] == 0x1A {
                    let token = Token(kind: .value(.quoted), start: contentStart, end: index, line: startLine)
                    index = after
                    return token
                }
            }
            index += 1
        }
        if !isCIF2, let token = recoverQuoted(quote: quote, contentStart: contentStart, startLine: startLine) { return token }
        throw CIFSyntaxError(line: startLine, block: nil, reason: "unterminated quoted string")
    }

    /// A CIF 1.1 quoted string that reached the end of its line unclosed, read leniently where the intent is
    /// unambiguous (pymatgen reads both cases; gemmi and strict CIF 1.1 do not), with a located warning:
    /// - the line's last quote is followed only by commas or semicolons (`'O.M. Yaghi',`, as a family of MOF
    ///   files writes author lists): the value ends at that quote;
    /// - the string runs over line ends (a wrapped title): the next lines hold no CIF syntax (tag, `loop_`,
    ///   `data_`, `save_`, a `;` text field) and the first line with this quote holds it exactly once, closing
    ///   (followed by whitespace or the end): the value runs to it, line ends included.
    /// Anything else stays an error. `index` is at the end of the opening line.
    mutating func recoverQuoted(quote: UInt8, contentStart: Int, startLine: Int) -> Token? {
        let lineEnd = index
        if let last = (contentStart..<lineEnd).last(where: { bytes[$0] == quote }) {
            let rest = (last + 1)..<lineEnd
            let punctuation = rest.filter { bytes[$0] == 0x2C || bytes[$0] == 0x3B }
            if !punctuation.isEmpty, rest.allSatisfy({ bytes[$0] == 0x2C || bytes[$0] == 0x3B || bytes[$0] == 0x20 || bytes[$0] == 0x09 }) {
                let shown = String(decoding: punctuation.map { bytes[$0] }, as: UTF8.self)
                warnings.append(CIFSyntaxError(line: startLine, block: nil,
                    reason: "closing quote followed by '\(shown)'; the value ends at the quote (read leniently)"))
                index = lineEnd
                return Token(kind: .value(.quoted), start: contentStart, end: last, line: startLine)
            }
        }
        // Look for the closing quote on the following lines.
        var cursor = lineEnd
        var lines = 0
        while lines < Self.maximumQuotedContinuationLines, cursor < bytes.count {
            // Step over one line end.
            if bytes[cursor] == 0x0D, cursor + 1 < bytes.count, bytes[cursor + 1] == 0x0A { cursor += 1 }
            cursor += 1
            lines += 1
            let start = cursor
            while cursor < bytes.count, bytes[cursor] != 0x0A, bytes[cursor] != 0x0D { cursor += 1 }
            let lineRange = start..<cursor
            guard !startsWithSyntax(lineRange) else { return nil }
            let quotes = lineRange.filter { bytes[$0] == quote }
            if quotes.isEmpty { continue }
            guard quotes.count == 1, let close = quotes.first,
                  close + 1 >= bytes.count || Self.isSpace(bytes[close + 1]) || bytes[close + 1] == 0x1A else { return nil }
            // Consume the lines up to the closing quote, counting their ends.
            while index < close {
                if bytes[index] == 0x0A || bytes[index] == 0x0D { consumeLineEnd() } else { index += 1 }
            }
            atLineStart = false
            index = close + 1
            warnings.append(CIFSyntaxError(line: startLine, block: nil,
                reason: "quoted string runs over \(lines) line end\(lines == 1 ? "" : "s"); read as one value up to the closing quote on line \(startLine + lines) (read leniently)"))
            return Token(kind: .value(.quoted), start: contentStart, end: close, line: startLine)
        }
        return nil
    }

    /// True when a line starts (after spaces) with CIF syntax a quoted string cannot run into.
    func startsWithSyntax(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        if bytes[range.lowerBound] == 0x3B { return true }
        guard let first = range.first(where: { bytes[$0] != 0x20 && bytes[$0] != 0x09 }) else { return false }
        if bytes[first] == 0x5F || bytes[first] == 0x23 { return true }
        return hasPrefix("data_", at: first) || hasPrefix("loop_", at: first) || hasPrefix("save_", at: first)
            || hasPrefix("global_", at: first) || hasPrefix("stop_", at: first)
    }

    mutating func textField(startLine: Int) throws(CIFSyntaxError) -> Token {
        index += 1
        let contentStart = index
        while index < bytes.count {
            let c = bytes[index]
            if c == 0x0A || c == 0x0D {
                let lineEndStart = index
                consumeLineEnd()
                if index < bytes.count, bytes[index] == 0x3B {
                    let token = Token(kind: .value(.textField), start: contentStart, end: lineEndStart, line: startLine)
                    index += 1
                    atLineStart = false
                    return token
                }
            } else {
                index += 1
            }
        }
        throw CIFSyntaxError(line: startLine, block: nil, reason: "unterminated text field (no closing ';' line)")
    }

    mutating func container(startLine: Int) throws(CIFSyntaxError) -> Token {
        let start = index
        var depth = 0
        while index < bytes.count {
            let c = bytes[index]
            switch c {
            case 0x5B, 0x7B: depth += 1; index += 1
            case 0x5D, 0x7D:
                depth -= 1
                index += 1
                if depth == 0 { return Token(kind: .value(.container), start: start, end: index, line: startLine) }
            case 0x27, 0x22: _ = try quoted(quote: c, startLine: line)
            case 0x0A, 0x0D: consumeLineEnd(); atLineStart = false
            default: index += 1
            }
        }
        throw CIFSyntaxError(line: startLine, block: nil, reason: "unterminated CIF2 list or table")
    }
}
