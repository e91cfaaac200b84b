import Foundation
import Testing
import CrystalMatch
import CrystalModel
@testable import CrystalStability

@Suite struct DuplicateGroupingTests {
    /// Eight elements on a grid (no translation symmetry), site 4 moved along x by `shift` (V/n)^(1/3).
    static func crystal(shift: Double) -> Structure {
        let symbols = ["Li", "Be", "Na", "Mg", "K", "Ca", "Rb", "Sr"]
        var sites = [Site]()
        for (k, symbol) in symbols.enumerated() {
            let p = Vector3(Double(k & 1) * 0.5, Double((k >> 1) & 1) * 0.5, Double((k >> 2) & 1) * 0.5) + Vector3(0.1, 0.1, 0.1)
            sites.append(Site(element: Element(symbol: symbol)!, position: p))
        }
        sites[4].position.x += shift * 3 / 6   // (V/n)^(1/3) = 3 Å in a 6 Å cube of 8 sites
        return Structure(lattice: Lattice(rows: [[6, 0, 0], [0, 6, 0], [0, 0, 6]]), sites: sites)
    }

    func member(_ pk: Int64, _ id: String, _ energy: Double?, reference: Bool = false, _ structure: Structure?) -> DuplicateGrouping.Member {
        DuplicateGrouping.Member(entryPK: pk, id: id, energyPerAtom: energy, isReference: reference, structure: structure)
    }

    @Test("references lead, the lowest energy represents, and a reference grouped under another still makes its matches known")
    func referencesAndNovelty() throws {
        // R1 ~ R2 (0.2 apart), R2 ~ C (0.2 apart), R1 !~ C (0.4 apart); D is a duplicate of nothing known; E has no structure.
        let members = [
            member(5, "c", -1.0, Self.crystal(shift: 0.4)),
            member(1, "r1", -0.5, reference: true, Self.crystal(shift: 0)),
            member(2, "r2", -0.2, reference: true, Self.crystal(shift: 0.2)),
            member(6, "d", -0.1, Self.crystal(shift: 1.2)),
            member(7, "d2", -0.3, Self.crystal(shift: 1.25)),
            member(8, "e", nil, nil),
        ]
        let outcome = DuplicateGrouping(matcher: StructureMatcher(), jobs: 2).group(members)
        let byPK = Dictionary(uniqueKeysWithValues: outcome.assignments.map { ($0.entryPK, $0) })
        #expect(outcome.assignments.count == 6)
        // r1 leads {r1, r2}: r1 has the lower energy.
        #expect(byPK[1]?.representativePK == 1 && byPK[2]?.representativePK == 1 && byPK[1]?.groupSize == 2)
        #expect(byPK[1]?.novelByStructure == false && byPK[2]?.novelByStructure == false)
        // c does not fit onto r1, so it leads its own group, but r2 fits it: not novel.
        #expect(byPK[5]?.representativePK == 5 && byPK[5]?.groupSize == 1 && byPK[5]?.novelByStructure == false)
        // d and d2 are one new crystal; d2 has the lower energy.
        #expect(byPK[6]?.representativePK == 7 && byPK[7]?.representativePK == 7 && byPK[6]?.novelByStructure == true)
        // No structure: alone and novel.
        #expect(byPK[8] == DuplicateGrouping.Assignment(entryPK: 8, representativePK: 8, groupSize: 1, novelByStructure: true))
        #expect(outcome.unmatchable == 1)
    }
}
