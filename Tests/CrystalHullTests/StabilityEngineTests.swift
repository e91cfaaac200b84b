import Testing
import CrystalModel
@testable import CrystalHull

@Suite struct StabilityEngineTests {
    func entry(_ id: String, _ formula: String, perAtom: Double, reference: Bool = false) -> HullEntry {
        let composition = try! Composition(formula: formula)
        return HullEntry(id: id, composition: composition, totalEnergy: perAtom * composition.totalAmount, isReference: reference)
    }

    @Test("a binary by hand: A, B, AB below the line, A3B above the A-AB tie line")
    func binary() throws {
        // References A = Li (-2), B = O (-5). AB at -5 eV/atom: formation -1.5. Li3O at -3 eV/atom: formation
        // -3 - (0.75 * -2 + 0.25 * -5) = -0.25; hull at x_O = 0.25 is halfway to LiO: -0.75, so 0.5 above.
        let entries = [entry("A", "Li", perAtom: -2), entry("B", "O", perAtom: -5), entry("AB", "LiO", perAtom: -5),
                       entry("A3B", "Li3O", perAtom: -3)]
        let results = StabilityEngine().compute(entries)
        #expect(results[2].isHullVertex)
        #expect(abs(results[2].formationEnergyPerAtom! - -1.5) < 1e-12)
        #expect(!results[3].isHullVertex)
        #expect(abs(results[3].formationEnergyPerAtom! - -0.25) < 1e-12)
        #expect(abs(results[3].energyAboveHull! - 0.5) < 1e-12)
        let decomposition = results[3].decomposition.map { (entries[$0.entry].id, $0.fraction) }
        #expect(decomposition.map(\.0) == ["A", "AB"])
        #expect(abs(decomposition[0].1 - 0.5) < 1e-12 && abs(decomposition[1].1 - 0.5) < 1e-12)
    }

    @Test("a ternary by hand: a point inside the A-B-C triangle decomposes into its three corners")
    func ternary() throws {
        let entries = [entry("Li", "Li", perAtom: 0), entry("Fe", "Fe", perAtom: 0), entry("O", "O", perAtom: 0),
                       entry("LiO", "LiO", perAtom: -1), entry("FeO", "FeO", perAtom: -1.2), entry("LiFe", "LiFe", perAtom: -0.1),
                       entry("LiFeO2", "LiFeO2", perAtom: -1.0)]
        let results = StabilityEngine().compute(entries)
        // Hull below LiFeO2 (fractions 1/4, 1/4, 1/2): 1/2 LiO + 1/2 FeO = -1.1; LiFeO2 at -1.0 is 0.1 above.
        #expect(!results[6].isHullVertex)
        #expect(abs(results[6].energyAboveHull! - 0.1) < 1e-12)
        #expect(Set(results[6].decomposition.map { entries[$0.entry].id }) == ["LiO", "FeO"])
        #expect(results[5].isHullVertex)
    }

    @Test("collinear points: the middle one exactly on the tie line is not a vertex, 0 above")
    func collinear() throws {
        let entries = [entry("A", "Li", perAtom: 0), entry("B", "O", perAtom: 0), entry("A3B", "Li3O", perAtom: -0.5),
                       entry("AB", "LiO", perAtom: -1), entry("AB3", "LiO3", perAtom: -0.5)]
        let results = StabilityEngine().compute(entries)
        #expect(results[3].isHullVertex)
        #expect(!results[2].isHullVertex && !results[4].isHullVertex)
        #expect(results[2].energyAboveHull == 0)
    }

    @Test("duplicate compositions: the lowest energy per atom wins, the others lie above by the difference")
    func duplicates() throws {
        let entries = [entry("A", "Li", perAtom: 0), entry("B", "O", perAtom: 0), entry("AB-1", "LiO", perAtom: -1),
                       entry("AB-2", "Li2O2", perAtom: -1.25), entry("AB-3", "LiO", perAtom: -0.9)]
        let results = StabilityEngine().compute(entries)
        #expect(results[3].isHullVertex)
        #expect(abs(results[2].energyAboveHull! - 0.25) < 1e-12)
        #expect(abs(results[4].energyAboveHull! - 0.35) < 1e-12)
        #expect(results[2].decomposition.map { entries[$0.entry].id } == ["AB-2"])
    }

