import CrystalModel

/// Identifies the space-group type of a set of operations of a primitive cell and the transformation to its
/// standard setting, making spglib's choices (Togo, Shinohara and Tanaka, "Spglib: a software library for crystal
/// symmetry search", 2024): the conventional axes from the point group, the centring from the axes' determinant, then
/// for every space-group type with that point group its standard Hall setting is matched under the changes of basis
/// spglib tries (permutations of orthorhombic and cubic axes, monoclinic cell choices preferring the shortest
/// non-acute cell, 4- and 6-fold turns; first those that keep the input's axes up to sign), and the origin shift is
/// the generators' (`HallSymbolMatcher`).
enum SpaceGroupMatcher {
    struct Match {
        var hallNumber: Int
        var originShift: Vector3
        /// The conventional (standard setting) basis, columns in Cartesian Å.
        var bravaisLattice: Matrix3
        var pointGroup: PointGroupType
    }

    static let reductionRate = 0.95
    static let attempts = 100

    /// The operations in each trial basis, computed once per search (every candidate space group of the point group
    /// tries the same changes of basis on the same operations).
    final class TransformCache {
        /// At most a few dozen trial bases per search: a list compared entry by entry is cheaper than hashing.
        var operations: [(Matrix3, Centering, OperationSet?)] = []
        /// The sign flips that bring a trial basis onto the input's axes (spglib's `is_equivalent_lattice`, mode 1).
        var flips: [(Matrix3, Matrix3?)] = []

        func transformed(_ t: Matrix3, centering: Centering, _ compute: () -> [SpaceGroupOperation]?) -> OperationSet? {
            for (m, c, value) in operations where c == centering && m == t { return value }
            let value = compute().map(OperationSet.init)
            operations.append((t, centering, value))
            return value
        }

        func flip(_ changed: Matrix3, input: Matrix3, tolerance: Double) -> Matrix3? {
            for (m, value) in flips where m == changed { return value }
            let value = SpaceGroupMatcher.equivalentLattice(changed, input, mode: 1, tolerance: tolerance)
            flips.append((changed, value))
            return value
        }
    }

    /// spglib's `iterative_search_hall_number`: as found, else with the operations checked again at tolerances
    /// lowered by 5% (up to 100 times).
    static func search(primitive: PrimitiveCell, inputLattice: Matrix3, operations: [SpaceGroupOperation], tolerance: Double,
                       angleTolerance: Double) -> Match? {
        if let match = searchOnce(primitive: primitive.cell, inputLattice: inputLattice, operations: operations, tolerance: tolerance) {
            return match
        }
        var t = tolerance
        for _ in 0..<attempts {
            t *= reductionRate
            guard let reduced = reduceOperations(operations, cell: primitive.cell, tolerance: t, angleTolerance: angleTolerance) else { continue }
            if let match = searchOnce(primitive: primitive.cell, inputLattice: inputLattice, operations: reduced, tolerance: tolerance) {
                return match
            }
        }
        return nil
    }

    /// spglib's `sym_reduce_operation`: the operations whose rotation the lattice still has at the tolerance and
    /// that still map the cell onto itself, in the lattice rotations' order.
    static func reduceOperations(_ operations: [SpaceGroupOperation], cell: SearchCell, tolerance: Double, angleTolerance: Double) -> [SpaceGroupOperation]? {
        guard let rotations = LatticeSymmetry.rotations(of: cell.lattice, tolerance: tolerance, angleTolerance: angleTolerance),
              !rotations.isEmpty else { return nil }
        let search = OperationSearch(cell: cell, tolerance: tolerance)
        var out = [SpaceGroupOperation]()
        for w in rotations {
            for op in operations where op.rotation == w && search.isSymmetry(rotation: op.rotation, translation: op.translation, identity: false) {
                out.append(op)
            }
        }
        return out.isEmpty ? nil : out
    }

