import CrystalModel

/// Matches operations in a conventional basis to the operations of one Hall setting and finds the origin shift
/// (Grosse-Kunstleve, Acta Cryst. A55 (1999) 383, section 4): for the setting's generators, the differences dw
/// between the found and the tabulated translations (in the primitive basis of the centring), reduced modulo 1,
/// give the shift V S+ U dw, where V S+ U is the Smith-normal-form pseudo-inverse of the stacked (W - I). The
/// generator sets and their V S+ U are spglib's, tried in its order, so that the same shift (and hence the same
/// origin among those the normalizer allows) comes out. Then every operation must match a tabulated one.
enum HallSymbolMatcher {
    struct GeneratorSet {
        let rotations: [IntMatrix3?]
        let vspu: [Double]
        /// Registry numbers of the rotations (-1: unused slot or a rotation no setting has).
        var rotationNumbers: [Int] { rotations.map { $0.map(RotationRegistry.shared.number) ?? -1 } }
    }

    static func sets(_ generators: [Int], _ vspu: [Double]) -> [GeneratorSet] {
        let count = generators.count / 27
        return (0..<count).map { n in
            let rotations: [IntMatrix3?] = (0..<3).map { g in
                let entries = Array(generators[(n * 27 + g * 9)..<(n * 27 + g * 9 + 9)])
                return entries.allSatisfy { $0 == 0 } ? nil : IntMatrix3(entries)
            }
            return GeneratorSet(rotations: rotations, vspu: Array(vspu[(n * 27)..<(n * 27 + 27)]))
        }
    }

    static let tricli = sets(SpglibTables.generatorsTricli, SpglibTables.vspuTricli)
    static let monocli = [Centering.primitive: sets(SpglibTables.generatorsMonocli, SpglibTables.vspuMonocli),
                          .aFace: sets(SpglibTables.generatorsMonocli, SpglibTables.vspuMonocliA),
                          .bFace: sets(SpglibTables.generatorsMonocli, SpglibTables.vspuMonocliB),
                          .cFace: sets(SpglibTables.generatorsMonocli, SpglibTables.vspuMonocliC),
                          .body: sets(SpglibTables.generatorsMonocli, SpglibTables.vspuMonocliI)]
    static let ortho = [Centering.primitive: sets(SpglibTables.generatorsOrtho, SpglibTables.vspuOrtho),
                        .body: sets(SpglibTables.generatorsOrtho, SpglibTables.vspuOrthoI),
                        .face: sets(SpglibTables.generatorsOrtho, SpglibTables.vspuOrthoF),
                        .aFace: sets(SpglibTables.generatorsOrtho, SpglibTables.vspuOrthoA),
                        .bFace: sets(SpglibTables.generatorsOrtho, SpglibTables.vspuOrthoB),
                        .cFace: sets(SpglibTables.generatorsOrtho, SpglibTables.vspuOrthoC)]
    static let tetra = [Centering.primitive: sets(SpglibTables.generatorsTetra, SpglibTables.vspuTetra),
                        .body: sets(SpglibTables.generatorsTetra, SpglibTables.vspuTetraI)]
    static let trigo = sets(SpglibTables.generatorsTrigo, SpglibTables.vspuTrigo)
    static let rhomboH = sets(SpglibTables.generatorsRhomboH, SpglibTables.vspuRhomboH)
    static let rhomboP = sets(SpglibTables.generatorsRhomboP, SpglibTables.vspuRhomboP)
    static let hexa = sets(SpglibTables.generatorsHexa, SpglibTables.vspuHexa)
    static let cubic = [Centering.primitive: sets(SpglibTables.generatorsCubic, SpglibTables.vspuCubic),
                        .body: sets(SpglibTables.generatorsCubic, SpglibTables.vspuCubicI),
                        .face: sets(SpglibTables.generatorsCubic, SpglibTables.vspuCubicF)]

    /// The Hall numbers of rhombohedral settings (hexagonal and rhombohedral axes), and those on hexagonal axes.
    static let rhombohedral: Set<Int> = [433, 434, 436, 437, 444, 445, 450, 451, 452, 453, 458, 459, 460, 461]
    static let rhombohedralHexagonalAxes: Set<Int> = [433, 436, 444, 450, 452, 458, 460]

