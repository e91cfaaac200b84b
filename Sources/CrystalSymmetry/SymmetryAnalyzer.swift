import CSpglib
import CrystalModel

/// What spglib finds for an ordered structure.
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

/// Space-group analysis with spglib (Togo and Tanaka, "Spglib: a software library for crystal symmetry
/// search", arXiv:1808.01590). spglib's one convention difference is met at one named boundary,
/// `SpglibCell`: its lattice holds the vectors as columns.
public enum SymmetryAnalyzer {
    /// Default symmetry tolerance in Å, as the reference answers in ../shared/data use.
    public static let defaultSymprec = 0.01
    /// Angle tolerance in degrees, pymatgen's SpacegroupAnalyzer default.
    public static let angleTolerance = 5.0

    /// Symmetry of an ordered structure; nil for a disordered one or when spglib finds none. A structure proven
    /// to be P1 (`TrivialSymmetry`) skips spglib's fixed-cost search and gets the answer spglib would give.
    public static func analyze(_ structure: Structure, symprec: Double = defaultSymprec, angleTolerance: Double = angleTolerance) -> SymmetryInfo? {
        guard structure.isOrdered, !structure.sites.isEmpty else { return nil }
        if TrivialSymmetry.isP1(structure, symprec: symprec, angleTolerance: angleTolerance) {
            return .p1(sites: structure.sites.count, symprec: symprec)
        }
        return spglibDataset(structure, symprec: symprec, angleTolerance: angleTolerance)
    }

    /// spglib's dataset, always computed.
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

    /// The standardized primitive cell (spglib's `spg_standardize_cell`, to_primitive = 1, no idealization).
    public static func standardizedPrimitive(_ structure: Structure, symprec: Double = defaultSymprec) -> Structure? {
        standardized(structure, toPrimitive: true, symprec: symprec)
    }

    /// The standardized conventional cell (spglib's `spg_standardize_cell`, to_primitive = 0, no idealization).
    public static func standardizedConventional(_ structure: Structure, symprec: Double = defaultSymprec) -> Structure? {
        standardized(structure, toPrimitive: false, symprec: symprec)
    }

    static func standardized(_ structure: Structure, toPrimitive: Bool, symprec: Double) -> Structure? {
        guard structure.isOrdered else { return nil }
        // A conventional cell holds up to 4 primitive cells (F centring).
        var cell = SpglibCell(structure, capacity: structure.sites.count * 4)
        let count = cell.withArguments { lattice, positions, types, count in
            spg_standardize_cell(lattice, positions, types, count, toPrimitive ? 1 : 0, 1, symprec)
        }
        guard count > 0 else { return nil }
        return cell.structure(count: Int(count))
    }

    /// The Niggli-reduced cell with the sites re-expressed in it (spglib's `spg_niggli_reduce`).
    public static func niggliReduced(_ structure: Structure, symprec: Double = 1e-5) -> Structure? {
        guard let reduced = SpglibCell.reduced(structure.lattice, by: { spg_niggli_reduce($0, symprec) }) else { return nil }
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
