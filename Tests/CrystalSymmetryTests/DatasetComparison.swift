import CrystalModel
import CrystalSpaceGroup

/// Field-by-field comparison of the engine's dataset with spglib's: the fields that differ, empty when every answer is
/// the same (numbers within 1e-8, fractional values modulo 1).
enum DatasetComparison {
    static let tolerance = 1e-8

    static func differences(_ ours: SymmetryDataset, _ spglib: SpglibOracle) -> [String] {
        var out = [String]()
        if ours.spaceGroupNumber != spglib.number { out.append("space group \(ours.spaceGroupNumber) vs \(spglib.number)") }
        if ours.hallNumber != spglib.hallNumber { out.append("Hall number \(ours.hallNumber) vs \(spglib.hallNumber)") }
        if ours.pointGroup != spglib.pointGroup { out.append("point group \(ours.pointGroup) vs \(spglib.pointGroup)") }
        if ours.wyckoffIndices != spglib.wyckoffs { out.append("Wyckoff letters \(String(ours.wyckoffLetters)) vs \(spglib.wyckoffs)") }
        if ours.siteSymmetrySymbols != spglib.siteSymmetrySymbols { out.append("site symmetry \(ours.siteSymmetrySymbols) vs \(spglib.siteSymmetrySymbols)") }
        if ours.equivalentSites != spglib.equivalentAtoms { out.append("orbits") }
        guard out.isEmpty else { return out }
        for i in 0..<3 { for j in 0..<3 where abs(ours.transformationMatrix[i][j] - spglib.transformation[i][j]) > tolerance {
            out.append("transformation \(ours.transformationMatrix) vs \(spglib.transformation)")
        } }
        if !sameModuloOne(ours.originShift, spglib.originShift) { out.append("origin shift \(ours.originShift) vs \(spglib.originShift)") }
        if ours.operations.count != spglib.rotations.count {
            out.append("\(ours.operations.count) vs \(spglib.rotations.count) operations")
        } else {
            for (k, op) in ours.operations.enumerated() where op.rotation.entries != spglib.rotations[k] || !sameModuloOne(op.translation, spglib.translations[k]) {
                out.append("operation \(k): \(op.xyz)")
                break
            }
        }
        let l = ours.standardLattice.rows
        for i in 0..<3 { for j in 0..<3 where abs(l[i][j] - spglib.standardLattice[i][j]) > tolerance * max(1, abs(l[i][j])) {
            out.append("standard lattice")
        } }
        if ours.standardTypes != spglib.standardTypes || ours.standardPositions.count != spglib.standardPositions.count
            || zip(ours.standardPositions, spglib.standardPositions).contains(where: { !sameModuloOne($0, $1) }) {
            out.append("standardized cell")
        }
        return Array(Set(out)).sorted()
    }

    static func sameModuloOne(_ a: Vector3, _ b: Vector3) -> Bool {
        var d = a - b
        d -= d.rounded(.toNearestOrEven)
        return abs(d.x) <= tolerance && abs(d.y) <= tolerance && abs(d.z) <= tolerance
    }
}
