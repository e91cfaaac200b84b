import Foundation
import CrystalModel

/// Lattice vectors within a radius of the origin (the origin itself left out), as pymatgen's
/// `Lattice.get_points_in_sphere` finds them around [0, 0, 0]: every integer combination inside the
/// parallelepiped that holds the sphere (|n_i| <= r / d_i, d_i the spacing of the lattice planes), kept when
/// its length is at most r.
struct LatticePoints {
    struct Point {
        var coefficients: SIMD3<Int>
        var vector: Vector3
        var length: Double
    }

    /// Fractional slack on the radius, as pymatgen's neighbour search (tol = 1e-8).
    static let radiusSlack = 1e-8
    /// Bound on points per search: a radius this many times the cell would be a flat or absurd cell.
    static let maximumPoints = 200_000

    static func within(_ radius: Double, of lattice: Lattice) -> [Point] {
        let volume = lattice.volume
        guard volume > 0, radius.isFinite, radius > 0 else { return [] }
        let spacings = Vector3(volume / lattice.b.cross(lattice.c).length, volume / lattice.c.cross(lattice.a).length,
                               volume / lattice.a.cross(lattice.b).length)
        let limitD = (radius / spacings).rounded(.up)
        guard limitD.x * limitD.y * limitD.z * 8 < Double(maximumPoints) else { return [] }
        let limit = SIMD3<Int>(Int(limitD.x), Int(limitD.y), Int(limitD.z))
        let bound = radius * (1 + radiusSlack)
        var points = [Point]()
        for i in -limit.x...limit.x {
            let u = Double(i) * lattice.a
            for j in -limit.y...limit.y {
                let v = u + Double(j) * lattice.b
                for k in -limit.z...limit.z where i != 0 || j != 0 || k != 0 {
                    let w = v + Double(k) * lattice.c
                    let length = w.length
                    if length <= bound { points.append(Point(coefficients: SIMD3(i, j, k), vector: w, length: length)) }
                }
            }
        }
        return points
    }
}