    static func searchOnce(primitive: SearchCell, inputLattice: Matrix3, operations: [SpaceGroupOperation], tolerance: Double) -> Match? {
        guard let (pointGroup, found) = ConventionalAxes.transformation(operations.map(\.rotation)) else { return nil }
        var axes = found
        if pointGroup.laue == .laue1 || pointGroup.laue == .laue2m {
            let conventional = primitive.lattice * axes
            guard let primitiveInverse = primitive.lattice.inverse() else { return nil }
            if pointGroup.laue == .laue1 {
                guard var reduced = NiggliReduction.reduce(conventional, epsilon: tolerance * tolerance) else { return nil }
                if reduced.determinant < 0 { reduced = Matrix3(-reduced.r0, -reduced.r1, -reduced.r2) }
                axes = (primitiveInverse * reduced).rounded
            } else {
                guard let reduced = DelaunayReduction.reduce2D(conventional, uniqueAxis: 1, tolerance: tolerance) else { return nil }
                axes = (primitiveInverse * reduced).rounded
            }
        }
        guard let (centering, correction) = centering(axes, laue: pointGroup.laue) else { return nil }
        let transformation = Matrix3(axes) * correction
        let conventionalLattice = primitive.lattice * transformation
        guard let conventional = conventionalOperations(transformation, centering: centering == .rCenter ? .primitive : centering,
                                                        operations: operations) else { return nil }
        let cache = TransformCache()
        let signature = ScrewSignature(found: operations, lattice: primitive.lattice, tolerance: tolerance)
        let standard = ScrewSignature.standard
        for hall in SpglibTables.spacegroupToHallNumber {
            guard let setting = HallSetting.setting(hall), setting.pointGroupNumber == pointGroup.number,
                  let tabulated = standard[hall], signature.mayBe(tabulated)
            else { continue }
            if let match = matchHall(hall, pointGroup: pointGroup, centering: centering, lattice: conventionalLattice,
                                     inputLattice: inputLattice, operations: conventional, tolerance: tolerance, cache: cache) {
                return Match(hallNumber: hall, originShift: match.shift, bravaisLattice: match.lattice, pointGroup: pointGroup)
            }
        }
        return nil
    }

    /// The centring of a transformation from its determinant (and, for 2, which face), with spglib's correction to
    /// a C-centred monoclinic or orthorhombic cell and to the obverse rhombohedral setting.
    static func centering(_ t: IntMatrix3, laue: PointGroupType.Laue) -> (Centering, Matrix3)? {
        switch abs(t.determinant) {
        case 1: return (.primitive, .identity)
        case 2:
            let base = baseCentering(t)
            switch base {
            case .aFace: return (.cFace, Matrix3(laue == .laue2m ? SpglibTables.monocliA2c : SpglibTables.a2c))
            case .bFace: return (.cFace, Matrix3(SpglibTables.b2c))
            case .body where laue == .laue2m: return (.cFace, Matrix3(SpglibTables.monocliI2c))
            default: return (base, .identity)
            }
        case 3:
            var correction = Matrix3.identity
            let obverse = Matrix3(SpglibTables.rhomboObverse), reverse = Matrix3(SpglibTables.rhombReverse)
            if (Matrix3(t) * obverse).isInteger(tolerance: 0.1) { correction = obverse }
            if (Matrix3(t) * reverse).isInteger(tolerance: 0.1) { correction = reverse }
            return (.rCenter, correction)
        case 4: return (.face, .identity)
        default: return nil
        }
    }

    static func baseCentering(_ t: IntMatrix3) -> Centering {
        for i in 0..<3 where t[i, 0] == 0 && t[i, 1] == 0 && abs(t[i, 2]) == 1 { return .cFace }
        for i in 0..<3 where abs(t[i, 0]) == 1 && t[i, 1] == 0 && t[i, 2] == 0 { return .aFace }
        for i in 0..<3 where t[i, 0] == 0 && abs(t[i, 1]) == 1 && t[i, 2] == 0 { return .bFace }
        if (0..<3).allSatisfy({ abs(t[$0, 0]) + abs(t[$0, 1]) + abs(t[$0, 2]) == 2 }) { return .body }
        return .primitive
    }

