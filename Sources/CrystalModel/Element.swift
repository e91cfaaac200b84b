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
        var it = bytes.makeIterator()
        guard let first = it.next() else { return nil }
        let second = it.next()
        guard it.next() == nil else { return nil }
        self.init(letter: first, second)
    }

    /// Creates an element from one or two ASCII letters, case-insensitive; nil for anything else.
    public init?(letter first: UInt8, _ second: UInt8?) {
        let a = Int(first | 0x20) &- 0x61
        guard a >= 0 && a < 26 else { return nil }
        var b = 0
        if let second {
            b = Int(second | 0x20) &- 0x60
            guard b >= 1 && b <= 26 else { return nil }
        }
        let z = ElementTable.numberByLetters[27 * a + b]
        guard z != 0 else { return nil }
        self.atomicNumber = Int(z)
    }

    public var symbol: String { ElementTable.symbols[atomicNumber - 1] }

    /// Standard atomic weight in g/mol (u), as tabulated by pymatgen (IUPAC values).
    public var atomicMass: Double { ElementTable.masses[atomicNumber - 1] }

    public var description: String { symbol }

    public static func < (lhs: Element, rhs: Element) -> Bool { lhs.atomicNumber < rhs.atomicNumber }
}
