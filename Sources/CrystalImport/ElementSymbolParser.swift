import CrystalModel

/// Reads an element from a CIF atom type symbol or label, the way pymatgen's CifParser does:
/// a few water spellings, then the first two letters (`Na1+` -> Na, `CA` -> Ca), then the first letter
/// (`C12` -> C). Charges, digits and suffixes are ignored.
enum ElementSymbolParser {
    /// Prefixes tried first, in pymatgen's order; water and hydroxyl oxygens count as O (their implicit
    /// hydrogens are not atoms of the model).
    static let special: [(prefix: [UInt8], element: Element)] = [
        ("Hw", "H"), ("Ow", "O"), ("Wat", "O"), ("wat", "O"), ("OH", "O"), ("NO3", "N"),
    ].map { (Array($0.0.utf8), Element(symbol: $0.1)!) }

    static func element(from text: String) -> Element? {
        var text = text
        return text.withUTF8 { element(bytes: $0) }
    }

    static func element(bytes: UnsafeBufferPointer<UInt8>) -> Element? {
        for (prefix, element) in special where bytes.count >= prefix.count && bytes.starts(with: prefix) { return element }
        guard let first = bytes.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return nil }
        if bytes.count >= 2, let two = Element(letter: first, bytes[1]) { return two }
        return Element(letter: first, nil)
    }
}