    /// Operations of a primitive cell in a conventional basis t: W' = t^-1 W t, w' = t^-1 w, plus the centring copies
    /// (all operations with the first centring vector added, then the second, ...).
    static func conventionalOperations(_ t: Matrix3, centering: Centering, operations: [SpaceGroupOperation]) -> [SpaceGroupOperation]? {
        guard let inverse = t.inverse() else { return nil }
        var out = [SpaceGroupOperation]()
        out.reserveCapacity(operations.count * (centering.shifts.count + 1))
        // A unimodular integer t has an integer inverse: the rotations are then exact integer products (spglib's
        // floating-point product rounds to the same integers).
        let tInteger = t.rounded
        let exact = abs(tInteger.determinant) == 1 && Matrix3(tInteger) == t
        let inverseInteger = exact ? tInteger.unimodularInverse : nil
        for op in operations {
            let rotation = inverseInteger.map { $0 * op.rotation * tInteger } ?? (inverse * (Matrix3(op.rotation) * t)).rounded
            out.append(SpaceGroupOperation(rotation: rotation, translation: inverse * op.translation))
        }
        let base = out
        for shift in centering.shifts {
            for op in base { out.append(SpaceGroupOperation(rotation: op.rotation, translation: op.translation + shift)) }
        }
        return out
    }

    static func transformed(_ t: Matrix3, centering: Centering, operations: [SpaceGroupOperation], cache: TransformCache?) -> OperationSet? {
        guard let cache else { return conventionalOperations(t, centering: centering, operations: operations).map(OperationSet.init) }
        return cache.transformed(t, centering: centering) { conventionalOperations(t, centering: centering, operations: operations) }
    }

    struct HallMatch {
        var shift: Vector3
        var lattice: Matrix3
    }

    static func matchHall(_ hall: Int, pointGroup: PointGroupType, centering: Centering, lattice: Matrix3, inputLattice: Matrix3,
                          operations: [SpaceGroupOperation], tolerance: Double, cache: TransformCache) -> HallMatch? {
        guard let setting = HallSetting.setting(hall), setting.pointGroupNumber == pointGroup.number else { return nil }
        switch pointGroup.holohedry {
        case .monoclinic:
            return matchMonoclinic(hall, number: setting.number, centering: centering, lattice: lattice, inputLattice: inputLattice,
                                   operations: operations, tolerance: tolerance, cache: cache)
        case .orthorhombic:
            let choices = SpglibTables.numAxisChoicesOrtho[setting.number - 16]
            if choices == 6 || choices == 3 || choices == 1 {
                return matchOrthorhombic(hall, centering: centering, lattice: lattice, inputLattice: inputLattice,
                                         operations: operations, freeAxes: choices, tolerance: tolerance, cache: cache)
            }
            // Two free axes: first the principal axis for the standard setting, then the setting itself.
            guard let principal = matchOrthorhombic(SpglibTables.spacegroupToHallNumber[setting.number - 1], centering: centering,
                                                    lattice: lattice, inputLattice: inputLattice, operations: operations,
                                                    freeAxes: 0, tolerance: tolerance, cache: cache),
                  let latticeInverse = lattice.inverse(),
                  let changed = conventionalOperations(latticeInverse * principal.lattice, centering: .primitive, operations: operations)
            else { return nil }
            return matchOrthorhombic(hall, centering: centering, lattice: principal.lattice, inputLattice: inputLattice,
                                     operations: changed, freeAxes: 2, tolerance: tolerance, cache: nil)
        case .cubic:
            return matchCubic(hall, centering: centering, lattice: lattice, inputLattice: inputLattice, operations: operations,
                              tolerance: tolerance, cache: cache)
        case .trigonal where centering == .rCenter && HallSymbolMatcher.rhombohedral.contains(hall):
            if HallSymbolMatcher.rhombohedralHexagonalAxes.contains(hall) {
                return matchChangesOfBasis(hall, bases: SpglibTables.changeOfBasisRhomboHex, centering: .rCenter, lattice: lattice,
                                           inputLattice: inputLattice, operations: operations, tolerance: tolerance, cache: cache)
            }
            return matchChangesOfBasis(hall, bases: SpglibTables.changeOfBasisRhombo, centering: .primitive, lattice: lattice,
                                       inputLattice: inputLattice, operations: operations, tolerance: tolerance, cache: cache)
        case .triclinic:
            guard let set = transformed(.identity, centering: .primitive, operations: operations, cache: cache),
                  let shift = HallSymbolMatcher.match(hallNumber: hall, bravaisLattice: lattice, centering: centering,
                                                      operations: set, tolerance: tolerance) else { return nil }
            return HallMatch(shift: shift, lattice: lattice)
        case .tetragonal:
            return matchChangesOfBasis(hall, bases: SpglibTables.changeOfBasisC4, centering: centering, lattice: lattice,
                                       inputLattice: inputLattice, operations: operations, tolerance: tolerance, cache: cache)
        case .trigonal, .hexagonal:
            return matchChangesOfBasis(hall, bases: SpglibTables.changeOfBasisC6, centering: centering, lattice: lattice,
                                       inputLattice: inputLattice, operations: operations, tolerance: tolerance, cache: cache)
        case .none:
            return nil
        }
    }

