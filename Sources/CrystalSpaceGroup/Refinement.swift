import Foundation
import CrystalModel

/// From the identified space group to exact answers, with spglib's steps: the conventional basis turned by the
/// group rotation that brings it closest to the ideal standard orientation (and the origin among the centring
/// choices nearest zero); the tabulated operations carried back into the input cell; atoms in the conventional cell
/// symmetrized onto their special positions (the site-symmetry average of Grosse-Kunstleve and Adams, Acta Cryst.
/// A58 (2002) 60); and each orbit's Wyckoff letter, the first tabulated position (general first) of its
/// multiplicity that one of its images lies on.
struct Refinement {
    var operations: [SpaceGroupOperation]
    var wyckoffIndices: [Int]
    var siteSymmetry: [String]
    var equivalentAtoms: [Int]
    var crystallographicOrbits: [Int]
    /// The standardized conventional cell (ideal lattice in standard orientation, exact positions).
    var standard: SearchCell
    var standardMappingToPrimitive: [Int]
    var bravaisLattice: Matrix3
    var originShift: Vector3

    static func refine(match: SpaceGroupMatcher.Match, primitive: PrimitiveCell, input: SearchCell) -> Refinement? {
        guard let setting = HallSetting.setting(match.hallNumber) else { return nil }
        let tolerance = primitive.tolerance
        var bravais = match.bravaisLattice
        var origin = match.originShift
        similarBravaisLattice(setting, pointGroup: match.pointGroup, bravais: &bravais, origin: &origin, tolerance: tolerance)
        guard let operations = refinedOperations(setting, bravais: bravais, origin: origin, primitive: primitive.cell, input: input,
                                                 tolerance: tolerance) else { return nil }
        guard let wyckoff = wyckoffPositions(setting, pointGroup: match.pointGroup, bravais: bravais, origin: origin,
                                             primitive: primitive.cell, tolerance: tolerance) else { return nil }
        let n = input.count
        let mapping = primitive.mapping
        var letters = [Int](repeating: 0, count: n), symbols = [String](repeating: "", count: n)
        for i in 0..<n {
            letters[i] = wyckoff.letters[mapping[i]]
            symbols[i] = wyckoff.symbols[mapping[i]]
        }
        // Crystallographic orbits: the first input atom of each primitive orbit's representative.
        var firstOfPrimitive = [Int](repeating: -1, count: primitive.cell.count)
        for i in (0..<n).reversed() where mapping[i] >= 0 && mapping[i] < primitive.cell.count { firstOfPrimitive[mapping[i]] = i }
        var firstInput = [Int](repeating: 0, count: primitive.cell.count)
        for p in 0..<primitive.cell.count {
            firstInput[p] = max(0, firstOfPrimitive[wyckoff.equivalent[p]])
        }
        let orbits = (0..<n).map { firstInput[mapping[$0]] }
        let pointGroupOrder = setting.operations.count / (wyckoff.standard.count / primitive.cell.count)
        var equivalent = orbits
        if n * pointGroupOrder != operations.count * primitive.cell.count {
            equivalent = brokenSymmetryEquivalents(input, operations: operations, mapping: mapping, tolerance: tolerance)
        }
        return Refinement(operations: operations, wyckoffIndices: letters, siteSymmetry: symbols, equivalentAtoms: equivalent,
                          crystallographicOrbits: orbits, standard: wyckoff.standard, standardMappingToPrimitive: wyckoff.standardMapping,
                          bravaisLattice: bravais, originShift: origin)
    }

