import Foundation
import Testing
import CrystalModel
import CrystalSamples
import CrystalSpaceGroup
@testable import CrystalSymmetry

/// The engine must give spglib 2.0.2's dataset (Debian's libsymspg, the oracle): the same space group, Hall setting,
/// Wyckoff letters, site symmetries and orbits, and the same transformation, origin shift, operations and
/// standardized cell, on random, symmetric, shaken and real structures, and at the tolerance boundary.
struct SpaceGroupFinderTests {
    /// A deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
    }

    static let elements = ["Li", "O", "Fe", "Si", "Mg"].compactMap { Element(symbol: $0) }

    static func randomStructure(_ random: inout Random, sites: Int) -> Structure {
        let lattice = Lattice(lengths: Vector3(random.uniform(3...9), random.uniform(3...9), random.uniform(3...9)),
                              anglesInDegrees: Vector3(random.uniform(70...110), random.uniform(70...110), random.uniform(70...110)))
        let structure = (0..<sites).map { i in
            Site(element: elements[i % 3], position: Vector3(random.uniform(0...1), random.uniform(0...1), random.uniform(0...1)))
        }
        return Structure(lattice: lattice, sites: structure)
    }

    static let rockSalt = Structure(lattice: Lattice(lengths: Vector3(5.64, 5.64, 5.64), anglesInDegrees: Vector3(90, 90, 90)), sites:
        [(0.0, 0.0, 0.0), (0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0)].flatMap { p in
            [Site(element: Element(symbol: "Na")!, position: Vector3(p.0, p.1, p.2)),
             Site(element: Element(symbol: "Cl")!, position: Vector3(p.0 + 0.5, p.1, p.2))]
        })

    /// The differences between the engine and spglib on one structure ("found by one only" when only one finds a group).
    static func compare(_ structure: Structure, symprec: Double = 0.01, angleTolerance: Double = 5) -> [String] {
        let ours = SpaceGroupFinder.dataset(structure, symprec: symprec, angleTolerance: angleTolerance)
        let spglib = SpglibOracle(structure, symprec: symprec, angleTolerance: angleTolerance)
        switch (ours, spglib) {
        case (nil, nil): return []
        case let (ours?, spglib?): return DatasetComparison.differences(ours, spglib)
        default: return ["found by one only: ours \(ours?.spaceGroupNumber ?? 0), spglib \(spglib?.number ?? 0)"]
        }
    }

    @Test("400 random structures of 5-40 sites: P1, and every field as spglib's")
    func randomStructures() {
        var random = Random(state: 42)
        var failures = [String]()
        var p1 = 0
        for index in 0..<400 {
            let structure = Self.randomStructure(&random, sites: 5 + index % 36)
            let differences = Self.compare(structure)
            if !differences.isEmpty { failures.append("\(index): \(differences)") }
            if SpaceGroupFinder.dataset(structure, symprec: 0.01, angleTolerance: 5)?.spaceGroupNumber == 1 { p1 += 1 }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(p1 >= 390, "P1: \(p1) of 400")
    }

    @Test("a 512-site random cell in a cubic box: P1 with 48 lattice rotations tried, as spglib")
    func largeCubicBox() {
        var random = Random(state: 11)
        let sites = (0..<512).map { i in
            Site(element: Self.elements[i % 4 == 0 ? 1 : 3], position: Vector3(random.uniform(0...1), random.uniform(0...1), random.uniform(0...1)))
        }
        let box = Structure(lattice: Lattice(lengths: Vector3(15, 15, 15), anglesInDegrees: Vector3(90, 90, 90)), sites: sites)
        #expect(SpaceGroupFinder.dataset(box, symprec: 0.01, angleTolerance: 5)?.spaceGroupNumber == 1)
        #expect(Self.compare(box).isEmpty)
    }

    @Test("rock salt: Fm-3m, Na on 4a and Cl on 4b; shaken by 0.001-0.3 Å, every field as spglib's")
    func rockSaltShaken() throws {
        let exact = try #require(SpaceGroupFinder.dataset(Self.rockSalt, symprec: 0.01, angleTolerance: 5))
        #expect(exact.spaceGroupNumber == 225 && exact.internationalSymbol == "Fm-3m" && exact.hallNumber == 523)
        #expect(String(exact.wyckoffLetters) == "abababab" && exact.siteSymmetrySymbols[0] == "m-3m")
        #expect(exact.operations.count == 192)
        var random = Random(state: 7)
        var failures = [String]()
        var groups = Set<Int>()
        for shift in [0.001, 0.003, 0.005, 0.007, 0.01, 0.02, 0.05, 0.1, 0.3] {
            for _ in 0..<20 {
                let shaken = CrystalVariants.shaken(Self.rockSalt, by: shift, using: &random)
                let differences = Self.compare(shaken)
                if !differences.isEmpty { failures.append("\(shift): \(differences)") }
                groups.insert(SpaceGroupFinder.dataset(shaken, symprec: 0.01, angleTolerance: 5)?.spaceGroupNumber ?? 0)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(groups.contains(225) && groups.contains(1) && groups.count > 3, "\(groups.sorted())")
    }

    @Test("at the tolerance boundary: one displaced atom, symprec from half to twice the displacement; same group as spglib at each")
    func toleranceBoundary() {
        // Na at the origin moved by 0.02 Å along x: Fm-3m holds only once symprec exceeds the displacement.
        var structure = Self.rockSalt
        structure.sites[0].position.x += 0.02 / 5.64
        var numbers = [Double: Int]()
        var failures = [String]()
        for factor in [0.5, 0.9, 0.99, 0.999, 1.001, 1.01, 1.1, 1.5, 2.0] {
            let symprec = 0.02 * factor
            for angle in [5.0, -1.0] {
                let differences = Self.compare(structure, symprec: symprec, angleTolerance: angle)
                if !differences.isEmpty { failures.append("symprec \(symprec), angle \(angle): \(differences)") }
            }
            numbers[factor] = SpaceGroupFinder.dataset(structure, symprec: symprec, angleTolerance: 5)?.spaceGroupNumber
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(numbers[0.5] != 225 && numbers[2.0] == 225, "\(numbers.sorted { $0.key < $1.key })")
    }

    @Test("generated crystals of all 230 space groups (random settings, supercells, moved origins, permuted axes, noise up to symprec/3): every field as spglib's")
    func generatedSet() {
        var failures = [String]()
        let cases = GeneratedSymmetrySet.cases(perGroup: 2, symprec: 0.01)
        for c in cases {
            let differences = Self.compare(c.structure)
            if !differences.isEmpty { failures.append("\(c.name): \(differences)") }
        }
        #expect(cases.count >= 450)
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count): \(failures.prefix(5))")
    }

    @Test("generated crystals at spglib's default tolerance (1e-5 Å, no angle tolerance) and at 0.1 Å: every field as spglib's")
    func generatedSetOtherTolerances() {
        var failures = [String]()
        for (symprec, angle, seed) in [(1e-5, -1.0, UInt64(3)), (0.1, 5.0, UInt64(4))] {
            for c in GeneratedSymmetrySet.cases(perGroup: 1, symprec: symprec, seed: seed) {
                let differences = Self.compare(c.structure, symprec: symprec, angleTolerance: angle)
                if !differences.isEmpty { failures.append("\(symprec) \(c.name): \(differences)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(5))")
    }

    @Test("the 27th Wyckoff position (alpha in the International Tables) is A, as spglib's Python API writes it: Pmmm's general position")
    func twentySeventhPosition() throws {
        // Pmmm (47) has 27 positions: 1a...1h, 2i...2t, 4u...4z, and the general position 8α.
        let lattice = Lattice(lengths: Vector3(4.1, 5.3, 6.7), anglesInDegrees: Vector3(90, 90, 90))
        var sites = [Site(element: Element(symbol: "Fe")!, position: .zero)]
        let (x, y, z) = (0.13, 0.27, 0.31)
        for sx in [x, -x] { for sy in [y, -y] { for sz in [z, -z] {
            var p = Vector3(sx, sy, sz)
            p -= p.rounded(.down)
            sites.append(Site(element: Element(symbol: "O")!, position: p))
        } } }
        let structure = Structure(lattice: lattice, sites: sites)
        let info = try #require(SymmetryAnalyzer.analyze(structure))
        #expect(info.spaceGroupNumber == 47)
        #expect(info.wyckoffLetters == ["a"] + Array(repeating: "A", count: 8))
        #expect(info.wyckoffSequence(of: structure) == "Fe:a_O:A")
        let spglib = try #require(SymmetryAnalyzer.spglibDataset(structure))
        #expect(spglib.wyckoffLetters == info.wyckoffLetters)
        #expect(Self.compare(structure).isEmpty)
    }

    @Test("standardized cells: the conventional cell holds the dataset's positions; the primitive cell 1/n of its volume; both analyse to the same group")
    func standardizedCells() throws {
        for c in GeneratedSymmetrySet.cases(perGroup: 1, symprec: 0.01, groups: [2, 12, 47, 63, 70, 139, 148, 166, 194, 216, 225, 227, 229, 230]) {
            let dataset = try #require(SpaceGroupFinder.dataset(c.structure, symprec: 0.01, angleTolerance: 5))
            let conventional = try #require(dataset.standardizedConventionalCell())
            let primitive = try #require(dataset.standardizedPrimitiveCell())
            let setting = try #require(HallSetting.setting(dataset.hallNumber))
            let centrings = setting.centringTranslations.count
            #expect(conventional.siteCount == dataset.standardPositions.count)
            #expect(primitive.siteCount * centrings == conventional.siteCount, "\(c.name)")
            #expect(abs(primitive.lattice.volume * Double(centrings) - conventional.lattice.volume) < 1e-6 * conventional.lattice.volume)
            #expect(primitive.composition.reducedFormula == c.structure.composition.reducedFormula)
            for cell in [conventional, primitive] {
                let again = SpaceGroupFinder.dataset(cell, symprec: 0.01, angleTolerance: 5)
                #expect(again?.spaceGroupNumber == dataset.spaceGroupNumber, "\(c.name)")
            }
        }
    }
}

/// Every ordered structure of ../shared/data (CIF and POSCAR) as read, and every third shaken by 0.02 Å: every field as
/// spglib's. Split by source folder so that the parts run side by side.
@Suite(.enabled(if: SymmetryData.available, "needs ../shared/data"))
struct SharedDataAgreementTests {
    static let parts: [[String]] = [["spglib"], ["mattergen", "pymatgen"], ["cod-tools", "jarvis", "alignn", "cgcnn", "chgnet", "matbench-discovery", "gemmi", "pycifrw"]]

    static func structures(in folders: [String]) -> [(String, Structure)] {
        let root = SymmetryData.structures
        return folders.flatMap { folder -> [(String, Structure)] in
            let files = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)?.compactMap { $0 as? String } ?? []
            return files.filter { $0.hasSuffix(".cif") || $0.contains("POSCAR") }.sorted().compactMap { path in
                guard let structure = SpglibReferenceTests.read(root.appendingPathComponent(folder).appendingPathComponent(path)),
                      structure.isOrdered, !structure.sites.isEmpty, structure.siteCount <= 400 else { return nil }
                return (folder + "/" + path, structure)
            }
        }
    }

    @Test("as read, and every third shaken by 0.02 Å", arguments: 0..<3)
    func sharedStructures(part: Int) {
        var random = SpaceGroupFinderTests.Random(state: UInt64(3 + part))
        var checked = 0
        var failures = [String]()
        for (index, (path, structure)) in Self.structures(in: Self.parts[part]).enumerated() {
            var variants = [("as read", structure)]
            if index % 3 == 0 { variants.append(("shaken", CrystalVariants.shaken(structure, by: 0.02, using: &random))) }
            for (variant, candidate) in variants {
                checked += 1
                let differences = SpaceGroupFinderTests.compare(candidate)
                if !differences.isEmpty { failures.append("\(path) \(variant): \(differences)") }
            }
        }
        #expect(checked > [900, 900, 800][part], "checked \(checked)")
        #expect(failures.isEmpty, "\(failures.count) of \(checked): \(failures.prefix(5))")
    }
}