    static func basis(_ table: [Int], _ i: Int) -> Matrix3 { Matrix3(IntMatrix3(Array(table[(i * 9)..<(i * 9 + 9)]))) }

    /// Monoclinic: 36 cell choices (unique axis and cell); those with an acute angle between the non-unique axes (and,
    /// for groups where the choice is free, |a| > |c|) are skipped; a choice whose axes equal the input's up to sign
    /// is preferred among those with the shortest non-unique axes.
    static func matchMonoclinic(_ hall: Int, number: Int, centering: Centering, lattice: Matrix3, inputLattice: Matrix3,
                                operations: [SpaceGroupOperation], tolerance: Double, cache: TransformCache?) -> HallMatch? {
        let checkNorms = [3, 4, 6, 10, 11].contains(number)
        let inputUsable = inputLattice.determinant > tolerance
        struct Trial {
            var index: Int
            var centering: Centering
            var change: Matrix3
            var changed: Matrix3
            var found: Int
            var lengthSum: Double
        }
        var trials = [Trial]()
        trials.reserveCapacity(36)
        for i in 0..<36 {
            let changedCentering = centering == .cFace
                ? (Centering(spglibName: SpglibTables.changeOfCenteringMonocli[i]) ?? centering) : centering
            var change = basis(SpglibTables.changeOfBasisMonocli, i)
            var changed = lattice * change
            let unique = SpglibTables.changeOfUniqueAxisMonocli[i]
            let first = changed.column(unique == 0 ? 1 : 0), second = changed.column(unique == 2 ? 1 : 2)
            let norms = (first.normSquared, second.normSquared)
            if first.x * second.x + first.y * second.y + first.z * second.z > zeroPrecision { continue }
            if checkNorms && norms.0 > norms.1 + zeroPrecision { continue }
            var found = 1
            if inputUsable, let t = cache?.flip(changed, input: inputLattice, tolerance: tolerance)
                ?? (cache == nil ? equivalentLattice(changed, inputLattice, mode: 1, tolerance: tolerance) : nil),
               t[(unique + 1) % 3, (unique + 1) % 3] * t[(unique + 2) % 3, (unique + 2) % 3] > zeroPrecision {
                changed = changed * t
                change = change * t
                found = 2
            }
            trials.append(Trial(index: i, centering: changedCentering, change: change, changed: changed, found: found,
                                lengthSum: norms.0.squareRoot() + norms.1.squareRoot()))
        }
        func match(_ trial: Trial) -> HallMatch? {
            guard let ops = transformed(trial.change, centering: .primitive, operations: operations, cache: cache),
                  let shift = HallSymbolMatcher.match(hallNumber: hall, bravaisLattice: trial.changed, centering: trial.centering,
                                                      operations: ops, tolerance: tolerance) else { return nil }
            return HallMatch(shift: shift, lattice: trial.changed)
        }
        // spglib matches all 36 and keeps, among the matches whose non-unique axes are shortest (within the tolerance),
        // the first that equals the input's axes up to sign, else the first. The same choice, trying the cells from
        // the shortest: the first match fixes the shortest length; only cells within the tolerance of it can compete.
        let byLength = trials.indices.sorted { (trials[$0].lengthSum, trials[$0].index) < (trials[$1].lengthSum, trials[$1].index) }
        var matches = [Int: HallMatch]()
        var shortest: Double?
        for t in byLength {
            if let shortest, trials[t].lengthSum >= shortest + tolerance { break }
            guard let m = match(trials[t]) else { continue }
            matches[t] = m
            if shortest == nil { shortest = trials[t].lengthSum }
        }
        guard let shortest else { return nil }
        var chosen: HallMatch?
        for t in trials.indices {
            guard let m = matches[t], abs(trials[t].lengthSum - shortest) < tolerance else { continue }
            if trials[t].found == 2 { return m }
            if chosen == nil { chosen = m }
        }
        return chosen
    }