    /// spglib's `ref_find_similar_bravais_lattice`.
    static func similarBravaisLattice(_ setting: HallSetting, pointGroup: PointGroupType, bravais: inout Matrix3, origin: inout Vector3,
                                      tolerance: Double) {
        let ideal = idealLattice(setting, pointGroup: pointGroup, bravais: bravais)
        var minimum = (bravais.r0.normSquared + bravais.r1.normSquared + bravais.r2.normSquared).squareRoot()
        var chosen: Int?
        var rotated = bravais
        for (i, op) in setting.operations.enumerated() where op.rotation.determinant >= 0 {
            let trial = bravais * op.rotation
            let d0 = trial.r0 - ideal.r0, d1 = trial.r1 - ideal.r1, d2 = trial.r2 - ideal.r2
            let length = (d0.normSquared + d1.normSquared + d2.normSquared).squareRoot()
            if length < minimum - tolerance {
                rotated = trial
                chosen = i
                minimum = length
            }
        }
        guard let chosen else { return }
        let rotation = setting.operations[chosen].rotation
        var best = 2.0
        var shortest = Vector3.zero
        guard let inverse = Matrix3(rotation).inverse() else { return }
        for op in setting.operations where op.rotation == rotation {
            var p = inverse * origin
            let t = inverse * op.translation
            for j in 0..<3 {
                p[j] -= t[j]
                p[j] -= nearestInteger(p[j])
            }
            let length = p.normSquared.squareRoot()
            if length < best - tolerance {
                best = length
                shortest = Vector3(reducedModuloOne(p.x), reducedModuloOne(p.y), reducedModuloOne(p.z))
            }
        }
        origin = shortest
        bravais = rotated
    }

    /// spglib's `ref_get_conventional_lattice`: the ideal lattice of the setting from the metric of `bravais`, in the
    /// standard orientation (a along x, b in the xy plane, ...).
    static func idealLattice(_ setting: HallSetting, pointGroup: PointGroupType, bravais: Matrix3) -> Matrix3 {
        let g = bravais.metric
        let a = g[0, 0].squareRoot(), b = g[1, 1].squareRoot(), c = g[2, 2].squareRoot()
        var l = Matrix3(.zero, .zero, .zero)
        switch pointGroup.holohedry {
        case .triclinic:
            let alpha = acos(g[1, 2] / b / c), beta = acos(g[0, 2] / a / c), gamma = acos(g[0, 1] / a / b)
            let cg = cos(gamma), cb = cos(beta), ca = cos(alpha), sg = sin(gamma)
            l[0, 0] = a
            l[0, 1] = b * cg
            l[0, 2] = c * cb
            l[1, 1] = b * sg
            l[1, 2] = c * (ca - cb * cg) / sg
            l[2, 2] = c * (1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg).squareRoot() / sg
        case .monoclinic:
            let choice = setting.choice.hasPrefix("-") ? setting.choice.dropFirst() : Substring(setting.choice)
            switch choice.first {
            case "a":
                let angle = acos(g[1, 2] / b / c)
                l[0, 2] = c
                l[1, 0] = a
                l[0, 1] = b * cos(angle)
                l[2, 1] = b * sin(angle)
            case "c":
                let angle = acos(g[0, 1] / a / b)
                l[0, 1] = b
                l[1, 2] = c
                l[0, 0] = a * cos(angle)
                l[2, 0] = a * sin(angle)
            default:
                let angle = acos(g[0, 2] / a / c)
                l[0, 0] = a
                l[1, 1] = b
                l[0, 2] = c * cos(angle)
                l[2, 2] = c * sin(angle)
            }
        case .orthorhombic:
            l[0, 0] = a
            l[1, 1] = b
            l[2, 2] = c
        case .tetragonal:
            l[0, 0] = (a + b) / 2
            l[1, 1] = (a + b) / 2
            l[2, 2] = c
        case .trigonal where setting.choice.hasPrefix("R"):
            let angle = acos((g[0, 1] / a / b + g[0, 2] / a / c + g[1, 2] / b / c) / 3)
            let ahex = 2 * (a + b + c) / 3 * sin(angle / 2)
            let chex = (a + b + c) / 3 * (3 * (1 + 2 * cos(angle))).squareRoot()
            l[0, 0] = ahex / 2
            l[1, 0] = ahex / (2 * 3.0.squareRoot())
            l[2, 0] = chex / 3
            l[0, 1] = -ahex / 2
            l[1, 1] = ahex / (2 * 3.0.squareRoot())
            l[2, 1] = chex / 3
            l[0, 2] = 0
            l[1, 2] = -ahex / 3.0.squareRoot()
            l[2, 2] = chex / 3
        case .trigonal, .hexagonal:
            l[0, 0] = (a + b) / 2
            l[0, 1] = -(a + b) / 4
            l[1, 1] = (a + b) / 4 * 3.0.squareRoot()
            l[2, 2] = c
        case .cubic:
            l[0, 0] = (a + b + c) / 3
            l[1, 1] = (a + b + c) / 3
            l[2, 2] = (a + b + c) / 3
        case .none:
            break
        }
        return l
    }

