import Foundation
import Testing
import CrystalImport
import CrystalModel
@testable import CrystalSamples
import CrystalSpaceGroup

/// The benchmark generator's crystals must really have the symmetry they are generated in: every operation of the
/// setting maps the conventional cell onto itself, atoms keep their distance, and the symmetrized CIF expands back
/// to the same cell.
struct SymmetricCrystalGeneratorTests {
    static let elements = ["O", "Mg", "Si", "Li"].compactMap { Element(symbol: $0) }

    @Test("every space group: the crystal keeps every operation of its setting, atoms stay 1.6 Å apart, orbits add up")
    func everyGroupIsExactlySymmetric() throws {
        var rng = SplitMix64(seed: 7)
        let generator = SymmetricCrystalGenerator()
        var made = 0
        for number in 1...230 {
            guard let crystal = generator.generate(number: number, elements: Self.elements, using: &rng) else { continue }
            made += 1
            let setting = crystal.setting
            #expect(setting.number == number)
            #expect(crystal.orbits.reduce(0) { $0 + $1.multiplicity } == crystal.conventional.siteCount)
            #expect(crystal.written.siteCount * (crystal.writtenCell == "primitive" ? setting.centringTranslations.count : 1)
                    == crystal.conventional.siteCount)
            #expect(generator.sites.contains(crystal.written.siteCount))
            // Every operation on every site for every fourth group; on the orbit representatives elsewhere (the
            // orbits are built by the operations, so this catches a wrong orbit or a misplaced special position).
            let checked = number % 4 == 0 ? crystal.conventional
                : Structure(lattice: crystal.conventional.lattice, sites: crystal.orbits.map(\.site))
            for op in setting.operations {
                let ok = checked.sites.allSatisfy { site in
                    let moved = op.apply(site.position)
                    return crystal.conventional.sites.contains { other in
                        guard other.occupants[0].element == site.occupants[0].element else { return false }
                        var d = moved - other.position
                        d -= d.rounded(.toNearestOrEven)
                        return crystal.conventional.lattice.cartesian(d).length < 1e-6
                    }
                }
                #expect(ok, "group \(number) hall \(crystal.hallNumber): \(op.xyz)")
            }
            let sites = crystal.conventional.sites
            for i in sites.indices { for j in sites.indices where j > i {
                #expect(SymmetricCrystalGenerator.distance(sites[i].position, sites[j].position, crystal.conventional.lattice) >= 1.59)
            } }
        }
        #expect(made >= 225, "made \(made) of 230")
    }

    @Test("the symmetrized CIF expands to the conventional cell")
    func cifsReadBack() throws {
        var rng = SplitMix64(seed: 11)
        let generator = SymmetricCrystalGenerator()
        for number in stride(from: 2, through: 230, by: 7) {
            guard let crystal = generator.generate(number: number, elements: Self.elements, using: &rng) else { continue }
            let text = SymmetrizedCIFWriter.write(crystal, blockName: "x")
            let read = CIFStructureReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "x.cif")).structures
            let structure = try #require(read.first?.structure)
            #expect(structure.siteCount == crystal.conventional.siteCount, "group \(number)")
            #expect(structure.composition == crystal.conventional.composition)
            #expect(abs(structure.lattice.volume - crystal.conventional.lattice.volume) < 1e-4)
        }
    }
}
