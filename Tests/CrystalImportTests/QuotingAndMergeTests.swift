import Foundation
import Testing
import CrystalModel
@testable import CrystalImport

/// Structures behind two common quoting errors are kept (with a located warning); symmetry copies are merged by
/// a Cartesian distance, so IZA zeolites with 4-decimal coordinates come out right, and a merge that leaves the
/// composition away from `_chemical_formula_sum` is a warning naming both.
@Suite struct QuotingAndMergeTests {
    static func read(_ name: String) throws -> StructureReadResult {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return CIFStructureReader.read(bytes: [UInt8](try Data(contentsOf: url)), location: SourceLocation(path: name))
    }

    @Test("'O.M. Yaghi', : the structure is kept, with a located warning")
    func quoteComma() throws {
        let result = try Self.read("quote-followed-by-comma.cif")
        let structure = try #require(result.structures.first).structure
        #expect(structure.composition.formula == "OZn")
        #expect(result.diagnostics.map(\.description) == [
            "quote-followed-by-comma.cif:7 in data_mof_comma: CIF syntax: closing quote followed by ','; the value ends at the quote (read leniently)"])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("a quoted title over a line end: the structure is kept, with a located warning")
    func overLineEnd() throws {
        let result = try Self.read("quoted-string-over-line-end.cif")
        #expect(result.structures.first?.structure.siteCount == 1)
        #expect(result.diagnostics.contains { $0.location.line == 3 && $0.severity == .warning && $0.message.contains("runs over 1 line end") })
    }

    @Test("an ambiguous stray quote costs its block with a located error; the next block is read")
    func ambiguous() throws {
        let result = try Self.read("unterminated-quote-ambiguous.cif")
        #expect(result.structures.map(\.block) == ["fine"])
        #expect(result.diagnostics.first?.description == "unterminated-quote-ambiguous.cif:4 in data_broken: CIF syntax: unterminated quoted string")
    }

    @Test("IZA chabazite with 4-decimal special positions: SiO2, 108 sites (gemmi's answer; 1e-4 fractional merging gives Si3O8, 132)")
    func chabazite() throws {
        let result = try Self.read("iza-CHA-special-positions-to-4-decimals.cif")
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 108)
        #expect(structure.composition.formula == "O72Si36")
        #expect(structure.composition.reducedFormula == "O2Si")
        // The merged result agrees with the declared formula: no warning.
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // Every Si has four O within 1.7 Å: the copies merged were the same atoms.
        let lattice = structure.lattice
        let oxygens = structure.sites.filter { $0.occupants[0].element.symbol == "O" }.map(\.position)
        for site in structure.sites where site.occupants[0].element.symbol == "Si" {
            let near = oxygens.filter { o in
                var d = o - site.position
                d -= d.rounded(.toNearestOrEven)
                return lattice.cartesian(d).length < 1.7
            }
            #expect(near.count == 4)
        }
    }

    @Test("a cation split 0.17 Å off a special position (occupancy 1/6): its copies are alternative positions, kept apart as pymatgen keeps them; NaCl as declared")
    func splitSite() throws {
        let result = try Self.read("cod-split-site-kept-apart.cif")
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 28)
        #expect(abs(structure.composition.amount(of: Element(symbol: "Na")!) - 24 * 0.1667) < 1e-9)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("fully occupied copies 0.17 Å apart are one atom; when the declared formula counted them, a warning names both formulas")
    func fullSiteCopiesMerged() throws {
        let result = try Self.read("cod-full-site-copies-merged-formula-disagrees.cif")
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 8)
        #expect(result.diagnostics.map(\.description) == [
            "cod-full-site-copies-merged-formula-disagrees.cif:19 in data_overcounted: merging symmetry copies of site Na1 closer than 0.4 Å gives ClNa, but _chemical_formula_sum is 'Cl Na6' (ClNa6)"])
    }

    @Test("a half-occupied cation with 4-decimal special-position copies: merged by distance because the declared formula counts them so")
    func partialCopiesMergedByFormula() throws {
        let result = try Self.read("iza-partial-cation-copies-merged-by-formula.cif")
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 108 + 18)
        #expect(structure.composition.amount(of: Element(symbol: "Na")!) == 9)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("a COD-style file with uncertainties is unchanged by the Cartesian rule")
    func codRutile() throws {
        let result = try Self.read("cod-style-rutile-with-uncertainties.cif")
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 6)
        #expect(structure.composition.formula == "O4Ti2")
        #expect(result.diagnostics.isEmpty)
    }

    @Test("copies are compared through periodic images in an oblique cell")
    func obliqueCell() {
        // gamma = 150°: positions 0.98 and 0.02 along a differ by 0.04 fractional, about 0.2 Å through the boundary.
        let lattice = Lattice(lengths: Vector3(5, 5, 5), anglesInDegrees: Vector3(90, 90, 150))
        let distance = CopyDistance(lattice: lattice, limit: Tolerances.symmetryCopyDistance)
        #expect(distance.within(Vector3(0.98, 0.5, 0.5), Vector3(0.02, 0.5, 0.5)))
        #expect(!distance.within(Vector3(0.5, 0.5, 0.5), Vector3(0.6, 0.5, 0.5)))
    }
}
