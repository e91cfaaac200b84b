import CrystalModel

extension SymmetryDataset {
    /// The standardized conventional cell on the input's lattice: the conventional basis of the standard setting
    /// spanned by the input's own (not idealized) lattice vectors, with the symmetrized positions (origin shift
    /// applied). Sites carry the input's species.
    public func standardizedConventionalCell() -> Structure? {
        var sites = [Site]()
        sites.reserveCapacity(standardPositions.count)
        for (position, type) in zip(standardPositions, standardTypes) {
            guard let element = Element(atomicNumber: type) else { return nil }
            sites.append(Site(element: element, position: position))
        }
        return Structure(lattice: conventionalLattice, sites: sites)
    }

    /// The standardized primitive cell: the conventional cell's primitive basis as spglib chooses it (A_mat, C_mat,
    /// F_mat, I_mat, R_mat for the centrings), with the primitive atoms' symmetrized positions.
    public func standardizedPrimitiveCell() -> Structure? {
        guard let setting = HallSetting.setting(hallNumber), let conventional = standardizedConventionalCell() else { return nil }
        let centering = Centering(hallSymbol: setting.hallSymbol)
        guard let basis = centering.primitiveBasis, let inverse = basis.inverse() else { return nil }
        let l = conventional.lattice
        let columns = Matrix3(columns: l.a, l.b, l.c) * basis
        let lattice = Lattice(a: columns.column(0), b: columns.column(1), c: columns.column(2))
        var sites = [Site]()
        var seen = Set<Int>()
        for (index, site) in conventional.sites.enumerated() {
            let primitiveAtom = standardMappingToPrimitive[index]
            guard !seen.contains(primitiveAtom) else { continue }
            seen.insert(primitiveAtom)
            var p = inverse * site.position
            p = Vector3(reducedModuloOne(p.x), reducedModuloOne(p.y), reducedModuloOne(p.z))
            sites.append(Site(position: p, occupants: site.occupants))
        }
        return Structure(lattice: lattice, sites: sites)
    }
}

/// Lattice reductions of the engine, on crystaldb's lattices (rows).
public enum LatticeReduction {
    /// The Niggli-reduced lattice (Křivý and Gruber's algorithm, ε = `tolerance` on the metric), right-handed when the
    /// input is; nil when it does not converge.
    public static func niggli(_ lattice: Lattice, tolerance: Double = 1e-5) -> Lattice? {
        guard let reduced = NiggliReduction.reduce(Matrix3(columns: lattice.a, lattice.b, lattice.c), epsilon: tolerance) else { return nil }
        return Lattice(a: reduced.column(0), b: reduced.column(1), c: reduced.column(2))
    }

    /// The Delaunay-reduced lattice (right-handed).
    public static func delaunay(_ lattice: Lattice, tolerance: Double = 1e-5) -> Lattice? {
        guard let reduced = DelaunayReduction.reduce(Matrix3(columns: lattice.a, lattice.b, lattice.c), tolerance: tolerance) else { return nil }
        return Lattice(a: reduced.column(0), b: reduced.column(1), c: reduced.column(2))
    }
}
