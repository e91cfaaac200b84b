import Foundation
import CrystalModel

/// One way to see a target cell in a lattice: three lattice vectors whose lengths and angles match the
/// target's, as pymatgen's `Lattice.find_all_mappings` yields them.
struct LatticeMapping {
    /// Rows: the three vectors as integer combinations of the lattice's basis.
    var scale: IntegerMatrix3
    /// The three vectors (Å), in the lattice's Cartesian frame.
    var aligned: Lattice
}

extension LatticeMapping {
    /// Every triple of vectors of `lattice` (a, b, c) with |v_i| / L_i strictly within (1 / (1 + ltol), 1 + ltol)
    /// of the target lengths L_i and each angle within `angleTolerance` degrees (inclusive) of the target's,
    /// whose integer matrix has |det| = `determinant`. Order is not part of the contract.
    static func all(of lattice: Lattice, onto targetLengths: Vector3, _ targetAngles: Vector3,
                    lengthTolerance: Double, angleTolerance: Double, determinant: Int) -> [LatticeMapping] {
        let maximum = max(targetLengths.x, targetLengths.y, targetLengths.z)
        let points = LatticePoints.within(maximum * (1 + lengthTolerance), of: lattice)
        let high = 1 + lengthTolerance, low = 1 / (1 + lengthTolerance)
        func candidates(_ target: Double) -> [LatticePoints.Point] {
            points.filter { $0.length / target < high && $0.length / target > low }
        }
        let ca = candidates(targetLengths.x), cb = candidates(targetLengths.y), cc = candidates(targetLengths.z)
        guard !ca.isEmpty, !cb.isEmpty, !cc.isEmpty else { return [] }
        func close(_ u: LatticePoints.Point, _ v: LatticePoints.Point, _ target: Double) -> Bool {
            let cosine = min(1, max(-1, u.vector.dot(v.vector) / u.length / v.length))
            return abs(acos(cosine) * 180 / .pi - target) <= angleTolerance
        }
        // alpha between b and c, beta between a and c, gamma between a and b.
        let alphaOK = cb.map { b in cc.map { c in close(b, c, targetAngles.x) } }
        var mappings = [LatticeMapping]()
        for a in ca {
            let betaOK = cc.map { c in close(a, c, targetAngles.y) }
            for (j, b) in cb.enumerated() where close(a, b, targetAngles.z) {
                for (k, c) in cc.enumerated() where betaOK[k] && alphaOK[j][k] {
                    let scale = IntegerMatrix3(a.coefficients, b.coefficients, c.coefficients)
                    guard abs(scale.determinant) == determinant else { continue }
                    mappings.append(LatticeMapping(scale: scale, aligned: Lattice(a: a.vector, b: b.vector, c: c.vector)))
                }
            }
        }
        return mappings
    }
}