    /// spglib's `get_refined_symmetry_operations`: the tabulated operations with the origin shift, in the primitive
    /// cell, then carried into the input cell over its lattice points; nil when the input cell's lattice points do
    /// not number its multiplicity.
    static func refinedOperations(_ setting: HallSetting, bravais: Matrix3, origin: Vector3, primitive: SearchCell, input: SearchCell,
                                  tolerance: Double) -> [SpaceGroupOperation]? {
        guard let primitiveInverse = primitive.lattice.inverse() else { return nil }
        let t = primitiveInverse * bravais
        guard let tInverse = t.inverse() else { return nil }
        var primitiveOperations = [SpaceGroupOperation]()
        var seen = [IntMatrix3]()
        for op in setting.operations {
            var w = op.rotation
            w[0, 0] -= 1; w[1, 1] -= 1; w[2, 2] -= 1
            let shifted = op.translation + w * origin
            if seen.contains(op.rotation) { continue }
            seen.append(op.rotation)
            let rotation = (t * Matrix3(op.rotation)) * tInverse
            primitiveOperations.append(SpaceGroupOperation(rotation: rotation.rounded, translation: t * shifted))
        }
        let toInput = (primitiveInverse * input.lattice).rounded
        let multiplicity = input.count / primitive.count
        return operationsInCell(primitiveOperations, change: toInput, lattice: input.lattice, multiplicity: multiplicity, tolerance: tolerance)
    }

    /// spglib's `recover_symmetry_in_original_cell`: operations of a primitive cell in a supercell (change `t`),
    /// keeping those whose rotation stays integral there, repeated over the supercell's lattice points.
    static func operationsInCell(_ operations: [SpaceGroupOperation], change t: IntMatrix3, lattice: Matrix3, multiplicity: Int,
                                 tolerance: Double) -> [SpaceGroupOperation]? {
        var corners = [SIMD3<Int>(0, 0, 0), t.column(0), t.column(1), t.column(2)]
        for i in 0..<3 { corners.append(t.column((i + 1) % 3) &+ t.column((i + 2) % 3)) }
        corners.append(t.column(0) &+ t.column(1) &+ t.column(2))
        var frame = SIMD3<Int>(0, 0, 0)
        for k in 0..<3 {
            let values = corners.map { $0[k] }
            frame[k] = values.max()! - values.min()!
        }
        guard let inverse = Matrix3(t).inverse() else { return nil }
        var latticeTranslations = [Vector3]()
        for i in 0..<frame.x { for j in 0..<frame.y { for k in 0..<frame.z {
            let v = inverse * Vector3(Double(i), Double(j), Double(k))
            latticeTranslations.append(Vector3(reducedModuloOne(v.x), reducedModuloOne(v.y), reducedModuloOne(v.z)))
        } } }
        var pure = [Vector3]()
        for v in latticeTranslations where !pure.contains(where: { SearchCell.overlaps(v, $0, lattice: lattice, tolerance: tolerance) }) {
            pure.append(v)
        }
        let tDouble = Matrix3(t)
        var kept = [SpaceGroupOperation]()
        for op in operations {
            let rotation = (inverse * Matrix3(op.rotation)) * tDouble
            let integral = rotation.rounded
            guard (lattice * integral).isClose(to: lattice * rotation, tolerance: tolerance) else { continue }
            kept.append(SpaceGroupOperation(rotation: integral, translation: inverse * op.translation))
        }
        guard pure.count == multiplicity else { return nil }
        var out = [SpaceGroupOperation]()
        out.reserveCapacity(pure.count * kept.count)
        for p in pure {
            for op in kept {
                let t = op.translation + p
                out.append(SpaceGroupOperation(rotation: op.rotation, translation: Vector3(reducedModuloOne(t.x), reducedModuloOne(t.y), reducedModuloOne(t.z))))
            }
        }
        return out
    }

