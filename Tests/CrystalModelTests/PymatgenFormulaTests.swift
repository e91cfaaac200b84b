import Foundation
import Testing
@testable import CrystalModel

/// pymatgen's reduced formula (electronegativity order, polyanion groups, peroxides), against its own answers.
@Suite struct PymatgenFormulaTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test("hand-checked cases: order, polyanions, kept-whole formulas, partial occupancy", arguments: [
        ("Li4Fe4P4O16", "LiFePO4"), ("Ca4Zn1S1", "Ca4ZnS"), ("O4", "O2"), ("Li2O4", "LiO2"), ("Li4O4", "Li2O2"),
        ("H2O2", "H2O2"), ("H4O2", "H2O"), ("Fe4S6O24", "Fe2(SO4)3"), ("Na2Cl2", "NaCl"), ("Cu0.5Au0.5", "Cu0.5Au0.5"),
        ("Li1Fe0.5O2", "Li1Fe0.5O2"), ("He2", "He"), ("Ar1Li2", "Li2Ar"), ("N6", "N2"), ("C24", "C"),
        ("Al4P8H68C20N8O32", "AlP2H17C5(NO4)2"),
    ] as [(String, String)])
    func handChecked(text: String, expected: String) throws {
        #expect(try Composition(formula: text).pymatgenReducedFormula == expected)
    }

    @Test("every row of the Materials Project summary: Reduced Formula from Composition")
    func materialsProject() throws {
        let url = Self.shared.appendingPathComponent("hull/mp_materials_summary.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var checked = 0
        var wrong = [String]()
        for line in lines {
            // ,Composition,MaterialId,Reduced Formula,...: the first three columns hold no commas or quotes.
            let cells = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            guard cells.count >= 4 else { continue }
            let formula = try Composition(formula: String(cells[1])).pymatgenReducedFormula
            if formula != cells[3] { wrong.append("\(cells[2]): \(cells[1]) -> \(formula), pymatgen \(cells[3])") }
            checked += 1
        }
        #expect(checked == 31_840)
        #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(10))")
    }

    @Test("every structure pymatgen read in ../shared (disordered ones too): reduced_formula from its formula")
    func structures() throws {
        let url = Self.shared.appendingPathComponent("structures/structures.pymatgen.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        var checked = 0, disordered = 0
        var wrong = [String]()
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            // Python's json writes NaN for unknown numbers, which JSON has no word for.
            let json = line.replacingOccurrences(of: ": NaN", with: ": null").replacingOccurrences(of: "[NaN", with: "[null")
                .replacingOccurrences(of: ", NaN", with: ", null")
            guard let record = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                  let readings = record["pymatgen"] as? [[String: Any]] else { continue }
            for reading in readings {
                guard let amounts = reading["formula"] as? [String: Double], let expected = reading["reduced_formula"] as? String else { continue }
                let pairs = amounts.compactMap { symbol, amount in Element(symbol: symbol).map { ($0, amount) } }
                guard pairs.count == amounts.count else { continue }
                let formula = Composition(pairs).pymatgenReducedFormula
                if formula != expected && !Self.sameWithinRounding(formula, expected) { wrong.append("\(record["path"] ?? ""): \(formula), pymatgen \(expected)") }
                checked += 1
                if reading["ordered"] as? Bool == false { disordered += 1 }
            }
        }
        #expect(checked > 2_500)
        #expect(disordered > 100)
        #expect(wrong.isEmpty, "\(wrong.count) of \(checked) differ: \(wrong.prefix(10))")
    }

    /// The oracle stored formulas rounded to 6 decimals, so unreduced (partial-occupancy) formulas made from them
    /// can differ from pymatgen's in the 7th decimal: same symbols in the same order, amounts within 1e-5.
    static func sameWithinRounding(_ a: String, _ b: String) -> Bool {
        func tokens(_ text: String) -> [(String, Double)] {
            var out = [(String, Double)]()
            var symbol = "", number = ""
            for c in text + "X" {
                if c.isUppercase {
                    if !symbol.isEmpty { out.append((symbol, Double(number) ?? 1)) }
                    symbol = String(c)
                    number = ""
                } else if c.isLowercase { symbol.append(c) } else { number.append(c) }
            }
            return out
        }
        let x = tokens(a), y = tokens(b)
        return a.contains(".") && x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && abs($0.1 - $1.1) < 1e-5 }
    }
}