    /// Orthorhombic: the six axis permutations (each flipped to the input's axes when it equals them up to sign), in
    /// order, first requiring that similarity; `freeAxes` 2, 3 or 6 also requires the free axes in ascending length.
    static func matchOrthorhombic(_ hall: Int, centering: Centering, lattice: Matrix3, inputLattice: Matrix3,
                                  operations: [SpaceGroupOperation], freeAxes: Int, tolerance: Double, cache: TransformCache?) -> HallMatch? {
        if inputLattice.determinant > tolerance {
            for i in 0..<6 {
                if let m = orthorhombicChoice(i, hall, centering: centering, lattice: lattice, inputLattice: inputLattice,
                                              operations: operations, freeAxes: freeAxes, tolerance: tolerance, cache: cache) { return m }
            }
        }
        for i in 0..<6 {
            if let m = orthorhombicChoice(i, hall, centering: centering, lattice: lattice, inputLattice: nil,
                                          operations: operations, freeAxes: freeAxes, tolerance: tolerance, cache: cache) { return m }
        }
        return nil
    }

    static func orthorhombicChoice(_ i: Int, _ hall: Int, centering: Centering, lattice: Matrix3, inputLattice: Matrix3?,
                                   operations: [SpaceGroupOperation], freeAxes: Int, tolerance: Double, cache: TransformCache?) -> HallMatch? {
        let changedCentering = centering == .cFace ? (Centering(spglibName: SpglibTables.changeOfCenteringOrtho[i]) ?? centering) : centering
        var change = basis(SpglibTables.changeOfBasisOrtho, i)
        var changed = lattice * change
        if let inputLattice {
            guard let t = equivalentLattice(changed, inputLattice, mode: 1, tolerance: tolerance) else { return nil }
            changed = changed * t
            change = change * t
        }
        let norms = (0..<3).map { changed.column($0).normSquared }
        switch freeAxes {
        case 2:
            let unique = SpglibTables.changeOfUniqueAxisOrtho[i]
            let free = (0..<3).filter { $0 != unique }.map { norms[$0] }
            if free[0] > free[1] + zeroPrecision { return nil }
        case 3:
            if norms[0] > norms[1] + zeroPrecision || norms[0] > norms[2] + zeroPrecision { return nil }
        case 6:
            if norms[0] > norms[1] + zeroPrecision || norms[1] > norms[2] + zeroPrecision { return nil }
        default: break
        }
        guard let ops = transformed(change, centering: .primitive, operations: operations, cache: cache),
              let shift = HallSymbolMatcher.match(hallNumber: hall, bravaisLattice: changed, centering: changedCentering,
                                                  operations: ops, tolerance: tolerance) else { return nil }
        return HallMatch(shift: shift, lattice: changed)
    }

