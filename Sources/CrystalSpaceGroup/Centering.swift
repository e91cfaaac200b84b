import CrystalModel

/// Lattice centring of a conventional cell, as spglib names it.
enum Centering {
    case primitive, body, face, aFace, bFace, cFace, base, rCenter

    init?(spglibName: String) {
        switch spglibName {
        case "PRIMITIVE": self = .primitive
        case "BODY": self = .body
        case "FACE": self = .face
        case "A_FACE": self = .aFace
        case "B_FACE": self = .bFace
        case "C_FACE": self = .cFace
        case "BASE": self = .base
        case "R_CENTER": self = .rCenter
        default: return nil
        }
    }

    /// The centring translations other than zero (spglib's order).
    var shifts: [Vector3] {
        switch self {
        case .primitive, .base: return []
        case .body: return [Vector3(0.5, 0.5, 0.5)]
        case .aFace: return [Vector3(0, 0.5, 0.5)]
        case .bFace: return [Vector3(0.5, 0, 0.5)]
        case .cFace: return [Vector3(0.5, 0.5, 0)]
        case .rCenter: return [Vector3(2.0 / 3, 1.0 / 3, 1.0 / 3), Vector3(1.0 / 3, 2.0 / 3, 2.0 / 3)]
        case .face: return [Vector3(0, 0.5, 0.5), Vector3(0.5, 0, 0.5), Vector3(0.5, 0.5, 0)]
        }
    }

    /// M: conventional fractional coordinates -> coordinates in the primitive basis of the Hall-symbol tables
    /// (integer), and its inverse.
    var toPrimitive: IntMatrix3 {
        switch self {
        case .body: return IntMatrix3(SpglibTables.hallBcc)
        case .face: return IntMatrix3(SpglibTables.hallFcc)
        case .aFace: return IntMatrix3(SpglibTables.hallAc)
        case .bFace: return IntMatrix3(SpglibTables.hallBc)
        case .cFace: return IntMatrix3(SpglibTables.hallCc)
        case .rCenter: return IntMatrix3(SpglibTables.hallRc)
        case .primitive, .base: return .identity
        }
    }

    var fromPrimitive: Matrix3 {
        switch self {
        case .body: return Matrix3(SpglibTables.hallBccInverse)
        case .face: return Matrix3(SpglibTables.hallFccInverse)
        case .aFace: return Matrix3(SpglibTables.hallAcInverse)
        case .bFace: return Matrix3(SpglibTables.hallBcInverse)
        case .cFace: return Matrix3(SpglibTables.hallCcInverse)
        case .rCenter: return Matrix3(SpglibTables.hallRcInverse)
        case .primitive, .base: return .identity
        }
    }

    /// The conventional-to-primitive change of basis used by spglib's cell transformations (`A_mat`, `C_mat`, ...).
    var primitiveBasis: Matrix3? {
        switch self {
        case .primitive: return .identity
        case .aFace: return Matrix3(SpglibTables.aMat)
        case .cFace: return Matrix3(SpglibTables.cMat)
        case .face: return Matrix3(SpglibTables.fMat)
        case .body: return Matrix3(SpglibTables.iMat)
        case .rCenter: return Matrix3(SpglibTables.rMat)
        case .bFace, .base: return nil
        }
    }

    /// The centring of a Hall symbol's lattice letter.
    init(hallSymbol: String) {
        let letter = hallSymbol.first { $0 != "-" && $0 != " " } ?? "P"
        switch letter {
        case "I": self = .body
        case "F": self = .face
        case "A": self = .aFace
        case "B": self = .bFace
        case "C": self = .cFace
        case "R": self = .rCenter
        default: self = .primitive
        }
    }
}
