import CrystalModel

/// A set of elements as a 128-bit mask over atomic numbers; subsets by bit arithmetic.
struct ChemicalSystemKey: Hashable, Comparable {
    var low: UInt64
    var high: UInt64

    init(low: UInt64 = 0, high: UInt64 = 0) {
        self.low = low
        self.high = high
    }

    init(_ elements: [Element]) {
        self.init()
        for element in elements { insert(element.atomicNumber) }
    }

    mutating func insert(_ z: Int) {
        if z < 64 { low |= 1 << UInt64(z) } else { high |= 1 << UInt64(z - 64) }
    }

    var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    /// Atomic numbers in increasing order.
    var atomicNumbers: [Int] {
        var out = [Int]()
        out.reserveCapacity(count)
        var bits = low
        while bits != 0 {
            out.append(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        bits = high
        while bits != 0 {
            out.append(64 + bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        return out
    }

    func isSubset(of other: ChemicalSystemKey) -> Bool { low & ~other.low == 0 && high & ~other.high == 0 }

    static func < (l: ChemicalSystemKey, r: ChemicalSystemKey) -> Bool {
        (l.count, l.high, l.low) < (r.count, r.high, r.low)
    }

    /// Systems of more elements than this are never enumerated subset by subset (2^k of them).
    static let enumerableElementCount = 20

    /// The systems among `known` that are subsets of this one (itself included when known), in increasing
    /// 128-bit mask order: the order of enumerating subsets by a mask over the element list. Enumerates the
    /// 2^k - 1 subsets when that is cheaper than scanning `known`, else scans it, so a system of any number of
    /// elements (up to all 118) works and the order, hence every LP's column order, is the same either way.
    func subsets<Value>(among known: [ChemicalSystemKey: Value]) -> [ChemicalSystemKey] {
        let zs = atomicNumbers
        if zs.count <= Self.enumerableElementCount, (1 << zs.count) <= known.count {
            var out = [ChemicalSystemKey]()
            for mask in 1..<(1 << zs.count) {
                var key = ChemicalSystemKey()
                for (bit, z) in zs.enumerated() where mask >> bit & 1 == 1 { key.insert(z) }
                if known[key] != nil { out.append(key) }
            }
            return out
        }
        return known.keys.filter { !$0.isEmpty && $0.isSubset(of: self) }.sorted { ($0.high, $0.low) < ($1.high, $1.low) }
    }

    var isEmpty: Bool { low == 0 && high == 0 }
}