    struct WyckoffResult {
        var letters: [Int]
        var symbols: [String]
        var equivalent: [Int]
        var standard: SearchCell
        var standardMapping: [Int]
    }

    /// spglib's `get_bravais_exact_positions_and_lattice`: the primitive atoms in the conventional cell (with the
    /// origin shift), symmetrized, lettered, then repeated over the centring translations.
    static func wyckoffPositions(_ setting: HallSetting, pointGroup: PointGroupType, bravais: Matrix3, origin: Vector3,
                                 primitive: SearchCell, tolerance: Double) -> WyckoffResult? {
        guard let bravaisInverse = bravais.inverse() else { return nil }
        let change = bravaisInverse * primitive.lattice
        var positions = [Vector3]()
        for p in primitive.positions {
            let q = change * p + origin
            positions.append(Vector3(reducedModuloOne(q.x), reducedModuloOne(q.y), reducedModuloOne(q.z)))
        }
        let ideal = idealLattice(setting, pointGroup: pointGroup, bravais: bravais)
        let conventional = SearchCell(lattice: ideal, positions: positions, types: primitive.types)
        let operations = setting.operations
        let pureTranslations = operations.filter { $0.rotation == .identity }.map(\.translation)
        var t = tolerance
        for _ in 0..<5 {
            let (exact, equivalent) = exactPositions(conventional, operations: operations, tolerance: t)
            if let labels = wyckoffLabels(exact, equivalent: equivalent, cell: conventional, operations: operations,
                                          centrings: pureTranslations.count, hallNumber: setting.hallNumber, tolerance: tolerance) {
                var standardPositions = [Vector3](), standardTypes = [Int32](), standardMapping = [Int]()
                for shift in pureTranslations {
                    for j in 0..<exact.count {
                        let q = exact[j] + shift
                        standardPositions.append(Vector3(reducedModuloOne(q.x), reducedModuloOne(q.y), reducedModuloOne(q.z)))
                        standardTypes.append(primitive.types[j])
                        standardMapping.append(j)
                    }
                }
                return WyckoffResult(letters: labels.letters, symbols: labels.symbols, equivalent: equivalent,
                                     standard: SearchCell(lattice: ideal, positions: standardPositions, types: standardTypes),
                                     standardMapping: standardMapping)
            }
            t *= 1.05
        }
        return nil
    }

    /// spglib's `get_exact_positions`: each atom either lies on an image of an earlier independent atom (and takes
    /// that image) or is independent and is moved onto its special position.
    static func exactPositions(_ cell: SearchCell, operations: [SpaceGroupOperation], tolerance: Double) -> ([Vector3], [Int]) {
        var exact = [Vector3](repeating: .zero, count: cell.count)
        var equivalent = [Int](repeating: 0, count: cell.count)
        var independent = [Int]()
        let overlaps = OverlapTest(lattice: cell.lattice, tolerance: tolerance, strict: true)
        if cell.count >= SearchCell.gridThreshold {
            return exactPositionsBinned(cell, operations: operations, overlaps: overlaps, tolerance: tolerance)
        }
        for i in 0..<cell.count {
            var placed = false
            search: for j in independent where cell.types[j] == cell.types[i] {
                for op in operations {
                    let p = op.rotation * exact[j] + op.translation
                    if overlaps(p, cell.positions[i]) {
                        exact[i] = Vector3(reducedModuloOne(p.x), reducedModuloOne(p.y), reducedModuloOne(p.z))
                        equivalent[i] = j
                        placed = true
                        break search
                    }
                }
            }
            if !placed {
                equivalent[i] = i
                independent.append(i)
                exact[i] = specialPosition(cell.positions[i], operations: operations, lattice: cell.lattice, tolerance: tolerance)
            }
        }
        return (exact, equivalent)
    }

