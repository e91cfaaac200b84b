import CIFSyntax

/// Finds a block's items by tag regardless of spelling: DDL1 `_cell_length_a` and DDLm `_cell.length_a`
/// are the same item, and tags are compared lower-cased.
///
/// A block holds a few dozen tags and a mapper asks for about as many, so the index is a flat list scanned
/// by a 64-bit FNV-1a digest of the normalized tag (a digest match is confirmed by comparing the bytes):
/// cheaper than hashing every tag into a `Dictionary`, and the first place a tag appears wins, as before.
struct CIFTagIndex {
    enum Place {
        case pair(CIFValue)
        case column(loop: Int, column: Int)
    }

    let block: CIFBlock
    /// Digests of the normalized tags, in block order (pairs, then loop columns), beside their tags and places.
    private var digests: [UInt64] = []
    private var tags: [String] = []
    private var places: [Place] = []

    init(block: CIFBlock) {
        self.block = block
        var count = block.pairs.count
        for loop in block.loops { count += loop.tags.count }
        digests.reserveCapacity(count)
        tags.reserveCapacity(count)
        places.reserveCapacity(count)
        for pair in block.pairs { add(pair.tag, .pair(pair.value)) }
        for (loopIndex, loop) in block.loops.enumerated() {
            for (column, tag) in loop.tags.enumerated() { add(tag, .column(loop: loopIndex, column: column)) }
        }
    }

    private mutating func add(_ tag: String, _ place: Place) {
        digests.append(Self.digest(tag))
        tags.append(tag)
        places.append(place)
    }

    /// FNV-1a of the tag with `.` read as `_` (the normalized spelling).
    static func digest(_ tag: String) -> UInt64 {
        var text = tag
        return text.withUTF8 { bytes in
            var state: UInt64 = 0xcbf29ce484222325
            for byte in bytes {
                state ^= UInt64(byte == 0x2E ? 0x5F : byte)
                state &*= 0x100000001b3
            }
            return state
        }
    }

    /// The first place `tag` (normalized, lower-case) appears.
    private func place(_ tag: String) -> Place? {
        let digest = Self.digest(tag)
        for index in digests.indices where digests[index] == digest && Self.sameNormalized(tags[index], tag) { return places[index] }
        return nil
    }

    /// True when `stored`, with `.` read as `_`, spells `wanted`.
    static func sameNormalized(_ stored: String, _ wanted: String) -> Bool {
        var a = stored, b = wanted
        return a.withUTF8 { s in
            b.withUTF8 { w in
                guard s.count == w.count else { return false }
                for index in s.indices where (s[index] == 0x2E ? 0x5F : s[index]) != w[index] { return false }
                return true
            }
        }
    }

    func has(_ tag: String) -> Bool { place(tag) != nil }

    /// A single value: a pair, or the first row of a loop column.
    func value(_ tags: String...) -> CIFValue? {
        for tag in tags {
            switch place(tag) {
            case .pair(let value): return value
            case .column(let loop, let column):
                let l = block.loops[loop]
                if l.rowCount > 0 { return l.value(row: 0, column: column) }
            case nil: continue
            }
        }
        return nil
    }

    /// All values of a tag: one for a pair, a column for a loop.
    func values(_ tag: String) -> [CIFValue]? {
        switch place(tag) {
        case .pair(let value): return [value]
        case .column(let loop, let column):
            let l = block.loops[loop]
            return (0..<l.rowCount).map { l.value(row: $0, column: column) }
        case nil: return nil
        }
    }

    /// The loop index holding a tag, if it is in a loop.
    func loopIndex(_ tag: String) -> Int? {
        if case .column(let loop, _) = place(tag) { return loop }
        return nil
    }

    func column(_ tag: String, inLoop loop: Int) -> Int? {
        if case .column(let l, let column) = place(tag), l == loop { return column }
        return nil
    }
}
