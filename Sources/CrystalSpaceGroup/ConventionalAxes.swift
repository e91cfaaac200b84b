/// The conventional axes of a point group's operations (spglib's rule, after Grosse-Kunstleve 1999): the rotation
/// axes of its 2-, 3- or 4-fold rotations among 73 lattice directions (searched in a fixed order, so ties resolve the
/// same way), chosen per Laue class, as the columns of an integer transformation matrix (right-handed).
enum ConventionalAxes {
    static let axisCount = 73
    static let axes: [SIMD3<Int>] = (0..<axisCount).map {
        SIMD3(SpglibTables.rotationAxes[$0 * 3], SpglibTables.rotationAxes[$0 * 3 + 1], SpglibTables.rotationAxes[$0 * 3 + 2])
    }

    /// The point group of the rotations and the transformation whose columns are the conventional axes.
    static func transformation(_ rotations: [IntMatrix3]) -> (PointGroupType, IntMatrix3)? {
        var unique = [IntMatrix3]()
        for w in rotations where !unique.contains(w) { unique.append(w) }
        guard let group = PointGroupType.identify(unique) else { return nil }
        let chosen: [Int]?
        switch group.laue {
        case .laue1: chosen = [0, 1, 2]
        case .laue2m: chosen = laue2m(unique)
        case .laueMMM, .laueM3: chosen = sortedAxes(unique, order: 2)
        case .laueM3m: chosen = sortedAxes(unique, order: 4)
        case .laue4m, .laue4mmm: chosen = oneAxis(unique, order: 4)
        case .laue3, .laue3m, .laue6m, .laue6mmm: chosen = oneAxis(unique, order: 3)
        case .none: chosen = nil
        }
        guard let chosen, chosen.count == 3, chosen.allSatisfy({ $0 >= 0 }) else { return nil }
        return (group, matrix(chosen))
    }

    static func properRotation(_ w: IntMatrix3) -> IntMatrix3 { w.determinant == -1 ? IntMatrix3.inversion * w : w }

    /// The first direction (in table order) that the proper rotation keeps; nil for the identity.
    static func rotationAxis(_ w: IntMatrix3) -> Int? {
        guard w != .identity else { return nil }
        return (0..<axisCount).first { w * axes[$0] == axes[$0] }
    }

    /// Directions perpendicular to the rotation axis: those that 1 + W + ... + W^(n-1) sends to zero.
    static func orthogonalAxes(_ w: IntMatrix3, order: Int) -> [Int] {
        var sum = IntMatrix3.identity, power = IntMatrix3.identity
        for _ in 0..<(order - 1) {
            power = w * power
            let a = sum.m, b = power.m
            sum = IntMatrix3(a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3, a.4 + b.4, a.5 + b.5, a.6 + b.6, a.7 + b.7, a.8 + b.8)
        }
        return (0..<axisCount).filter { sum * axes[$0] == SIMD3(0, 0, 0) }
    }

    static func normSquared(_ i: Int) -> Int { let v = axes[i % axisCount]; return v.x * v.x + v.y * v.y + v.z * v.z }

    /// Index i < 73 means the direction, i + 73 its negative.
    static func matrix(_ chosen: [Int]) -> IntMatrix3 {
        var columns = [SIMD3<Int>]()
        for i in chosen { columns.append(i < axisCount ? axes[i] : axes[i % axisCount] &* -1) }
        return IntMatrix3(columns: columns[0], columns[1], columns[2])
    }

    /// 1 when `v` is the direction, -1 when it is its negative, 0 otherwise.
    static func sameAxis(_ v: SIMD3<Int>, _ index: Int) -> Int {
        if v == axes[index] { return 1 }
        if v == axes[index] &* -1 { return -1 }
        return 0
    }

    /// The shortest of the candidates (squared norm below 8), the first one on ties; skipping `excluded`.
    static func shortest(_ candidates: [Int], excluding excluded: Int? = nil) -> Int? {
        var best: Int?, bestNorm = 8
        for i in candidates where i != excluded && normSquared(i) < bestNorm {
            bestNorm = normSquared(i)
            best = i
        }
        return best
    }

    /// Monoclinic: b along the 2-fold axis, a and c the two shortest perpendicular directions (handedness and the
    /// final cell are fixed later by a 2D Delaunay reduction).
    static func laue2m(_ rotations: [IntMatrix3]) -> [Int]? {
        guard let twofold = rotations.map(properRotation).first(where: { $0.trace == -1 }), let b = rotationAxis(twofold) else { return nil }
        let perpendicular = orthogonalAxes(twofold, order: 2)
        guard let a = shortest(perpendicular), let c = shortest(perpendicular, excluding: a) else { return nil }
        return [a, b, c]
    }

    /// Orthorhombic and cubic: the axes of the 2-fold (or 4-fold) rotations, sorted by table index, right-handed.
    static func sortedAxes(_ rotations: [IntMatrix3], order: Int) -> [Int]? {
        var chosen = [Int]()
        for w in rotations.map(properRotation) where (order == 2 && w.trace == -1) || (order == 4 && w.trace == 1) {
            guard let axis = rotationAxis(w) else { continue }
            if !chosen.contains(axis) { chosen.append(axis) }
        }
        guard chosen.count == 3 else { return nil }
        if chosen[1] > chosen[2] { chosen.swapAt(1, 2) }
        if chosen[0] > chosen[1] { chosen.swapAt(0, 1) }
        if chosen[1] > chosen[2] { chosen.swapAt(1, 2) }
        if matrix(chosen).determinant < 0 { chosen.swapAt(1, 2) }
        return chosen
    }

    /// Tetragonal, trigonal, hexagonal: c along the first 4-fold (3-fold) rotation; a the first perpendicular
    /// direction whose image under that rotation is perpendicular too and gives a cell of index below 4; b that
    /// image (right-handed by swapping a and b).
    static func oneAxis(_ rotations: [IntMatrix3], order: Int) -> [Int]? {
        guard let w = rotations.map(properRotation).first(where: { (order == 4 && $0.trace == 1) || (order == 3 && $0.trace == 0) }),
              let c = rotationAxis(w) else { return nil }
        let perpendicular = orthogonalAxes(w, order: order)
        for a in perpendicular {
            let image = w * axes[a]
            var b: Int?
            for j in perpendicular {
                let same = sameAxis(image, j)
                if same == 1 { b = j; break }
                if same == -1 { b = j + axisCount; break }
            }
            guard let b else { continue }
            var chosen = [a, b, c]
            guard abs(matrix(chosen).determinant) < 4 else { continue }
            if matrix(chosen).determinant < 0 { chosen.swapAt(0, 1) }
            return chosen
        }
        return nil
    }
}
