import CrystalModel

/// A primitive cell of a structure and how its atoms relate to the input's, found as spglib finds it: the pure
/// translations (anchored on the rarest species) give the primitive lattice (the first three of them and the unit
/// vectors spanning 1/n of the volume, then Delaunay-reduced), and the atoms that coincide there are averaged
/// (`trim`). Without pure translations the primitive cell is the input cell, Delaunay-reduced.
struct PrimitiveCell {
    var cell: SearchCell
    /// For each input atom, its atom in the primitive cell.
    var mapping: [Int]
    /// The tolerance at which it was found (spglib lowers it when the translations are inconsistent).
    var tolerance: Double
    var angleTolerance: Double

    static let reductionRate = 0.95
    static let attempts = 20

    /// spglib's `prm_get_primitive`: up to 20 attempts, lowering the tolerance by 5% each time.
    static func find(_ cell: SearchCell, tolerance: Double, angleTolerance: Double) -> PrimitiveCell? {
        var t = tolerance
        for _ in 0..<attempts {
            let search = OperationSearch(cell: cell, tolerance: t)
            let pure = search.translations(for: .identity)
            if !pure.isEmpty, let found = make(cell, pureTranslations: pure, tolerance: t, angleTolerance: angleTolerance) {
                return found
            }
            t *= reductionRate
        }
        return nil
    }

    static func make(_ cell: SearchCell, pureTranslations: [Vector3], tolerance: Double, angleTolerance: Double) -> PrimitiveCell? {
        if pureTranslations.count == 1 {
            guard let reduced = DelaunayReduction.reduce(cell.lattice, tolerance: tolerance),
                  let inverse = reduced.inverse() else { return nil }
            let change = inverse * cell.lattice
            var positions = [Vector3]()
            positions.reserveCapacity(cell.count)
            for p in cell.positions {
                let q = change * p
                positions.append(Vector3(reducedModuloOne(q.x), reducedModuloOne(q.y), reducedModuloOne(q.z)))
            }
            return PrimitiveCell(cell: SearchCell(lattice: reduced, positions: positions, types: cell.types),
                                 mapping: Array(0..<cell.count), tolerance: tolerance, angleTolerance: angleTolerance)
        }
        guard let lattice = primitiveLattice(cell, pureTranslations: pureTranslations, tolerance: tolerance, angleTolerance: angleTolerance),
              let (trimmed, mapping) = trim(cell, to: lattice, tolerance: tolerance) else { return nil }
        return PrimitiveCell(cell: trimmed, mapping: mapping, tolerance: tolerance, angleTolerance: angleTolerance)
    }

