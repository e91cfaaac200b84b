import CSpglib
import CrystalModel
import Foundation

/// Proves, without spglib's dataset, that a structure's only symmetry operation is the identity (space group P1).
///
/// spglib 2.0's dataset costs about 0.5 ms per structure whatever the structure: 96% of it is a brute-force
/// lattice search over 26^3 integer matrices (measured with callgrind; see the README). This check takes spglib's
/// own steps (pure translations; lattice rotations whose columns are among the 26 short vectors of spglib's twice
/// Delaunay-reduced cell; translations that carry a site of the rarest species onto a site of its species) with
/// the candidates pruned by length first, every tolerance looser than spglib's and distances never longer.
/// So every operation spglib would accept passes here too: when none but the identity does, spglib's answer is P1
/// with each site its own orbit. Anything else is left to spglib.
enum TrivialSymmetry {
    /// Factor on symprec for the loose length and distance tests.
    static let toleranceFactor = 2.0
    /// Degrees added to the angle tolerance for the loose angle test.
    static let angleMarginDegrees = 1.0
    /// Candidate operations times sites beyond which the proof is not tried: each candidate may scan the sites
    /// once, and past this (large cells in high-symmetry lattices, e.g. amorphous boxes) spglib's sorted search
    /// is the cheaper one. Below it the proof costs less than spglib's fixed lattice search.
    static let maximumWork = 200_000

    static func isP1(_ structure: Structure, symprec: Double, angleTolerance: Double) -> Bool {
        let n = structure.sites.count
        guard n > 0 else { return false }
        let tolerance = symprec * toleranceFactor
        let types = structure.sites.map { $0.occupants[0].element.atomicNumber }
        let anchor = indexOfRarestSpecies(types)
        let anchorSpecies = types.lazy.filter { $0 == types[anchor] }.count
        guard anchorSpecies * n <= maximumWork else { return false }
        let input = structure.sites.map(\.position)
        // Pure translations.
        for j in 0..<n where j != anchor && types[j] == types[anchor] {
            if mapsAllSites(input, types, structure.lattice, rotation: nil, translation: input[j] - input[anchor], tolerance: tolerance) {
                return false
            }
        }
        // Without pure translations spglib's primitive cell is the Delaunay-reduced input cell; it looks for
        // lattice rotations in that cell reduced once more, then for translations in the primitive cell.
        guard let primitive = delaunayReduced(structure.lattice, symprec: symprec),
              let searched = delaunayReduced(primitive, symprec: symprec) else { return false }
        var positions = [Vector3]()
        positions.reserveCapacity(n)
        for site in input {
            guard let p = primitive.fractional(structure.lattice.cartesian(site)) else { return false }
            positions.append(p)
        }
        // x_primitive = M x_searched: M's columns are the searched cell's vectors in the primitive cell.
        var columns = [Vector3]()
        for v in [searched.a, searched.b, searched.c] {
            guard let m = primitive.fractional(v) else { return false }
            columns.append(m.rounded(.toNearestOrAwayFromZero))
        }
        let change = Matrix3(columns: columns[0], columns[1], columns[2])
        guard let inverse = change.inverse else { return false }
        let rotations = latticeRotations(searched, tolerance: tolerance, angleTolerance: angleTolerance)
        guard rotations.count * anchorSpecies * n <= maximumWork else { return false }
        for searchedRotation in rotations {
            let rotation = change * searchedRotation * inverse
            let origin = rotation.apply(positions[anchor])
            for j in 0..<n where types[j] == types[anchor] {
                if mapsAllSites(positions, types, primitive, rotation: rotation, translation: positions[j] - origin, tolerance: tolerance) {
                    return false
                }
            }
        }
        return true
    }

    /// The first site of the species with the fewest sites.
    static func indexOfRarestSpecies(_ types: [Int]) -> Int {
        var counts = [Int: Int]()
        for t in types { counts[t, default: 0] += 1 }
        var best = 0
        for (i, t) in types.enumerated() where counts[t]! < counts[types[best]]! { best = i }
        return best
    }

    static func delaunayReduced(_ lattice: Lattice, symprec: Double) -> Lattice? {
        SpglibCell.reduced(lattice) { spg_delaunay_reduce($0, symprec) }
    }

