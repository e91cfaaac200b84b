/// A CIF value as the lexer found it: a byte range into the document's buffer, its 1-based line and kind.
/// No crystallography here; strings and numbers are made only on request.
public struct CIFValue: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        /// An unquoted word.
        case bare
        /// A single-, double- or triple-quoted string.
        case quoted
        /// A semicolon-delimited text field.
        case textField
        /// `?`: the value is unknown.
        case unknown
        /// `.`: the value is inapplicable.
        case inapplicable
        /// A CIF2 list `[...]` or table `{...}`, kept as raw text.
        case container
    }

    public let start: Int32
    public let end: Int32
    public let line: Int32
    public let kind: Kind

    public init(start: Int, end: Int, line: Int, kind: Kind) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.line = Int32(truncatingIfNeeded: line)
        self.kind = kind
    }

    /// True for `?` and `.`.
    public var isNull: Bool { kind == .unknown || kind == .inapplicable }
}

/// A tag-value pair outside a loop. Tags are kept lower-cased (CIF tags are case-insensitive).
public struct CIFPair: Sendable {
    public let tag: String
    public let value: CIFValue
}

/// A `loop_`: its tags (lower-cased) and its values row by row.
public struct CIFLoop: Sendable {
    public let tags: [String]
    public let values: [CIFValue]
    public let line: Int

    public var rowCount: Int { tags.isEmpty ? 0 : values.count / tags.count }

    public func column(_ tag: String) -> Int? { tags.firstIndex(of: tag) }

    public func value(row: Int, column: Int) -> CIFValue { values[row * tags.count + column] }
}

/// A `data_` block (or a `save_` frame inside one).
public struct CIFBlock: Sendable {
    public let name: String
    public let line: Int
    public internal(set) var pairs: [CIFPair] = []
    public internal(set) var loops: [CIFLoop] = []
    public internal(set) var saveFrames: [CIFBlock] = []

    init(name: String, line: Int) {
        self.name = name
        self.line = line
    }

    /// The value of a pair, or of a one-row loop holding the tag.
    public func value(_ tag: String) -> CIFValue? {
        for pair in pairs where pair.tag == tag { return pair.value }
        for loop in loops where loop.rowCount == 1 {
            if let column = loop.column(tag) { return loop.value(row: 0, column: column) }
        }
        return nil
    }

    /// The loop that holds `tag`.
    public func loop(containing tag: String) -> CIFLoop? {
        loops.first { $0.column(tag) != nil }
    }

    /// Every value under `tag`: a pair's single value, or a loop column.
    public func values(_ tag: String) -> [CIFValue] {
        for pair in pairs where pair.tag == tag { return [pair.value] }
        if let loop = loop(containing: tag), let column = loop.column(tag) {
            return (0..<loop.rowCount).map { loop.value(row: $0, column: column) }
        }
        return []
    }
}

/// A parsed CIF file: the bytes and the blocks that index into them.
public struct CIFDocument: Sendable {
    public let bytes: [UInt8]
    public internal(set) var blocks: [CIFBlock] = []
    /// True when the file starts with the `#\#CIF_2.0` magic comment.
    public internal(set) var isCIF2 = false

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The value's text (quotes removed; a text field without its delimiting line ends).
    public func string(_ value: CIFValue) -> String {
        String(decoding: bytes[Int(value.start)..<Int(value.end)], as: UTF8.self)
    }

    /// The value's raw bytes.
    public func slice(_ value: CIFValue) -> ArraySlice<UInt8> { bytes[Int(value.start)..<Int(value.end)] }

    /// The value as a CIF number, standard uncertainty dropped; nil for `?`, `.` or non-numbers.
    public func number(_ value: CIFValue) -> Double? {
        guard !value.isNull, value.kind != .container else { return nil }
        return CIFNumber.parse(slice(value))?.value
    }
}