    /// spglib's `get_primitive_lattice_vectors`: three of the translations (and unit vectors) spanning 1/n of the
    /// cell; when none do, the translations are checked one by one and the tolerance lowered.
    static func primitiveLattice(_ cell: SearchCell, pureTranslations: [Vector3], tolerance: Double, angleTolerance: Double) -> Matrix3? {
        var translations = pureTranslations
        var t = tolerance
        for _ in 0..<attempts {
            let multiplicity = translations.count
            var vectors = Array(translations.dropFirst())
            vectors += [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)]
            if let lattice = latticeFromVectors(vectors, cell: cell, multiplicity: multiplicity, tolerance: t) {
                return DelaunayReduction.reduce(lattice, tolerance: tolerance)
            }
            // Keep only translations that really are symmetries at this tolerance, then loosen nothing but retry.
            let search = OperationSearch(cell: cell, tolerance: t)
            translations = translations.filter { search.isSymmetry(rotation: .identity, translation: $0, identity: false) }
            if translations.isEmpty { return nil }
            t *= reductionRate
        }
        return nil
    }

    /// The first triple of vectors (in order) whose cell has 1/multiplicity of the volume, cleaned to an exact
    /// inverse-integer change of basis.
    static func latticeFromVectors(_ vectors: [Vector3], cell: SearchCell, multiplicity: Int, tolerance: Double) -> Matrix3? {
        let initialVolume = abs(cell.lattice.determinant)
        let size = vectors.count
        var chosen: (Vector3, Vector3, Vector3)?
        search: for i in 0..<size {
            for j in (i + 1)..<size {
                for k in (j + 1)..<size {
                    let trial = Matrix3(columns: cell.lattice * vectors[i], cell.lattice * vectors[j], cell.lattice * vectors[k])
                    let volume = abs(trial.determinant)
                    if volume > tolerance, nearestInteger(initialVolume / volume) == Double(size - 2) {
                        chosen = (vectors[i], vectors[j], vectors[k])
                        break search
                    }
                }
            }
        }
        guard let (u, v, w) = chosen else { return nil }
        var relative = Matrix3(columns: u, v, w)
        if let inverse = relative.inverse() {
            let integral = inverse.rounded
            if abs(integral.determinant) == size - 2, let cleaned = Matrix3(integral).inverse() { relative = cleaned }
        }
        return cell.lattice * relative
    }

    /// spglib's `trim_cell`: atoms re-expressed in the smaller lattice, grouped when they coincide (the grouping
    /// tolerance doubled when a group is short, lowered 5% when one is too large, up to 100 times), each group
    /// averaged (positions across the cell boundary taken next to the group's first atom).
    static func trim(_ cell: SearchCell, to lattice: Matrix3, tolerance: Double) -> (SearchCell, [Int])? {
        let n = cell.count
        let ratio = Int(abs(nearestInteger(cell.lattice.determinant / lattice.determinant)))
        guard ratio > 0, let inverse = lattice.inverse(precision: tolerance) else { return nil }
        guard abs((inverse * cell.lattice).rounded.determinant) == ratio, n % ratio == 0 else { return nil }
        guard let inverseExact = lattice.inverse() else { return nil }
        let change = inverseExact * cell.lattice
        var positions = [Vector3]()
        positions.reserveCapacity(n)
        for p in cell.positions {
            let q = change * p
            positions.append(Vector3(reducedModuloOne(q.x), reducedModuloOne(q.y), reducedModuloOne(q.z)))
        }
        guard let overlap = overlapTable(positions, types: cell.types, lattice: lattice, ratio: ratio, tolerance: tolerance) else { return nil }
        var mapping = [Int](repeating: 0, count: n)
        var types = [Int32]()
        for i in 0..<n {
            if overlap[i] == i {
                mapping[i] = types.count
                types.append(cell.types[i])
            } else {
                mapping[i] = mapping[overlap[i]]
            }
        }
        var sums = [Vector3](repeating: .zero, count: types.count)
        for i in 0..<n {
            let j = mapping[i], k = overlap[i]
            var p = positions[i]
            for l in 0..<3 where abs(positions[k][l] - positions[i][l]) > 0.5 {
                p[l] += positions[i][l] < positions[k][l] ? 1 : -1
            }
            sums[j] += p
        }
        let averaged = sums.map { s -> Vector3 in
            let a = s / Double(ratio)
            return Vector3(reducedModuloOne(a.x), reducedModuloOne(a.y), reducedModuloOne(a.z))
        }
        return (SearchCell(lattice: lattice, positions: averaged, types: types), mapping)
    }

    static func overlapTable(_ positions: [Vector3], types: [Int32], lattice: Matrix3, ratio: Int, tolerance: Double) -> [Int]? {
        let n = positions.count
        var table = [Int](repeating: 0, count: n)
        var t = tolerance
        attempt: for _ in 0..<100 {
            // Large cells take, among the atoms near each one (`FractionalGrid`), the first that the scan would.
            let grid = n >= SearchCell.gridThreshold
                ? FractionalGrid(positions, slack: OverlapTest(lattice: lattice, tolerance: t, strict: true).slack) : nil
            for i in 0..<n {
                table[i] = i
                if let grid {
                    var best = i
                    grid.forEachCandidate(near: positions[i]) { j in
                        if j < best, types[i] == types[j], table[j] == j,
                           SearchCell.overlaps(positions[i], positions[j], lattice: lattice, tolerance: t) { best = j }
                    }
                    table[i] = best
                    continue
                }
                for j in 0..<n where types[i] == types[j] {
                    if SearchCell.overlaps(positions[i], positions[j], lattice: lattice, tolerance: t), j <= i, table[j] == j {
                        table[i] = j
                        break
                    }
                }
            }
            var counts = [Int](repeating: 0, count: n)
            for i in 0..<n { counts[table[i]] += 1 }
            for i in 0..<n where table[i] == i && counts[i] != ratio {
                t *= counts[i] < ratio ? 2.0 : 0.95
                continue attempt
            }
            return table
        }
        return nil
    }
}
