import Foundation
import Testing
import CrystalModel
@testable import CrystalImport

@Suite struct EnergyTableTests {
    func csv(_ text: String) -> EnergyReadResult {
        EnergyTableReader.readCSV(bytes: Array(text.utf8), location: SourceLocation(path: "t.csv"), stem: "t")
    }

    @Test("GNoME/MP layout: Composition is the cell, Corrected Energy its total; other columns kept")
    func gnomeLayout() throws {
        let result = csv("MaterialId,Composition,Corrected Energy,NSites\nmp-1,Ac2Ag1Ir1,-21.4016,4\n")
        let row = try #require(result.records.first)
        #expect(row.id == "mp-1")
        #expect(row.composition.totalAmount == 4)
        #expect(row.totalEnergy == -21.4016)
        #expect(abs(row.energyPerAtom - -5.3504) < 1e-12)
        #expect(row.properties.map(\.name) == ["NSites"])
    }

    @Test("plain layout with energy_per_atom, quoted fields and CRLF")
    func plain() throws {
        let result = csv("id,formula,energy_per_atom\r\n\"a,1\",Fe2O3,-7.5\r\n")
        let row = try #require(result.records.first)
        #expect(row.id == "a,1")
        #expect(row.totalEnergy == -37.5)
    }

    @Test("bad rows are located and skipped", arguments: [
        ("id,formula,energy\nx,Fe2O3,abc\n", 2, "not a finite number"),
        ("id,formula,energy\nx,Qq2,-1\n", 2, "unknown element 'Qq'"),
        ("id,formula,energy\nx,Fe\n", 2, "2 fields, the header 3"),
        ("id,formula,energy\nok,Fe,-1\nx,Fe,nan\n", 3, "not a finite number"),
    ] as [(String, Int, String)])
    func badRows(text: String, line: Int, reason: String) throws {
        let result = csv(text)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.message.contains(reason), "\(diagnostic.message)")
    }

    @Test("a header without an energy column is refused at line 1")
    func badHeader() {
        let result = csv("id,formula,volume\nx,Fe,1\n")
        #expect(result.records.isEmpty)
        #expect(result.diagnostics.first?.location.line == 1)
    }

    @Test("the 31,840-row Materials Project table reads whole", .enabled(if: SharedData.available))
    func mpTable() throws {
        let url = SharedData.root.appendingPathComponent("hull/mp_materials_summary.csv")
        let result = EnergyTableReader.readCSV(bytes: SharedData.bytes(url), location: SourceLocation(path: url.path), stem: "mp")
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.count == 31840)
        let first = try #require(result.records.first)
        #expect(first.id == "mp-862690")
        #expect(first.composition.formula == "Ac4")
        #expect(first.totalEnergy == -16.48470003)
    }

    @Test("pymatgen's element-column tables: 492 Li-Fe-O rows with generated ids", .enabled(if: SharedData.available))
    func elementColumns() throws {
        let url = SharedData.root.appendingPathComponent("hull/pymatgen/pd_entries_test.csv")
        let result = EnergyTableReader.readCSV(bytes: SharedData.bytes(url), location: SourceLocation(path: url.path), stem: "pd")
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.count == 492)
        #expect(result.records[0].id == "pd-1")
        #expect(result.records[0].composition.formula == "Fe4O6")
        #expect(result.records[0].totalEnergy == -67.80799684)
    }

    @Test("ComputedStructureEntry JSON: energy plus corrections, with its structure", .enabled(if: SharedData.available))
    func computedEntries() throws {
        let url = SharedData.root.appendingPathComponent("hull/pymatgen/Mn-O_entries.json")
        let result = ComputedEntryReader.read(bytes: SharedData.bytes(url), location: SourceLocation(path: url.path), stem: "mno")
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.count == 6)
        let first = try #require(result.records.first)
        #expect(first.id == "mp-19006")
        #expect(abs(first.totalEnergy - -36.19310888192) < 1e-9)
        #expect(first.structure?.structure.siteCount == 4)
        let lfpo = SharedData.root.appendingPathComponent("hull/pymatgen/Li-Fe-P-O_entries.json")
        let many = ComputedEntryReader.read(bytes: SharedData.bytes(lfpo), location: SourceLocation(path: lfpo.path), stem: "lfpo")
        #expect(many.records.count == 859)
        #expect(many.records.allSatisfy { $0.structure == nil })
    }

    @Test("malformed JSON is one located error")
    func badJSON() {
        let result = ComputedEntryReader.read(bytes: Array("[{\"energy\": ".utf8), location: SourceLocation(path: "x.json"), stem: "x")
        #expect(result.records.isEmpty)
        #expect(result.diagnostics.first?.kind == .syntax)
    }
}
