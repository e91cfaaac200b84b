import CSpglib
import CrystalModel
import CrystalSpaceGroup

/// The symmetry of an ordered structure as stored: space group, setting, point group, Wyckoff letters and orbits.
public struct SymmetryInfo: Sendable, Equatable {
    public var spaceGroupNumber: Int
    /// Short Hermann-Mauguin symbol (`Fm-3m`).
    public var spaceGroupSymbol: String
    public var hallNumber: Int
    /// Point group (`m-3m`).
    public var pointGroup: String
    public var crystalSystem: CrystalSystem
    /// Wyckoff letter of every site, in site order.
    public var wyckoffLetters: [Character]
    /// Index of the site that represents each site's orbit.
    public var equivalentSites: [Int]
    /// Symmetry tolerance used (Å).
    public var symprec: Double

    /// Per element (alphabetical), the Wyckoff letters of its orbits, sorted, with counts: `Cl:b_Na:a`,
    /// `O:2c_Ti:a`.
    public func wyckoffSequence(of structure: Structure) -> String {
        var letters = [String: [Character]]()
        for (index, site) in structure.sites.enumerated() where equivalentSites[index] == index {
            letters[site.occupants[0].element.symbol, default: []].append(wyckoffLetters[index])
        }
        return letters.keys.sorted().map { symbol in
            var counts = [Character: Int]()
            for letter in letters[symbol]! { counts[letter, default: 0] += 1 }
            let text = counts.keys.sorted().map { counts[$0]! == 1 ? String($0) : "\(counts[$0]!)\($0)" }.joined()
            return "\(symbol):\(text)"
        }.joined(separator: "_")
    }
}

extension SymmetryInfo {
    /// What spglib says of a structure with no symmetry but the identity: P1, every site its own orbit on 1a.
    static func p1(sites: Int, symprec: Double) -> SymmetryInfo {
        SymmetryInfo(spaceGroupNumber: 1, spaceGroupSymbol: "P1", hallNumber: 1, pointGroup: "1", crystalSystem: .triclinic,
                     wyckoffLetters: Array(repeating: "a", count: sites), equivalentSites: Array(0..<sites), symprec: symprec)
    }

    /// The summary of an engine dataset.
    init(_ d: SymmetryDataset) {
        self.init(spaceGroupNumber: d.spaceGroupNumber, spaceGroupSymbol: d.internationalSymbol, hallNumber: d.hallNumber,
                  pointGroup: d.pointGroup, crystalSystem: CrystalSystem(spaceGroupNumber: d.spaceGroupNumber),
                  wyckoffLetters: d.wyckoffLetters, equivalentSites: d.equivalentSites, symprec: d.symprec)
    }
}

public enum CrystalSystem: String, Sendable {
    case triclinic, monoclinic, orthorhombic, tetragonal, trigonal, hexagonal, cubic

    public init(spaceGroupNumber n: Int) {
        switch n {
        case ...2: self = .triclinic
        case 3...15: self = .monoclinic
        case 16...74: self = .orthorhombic
        case 75...142: self = .tetragonal
        case 143...167: self = .trigonal
        case 168...194: self = .hexagonal
        default: self = .cubic
        }
    }
}

/// Space-group analysis of crystaldb: the symmetry engine of `CrystalSpaceGroup` (`SpaceGroupFinder`), which gives
/// spglib 2.0.2's dataset answers without its brute-force lattice search. spglib itself (a system library) stays as the
/// oracle of tests and benchmarks (`spglibDataset`); its one convention difference, lattice vectors as columns, is
/// met at one named boundary, `SpglibCell`.
public enum SymmetryAnalyzer {
    /// Default symmetry tolerance in Å, as the reference answers in ../shared/data use.
    public static let defaultSymprec = 0.01
    /// Angle tolerance in degrees, pymatgen's SpacegroupAnalyzer default.
    public static let angleTolerance = 5.0

    /// Symmetry of an ordered structure; nil for a disordered one or when no space group is found.
    public static func analyze(_ structure: Structure, symprec: Double = defaultSymprec, angleTolerance: Double = angleTolerance) -> SymmetryInfo? {
        dataset(structure, symprec: symprec, angleTolerance: angleTolerance).map { SymmetryInfo($0) }
    }

    /// The engine's full dataset (operations, Wyckoff positions, standardized cells).
    public static func dataset(_ structure: Structure, symprec: Double = defaultSymprec, angleTolerance: Double = angleTolerance) -> SymmetryDataset? {
        guard structure.isOrdered, !structure.sites.isEmpty else { return nil }
        return SpaceGroupFinder.dataset(structure, symprec: symprec, angleTolerance: angleTolerance)
    }

    /// spglib's dataset, always computed (the oracle of tests and benchmarks).
    public static func spglibDataset(_ structure: Structure, symprec: Double = defaultSymprec, angleTolerance: Double = angleTolerance) -> SymmetryInfo? {
        var cell = SpglibCell(structure)
        guard let dataset = cell.withArguments({ lattice, positions, types, count in
            angleTolerance < 0 ? spg_get_dataset(lattice, positions, types, count, symprec) : spgat_get_dataset(lattice, positions, types, count, symprec, angleTolerance)
        }) else { return nil }
        defer { spg_free_dataset(dataset) }
        let d = dataset.pointee
        guard d.spacegroup_number > 0 else { return nil }
        let n = Int(d.n_atoms)
        // spglib's Python API writes the 27th position (alpha in the International Tables) as `A`.
        let letters = (0..<n).map { i -> Character in
            let index = Int(d.wyckoffs[i])
            return index < 26 ? Character(UnicodeScalar(UInt8(97 + index))) : "A"
        }
        return SymmetryInfo(spaceGroupNumber: Int(d.spacegroup_number), spaceGroupSymbol: text(d.international_symbol),
                            hallNumber: Int(d.hall_number), pointGroup: text(d.pointgroup_symbol),
                            crystalSystem: CrystalSystem(spaceGroupNumber: Int(d.spacegroup_number)),
                            wyckoffLetters: letters, equivalentSites: (0..<n).map { Int(d.equivalent_atoms[$0]) }, symprec: symprec)
    }

    /// The standardized primitive cell (the engine's, on the input's lattice; spglib's `spg_standardize_cell` with
    /// to_primitive = 1 and no idealization chooses the same basis).
    public static func standardizedPrimitive(_ structure: Structure, symprec: Double = defaultSymprec) -> Structure? {
        dataset(structure, symprec: symprec)?.standardizedPrimitiveCell()
    }

    /// The standardized conventional cell (the engine's, on the input's lattice, symmetrized positions).
    public static func standardizedConventional(_ structure: Structure, symprec: Double = defaultSymprec) -> Structure? {
        dataset(structure, symprec: symprec)?.standardizedConventionalCell()
    }

    /// The Niggli-reduced cell with the sites re-expressed in it.
    public static func niggliReduced(_ structure: Structure, symprec: Double = 1e-5) -> Structure? {
        guard let reduced = LatticeReduction.niggli(structure.lattice, tolerance: symprec) else { return nil }
        var sites = [Site]()
        for site in structure.sites {
            guard var p = reduced.fractional(structure.lattice.cartesian(site.position)) else { return nil }
            p -= p.rounded(.down)
            sites.append(Site(position: p, occupants: site.occupants, label: site.label))
        }
        return Structure(lattice: reduced, sites: sites)
    }

    static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
