/// The 32 crystallographic point groups in spglib's numbering (1...32), with the lattice family (holohedry) and Laue
/// class that decide how the conventional axes are found.
struct PointGroupType {
    enum Holohedry: String { case none = "HOLOHEDRY_NONE", triclinic = "TRICLI", monoclinic = "MONOCLI", orthorhombic = "ORTHO",
                                  tetragonal = "TETRA", trigonal = "TRIGO", hexagonal = "HEXA", cubic = "CUBIC" }
    enum Laue: String { case none = "LAUE_NONE", laue1 = "LAUE1", laue2m = "LAUE2M", laueMMM = "LAUEMMM", laue4m = "LAUE4M",
                             laue4mmm = "LAUE4MMM", laue3 = "LAUE3", laue3m = "LAUE3M", laue6m = "LAUE6M", laue6mmm = "LAUE6MMM",
                             laueM3 = "LAUEM3", laueM3m = "LAUEM3M" }

    let number: Int
    /// Hermann-Mauguin symbol (`m-3m`).
    let symbol: String
    let schoenflies: String
    let holohedry: Holohedry
    let laue: Laue
    /// Counts of rotation types -6 -4 -3 -2 -1 1 2 3 4 6.
    let rotationCounts: [Int]

    static let all: [PointGroupType] = (0..<33).map { n in
        PointGroupType(number: n, symbol: SpglibTables.pointGroupSymbols[n], schoenflies: SpglibTables.pointGroupSchoenflies[n],
                       holohedry: Holohedry(rawValue: SpglibTables.pointGroupHolohedry[n]) ?? .none,
                       laue: Laue(rawValue: SpglibTables.pointGroupLaue[n]) ?? .none,
                       rotationCounts: Array(SpglibTables.pointGroupRotationCounts[(n * 10)..<(n * 10 + 10)]))
    }

    /// The point group number of a symbol (`m-3m` -> 32); nil for an unknown symbol.
    static func number(symbol: String) -> Int? { all.first { $0.number > 0 && $0.symbol == symbol }?.number }

    /// The rotation type slot (0...9 for -6 -4 -3 -2 -1 1 2 3 4 6) of an integer rotation; nil for a matrix that is
    /// no crystallographic rotation.
    static func rotationType(_ w: IntMatrix3) -> Int? {
        let trace = w.trace
        switch w.determinant {
        case -1:
            switch trace { case -2: return 0; case -1: return 1; case 0: return 2; case 1: return 3; case -3: return 4; default: return nil }
        case 1:
            switch trace { case 3: return 5; case -1: return 6; case 0: return 7; case 1: return 8; case 2: return 9; default: return nil }
        default: return nil
        }
    }

    /// The point group of a set of distinct rotations; nil when the counts match none of the 32.
    static func identify(_ rotations: [IntMatrix3]) -> PointGroupType? {
        var counts = [Int](repeating: 0, count: 10)
        for w in rotations {
            guard let type = rotationType(w) else { return nil }
            counts[type] += 1
        }
        return all.first { $0.number > 0 && $0.rotationCounts == counts }
    }
}
