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

    /// Every non-empty subset of this system (2^k - 1 of them), built from the element list.
    func subsets() -> [ChemicalSystemKey] {
        let zs = atomicNumbers
        var out = [ChemicalSystemKey]()
        out.reserveCapacity((1 << zs.count) - 1)
        for mask in 1..<(1 << zs.count) {
            var key = ChemicalSystemKey()
            for (bit, z) in zs.enumerated() where mask >> bit & 1 == 1 { key.insert(z) }
            out.append(key)
        }
        return out
    }
}
