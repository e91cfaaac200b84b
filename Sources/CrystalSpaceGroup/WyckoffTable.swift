import CrystalModel

/// The Wyckoff positions of a Hall setting (International Tables vol. A), as spglib tabulates them: per position,
/// its first coordinate triplet as an affine map onto the position's subspace (e.g. (x, 1/4, 1/2): W = diag(1, 0, 0),
/// w = (0, 1/4, 1/2)), its multiplicity in the conventional cell and its oriented site-symmetry symbol. Ordered from
/// the general position down to 'a'.
struct WyckoffPosition {
    let projection: IntMatrix3
    let translation: Vector3
    let multiplicity: Int
    let siteSymmetry: String
    /// Index of the letter: 0 for 'a'.
    let letterIndex: Int
}

enum WyckoffTable {
    static let positions: [[WyckoffPosition]] = (0...530).map { hall in
        guard hall >= 1 else { return [] }
        let start = SpglibTables.wyckoffStart[hall], end = SpglibTables.wyckoffStart[hall + 1]
        let count = end - start
        return (start..<end).enumerated().map { offset, index in
            let code = SpglibTables.wyckoffCoordinates[index]
            let rotationCode = code % 91125
            let rows = [rotationCode / 2025, (rotationCode % 2025) / 45, rotationCode % 45]
            var entries = [Int]()
            for r in rows { entries += [r / 9 - 2, (r % 9) / 3 - 1, r % 3 - 1] }
            let translationCode = code / 91125
            let t = Vector3(Double(translationCode / 576) / 24, Double((translationCode % 576) / 24) / 24, Double(translationCode % 24) / 24)
            return WyckoffPosition(projection: IntMatrix3(entries), translation: t, multiplicity: SpglibTables.wyckoffMultiplicities[index],
                                   siteSymmetry: SpglibTables.wyckoffSiteSymmetry[index], letterIndex: count - offset - 1)
        }
    }

    /// The letter of a position index: a...z, then `A` for the 27th (alpha in the International Tables), as spglib's
    /// Python API writes it.
    static func letter(_ index: Int) -> Character {
        index < 26 ? Character(UnicodeScalar(UInt8(97 + index))) : "A"
    }
}
