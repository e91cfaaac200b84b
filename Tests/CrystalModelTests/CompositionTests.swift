import Testing
@testable import CrystalModel

@Suite struct CompositionTests {
    @Test("formulas parse, including groups and decimals", arguments: [
        ("Ac2Ag1Ir1", "Ac2AgIr", 4.0), ("LiFePO4", "FeLiO4P", 7.0), ("Fe2(SO4)3", "Fe2O12S3", 17.0),
        ("Li0.5CoO2", "CoLi0.5O2", 3.5), ("Fe2 O3", "Fe2O3", 5.0), ("C8", "C8", 8.0),
    ] as [(String, String, Double)])
    func parse(text: String, formula: String, atoms: Double) throws {
        let composition = try Composition(formula: text)
        #expect(composition.formula == formula)
        #expect(composition.totalAmount == atoms)
    }

    @Test("bad formulas give the column", arguments: [("Fe2Xx3", 4, "unknown element 'Xx'"), ("Fe2(O3", 7, "missing ')'"), ("Fe$", 3, "unexpected '$'"), ("", 1, "no elements"),
                                                       ("Fe100000000000000000000O", 3, "more atoms than any cell holds")])
    func badFormula(text: String, column: Int, reason: String) {
        #expect {
            _ = try Composition(formula: text)
        } throws: { error in
            guard let error = error as? FormulaError else { return false }
            return error.column == column && error.reason.contains(reason)
        }
    }

    @Test("reduced and anonymous formulas in OPTIMADE style", arguments: [
        ("Li2Fe2O4", "FeLiO2", "A2BC"), ("Fe4O6", "Fe2O3", "A3B2"), ("Na4Cl4", "ClNa", "AB"), ("O2", "O", "A"),
        ("Cu0.5Au0.5", "AuCu", "AB"), ("Sr11.2Y4.8Co16O42", "Co40O105Sr28Y12", "A105B40C28D12"),
    ] as [(String, String, String)])
    func reduced(text: String, reduced: String, anonymous: String) throws {
        let composition = try Composition(formula: text)
        #expect(composition.reducedFormula == reduced)
        #expect(composition.anonymousFormula == anonymous)
    }

    @Test("huge amounts never trap in formula arithmetic")
    func huge() {
        let composition = Composition([(Element(symbol: "Fe")!, 1e300), (Element(symbol: "O")!, 3)])
        #expect(!composition.reducedFormula.isEmpty)
        #expect(!composition.anonymousFormula.isEmpty)
    }

    @Test("same reduced composition ignores the cell size only")
    func sameReduced() throws {
        #expect(try Composition(formula: "C8").hasSameReducedComposition(as: Composition(formula: "C")))
        #expect(try Composition(formula: "Fe2O3").hasSameReducedComposition(as: Composition(formula: "Fe4O6")))
        #expect(try !Composition(formula: "FeO").hasSameReducedComposition(as: Composition(formula: "Fe2O3")))
        #expect(try Composition(formula: "Fe2O3").chemicalSystem == "Fe-O")
    }

    @Test("element symbols: exact, case-insensitive bytes, deuterium")
    func elements() {
        #expect(Element(symbol: "Fe")?.atomicNumber == 26)
        #expect(Element(symbol: "fe") == nil)
        #expect(Element(symbolBytes: Array("FE".utf8))?.symbol == "Fe")
        #expect(Element(symbol: "D")?.symbol == "H")
        #expect(Element(atomicNumber: 118)?.symbol == "Og")
        #expect(Element(atomicNumber: 119) == nil)
    }
}
