import Foundation
import Testing
import CrystalModel
import CrystalHull
@testable import CrystalPhaseDiagram

/// Stable phases and tie lines of every MP binary, ternary and quaternary, and of joined hulls (MP plus
/// generated candidates), against pymatgen's PhaseDiagram.facets (oracle/phase_diagram_oracle.py).
@Suite(.enabled(if: PhaseOracle.available, "needs ../shared/data"))
struct PymatgenFacetsTests {
    struct Tally: CustomStringConvertible {
        var compared = [Int: Int]()
        var identical = 0
        var flat = [String]()
        var different = [String]()
        var description: String {
            "compared \(compared.sorted { $0.key < $1.key }.map { "\($0.value) with \($0.key) elements" }.joined(separator: ", ")); "
                + "identical \(identical); flat facets \(flat.count); different \(different.count)"
        }
    }

    /// Compares every answered system. The engine runs once over all entries and each diagram takes its
    /// entries' results from there (an entry's results depend only on its own system and subsystems, the
    /// engine's design); every `sampleEvery`-th system is also built from scratch and must give the same diagram.
    static func check(_ answers: [(system: String, facets: [[String]])], entries: [DiagramEntry], sampleEvery: Int, report: String) throws -> Tally {
        let (results, _) = StabilityEngine().place(entries.map(\.entry), againstHullOf: Array(entries.indices))
        var bySystem = [String: [Int]]()
        for (i, entry) in entries.enumerated() { bySystem[entry.entry.composition.elements.map(\.symbol).sorted().joined(separator: "-"), default: []].append(i) }
        var tally = Tally()
        for (n, (system, facets)) in answers.enumerated() {
            let symbols = system.split(separator: "-").map(String.init)
            let elements = symbols.compactMap { Element(symbol: $0) }
            var members = [Int]()
            for mask in 1..<(1 << symbols.count) {
                members += bySystem[symbols.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element).joined(separator: "-")] ?? []
            }
            members.sort()
            var position = [Int: Int]()
            for (local, global) in members.enumerated() { position[global] = local }
            let local = members.map { global -> StabilityResult in
                var result = results[global]
                result.decomposition = result.decomposition.map { (position[$0.entry]!, $0.fraction) }
                result.competingDecomposition = result.competingDecomposition.map { (position[$0.entry]!, $0.fraction) }
                return result
            }
            let diagram = try PhaseDiagram(elements: elements, entries: members.map { entries[$0] }, results: local,
                                           placements: [HullPlacement?](repeating: nil, count: members.count), hull: .combined)
            if n % sampleEvery == 0 {
                let scratch = try PhaseDiagram(elements: elements, entries: members.map { entries[$0] })
                #expect(scratch.facets == diagram.facets && scratch.tieLines == diagram.tieLines && scratch.vertices == diagram.vertices, "\(system)")
                #expect(zip(scratch.points, diagram.points).allSatisfy { $0.id == $1.id && $0.energyAboveHull == $1.energyAboveHull && $0.energyBelowHull == $1.energyBelowHull }, "\(system)")
            }
            tally.compared[elements.count, default: 0] += 1
            switch PhaseOracle.compare(diagram, with: facets) {
            case .identical: tally.identical += 1
            case .flatFacets(let diagonals): tally.flat.append("\(system): pymatgen's diagonals \(diagonals)")
            case .different(let why): tally.different.append("\(system): \(why)")
            }
        }
        try? ([tally.description] + tally.flat + tally.different).joined(separator: "\n").write(toFile: report, atomically: true, encoding: .utf8)
        return tally
    }

    /// `CRYSTALDB_FULL_AGREEMENT=1` checks all 19,089 systems (about 35 s of CPU in a debug build); `make test`
    /// every 8th, binaries, ternaries and quaternaries alike.
    static let fullAgreement = ProcessInfo.processInfo.environment["CRYSTALDB_FULL_AGREEMENT"] != nil

    @Test("every MP system of 2-4 elements (every 8th in make test): the same stable phases and tie lines as pymatgen (flat facets aside)")
    func materialsProject() throws {
        let all = PhaseOracle.facets("mp_facets.txt.gz")
        #expect(all.count == 19089)
        let answers = Self.fullAgreement ? all : all.enumerated().filter { $0.offset % 8 == 0 }.map(\.element)
        let tally = try Self.check(answers, entries: PhaseOracle.materialsProject, sampleEvery: Self.fullAgreement ? 200 : 25,
                                   report: "/tmp/crystaldb-phase-mp-report.txt")
        if Self.fullAgreement {
            #expect(tally.compared == [2: 1935, 3: 11226, 4: 5928])
        } else {
            #expect(tally.compared.values.reduce(0, +) == 2387 && tally.compared.keys.sorted() == [2, 3, 4])
        }
        #expect(tally.different.isEmpty, "\(tally.different.count) differ: \(tally.different.prefix(5))")
        #expect(tally.identical + tally.flat.count == answers.count)
    }

    @Test("joined hulls (MP plus generated candidates) of 120 sampled systems: the same as pymatgen")
    func joined() throws {
        let answers = PhaseOracle.facets("mp_joined_facets.txt")
        #expect(answers.count == 120)
        let candidates = PhaseOracle.entries(PhaseOracle.fixtures.appendingPathComponent("mp_joined_candidates.csv"), source: "gen", reference: false)
        #expect(candidates.count == 3679)
        let tally = try Self.check(answers, entries: PhaseOracle.materialsProject + candidates, sampleEvery: 10, report: "/tmp/crystaldb-phase-joined-report.txt")
        #expect(tally.different.isEmpty, "\(tally.different.count) differ: \(tally.different.prefix(5))")
        #expect(tally.identical + tally.flat.count == answers.count)
    }
}
