/// Builds a `CIFDocument` from bytes. A syntax error drops the block it occurs in (the error is
/// returned with its line) and parsing resumes at the next `data_` header, so one bad block does not
/// lose the others.
public enum CIFParser {
    public struct Result: Sendable {
        public let document: CIFDocument
        /// Syntax errors, in file order; each cost the block it names (or the text before the first block).
        public let errors: [CIFSyntaxError]
        /// Recoverable faults: text before the first block, a value without a tag (skipped, block kept).
        public let warnings: [CIFSyntaxError]
    }

    /// Largest input parsed (bytes): values keep 32-bit offsets into it.
    public static let maximumBytes = Int(Int32.max)

    public static func parse(_ bytes: [UInt8]) -> Result {
        guard bytes.count <= maximumBytes else {
            return Result(document: CIFDocument(bytes: []), errors: [CIFSyntaxError(line: 1, block: nil, reason: "file of \(bytes.count) bytes is larger than a CIF may be (2 GiB)")], warnings: [])
        }
        var document = CIFDocument(bytes: bytes)
        let magic: [UInt8] = Array("#\\#CIF_2.0".utf8)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        document.isCIF2 = bytes.count >= start + magic.count && Array(bytes[start..<start + magic.count]) == magic
        var errors = [CIFSyntaxError]()
        var warnings = [CIFSyntaxError]()
        let blocks = bytes.withUnsafeBufferPointer { pointer -> [CIFBlock] in
            var builder = Builder(lexer: CIFLexer(bytes: pointer, isCIF2: document.isCIF2))
            builder.run(errors: &errors)
            warnings = builder.warnings
            return builder.blocks
        }
        document.blocks = blocks
        return Result(document: document, errors: errors, warnings: warnings)
    }
}

private struct Builder {
    var lexer: CIFLexer
    var blocks: [CIFBlock] = []
    var current: CIFBlock?
    var frame: CIFBlock?
    var pending: CIFLexer.Token?
    var warnings: [CIFSyntaxError] = []

    init(lexer: CIFLexer) { self.lexer = lexer }

    mutating func nextToken() throws(CIFSyntaxError) -> CIFLexer.Token {
        if let token = pending {
            pending = nil
            return token
        }
        let token = try lexer.next()
        if !lexer.warnings.isEmpty {
            for warning in lexer.warnings { warnings.append(CIFSyntaxError(line: warning.line, block: current?.name, reason: warning.reason)) }
            lexer.warnings.removeAll()
        }
        return token
    }

    func text(_ token: CIFLexer.Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: lexer.bytes[token.start..<token.end]), as: UTF8.self)
    }

    /// The token's text lower-cased (ASCII letters only), made in place without an intermediate array.
    func lowerText(_ token: CIFLexer.Token) -> String {
        let source = UnsafeBufferPointer(rebasing: lexer.bytes[token.start..<token.end])
        guard source.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: source, as: UTF8.self) }
        var bytes = [UInt8](source)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    func value(_ token: CIFLexer.Token, _ kind: CIFValue.Kind) -> CIFValue {
        CIFValue(start: token.start, end: token.end, line: token.line, kind: kind)
    }

    mutating func finishBlock() {
        if var block = current {
            if let open = frame { block.saveFrames.append(open) }
            blocks.append(block)
        }
        current = nil
        frame = nil
    }

    mutating func run(errors: inout [CIFSyntaxError]) {
        while true {
            do {
                if try !step() { break }
            } catch {
                let blockName = current?.name
                errors.append(CIFSyntaxError(line: error.line, block: blockName, reason: error.reason))
                current = nil
                frame = nil
                if let next = pending, next.kind == .dataHeader { continue }
                pending = nil
                if !skipToNextBlock() { break }
            }
        }
        finishBlock()
    }

    /// Skips tokens (and lexer errors) until a `data_` header; false at the end of input.
    mutating func skipToNextBlock() -> Bool {
        while true {
            defer { lexer.warnings.removeAll() }
            guard let token = try? lexer.next() else {
                // Skip the offending line and go on scanning.
                while lexer.index < lexer.bytes.count, lexer.bytes[lexer.index] != 0x0A, lexer.bytes[lexer.index] != 0x0D {
                    lexer.index += 1
                }
                continue
            }
            if token.kind == .end { return false }
            if token.kind == .dataHeader {
                pending = token
                return true
            }
        }
    }

    /// Handles one statement; false at the end of input.
    mutating func step() throws(CIFSyntaxError) -> Bool {
        let token = try nextToken()
        switch token.kind {
        case .end:
            return false
        case .dataHeader:
            finishBlock()
            current = CIFBlock(name: text(token), line: token.line)
        case .global:
            finishBlock()
            try skipGlobal()
        case .saveHeader:
            guard current != nil else { throw error(token, "save frame outside a data block") }
            if let open = frame { current?.saveFrames.append(open) }
            frame = CIFBlock(name: text(token), line: token.line)
        case .saveEnd:
            guard let open = frame else { throw error(token, "'save_' closes no open save frame") }
            current?.saveFrames.append(open)
            frame = nil
        case .stop:
            break
        case .loop:
            guard current != nil else { throw error(token, "expected block header (data_) before loop_") }
            try parseLoop(at: token)
        case .tag:
            guard current != nil else { throw error(token, "expected block header (data_) before \(text(token))") }
            let next = try nextToken()
            guard case .value(let kind) = next.kind else {
                pending = next
                throw error(token, "tag \(text(token)) has no value")
            }
            append(pair: CIFPair(tag: lowerText(token), value: value(next, kind)))
        case .value:
            if current == nil {
                // Prose before the first block (journal supplements): skipped up to the first data_ header.
                warnings.append(error(token, "text before the first data_ block header ignored: '\(text(token).prefix(40))'"))
                if !skipToNextBlock() { return false }
                return true
            }
            warnings.append(error(token, "value '\(text(token).prefix(40))' without a tag ignored"))
        }
        return true
    }

    mutating func append(pair: CIFPair) {
        if frame != nil { frame!.pairs.append(pair) } else { current!.pairs.append(pair) }
    }

    mutating func parseLoop(at loopToken: CIFLexer.Token) throws(CIFSyntaxError) {
        var tags = [String]()
        var token = try nextToken()
        while token.kind == .tag {
            tags.append(lowerText(token))
            token = try nextToken()
        }
        guard !tags.isEmpty else { throw error(loopToken, "loop_ without tags") }
        var values = [CIFValue]()
        while case .value(let kind) = token.kind {
            values.append(value(token, kind))
            token = try nextToken()
        }
        pending = token
        guard values.count % tags.count == 0 else {
            throw error(loopToken, "loop of \(tags.count) tags has \(values.count) values, not a multiple of \(tags.count)")
        }
        let loop = CIFLoop(tags: tags, values: values, line: loopToken.line)
        if frame != nil { frame!.loops.append(loop) } else { current!.loops.append(loop) }
    }

    mutating func skipGlobal() throws(CIFSyntaxError) {
        while true {
            let token = try nextToken()
            if token.kind == .dataHeader || token.kind == .end {
                pending = token
                return
            }
        }
    }

    func error(_ token: CIFLexer.Token, _ reason: String) -> CIFSyntaxError {
        CIFSyntaxError(line: token.line, block: current?.name, reason: reason)
    }
}