    /// `exactPositions` for large cells: the images of the independent atoms are binned as they are found, and each
    /// atom takes, among the images near it, the first in the scan's order (independent atom, then operation) that
    /// passes the test: the same image as the scan.
    static func exactPositionsBinned(_ cell: SearchCell, operations: [SpaceGroupOperation], overlaps: OverlapTest,
                                     tolerance: Double) -> ([Vector3], [Int]) {
        var exact = [Vector3](repeating: .zero, count: cell.count)
        var equivalent = [Int](repeating: 0, count: cell.count)
        var images = FractionalGrid(slack: overlaps.slack, expectedCount: cell.count)
        // Per image: its independent atom and the operation's index.
        var sources = [(atom: Int, operation: Int)]()
        for i in 0..<cell.count {
            let x = cell.positions[i], type = cell.types[i]
            var best: (atom: Int, operation: Int, image: Int)?
            images.forEachCandidate(near: x) { k in
                let source = sources[k]
                guard cell.types[source.atom] == type else { return }
                if let b = best, (b.atom, b.operation) < (source.atom, source.operation) { return }
                if overlaps(images.points[k], x) { best = (source.atom, source.operation, k) }
            }
            if let best {
                let p = images.points[best.image]
                exact[i] = Vector3(reducedModuloOne(p.x), reducedModuloOne(p.y), reducedModuloOne(p.z))
                equivalent[i] = best.atom
            } else {
                equivalent[i] = i
                exact[i] = specialPosition(x, operations: operations, lattice: cell.lattice, tolerance: tolerance)
                for (index, op) in operations.enumerated() {
                    images.insert(op.rotation * exact[i] + op.translation)
                    sources.append((i, index))
                }
            }
        }
        return (exact, equivalent)
    }

    /// The average of the operations that keep x (within the tolerance), applied to x: the special position.
    static func specialPosition(_ x: Vector3, operations: [SpaceGroupOperation], lattice: Matrix3, tolerance: Double) -> Vector3 {
        var sumRotation = Matrix3(.zero, .zero, .zero)
        var sumTranslation = Vector3.zero
        var count = 0
        for op in operations {
            let p = op.rotation * x + op.translation
            if SearchCell.overlaps(p, x, lattice: lattice, tolerance: tolerance) {
                sumRotation = Matrix3(sumRotation.r0 + Matrix3(op.rotation).r0, sumRotation.r1 + Matrix3(op.rotation).r1,
                                      sumRotation.r2 + Matrix3(op.rotation).r2)
                for j in 0..<3 { sumTranslation[j] += op.translation[j] - nearestInteger(p[j] - x[j]) }
                count += 1
            }
        }
        guard count > 0 else { return x }
        let n = Double(count)
        sumTranslation /= n
        sumRotation = Matrix3(sumRotation.r0 / n, sumRotation.r1 / n, sumRotation.r2 / n)
        return sumRotation * x + sumTranslation
    }

