import Foundation

/// A periodic cell. Convention (written once): lattice vectors are the ROWS of `matrix`, in Å,
/// as in POSCAR, pymatgen and ASE; a Cartesian position is `frac.x * a + frac.y * b + frac.z * c`.
public struct Lattice: Hashable, Sendable {
    /// Rows a, b, c in Å.
    public let a: Vector3, b: Vector3, c: Vector3

    public init(a: Vector3, b: Vector3, c: Vector3) {
        self.a = a
        self.b = b
        self.c = c
    }

    public init(rows: [[Double]]) {
        self.init(a: Vector3(rows[0][0], rows[0][1], rows[0][2]),
                  b: Vector3(rows[1][0], rows[1][1], rows[1][2]),
                  c: Vector3(rows[2][0], rows[2][1], rows[2][2]))
    }

    /// Builds the cell from lengths (Å) and angles (degrees) in pymatgen's orientation
    /// (`Lattice.from_parameters`, vesta=False): c along z, a in the xz plane.
    public init(lengths: Vector3, anglesInDegrees angles: Vector3) {
        let (alpha, beta, gamma) = (angles.x * .pi / 180, angles.y * .pi / 180, angles.z * .pi / 180)
        var value = (cos(alpha) * cos(beta) - cos(gamma)) / (sin(alpha) * sin(beta))
        value = max(-1, min(1, value))
        let gammaStar = acos(value)
        self.init(a: Vector3(lengths.x * sin(beta), 0, lengths.x * cos(beta)),
                  b: Vector3(-lengths.y * sin(alpha) * cos(gammaStar), lengths.y * sin(alpha) * sin(gammaStar),
                             lengths.y * cos(alpha)),
                  c: Vector3(0, 0, lengths.z))
    }

    public var rows: [Vector3] { [a, b, c] }

    /// Lengths |a|, |b|, |c| in Å.
    public var lengths: Vector3 { Vector3(a.length, b.length, c.length) }

    /// alpha (b,c), beta (a,c), gamma (a,b) in degrees.
    public var anglesInDegrees: Vector3 {
        func angle(_ u: Vector3, _ v: Vector3) -> Double {
            let cosine = max(-1, min(1, u.dot(v) / (u.length * v.length)))
            return acos(cosine) * 180 / .pi
        }
        return Vector3(angle(b, c), angle(a, c), angle(a, b))
    }

    /// Signed volume a · (b × c) in Å^3; negative for a left-handed cell.
    public var signedVolume: Double { a.dot(b.cross(c)) }
    public var volume: Double { abs(signedVolume) }

    public func cartesian(_ frac: Vector3) -> Vector3 { frac.x * a + frac.y * b + frac.z * c }

    /// Fractional coordinates of a Cartesian position (Å); nil for a singular cell.
    public func fractional(_ cart: Vector3) -> Vector3? {
        let det = signedVolume
        guard det != 0, det.isFinite else { return nil }
        let bc = b.cross(c), ca = c.cross(a), ab = a.cross(b)
        return Vector3(cart.dot(bc), cart.dot(ca), cart.dot(ab)) / det
    }

    public func scaled(by factor: Double) -> Lattice { Lattice(a: a * factor, b: b * factor, c: c * factor) }
}