    /// Every site, moved by the operation, lands within `tolerance` (Å) of a site of its species; distances as
    /// spglib takes them (the fractional difference less its nearest integers, in the same cell).
    static func mapsAllSites(_ positions: [Vector3], _ types: [Int], _ lattice: Lattice, rotation: Matrix3?,
                             translation: Vector3, tolerance: Double) -> Bool {
        let limit = tolerance * tolerance
        for i in positions.indices {
            let moved = (rotation?.apply(positions[i]) ?? positions[i]) + translation
            var found = false
            for k in positions.indices where types[k] == types[i] {
                var d = moved - positions[k]
                d -= d.rounded(.toNearestOrAwayFromZero)
                let v = lattice.cartesian(d)
                if v.dot(v) < limit {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }

    /// Integer matrices other than the identity whose columns, among the 26 vectors with components in {-1, 0, 1},
    /// keep the reduced cell's lengths and angles within the loose tolerances (spglib's lattice symmetry test).
    static func latticeRotations(_ lattice: Lattice, tolerance: Double, angleTolerance: Double) -> [Matrix3] {
        let basis = [lattice.a, lattice.b, lattice.c]
        let lengths = basis.map(\.length)
        var vectors = [(coefficients: Vector3, cartesian: Vector3, length: Double)]()
        for x in -1...1 { for y in -1...1 { for z in -1...1 where x != 0 || y != 0 || z != 0 {
            let v = Double(x) * lattice.a + Double(y) * lattice.b + Double(z) * lattice.c
            vectors.append((Vector3(Double(x), Double(y), Double(z)), v, v.length))
        } } }
        let candidates = (0..<3).map { k in vectors.filter { abs($0.length - lengths[k]) <= tolerance } }
        func sameAngle(_ u: (cartesian: Vector3, length: Double), _ v: (cartesian: Vector3, length: Double), _ j: Int, _ k: Int) -> Bool {
            let cosOriginal = basis[j].dot(basis[k]) / (lengths[j] * lengths[k])
            let cosRotated = u.cartesian.dot(v.cartesian) / (u.length * v.length)
            if angleTolerance > 0 {
                let degrees = 180 / Double.pi
                return abs(acos(max(-1, min(1, cosOriginal))) - acos(max(-1, min(1, cosRotated)))) * degrees
                    <= angleTolerance + angleMarginDegrees
            }
            // spglib's test without an angle tolerance: the sine of the angle change times the mean lengths.
            let x = cosOriginal * cosRotated + (max(0, 1 - cosOriginal * cosOriginal) * max(0, 1 - cosRotated * cosRotated)).squareRoot()
            let meanLengths = (lengths[j] + u.length) * (lengths[k] + v.length) / 4
            return (1 - x * x) * meanLengths <= tolerance * tolerance
        }
        var rotations = [Matrix3]()
        for u in candidates[0] {
            for v in candidates[1] where sameAngle((u.cartesian, u.length), (v.cartesian, v.length), 0, 1) {
                for w in candidates[2] where sameAngle((u.cartesian, u.length), (w.cartesian, w.length), 0, 2)
                    && sameAngle((v.cartesian, v.length), (w.cartesian, w.length), 1, 2) {
                    let rotation = Matrix3(columns: u.coefficients, v.coefficients, w.coefficients)
                    if abs(rotation.determinant) == 1 && !rotation.isIdentity { rotations.append(rotation) }
                }
            }
        }
        return rotations
    }
}

/// A 3x3 matrix acting on fractional coordinates (x' = R x), given by its columns; here always small integers
/// (rotations and changes of cell), which doubles hold exactly.
struct Matrix3 {
    let c0: Vector3, c1: Vector3, c2: Vector3

    init(columns c0: Vector3, _ c1: Vector3, _ c2: Vector3) {
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
    }

    var determinant: Double { c0.dot(c1.cross(c2)) }

    var isIdentity: Bool { c0 == Vector3(1, 0, 0) && c1 == Vector3(0, 1, 0) && c2 == Vector3(0, 0, 1) }

    func apply(_ p: Vector3) -> Vector3 { p.x * c0 + p.y * c1 + p.z * c2 }

    static func * (a: Matrix3, b: Matrix3) -> Matrix3 { Matrix3(columns: a.apply(b.c0), a.apply(b.c1), a.apply(b.c2)) }

    /// The inverse of a unimodular matrix (rows of the inverse are the cross products over the determinant).
    var inverse: Matrix3? {
        let det = determinant
        guard abs(abs(det) - 1) < 1e-9 else { return nil }
        let r0 = c1.cross(c2) / det, r1 = c2.cross(c0) / det, r2 = c0.cross(c1) / det
        return Matrix3(columns: Vector3(r0.x, r1.x, r2.x), Vector3(r0.y, r1.y, r2.y), Vector3(r0.z, r1.z, r2.z))
    }
}
