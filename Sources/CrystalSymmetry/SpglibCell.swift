import CSpglib
import CrystalModel

/// A structure in spglib's layout. The boundary where conventions meet: crystaldb's lattice vectors are
/// rows; spglib's `lattice[3][3]` holds them as columns (`lattice[i][j]` = component i of vector j).
struct SpglibCell {
    typealias Matrix = ((Double, Double, Double), (Double, Double, Double), (Double, Double, Double))

    var lattice: Matrix
    var positions: [(Double, Double, Double)]
    var types: [Int32]
    let count: Int

    init(_ structure: Structure, capacity: Int? = nil) {
        lattice = Self.columns(structure.lattice)
        count = structure.sites.count
        let size = max(capacity ?? count, count)
        positions = [(Double, Double, Double)](repeating: (0, 0, 0), count: size)
        types = [Int32](repeating: 0, count: size)
        for (i, site) in structure.sites.enumerated() {
            positions[i] = (site.position.x, site.position.y, site.position.z)
            types[i] = Int32(site.occupants[0].element.atomicNumber)
        }
    }

    /// Rows -> columns.
    static func columns(_ lattice: Lattice) -> Matrix {
        let a = lattice.a, b = lattice.b, c = lattice.c
        return ((a.x, b.x, c.x), (a.y, b.y, c.y), (a.z, b.z, c.z))
    }

    /// Columns -> rows.
    static func lattice(columns m: Matrix) -> Lattice {
        Lattice(a: Vector3(m.0.0, m.1.0, m.2.0), b: Vector3(m.0.1, m.1.1, m.2.1), c: Vector3(m.0.2, m.1.2, m.2.2))
    }

    mutating func withArguments<R>(_ body: (UnsafeMutablePointer<(Double, Double, Double)>, UnsafeMutablePointer<(Double, Double, Double)>,
                                            UnsafeMutablePointer<Int32>, Int32) -> R) -> R {
        let n = Int32(count)
        return withUnsafeMutablePointer(to: &lattice) { matrix in
            matrix.withMemoryRebound(to: (Double, Double, Double).self, capacity: 3) { latticePointer in
                positions.withUnsafeMutableBufferPointer { p in
                    types.withUnsafeMutableBufferPointer { t in body(latticePointer, p.baseAddress!, t.baseAddress!, n) }
                }
            }
        }
    }

    func structure(count: Int) -> Structure {
        let lattice = Self.lattice(columns: self.lattice)
        let sites = (0..<count).compactMap { i -> Site? in
            guard let element = Element(atomicNumber: Int(types[i])) else { return nil }
            return Site(element: element, position: Vector3(positions[i].0, positions[i].1, positions[i].2))
        }
        return Structure(lattice: lattice, sites: sites)
    }
}
