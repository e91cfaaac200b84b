import CrystalModel

/// A set of elements as two signed 64-bit integers (SQLite's INTEGER): Z = 1...63 in bits 0...62 of
/// `low`, Z = 64...118 in bits 0...54 of `high`. Stored per chemical system so that element filters test
/// bits on ~20k systems instead of reading composition rows.
public struct ElementMask: Hashable, Sendable {
    public var low: Int64 = 0
    public var high: Int64 = 0

    public init() {}

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for element in elements { insert(element) }
    }

    /// From `Fe-Li-O`.
    public init(chemicalSystem: String) {
        self.init(chemicalSystem.split(separator: "-").compactMap { Element(symbol: String($0)) })
    }

    public mutating func insert(_ element: Element) {
        let z = element.atomicNumber
        if z < 64 { low |= Int64(1) << Int64(z - 1) } else { high |= Int64(1) << Int64(z - 64) }
    }
}
