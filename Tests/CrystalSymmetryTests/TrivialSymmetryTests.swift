import Foundation
import Testing
import CrystalModel
@testable import CrystalSymmetry

/// The P1 proof may only say P1 where spglib's own dataset says P1 with every site its own orbit; it must say so
/// for generic low-symmetry structures (or it saves nothing) and never for symmetric ones.
struct TrivialSymmetryTests {
    /// A deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        mutating func uniform(_ range: ClosedRange<Double>) -> Double { range.lowerBound + next() * (range.upperBound - range.lowerBound) }
    }

    static let elements = ["Li", "O", "Fe", "Si", "Mg"].compactMap { Element(symbol: $0) }

    static func randomStructure(_ random: inout Random, sites: Int) -> Structure {
        let lattice = Lattice(lengths: Vector3(random.uniform(3...9), random.uniform(3...9), random.uniform(3...9)),
                              anglesInDegrees: Vector3(random.uniform(70...110), random.uniform(70...110), random.uniform(70...110)))
        let structure = (0..<sites).map { i in
            Site(element: elements[i % 3], position: Vector3(random.next(), random.next(), random.next()))
        }
        return Structure(lattice: lattice, sites: structure)
    }

    /// A symmetric structure, the same with its sites moved by up to `shift` Å.
    static func shaken(_ structure: Structure, by shift: Double, _ random: inout Random) -> Structure {
        let lengths = structure.lattice.lengths
        let sites = structure.sites.map { site -> Site in
            let d = Vector3(random.uniform(-shift...shift) / lengths.x, random.uniform(-shift...shift) / lengths.y,
                            random.uniform(-shift...shift) / lengths.z)
            return Site(position: site.position + d, occupants: site.occupants, label: site.label)
        }
        return Structure(lattice: structure.lattice, sites: sites)
    }

    static func checkAgainstSpglib(_ structure: Structure, angleTolerance: Double = SymmetryAnalyzer.angleTolerance) -> (proven: Bool, agrees: Bool) {
        let proven = TrivialSymmetry.isP1(structure, symprec: 0.01, angleTolerance: angleTolerance)
        guard proven else { return (false, true) }
        // No dataset at all (spglib refuses atoms closer than its minimum distance, as a 0.02 Å shake of a file
        // with nearly coincident atoms makes them) contradicts no proof.
        guard let info = SymmetryAnalyzer.spglibDataset(structure, symprec: 0.01, angleTolerance: angleTolerance) else { return (true, true) }
        let agrees = info == .p1(sites: structure.sites.count, symprec: 0.01)
        return (true, agrees)
    }

    @Test("random structures of 5-40 sites: proven P1, and spglib agrees with each")
    func randomStructures() {
        var random = Random(state: 42)
        var proven = 0, disagreements = [Int]()
        for index in 0..<400 {
            let structure = Self.randomStructure(&random, sites: 5 + index % 36)
            let result = Self.checkAgainstSpglib(structure)
            if result.proven { proven += 1 }
            if !result.agrees { disagreements.append(index) }
        }
        #expect(disagreements.isEmpty)
        #expect(proven >= 390, "proven \(proven) of 400")
    }

    @Test("a 512-site random cell in a cubic box is left to spglib (past the proof's work bound), which says P1")
    func largeCubicCellIsLeftToSpglib() {
        var random = Random(state: 11)
        let sites = (0..<512).map { i in
            Site(element: Self.elements[i % 4 == 0 ? 1 : 3], position: Vector3(random.next(), random.next(), random.next()))
        }
        let box = Structure(lattice: Lattice(lengths: Vector3(15, 15, 15), anglesInDegrees: Vector3(90, 90, 90)), sites: sites)
        #expect(!TrivialSymmetry.isP1(box, symprec: 0.01, angleTolerance: 5))
        #expect(SymmetryAnalyzer.analyze(box)?.spaceGroupNumber == 1)
    }

    @Test("rock salt and its supercell are never called P1; shaken by 0.001-0.3 Å, spglib agrees with every proof")
    func symmetricAndShaken() {
        let rockSalt = Structure(lattice: Lattice(lengths: Vector3(5.64, 5.64, 5.64), anglesInDegrees: Vector3(90, 90, 90)), sites:
            [(0.0, 0.0, 0.0), (0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0)].flatMap { p in
                [Site(element: Element(symbol: "Na")!, position: Vector3(p.0, p.1, p.2)),
                 Site(element: Element(symbol: "Cl")!, position: Vector3(p.0 + 0.5, p.1, p.2))]
            })
        #expect(!TrivialSymmetry.isP1(rockSalt, symprec: 0.01, angleTolerance: 5))
        var random = Random(state: 7)
        var proven = 0, disagreements = [Double]()
        for shift in [0.001, 0.003, 0.005, 0.007, 0.01, 0.02, 0.05, 0.1, 0.3] {
            for _ in 0..<20 {
                let result = Self.checkAgainstSpglib(Self.shaken(rockSalt, by: shift, &random))
                if result.proven { proven += 1 }
                if !result.agrees { disagreements.append(shift) }
            }
        }
        #expect(disagreements.isEmpty, "spglib finds symmetry in proven-P1 structures shaken by \(disagreements)")
        #expect(proven > 40)
        #expect(proven < 180, "small shakes keep symmetry at symprec 0.01 Å")
    }

    @Test("every ordered structure of ../shared/data, as read and shaken by 0.02 Å: no proof spglib contradicts",
          .enabled(if: SymmetryData.available, "needs ../shared/data"))
    func sharedStructures() throws {
        let root = SymmetryData.structures
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".cif") || $0.contains("POSCAR") }.sorted()
        var random = Random(state: 3)
        var checked = 0, proven = 0, disagreements = [String]()
        for path in files {
            guard let structure = SpglibReferenceTests.read(root.appendingPathComponent(path)), structure.isOrdered,
                  !structure.sites.isEmpty, structure.sites.count <= 200 else { continue }
            for (variant, candidate) in [("as read", structure), ("shaken", Self.shaken(structure, by: 0.02, &random))] {
                let result = Self.checkAgainstSpglib(candidate)
                checked += 1
                if result.proven { proven += 1 }
                if !result.agrees { disagreements.append("\(path) \(variant)") }
            }
        }
        #expect(checked > 4000)
        #expect(proven > 100, "proven \(proven) of \(checked)")
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
    }
}
