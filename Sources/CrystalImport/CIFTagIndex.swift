import CIFSyntax

/// Finds a block's items by tag regardless of spelling: DDL1 `_cell_length_a` and DDLm `_cell.length_a`
/// are the same item, and tags are compared lower-cased.
struct CIFTagIndex {
    enum Place {
        case pair(CIFValue)
        case column(loop: Int, column: Int)
    }

    let block: CIFBlock
    private var places: [String: Place] = [:]

    init(block: CIFBlock) {
        self.block = block
        for pair in block.pairs {
            let key = Self.normalize(pair.tag)
            if places[key] == nil { places[key] = .pair(pair.value) }
        }
        for (loopIndex, loop) in block.loops.enumerated() {
            for (column, tag) in loop.tags.enumerated() {
                let key = Self.normalize(tag)
                if places[key] == nil { places[key] = .column(loop: loopIndex, column: column) }
            }
        }
    }

    static func normalize(_ tag: String) -> String {
        let dotted = tag.utf8.withContiguousStorageIfAvailable { $0.contains(0x2E) } ?? tag.utf8.contains(0x2E)
        return dotted ? String(decoding: tag.utf8.map { $0 == 0x2E ? 0x5F : $0 }, as: UTF8.self) : tag
    }

    func has(_ tag: String) -> Bool { places[tag] != nil }

    /// A single value: a pair, or the first row of a loop column.
    func value(_ tags: String...) -> CIFValue? {
        for tag in tags {
            switch places[tag] {
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
        switch places[tag] {
        case .pair(let value): return [value]
        case .column(let loop, let column):
            let l = block.loops[loop]
            return (0..<l.rowCount).map { l.value(row: $0, column: column) }
        case nil: return nil
        }
    }

    /// The loop index holding a tag, if it is in a loop.
    func loopIndex(_ tag: String) -> Int? {
        if case .column(let loop, _) = places[tag] { return loop }
        return nil
    }

    func column(_ tag: String, inLoop loop: Int) -> Int? {
        if case .column(let l, let column) = places[tag], l == loop { return column }
        return nil
    }
}