    /// Cubic: the six axis permutations, first those equal to the input's axes up to sign.
    static func matchCubic(_ hall: Int, centering: Centering, lattice: Matrix3, inputLattice: Matrix3,
                           operations: [SpaceGroupOperation], tolerance: Double, cache: TransformCache?) -> HallMatch? {
        for useInput in [true, false] {
            if useInput && !(inputLattice.determinant > tolerance) { continue }
            for i in 0..<6 {
                var change = basis(SpglibTables.changeOfBasisOrtho, i)
                var changed = lattice * change
                if useInput {
                    guard let t = equivalentLattice(changed, inputLattice, mode: 1, tolerance: tolerance) else { continue }
                    changed = changed * t
                    change = change * t
                }
                guard let ops = transformed(change, centering: .primitive, operations: operations, cache: cache),
                      let shift = HallSymbolMatcher.match(hallNumber: hall, bravaisLattice: changed, centering: centering,
                                                          operations: ops, tolerance: tolerance) else { continue }
                return HallMatch(shift: shift, lattice: changed)
            }
        }
        return nil
    }

    /// Tetragonal, trigonal, hexagonal, rhombohedral: a fixed list of changes of basis, first those giving exactly the
    /// input's axes.
    static func matchChangesOfBasis(_ hall: Int, bases: [Int], centering: Centering, lattice: Matrix3, inputLattice: Matrix3,
                                    operations: [SpaceGroupOperation], tolerance: Double, cache: TransformCache?) -> HallMatch? {
        let count = bases.count / 9
        let symmetryCentering: Centering = centering == .rCenter ? .rCenter : .primitive
        for useInput in [true, false] {
            if useInput && !(inputLattice.determinant > tolerance) { continue }
            for i in 0..<count {
                let change = basis(bases, i)
                guard let ops = transformed(change, centering: symmetryCentering, operations: operations, cache: cache) else { continue }
                let changed = lattice * change
                if useInput && equivalentLattice(changed, inputLattice, mode: 0, tolerance: tolerance) == nil { continue }
                guard let shift = HallSymbolMatcher.match(hallNumber: hall, bravaisLattice: changed, centering: centering,
                                                          operations: ops, tolerance: tolerance) else { continue }
                return HallMatch(shift: shift, lattice: changed)
            }
        }
        return nil
    }

    /// spglib's `is_equivalent_lattice`: same volume within the tolerance and t = lattice^-1 input equal to the identity
    /// (mode 0) or to it up to the signs of its entries (mode 1); returns t.
    static func equivalentLattice(_ lattice: Matrix3, _ input: Matrix3, mode: Int, tolerance: Double) -> Matrix3? {
        guard abs(lattice.determinant - input.determinant) <= tolerance, let inverse = lattice.inverse(precision: tolerance) else { return nil }
        let t = inverse * input
        switch mode {
        case 0: return Matrix3.identity.isClose(to: t, tolerance: tolerance) ? t : nil
        default:
            let absolute = Matrix3(Vector3(abs(t.r0.x), abs(t.r0.y), abs(t.r0.z)), Vector3(abs(t.r1.x), abs(t.r1.y), abs(t.r1.z)),
                                   Vector3(abs(t.r2.x), abs(t.r2.y), abs(t.r2.z)))
            return Matrix3.identity.isClose(to: absolute, tolerance: tolerance) ? t : nil
        }
    }
}
