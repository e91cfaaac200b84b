import Foundation
import CrystalModel

/// One way to see a target cell in a lattice: three lattice vectors whose lengths and angles match the
/// target's, as pymatgen's `Lattice.find_all_mappings` yields them.
struct LatticeMapping {
    /// Rows: the three vectors as integer combinations of the lattice's basis.
    var scale: IntegerMatrix3
    /// The three vectors (Å), in the lattice's Cartesian frame, times the scale factor.
    var aligned: Lattice
}

extension LatticeMapping {
    /// Every triple of vectors (a, b, c) of `points.lattice` scaled by `factor` with |v_i| / L_i strictly
    /// within (1 / (1 + ltol), 1 + ltol) of the target lengths L_i and each angle within `angleTolerance`
    /// degrees (inclusive) of the target's, whose integer matrix has |det| = `determinant`. `points` must
    /// reach max(L_i) (1 + ltol) / factor. Order is not part of the contract.
    static func all(of points: LatticePoints, scaledBy factor: Double, onto targetLengths: Vector3, _ targetAngles: Vector3,
                    lengthTolerance: Double, angleTolerance: Double, determinant: Int) -> [LatticeMapping] {
        let high = 1 + lengthTolerance, low = 1 / (1 + lengthTolerance)
        func candidates(_ target: Double) -> [LatticePoints.Point] {
            points.between(target * low / factor, target * high / factor).filter {
                let ratio = $0.length * factor / target
                return ratio < high && ratio > low
            }
        }
        let ca = candidates(targetLengths.x), cb = candidates(targetLengths.y), cc = candidates(targetLengths.z)
        guard !ca.isEmpty, !cb.isEmpty, !cc.isEmpty else { return [] }
        // |acos(x) - θ| <= tol  <=>  cos(min(180, θ + tol)) <= x <= cos(max(0, θ - tol)), acos decreasing.
        func window(_ angle: Double) -> (Double, Double) {
            (cos(min(180, angle + angleTolerance) * .pi / 180), cos(max(0, angle - angleTolerance) * .pi / 180))
        }
        let alpha = window(targetAngles.x), beta = window(targetAngles.y), gamma = window(targetAngles.z)
        func close(_ u: LatticePoints.Point, _ v: LatticePoints.Point, _ w: (Double, Double)) -> Bool {
            let cosine = u.vector.dot(v.vector) / u.length / v.length
            return cosine >= w.0 && cosine <= w.1
        }
        // alpha between b and c, beta between a and c, gamma between a and b.
        var alphaOK = [Bool](repeating: false, count: cb.count * cc.count)
        for (j, b) in cb.enumerated() { for (k, c) in cc.enumerated() { alphaOK[j * cc.count + k] = close(b, c, alpha) } }
        var betaOK = [Bool](repeating: false, count: cc.count)
        var mappings = [LatticeMapping]()
        for a in ca {
            for (k, c) in cc.enumerated() { betaOK[k] = close(a, c, beta) }
            for (j, b) in cb.enumerated() where close(a, b, gamma) {
                for (k, c) in cc.enumerated() where betaOK[k] && alphaOK[j * cc.count + k] {
                    let scale = IntegerMatrix3(a.coefficients, b.coefficients, c.coefficients)
                    guard abs(scale.determinant) == determinant else { continue }
                    mappings.append(LatticeMapping(scale: scale, aligned: Lattice(a: factor * a.vector, b: factor * b.vector, c: factor * c.vector)))
                }
            }
        }
        return mappings
    }
}