    /// The origin shift (conventional coordinates) that makes `operations` the Hall setting's operations, or nil.
    static func match(hallNumber: Int, bravaisLattice: Matrix3, centering: Centering, operations: OperationSet,
                      tolerance: Double) -> Vector3? {
        guard let setting = HallSetting.setting(hallNumber) else { return nil }
        let primitiveLattice = bravaisLattice * centering.fromPrimitive
        let candidates: [GeneratorSet]
        var family = centering
        switch hallNumber {
        case 489...530: candidates = cubic[centering] ?? []
        case 462...488: candidates = hexa; family = .primitive
        case 430...461:
            if rhombohedral.contains(hallNumber) {
                if rhombohedralHexagonalAxes.contains(hallNumber) { candidates = rhomboH; family = .rCenter } else { candidates = rhomboP; family = .primitive }
            } else {
                candidates = trigo
                family = .primitive
            }
        case 349...429: candidates = tetra[centering] ?? []
        case 108...348: candidates = ortho[centering] ?? []
        case 3...107: candidates = monocli[centering] ?? []
        case 1...2: candidates = tricli; family = .primitive
        default: return nil
        }
        guard mayMatch(setting, operations: operations) else { return nil }
        for set in candidates {
            guard let shift = originShift(set, setting: setting, centering: family, operations: operations) else { continue }
            if matchesDatabase(setting, shift: shift, primitiveLattice: primitiveLattice, centering: family,
                               operations: operations, tolerance: tolerance) {
                return family == .primitive ? shift : family.fromPrimitive * shift
            }
        }
        return nil
    }

    /// A necessary condition for a match: as many operations, and every rotation among the setting's.
    static func mayMatch(_ setting: HallSetting, operations: OperationSet) -> Bool {
        guard setting.operations.count == operations.count, !operations.hasForeignRotation else { return false }
        let table = RotationRegistry.shared.indices[setting.hallNumber]
        for number in operations.rotationNumbers where table[number].isEmpty { return false }
        return true
    }

    /// V S+ U dw for one generator set; nil when an operation for a generator's rotation is missing.
    static func originShift(_ set: GeneratorSet, setting: HallSetting, centering: Centering, operations: OperationSet) -> Vector3? {
        let m = centering.toPrimitive
        let table = RotationRegistry.shared.indices[setting.hallNumber]
        var dw = [Double](repeating: 0, count: 9)
        for (g, rotation) in set.rotations.enumerated() {
            guard let rotation, rotation.determinant != 0 else { continue }
            let number = RotationRegistry.shared.number(rotation)
            guard number >= 0, let index = operations.firstIndex(ofRotation: number), let first = table[number].first else { return nil }
            let found = operations.operations[index]
            let tabulated = setting.operations[first]
            let difference = m * found.translation - m * tabulated.translation
            dw[g * 3] = reducedModuloOne(difference.x)
            dw[g * 3 + 1] = reducedModuloOne(difference.y)
            dw[g * 3 + 2] = reducedModuloOne(difference.z)
        }
        var shift = Vector3.zero
        for i in 0..<3 {
            var s = 0.0
            for j in 0..<9 { s += set.vspu[i * 9 + j] * dw[j] }
            shift[i] = reducedModuloOne(s)
        }
        return shift
    }

    /// Every operation, with the origin shifted, equals a distinct tabulated one of the same rotation within the
    /// tolerance (Å, in the primitive basis, strict).
    static func matchesDatabase(_ setting: HallSetting, shift: Vector3, primitiveLattice: Matrix3, centering: Centering,
                                operations: OperationSet, tolerance: Double) -> Bool {
        let m = centering.toPrimitive
        let mInverse = centering.fromPrimitive
        // (M W M^-1) shift, the rotation in the primitive basis applied to the shift, as M (W (M^-1 shift)).
        let shiftConventional = mInverse * shift
        let overlaps = OverlapTest(lattice: primitiveLattice, tolerance: tolerance, strict: true)
        var taken = [Bool](repeating: false, count: setting.operations.count)
        let table = RotationRegistry.shared.indices[setting.hallNumber]
        for (i, op) in operations.operations.enumerated() {
            var matched = false
            let indices = table[operations.rotationNumbers[i]]
            for j in indices {
                let tabulated = setting.operations[j]
                let difference = m * op.translation - m * tabulated.translation + shift
                let shifted = m * (tabulated.rotation * shiftConventional)
                if overlaps(difference, shifted), !taken[j] {
                    taken[j] = true
                    matched = true
                    break
                }
            }
            if !matched { return false }
        }
        return true
    }
}
