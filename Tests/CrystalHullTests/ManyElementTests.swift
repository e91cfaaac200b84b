import Testing
import CrystalModel
@testable import CrystalHull

/// Any number of elements per composition: a system is never enumerated subset by subset beyond 20 elements
/// (2^k), so one entry of 64, 100 or all 118 elements is computed like a binary.
@Suite struct ManyElementTests {
    static func entries(elements count: Int) -> [HullEntry] {
        let elements = (1...count).compactMap { Element(atomicNumber: $0) }
        var entries = elements.map { HullEntry(id: $0.symbol, composition: Composition([($0, 1)]), totalEnergy: -1) }
        let all = Composition(elements.map { ($0, 1.0) })
        // Formation -0.1 eV/atom: a vertex; the same composition 0.05 eV/atom higher lies 0.05 above it.
        entries.append(HullEntry(id: "low", composition: all, totalEnergy: -1.1 * Double(count)))
        entries.append(HullEntry(id: "high", composition: all, totalEnergy: -1.05 * Double(count)))
        return entries
    }

    @Test("one composition of 64, 100 and 118 elements", arguments: [21, 64, 100, 118])
    func manyElements(count: Int) throws {
        let entries = Self.entries(elements: count)
        let results = StabilityEngine().compute(entries)
        let low = results[count], high = results[count + 1]
        #expect(low.isHullVertex)
        #expect(abs(low.formationEnergyPerAtom! - -0.1) < 1e-12)
        #expect(!high.isHullVertex)
        #expect(abs(high.energyAboveHull! - 0.05) < 1e-9)
        #expect(high.decomposition.map { entries[$0.entry].id } == ["low"])
        #expect(results[0].isHullVertex)
    }

    @Test("subsets among known systems come in mask order whether enumerated or scanned")
    func subsetOrder() {
        let system = ChemicalSystemKey([3, 8, 26, 90].compactMap { Element(atomicNumber: $0) })
        var known = [ChemicalSystemKey: Int]()
        for z in [[3], [8], [26], [3, 8], [8, 26], [3, 26, 90], [3, 8, 26, 90], [5]] {
            known[ChemicalSystemKey(z.compactMap { Element(atomicNumber: $0) })] = 0
        }
        let scanned = system.subsets(among: known)
        for _ in 0..<(1 << 4) { known[ChemicalSystemKey([Element(atomicNumber: 100 + known.count % 18)!])] = 0 }
        let enumerated = system.subsets(among: known)
        #expect(scanned == enumerated)
        #expect(scanned.map(\.atomicNumbers) == [[3], [8], [3, 8], [26], [8, 26], [3, 26, 90], [3, 8, 26, 90]])
    }

    @Test("entries outside the domain take no part and say why; the others are computed as without them")
    func invalidEntries() {
        let fe = Element(symbol: "Fe")!, o = Element(symbol: "O")!
        var entries = [HullEntry(id: "Fe", composition: Composition([(fe, 1)]), totalEnergy: -8),
                       HullEntry(id: "O", composition: Composition([(o, 1)]), totalEnergy: -4),
                       HullEntry(id: "FeO", composition: Composition([(fe, 1), (o, 1)]), totalEnergy: -14)]
        let clean = StabilityEngine().compute(entries)
        entries += [HullEntry(id: "nan", composition: Composition([(fe, 1), (o, 1)]), totalEnergy: .nan),
                    HullEntry(id: "huge", composition: Composition([(fe, 1)]), totalEnergy: -1e300),
                    HullEntry(id: "negative", composition: Composition([(fe, -1), (o, 2)]), totalEnergy: -5),
                    HullEntry(id: "empty", composition: Composition(), totalEnergy: -5)]
        let results = StabilityEngine().compute(entries)
        #expect(Array(results.prefix(3)) == clean)
        #expect(results[3].invalidInput == "energy nan is not a finite number")
        #expect(results[4].invalidInput?.contains("beyond ±10000000.0 eV/atom") == true)
        #expect(results[5].invalidInput == "amount of Fe is -1.0; must be a positive number")
        #expect(results[6].invalidInput == "no elements")
        #expect(results[3...].allSatisfy { $0.formationEnergyPerAtom == nil && $0.energyAboveHull == nil })
    }
}
