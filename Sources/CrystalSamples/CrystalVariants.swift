import Foundation
import CrystalModel

/// The same crystal described another way, as real data describe it: in a supercell, with its origin moved, with its
/// axes permuted, with its atoms displaced by small noise.
public enum CrystalVariants {
    /// The supercell whose lattice rows are `matrix` (integer rows, determinant > 0) times the cell's rows.
    public static func supercell(_ s: Structure, _ matrix: [[Int]]) -> Structure {
        let rows = s.lattice.rows
        func row(_ i: Int) -> Vector3 { Double(matrix[i][0]) * rows[0] + Double(matrix[i][1]) * rows[1] + Double(matrix[i][2]) * rows[2] }
        let lattice = Lattice(a: row(0), b: row(1), c: row(2))
        let span = matrix.flatMap { $0 }.map(abs).reduce(0, +)
        var sites = [Site]()
        for site in s.sites {
            let cartesian = s.lattice.cartesian(site.position)
            for i in -span...span { for j in -span...span { for k in -span...span {
                let shifted = cartesian + Double(i) * rows[0] + Double(j) * rows[1] + Double(k) * rows[2]
                guard var p = lattice.fractional(shifted) else { continue }
                guard p.min() > -1e-9, p.max() < 1 - 1e-9 else { continue }
                p -= p.rounded(.down)
                if !sites.contains(where: { close($0.position, p) && $0.occupants == site.occupants }) {
                    sites.append(Site(position: p, occupants: site.occupants))
                }
            } } }
        }
        return Structure(lattice: lattice, sites: sites)
    }

    static func close(_ p: Vector3, _ q: Vector3) -> Bool {
        var d = p - q
        d -= d.rounded(.toNearestOrEven)
        return abs(d.x) < 1e-7 && abs(d.y) < 1e-7 && abs(d.z) < 1e-7
    }

    /// Every fractional position moved by `shift` (wrapped into [0, 1)).
    public static func shifted(_ s: Structure, by shift: Vector3) -> Structure {
        Structure(lattice: s.lattice, sites: s.sites.map { site in
            var p = site.position + shift
            p -= p.rounded(.down)
            return Site(position: p, occupants: site.occupants)
        })
    }

    /// Axes cycled: (a, b, c) -> (b, c, a), coordinates with them.
    public static func cycledAxes(_ s: Structure) -> Structure {
        Structure(lattice: Lattice(a: s.lattice.b, b: s.lattice.c, c: s.lattice.a), sites: s.sites.map { site in
            Site(position: Vector3(site.position.y, site.position.z, site.position.x), occupants: site.occupants)
        })
    }

    /// Axes swapped with a sign flip that keeps the cell right-handed: (a, b, c) -> (b, a, -c).
    public static func swappedAxes(_ s: Structure) -> Structure {
        Structure(lattice: Lattice(a: s.lattice.b, b: s.lattice.a, c: -s.lattice.c), sites: s.sites.map { site in
            var p = Vector3(site.position.y, site.position.x, -site.position.z)
            p -= p.rounded(.down)
            return Site(position: p, occupants: site.occupants)
        })
    }

    /// Every atom displaced by a random Cartesian vector of length up to `amplitude` (Å).
    public static func shaken<R: RandomNumberGenerator>(_ s: Structure, by amplitude: Double, using rng: inout R) -> Structure {
        Structure(lattice: s.lattice, sites: s.sites.map { site in
            var direction = Vector3.zero
            repeat {
                direction = Vector3(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng))
            } while direction.length > 1 || direction.length < 1e-3
            let displacement = direction / direction.length * Double.random(in: 0...amplitude, using: &rng)
            guard let delta = s.lattice.fractional(displacement) else { return site }
            var p = site.position + delta
            p -= p.rounded(.down)
            return Site(position: p, occupants: site.occupants)
        })
    }
}
