/// A chemical element, identified by its atomic number (1...118).
public struct Element: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let atomicNumber: Int

    /// Creates an element from its atomic number, or nil outside 1...118.
    public init?(atomicNumber: Int) {
        guard atomicNumber >= 1, atomicNumber <= ElementTable.symbols.count else { return nil }
        self.atomicNumber = atomicNumber
    }

    /// Creates an element from an exact, case-sensitive symbol such as "Fe"; "D" and "T" are hydrogen.
    public init?(symbol: String) {
        guard let z = ElementTable.numberBySymbol[symbol] else { return nil }
        self.atomicNumber = z
    }

    /// Creates an element from the bytes of a symbol, case-insensitive ("FE", "fe" -> Fe).
    public init?<C: Collection>(symbolBytes bytes: C) where C.Element == UInt8 {
        let count = bytes.count
        guard count == 1 || count == 2 else { return nil }
        var it = bytes.makeIterator()
        guard let first = it.next() else { return nil }
        var key = UInt16(first & 0xDF) << 8
        if let second = it.next() { key |= UInt16(second | 0x20) }
        guard let z = ElementTable.numberByKey[key] else { return nil }
        self.atomicNumber = z
    }

    public var symbol: String { ElementTable.symbols[atomicNumber - 1] }

    /// Standard atomic weight in g/mol (u), as tabulated by pymatgen (IUPAC values).
    public var atomicMass: Double { ElementTable.masses[atomicNumber - 1] }

    public var description: String { symbol }

    public static func < (lhs: Element, rhs: Element) -> Bool { lhs.atomicNumber < rhs.atomicNumber }
}
