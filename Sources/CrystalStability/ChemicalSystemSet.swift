import CrystalModel

/// Chemical systems as sorted atomic-number lists, for the incremental bookkeeping of hull runs.
enum ChemicalSystemSet {
    typealias Key = [Int]

    static func key(_ composition: Composition) -> Key { composition.elements.map(\.atomicNumber) }

    /// Systems of more elements than this are never enumerated subset by subset (2^k of them).
    static let enumerableElementCount = 20

    /// The systems among `known` that are subsets of `system` (itself included when known), in no particular
    /// order. Enumerates the 2^k - 1 subsets when that is cheaper than scanning `known`, else scans it: a
    /// composition of any number of elements (up to all 118) works.
    static func subsets<Value>(of system: Key, among known: [Key: Value]) -> [Key] {
        if system.count <= enumerableElementCount, (1 << system.count) <= known.count {
            return (1..<(1 << system.count)).compactMap { mask in
                let sub = system.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element)
                return known[sub] == nil ? nil : sub
            }
        }
        return known.keys.filter { isSubset($0, of: system) }
    }

    /// True when every element of `small` is in `large` (both sorted, increasing).
    static func isSubset(_ small: Key, of large: Key) -> Bool {
        guard !small.isEmpty, small.count <= large.count else { return false }
        var j = 0
        for z in small {
            while j < large.count, large[j] < z { j += 1 }
            guard j < large.count, large[j] == z else { return false }
            j += 1
        }
        return true
    }
}
