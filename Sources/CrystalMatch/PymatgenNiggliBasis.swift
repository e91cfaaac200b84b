import Foundation
import CrystalModel

/// The Niggli cell in the basis pymatgen's `Lattice.get_niggli_reduced_lattice` returns: the reduced cell's
/// parameters (`NiggliReduction`), then the first triple of lattice vectors, in pymatgen's search order
/// (`SphereSearchOrder`), whose lengths match within the relative tolerance ε = 1e-5 V^(1/3) and angles
/// within 1° (`find_mapping`: a positive determinant preferred), negated when left-handed.
///
/// StructureMatcher's decisions do not depend on which reduced basis is used, but pymatgen's primitive-cell
/// search does at its tolerance (per-axis fractional tolerances, which sub-cell is met first), so the
/// reduced cells follow pymatgen's choice.
enum PymatgenNiggliBasis {
    /// pymatgen's angle tolerance when it orients the reduced cell (degrees).
    static let angleTolerance = 1.0

    /// The reduced lattice and the unimodular matrix with `reduced = transform.apply(to: lattice)`.
    static func reduce(_ lattice: Lattice) -> (lattice: Lattice, transform: IntegerMatrix3)? {
        guard let (reduced, fallback) = NiggliReduction.reduce(lattice) else { return nil }
        let epsilon = NiggliReduction.relativeTolerance * Foundation.cbrt(lattice.volume)
        let lengths = reduced.lengths, angles = reduced.anglesInDegrees
        let radius = max(lengths.x, lengths.y, lengths.z) * (1 + epsilon)
        let points = SphereSearchOrder.points(lattice, radius: radius)
        func candidates(_ length: Double) -> [SphereSearchOrder.Point] {
            points.filter { $0.length / length < 1 + epsilon && $0.length / length > 1 / (1 + epsilon) }
        }
        let ca = candidates(lengths.x), cb = candidates(lengths.y), cc = candidates(lengths.z)
        func angle(_ u: SphereSearchOrder.Point, _ v: SphereSearchOrder.Point) -> Double {
            let lu = u.vector.dot(u.vector).squareRoot(), lv = v.vector.dot(v.vector).squareRoot()
            return acos(min(1, max(-1, u.vector.dot(v.vector) / lu / lv))) * 180 / .pi
        }
        func close(_ value: Double, _ target: Double) -> Bool { Swift.abs(value - target) <= angleTolerance }
        var first: IntegerMatrix3?
        var chosen: IntegerMatrix3?
        search: for a in ca {
            for b in cb where close(angle(a, b), angles.z) {
                guard close(angle(a, b), angles.z) else { continue }
                for c in cc where close(angle(a, c), angles.y) && close(angle(b, c), angles.x) {
                    let scale = IntegerMatrix3(a.coefficients, b.coefficients, c.coefficients)
                    let determinant = scale.determinant
                    guard determinant != 0 else { continue }
                    if first == nil { first = scale }
                    if determinant > 0 { chosen = scale; break search }
                }
            }
        }
        guard var transform = chosen ?? first else { return (reduced, fallback) }
        if transform.apply(to: lattice).signedVolume < 0 { transform = -transform }
        guard Swift.abs(transform.determinant) == 1 else { return (reduced, fallback) }
        return (transform.apply(to: lattice), transform)
    }
}
