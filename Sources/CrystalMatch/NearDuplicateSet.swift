import Foundation
import CrystalModel

/// A seeded set of near-duplicates and hard negatives built from real crystals, to measure agreement with
/// pymatgen's StructureMatcher: for each base, the base itself, `variantsPerBase` rewrites of the same
/// crystal as relaxations and other settings produce them (a supercell, the primitive cell, permuted or
/// recombined axes, then always a shuffled site order, a shifted origin, 0.5-1.5% strain and 0.005-0.03 Å of
/// noise on every site), and `negativesPerBase` distortions around the tolerances (one axis stretched by
/// 12-45%, c tilted by about 3-9°, one site moved by 0.2-0.5 (V/n)^(1/3), two species exchanged, or
/// 0.05-0.35 (V/n)^(1/3) of noise on every site). Bases of one composition are each other's negatives too.
public enum NearDuplicateSet {
    public struct Member: Sendable {
        /// `<base index>-base`, `<base index>-v<k>-<setting>`, `<base index>-n<k>-<distortion>`.
        public let id: String
        public let structure: Structure
    }

    public static let variantsPerBase = 3
    public static let negativesPerBase = 2
    /// Supercells are made only while the cell stays at most this many sites.
    public static let maximumSites = 96

    /// The set, in a fixed order, from ordered bases (in their given order) and a seed.
    public static func generate(bases: [Structure], seed: UInt64) -> [Member] {
        var rng = SplitMix64(seed: seed)
        var members = [Member]()
        for (index, base) in bases.enumerated() {
            let tag = String(format: "%04d", index)
            members.append(Member(id: "\(tag)-base", structure: base))
            for k in 1...variantsPerBase {
                let (setting, rewritten) = rewrite(base, &rng)
                var s = StructureVariants.shuffled(rewritten, &rng)
                s = StructureVariants.shiftedOrigin(s, &rng)
                s = StructureVariants.strained(s, magnitude: rng.uniform(0.005, 0.015), &rng)
                s = StructureVariants.noisy(s, 0.005...0.03, &rng)
                members.append(Member(id: "\(tag)-v\(k)-\(setting)", structure: s))
            }
            for k in 1...negativesPerBase {
                let (distortion, distorted) = distort(base, &rng)
                var s = StructureVariants.shuffled(distorted, &rng)
                s = StructureVariants.shiftedOrigin(s, &rng)
                members.append(Member(id: "\(tag)-n\(k)-\(distortion)", structure: s))
            }
        }
        return members
    }

    static let supercells = [
        IntegerMatrix3(SIMD3(2, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)),
        IntegerMatrix3(SIMD3(1, 0, 0), SIMD3(0, 2, 0), SIMD3(0, 0, 1)),
        IntegerMatrix3(SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 2)),
        IntegerMatrix3(SIMD3(1, 1, 0), SIMD3(-1, 1, 0), SIMD3(0, 0, 1)),
        IntegerMatrix3(SIMD3(2, 0, 0), SIMD3(0, 2, 0), SIMD3(0, 0, 1)),
        IntegerMatrix3(SIMD3(1, 0, 0), SIMD3(0, 1, 1), SIMD3(0, -1, 2)),
    ]

    static let basisChanges = [
        IntegerMatrix3(SIMD3(0, 1, 0), SIMD3(0, 0, 1), SIMD3(1, 0, 0)),
        IntegerMatrix3(SIMD3(0, 1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, -1)),
        IntegerMatrix3(SIMD3(0, 0, 1), SIMD3(1, 0, 0), SIMD3(0, 1, 0)),
        IntegerMatrix3(SIMD3(1, 1, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)),
        IntegerMatrix3(SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 0, 1)),
        IntegerMatrix3(SIMD3(-1, 0, 0), SIMD3(0, 1, 1), SIMD3(0, 0, -1)),
        IntegerMatrix3(SIMD3(0, 1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, 1)),
    ]

    /// A setting change of the same crystal and its name.
    static func rewrite(_ base: Structure, _ rng: inout SplitMix64) -> (String, Structure) {
        switch rng.index(4) {
        case 0:
            let choices = supercells.filter { base.sites.count * $0.determinant <= maximumSites }
            if !choices.isEmpty { return ("supercell", StructureVariants.supercell(base, choices[rng.index(choices.count)])) }
        case 1:
            if let primitive = primitiveCell(base), primitive.sites.count < base.sites.count { return ("primitive", primitive) }
        case 2:
            if let s = StructureVariants.basisChange(base, basisChanges[rng.index(3)]) { return ("permuted", s) }
        default:
            break
        }
        let matrix = basisChanges[3 + rng.index(basisChanges.count - 3)]
        return ("axes", StructureVariants.basisChange(base, matrix) ?? base)
    }

    /// A distortion around the tolerances and its name.
    static func distort(_ base: Structure, _ rng: inout SplitMix64) -> (String, Structure) {
        let length = Foundation.cbrt(base.lattice.volume / Double(max(base.sites.count, 1)))
        switch rng.index(5) {
        case 0:
            let s = StructureVariants.stretched(base, axis: rng.index(3), factor: rng.uniform(1.12, 1.45))
            return ("stretched", StructureVariants.noisy(s, 0.005...0.03, &rng))
        case 1:
            let s = StructureVariants.sheared(base, slope: rng.uniform(0.05, 0.16))
            return ("sheared", StructureVariants.noisy(s, 0.005...0.03, &rng))
        case 2:
            let s = StructureVariants.displacedSite(base, distance: rng.uniform(0.2, 0.5) * length, &rng)
            return ("displaced", s)
        case 3:
            if let s = StructureVariants.swappedSpecies(base, &rng) { return ("swapped", StructureVariants.noisy(s, 0.005...0.03, &rng)) }
            fallthrough
        default:
            let scale = rng.uniform(0.05, 0.35) * length
            return ("shaken", StructureVariants.noisy(base, (scale * 0.5)...scale, &rng))
        }
    }

    /// The primitive cell by pymatgen's rule, sites in the input's Cartesian frame.
    static func primitiveCell(_ s: Structure) -> Structure? {
        let labels = s.sites.map(SiteSpecies.init)
        let table = Array(Set(labels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1, $0) })
        let cell = CellSites(lattice: s.lattice, frac: s.sites.map(\.position), species: labels.map { index[$0] ?? 0 })
        let primitive = PrimitiveCellFinder(speciesStrings: table.map(\.speciesString)).primitive(cell)
        let occupants = table.map { label in s.sites[labels.firstIndex(of: label) ?? 0].occupants }
        let sites = zip(primitive.frac, primitive.species).map { position, species in
            Site(position: position, occupants: occupants[species])
        }
        return Structure(lattice: primitive.lattice, sites: sites)
    }
}
