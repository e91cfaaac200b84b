import CrystalModel

/// The symmetry engine: spglib's dataset for an ordered structure, found without spglib's brute-force lattice search.
///
/// The steps and every decision at a tolerance boundary are spglib 2.0.2's (Togo, Shinohara and Tanaka, "Spglib: a
/// software library for crystal symmetry search", 2024), so that the answers are the same: the primitive cell from
/// pure translations (`PrimitiveCell`), the lattice point group of its Delaunay-reduced cell (`LatticeSymmetry`,
/// Grosse-Kunstleve 1999), the translations of each rotation anchored on the rarest species (`OperationSearch`), the
/// space-group type and standard setting by Hall-symbol matching (`SpaceGroupMatcher`, `HallSymbolMatcher`), and the
/// refinement to exact positions and Wyckoff letters (`Refinement`). When a step fails the tolerance is lowered as
/// spglib lowers it (5% inside, 10% outside).
public enum SpaceGroupFinder {
    static let outerAttempts = 10
    static let outerReduction = 0.9
    static let innerAttempts = 20
    static let innerReduction = 0.95

    /// The dataset of an ordered structure at `symprec` (Å) and `angleTolerance` (degrees; negative: spglib's mode
    /// without an angle tolerance); nil for a disordered or empty structure, non-finite input, two atoms of one
    /// species closer than `symprec`, or when no space group is found (spglib's failures).
    public static func dataset(_ structure: Structure, symprec: Double, angleTolerance: Double) -> SymmetryDataset? {
        guard !structure.sites.isEmpty, structure.isOrdered, symprec > 0, symprec.isFinite else { return nil }
        let l = structure.lattice
        let lattice = Matrix3(columns: l.a, l.b, l.c)
        guard lattice.isFinite else { return nil }
        var positions = [Vector3]()
        var types = [Int32]()
        positions.reserveCapacity(structure.sites.count)
        for site in structure.sites {
            let p = site.position
            guard p.x.isFinite, p.y.isFinite, p.z.isFinite, abs(p.x) < 1e9, abs(p.y) < 1e9, abs(p.z) < 1e9 else { return nil }
            positions.append(p.wrappedToNearest)
            types.append(Int32(site.occupants[0].element.atomicNumber))
        }
        let cell = SearchCell(lattice: lattice, positions: positions, types: types)
        guard !cell.hasOverlappingAtoms(tolerance: symprec) else { return nil }
        var tolerance = symprec
        for _ in 0..<outerAttempts {
            if let (primitive, match) = spaceGroupAndPrimitive(cell, tolerance: tolerance, angleTolerance: angleTolerance),
               let refinement = Refinement.refine(match: match, primitive: primitive, input: cell) {
                return makeDataset(cell, primitive: primitive, match: match, refinement: refinement, symprec: symprec,
                                   angleTolerance: angleTolerance)
            }
            tolerance *= outerReduction
        }
        return nil
    }

    static func spaceGroupAndPrimitive(_ cell: SearchCell, tolerance: Double, angleTolerance: Double) -> (PrimitiveCell, SpaceGroupMatcher.Match)? {
        var t = tolerance, angle = angleTolerance
        for _ in 0..<innerAttempts {
            if let primitive = PrimitiveCell.find(cell, tolerance: t, angleTolerance: angle),
               let match = spaceGroup(primitive, inputLattice: cell.lattice) {
                return (primitive, match)
            }
            t *= innerReduction
            if angle > 0 { angle *= innerReduction }
        }
        return nil
    }

    /// spglib's `spa_search_spacegroup`: the operations of the primitive cell, which must have distinct rotations,
    /// then the Hall-symbol search.
    static func spaceGroup(_ primitive: PrimitiveCell, inputLattice: Matrix3) -> SpaceGroupMatcher.Match? {
        let tolerance = primitive.tolerance
        guard let rotations = LatticeSymmetry.rotations(of: primitive.cell.lattice, tolerance: tolerance,
                                                         angleTolerance: primitive.angleTolerance) else { return nil }
        let operations = OperationSearch(cell: primitive.cell, tolerance: tolerance).operations(rotations: rotations)
        guard !operations.isEmpty else { return nil }
        for i in operations.indices {
            for j in (i + 1)..<operations.count where operations[i].rotation == operations[j].rotation { return nil }
        }
        return SpaceGroupMatcher.search(primitive: primitive, inputLattice: inputLattice, operations: operations,
                                        tolerance: tolerance, angleTolerance: primitive.angleTolerance)
    }

    static func makeDataset(_ cell: SearchCell, primitive: PrimitiveCell, match: SpaceGroupMatcher.Match, refinement: Refinement,
                            symprec: Double, angleTolerance: Double) -> SymmetryDataset? {
        guard let setting = HallSetting.setting(match.hallNumber), let bravaisInverse = refinement.bravaisLattice.inverse() else { return nil }
        let p = bravaisInverse * cell.lattice
        func rows(_ m: Matrix3) -> Lattice { Lattice(a: m.column(0), b: m.column(1), c: m.column(2)) }
        return SymmetryDataset(spaceGroupNumber: setting.number, hallNumber: setting.hallNumber, internationalSymbol: setting.internationalShort,
                               hallSymbol: setting.hallSymbol, pointGroup: setting.pointGroup, operations: refinement.operations,
                               wyckoffIndices: refinement.wyckoffIndices, siteSymmetrySymbols: refinement.siteSymmetry,
                               equivalentSites: refinement.equivalentAtoms, crystallographicOrbits: refinement.crystallographicOrbits,
                               transformationMatrix: [[p[0, 0], p[0, 1], p[0, 2]], [p[1, 0], p[1, 1], p[1, 2]], [p[2, 0], p[2, 1], p[2, 2]]],
                               originShift: refinement.originShift, primitiveLattice: rows(primitive.cell.lattice),
                               mappingToPrimitive: primitive.mapping, conventionalLattice: rows(refinement.bravaisLattice),
                               standardLattice: rows(refinement.standard.lattice),
                               standardPositions: refinement.standard.positions, standardTypes: refinement.standard.types.map { Int($0) },
                               standardMappingToPrimitive: refinement.standardMappingToPrimitive, symprec: symprec, angleTolerance: angleTolerance)
    }
}