    /// spglib's `set_Wyckoffs_labels`; nil when an orbit matches no tabulated position (the caller loosens the
    /// symmetrization tolerance).
    static func wyckoffLabels(_ exact: [Vector3], equivalent: [Int], cell: SearchCell, operations: [SpaceGroupOperation], centrings: Int,
                              hallNumber: Int, tolerance: Double) -> (letters: [Int], symbols: [String])? {
        var counts = [Int](repeating: 0, count: exact.count)
        for e in equivalent { counts[e] += 1 }
        var letters = [Int](repeating: 0, count: exact.count)
        var symbols = [String](repeating: "", count: exact.count)
        for i in 0..<exact.count where equivalent[i] == i {
            guard let position = wyckoffPosition(exact[i], operations: operations, multiplicity: counts[i] * centrings,
                                                 lattice: cell.lattice, hallNumber: hallNumber, tolerance: tolerance) else { return nil }
            letters[i] = position.letterIndex
            symbols[i] = position.siteSymmetry
        }
        for i in 0..<exact.count where equivalent[i] != i {
            letters[i] = letters[equivalent[i]]
            symbols[i] = symbols[equivalent[i]]
        }
        return (letters, symbols)
    }

    /// spglib's `get_Wyckoff_notation`: the first tabulated position (general first) of the orbit's multiplicity
    /// for which, at some image j of the point, the images coinciding with j that lie on the position's subspace
    /// number the group's order over the multiplicity. Only images on the subspace can count, so only their
    /// neighbours are examined (the counts are spglib's; the work is the images times those on the subspace).
    static func wyckoffPosition(_ x: Vector3, operations: [SpaceGroupOperation], multiplicity: Int, lattice: Matrix3,
                                hallNumber: Int, tolerance: Double) -> WyckoffPosition? {
        let images = operations.map { $0.rotation * x + $0.translation }
        let n = images.count
        let overlaps = OverlapTest(lattice: lattice, tolerance: tolerance, strict: true)
        var onSubspace = [Int]()
        var isOnSubspace = [Bool](repeating: false, count: n)
        for position in WyckoffTable.positions[hallNumber] where position.multiplicity == multiplicity {
            onSubspace.removeAll(keepingCapacity: true)
            let projection = Matrix3(position.projection)
            for k in 0..<n {
                let on = overlaps(images[k], projection * images[k] + position.translation)
                isOnSubspace[k] = on
                if on { onSubspace.append(k) }
            }
            let target = n / position.multiplicity
            guard target * position.multiplicity == n, onSubspace.count >= target else { continue }
            // spglib asks whether SOME image j has exactly `target` images on the subspace coinciding with it; the
            // images on the subspace are tried first (they are the ones that do when the positions are exact).
            func satisfied(_ j: Int) -> Bool {
                var count = 0
                for k in onSubspace where overlaps(images[j], images[k]) {
                    count += 1
                    if count > target { return false }
                }
                return count == target
            }
            for j in onSubspace where satisfied(j) { return position }
            for j in 0..<n where !isOnSubspace[j] && satisfied(j) { return position }
        }
        return nil
    }

    /// spglib's `set_equivalent_atoms_broken_symmetry`: orbits under the operations found in a supercell that has
    /// lost some of its primitive cell's symmetry.
    static func brokenSymmetryEquivalents(_ cell: SearchCell, operations: [SpaceGroupOperation], mapping: [Int], tolerance: Double) -> [Int] {
        var equivalent = [Int](repeating: 0, count: cell.count)
        for i in 0..<cell.count {
            equivalent[i] = i
            for j in 0..<cell.count where mapping[i] == mapping[j] {
                if i == j {
                    equivalent[i] = equivalent[firstEquivalent(i, cell, operations, tolerance)]
                } else {
                    equivalent[i] = equivalent[j]
                }
                break
            }
        }
        return equivalent
    }

    static func firstEquivalent(_ index: Int, _ cell: SearchCell, _ operations: [SpaceGroupOperation], _ tolerance: Double) -> Int {
        for op in operations {
            let p = op.rotation * cell.positions[index] + op.translation
            for j in 0..<index where cell.types[j] == cell.types[index] {
                if SearchCell.overlaps(cell.positions[j], p, lattice: cell.lattice, tolerance: tolerance) { return j }
            }
        }
        return index
    }
}
