import Foundation
import Testing
import CrystalHull
import CrystalModel
@testable import CrystalPhaseDiagram

/// The diagram model on hand-made systems: stable phases, tie lines, energies, reactions, the reference hull,
/// and the errors.
@Suite struct PhaseDiagramTests {
    typealias H = HandMadeSystems

    static func index(_ diagram: PhaseDiagram, _ id: String) -> Int { diagram.points.firstIndex { $0.id == id } ?? -1 }
    static func ids(_ diagram: PhaseDiagram, _ list: [[Int]]) -> Set<[String]> { Set(list.map { $0.map { diagram.points[$0].id }.sorted() }) }

    @Test("combined hull of Li-Fe-O: the candidate Li5FeO4 joins the stable set and splits the Li2O-LiFeO2 tie line")
    func combined() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO)
        #expect(Set(diagram.vertices.map { diagram.points[$0].id }) == ["mp-li", "mp-fe", "mp-o", "mp-li2o", "mp-lifeo2", "mp-fe2o3", "gen-li5feo4"])
        let ties = Self.ids(diagram, diagram.tieLines)
        #expect(ties.contains(["gen-li5feo4", "mp-li2o"]))
        #expect(ties.contains(["gen-li5feo4", "mp-lifeo2"]))
        #expect(!ties.contains(["mp-li2o", "mp-lifeo2"]))
        #expect(diagram.facets.allSatisfy { $0.count == 3 })
        // Euler: a triangulation of the triangle with v vertices, b of them on its boundary, has 2v - b - 2 faces.
        let boundary = diagram.vertices.filter { diagram.points[$0].fractions.contains(0) }.count
        #expect(diagram.facets.count == 2 * diagram.vertices.count - boundary - 2)
        #expect(diagram.tieLines.count == 3 * diagram.vertices.count - boundary - 3)
        // Li3FeO3 = 2/7 LiFeO2 + 5/7 Li5FeO4 now.
        let li3 = diagram.points[Self.index(diagram, "mp-li3feo3")]
        #expect(abs(li3.energyAboveHull - (H.li3FeO3Formation - (2.0 / 7 * -1.9 + 5.0 / 7 * -2.05))) < 1e-12)
        #expect(li3.decomposition.map { diagram.points[$0.point].id }.sorted() == ["gen-li5feo4", "mp-lifeo2"])
        let polymorph = diagram.points[Self.index(diagram, "gen-lifeo2")]
        #expect(abs(polymorph.energyAboveHull - 0.05) < 1e-12)
        #expect(!polymorph.isStable)
    }

    @Test("reference hull: candidates are placed on the MP hull, Li5FeO4 0.09 eV/atom below it, and the example reaction reads as the issue's")
    func reference() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO, hull: .reference)
        #expect(Set(diagram.vertices.map { diagram.points[$0].id }) == ["mp-li", "mp-fe", "mp-o", "mp-li2o", "mp-lifeo2", "mp-fe2o3"])
        let li5 = diagram.points[Self.index(diagram, "gen-li5feo4")]
        // The reference hull at Li5FeO4 is 0.6 Li2O + 0.4 LiFeO2 = -1.96.
        #expect(abs(li5.energyAboveHull - (-2.05 + 1.96)) < 1e-12)
        #expect(!li5.isStable)
        let li3 = Self.index(diagram, "mp-li3feo3")
        #expect(diagram.reaction(li3).description == "Li3FeO3 -> 0.571 LiFeO2 + 0.429 Li2O   (+0.024 eV/atom)")
        #expect(diagram.reaction(Self.index(diagram, "gen-li5feo4")).description == "Li5FeO4 -> 0.600 Li2O + 0.400 LiFeO2   (-0.090 eV/atom)")
    }

    @Test("e_below_hull: Li2O lies 2.0 below Li + O; LiFeO2 below the hull without it, where the unstable Li3FeO3 now counts")
    func belowHull() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO, hull: .reference)
        let li2o = diagram.points[Self.index(diagram, "mp-li2o")]
        #expect(abs((li2o.energyBelowHull ?? .nan) - 2.0) < 1e-12)
        #expect(diagram.points[Self.index(diagram, "mp-li")].energyBelowHull == 0)
        // Without LiFeO2 its composition is 7/12 Li3FeO3 + 5/12 Fe2O3 (lower than 3/8 Li2O + 5/8 Fe2O3 = -1.8125):
        // pymatgen's get_decomp_and_phase_separation_energy counts every other entry, not only the stable ones.
        let without = 7.0 / 12 * H.li3FeO3Formation + 5.0 / 12 * -1.7
        let lifeo2 = Self.index(diagram, "mp-lifeo2")
        #expect(abs((diagram.points[lifeo2].energyBelowHull ?? .nan) - (without + 1.9)) < 1e-12)
        #expect(diagram.reaction(lifeo2).description == "LiFeO2 -> 0.583 Li3FeO3 + 0.417 Fe2O3   (-0.072 eV/atom)")
        #expect(diagram.reaction(Self.index(diagram, "mp-li")).description == "Li (elemental reference)")
    }

    @Test("a quaternary has tetrahedral facets tiling the composition simplex and its tie lines include the ternary faces'")
    func quaternary() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.p, H.o], entries: H.liFePO)
        #expect(diagram.facets.allSatisfy { $0.count == 4 })
        var volume = 0.0
        for facet in diagram.facets {
            let rows = facet.map { Array(diagram.points[$0].fractions.dropFirst()) }
            let d = (0..<3).map { i in (0..<3).map { rows[i + 1][$0] - rows[0][$0] } }
            let det = d[0][0] * (d[1][1] * d[2][2] - d[1][2] * d[2][1]) - d[0][1] * (d[1][0] * d[2][2] - d[1][2] * d[2][0])
                + d[0][2] * (d[1][0] * d[2][1] - d[1][1] * d[2][0])
            volume += abs(det) / 6
        }
        #expect(abs(volume - 1.0 / 6) < 1e-12)
        let ternary = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFePO)
        #expect(Self.ids(ternary, ternary.tieLines).isSubset(of: Self.ids(diagram, diagram.tieLines)))
        #expect(diagram.points.count == H.liFePO.count)
    }

    @Test("only the system's entries take part; points come in id order")
    func selection() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.o], entries: H.liFePO)
        #expect(diagram.points.map(\.id) == ["mp-li", "mp-li2o", "mp-o"])
        #expect(diagram.tieLines.map { $0.map { diagram.points[$0].id } } == [["mp-li", "mp-li2o"], ["mp-li2o", "mp-o"]])
        #expect(diagram.points[1].fractions == [2.0 / 3, 1.0 / 3])
    }

    @Test("errors: element counts, a repeated element, missing elemental references (with the entries not placed)")
    func errors() throws {
        #expect(throws: PhaseDiagramError.elementCount([H.li])) { try PhaseDiagram(elements: [H.li], entries: H.liFeO) }
        let five = ["Li", "Fe", "P", "O", "F"].compactMap { Element(symbol: $0) }
        #expect(throws: PhaseDiagramError.elementCount(five)) { try PhaseDiagram(elements: five, entries: H.liFeO) }
        #expect(PhaseDiagramError.elementCount(five).description
                == "a phase diagram shows 2 to 4 elements and Li-Fe-P-O-F has 5: draw a subsystem, e.g. --chemsys Li-Fe-P-O")
        #expect(throws: PhaseDiagramError.repeatedElement(H.o)) { try PhaseDiagram(elements: [H.li, H.o, H.o], entries: H.liFeO) }
        let noIron = H.liFeO.filter { $0.entry.id != "mp-fe" }
        let error = Self.failure { () throws(PhaseDiagramError) in _ = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: noIron) }
        guard case .missingReferences(let missing, let unplaced, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(missing == [H.fe])
        #expect(unplaced.map(\.id).sorted() == ["gen-li5feo4", "gen-lifeo2", "mp-fe2o3", "mp-li3feo3", "mp-lifeo2"])
        #expect(error?.description == "no elemental entry for Fe: 5 entries cannot be placed on the hull, and the diagram needs one entry of each element")
        // Reference mode needs the references among the reference entries.
        let candidateIron = noIron + [H.entry("gen-fe", [(H.fe, 1)], formation: 0, source: "gen", reference: false)]
        #expect(throws: PhaseDiagramError.self) { try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: candidateIron, hull: .reference) }
        #expect((try? PhaseDiagram(elements: [H.li, H.fe, H.o], entries: candidateIron)) != nil)
    }

    static func failure(_ body: () throws(PhaseDiagramError) -> Void) -> PhaseDiagramError? {
        do { try body() } catch { return error }
        return nil
    }

    @Test("exact duplicates of a vertex are stable too; one of them (the first given) is the facets' vertex")
    func duplicates() throws {
        var entries = H.liFeO
        entries.append(H.entry("mp-li2o-copy", [(H.li, 8), (H.o, 4)], formation: -2.0))
        let diagram = try PhaseDiagram(elements: [H.li, H.o], entries: entries)
        #expect(diagram.points.filter(\.isStable).map(\.id) == ["mp-li", "mp-li2o", "mp-li2o-copy", "mp-o"])
        #expect(diagram.vertices.map { diagram.points[$0].id } == ["mp-li", "mp-li2o", "mp-o"])
    }
}