    @Test("one entry only, and several elemental polymorphs")
    func single() throws {
        let one = StabilityEngine().compute([entry("C", "C8", perAtom: -9)])
        #expect(one[0].isHullVertex && one[0].energyAboveHull == 0 && one[0].formationEnergyPerAtom == 0)
        let polymorphs = StabilityEngine().compute([entry("c1", "C8", perAtom: -9), entry("c2", "C4", perAtom: -9.2), entry("c3", "C", perAtom: -8.9)])
        #expect(polymorphs.map(\.isHullVertex) == [false, true, false])
        #expect(abs(polymorphs[0].energyAboveHull! - 0.2) < 1e-12)
        #expect(abs(polymorphs[2].formationEnergyPerAtom! - 0.3) < 1e-12)
    }

    @Test("a missing elemental reference is named and the rest goes on")
    func missingReference() throws {
        let entries = [entry("F", "F", perAtom: -2), entry("XeF2", "XeF2", perAtom: -3), entry("Na", "Na", perAtom: -1), entry("NaF", "NaF", perAtom: -4)]
        let results = StabilityEngine().compute(entries)
        #expect(results[1].missingReferences.map(\.symbol) == ["Xe"])
        #expect(results[1].energyAboveHull == nil && results[1].formationEnergyPerAtom == nil)
        #expect(results[3].isHullVertex)
    }

    @Test("reference hull: a candidate below the reference hull is negative; references get no value")
    func referenceHull() throws {
        let entries = [entry("A", "Li", perAtom: 0, reference: true), entry("B", "O", perAtom: 0, reference: true),
                       entry("AB", "LiO", perAtom: -1, reference: true), entry("new", "Li2O", perAtom: -0.9),
                       entry("worse", "LiO", perAtom: -0.8), entry("X", "Xe", perAtom: -1), entry("XeO", "XeO", perAtom: -2)]
        let results = StabilityEngine().compute(entries)
        // Reference hull at Li2O (x_O = 1/3): 2/3 of AB's -1 = -0.6667, so -0.9 lies 0.2333 below.
        #expect(abs(results[3].energyAboveReferenceHull! - (-0.9 + 2.0 / 3.0)) < 1e-12)
        #expect(results[3].isHullVertex)
        #expect(abs(results[4].energyAboveReferenceHull! - 0.2) < 1e-12)
        #expect(results[2].energyAboveReferenceHull == nil)
        #expect(results[2].isReferenceHullVertex && results[2].isHullVertex)
        #expect(!results[4].isReferenceHullVertex && !results[3].isReferenceHullVertex)
        // Xe is in the combined set but not among the references.
        #expect(results[6].energyAboveReferenceHull == nil)
        #expect(results[6].energyAboveHull != nil)
    }

    @Test("decompositions reproduce the composition and the hull energy", .enabled(if: HullOracle.available))
    func decompositionProperty() throws {
        let entries = HullOracle.entries("pymatgen/Li-Fe-P-O_entries.json")
        let results = StabilityEngine().compute(entries)
        for (entry, result) in zip(entries, results) {
            var fractions = [Element: Double]()
            var energy = 0.0, total = 0.0
            for (phase, weight) in result.decomposition {
                total += weight
                energy += weight * results[phase].formationEnergyPerAtom!
                for (element, f) in entries[phase].composition.fractions { fractions[element, default: 0] += weight * f }
            }
            #expect(abs(total - 1) < 1e-9)
            for (element, f) in entry.composition.fractions { #expect(abs(fractions[element, default: 0] - f) < 1e-9) }
            #expect(abs(result.formationEnergyPerAtom! - result.energyAboveHull! - energy) < 1e-9)
            #expect(result.decomposition.allSatisfy { results[$0.entry].isHullVertex })
        }
    }
}
