import Foundation
import Testing
import CrystalModel
@testable import CrystalHull

/// pymatgen's own test tables (Li-Fe-O, V-P-H-C-O, Li-Fe-P-O, Mn-O) against its answers, row by row.
@Suite(.enabled(if: HullOracle.available, "needs ../shared/data"))
struct PymatgenTableTests {
    struct Row {
        var formation: Double
        var above: Double
        var stable: Bool
        var decomposition: Set<String>
    }

    /// `row_index,entry_id,name,formula,n_atoms,energy_total,energy_per_atom,form_energy,e_above_hull,is_stable,decomposition`
    static func oracle(_ name: String) -> [Row] {
        let text = String(decoding: HullOracle.bytes("pymatgen/oracle/" + name), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let phases = f[10].split(separator: ";").map { part -> String in
                let formula = String(part.split(separator: ":")[0])
                return (try? Composition(formula: formula).reducedFormula) ?? formula
            }
            return Row(formation: Double(f[7])!, above: Double(f[8])!, stable: f[9] == "True", decomposition: Set(phases))
        }
    }

    @Test("row by row: formation energy, e_above_hull (1e-6), stability and decomposition phases", arguments: [
        ("pd_entries_test.csv", "pd_entries_test_ehull.csv", 11),
        ("reaction_entries_test.csv", "reaction_entries_test_ehull.csv", -1),
        ("Li-Fe-P-O_entries.json", "Li-Fe-P-O_entries_ehull.csv", -1),
        ("Mn-O_entries.json", "Mn-O_entries_ehull.csv", -1),
    ])
    func table(input: String, answers: String, stableCount: Int) throws {
        let entries = HullOracle.entries("pymatgen/" + input)
        let rows = Self.oracle(answers)
        #expect(entries.count == rows.count)
        let results = StabilityEngine().compute(entries)
        var worst = 0.0
        for (index, (result, row)) in zip(results, rows).enumerated() {
            worst = max(worst, abs(result.formationEnergyPerAtom! - row.formation), abs(result.energyAboveHull! - row.above))
            #expect(result.isHullVertex == row.stable, "row \(index) \(entries[index].composition.formula) above \(result.energyAboveHull!) \(row.above)")
            let phases = Set(result.decomposition.map { entries[$0.entry].composition.reducedFormula })
            #expect(phases == row.decomposition, "row \(index): \(phases) vs \(row.decomposition)")
        }
        #expect(worst < 1e-6, "worst difference \(worst)")
        if stableCount >= 0 {
            let stable = Set(zip(entries, results).filter { $0.1.isHullVertex }.map { $0.0.composition.reducedFormula })
            #expect(stable.count == stableCount)
            #expect(stable == ["Fe", "FeO", "Fe2O3", "Fe3O4", "FeLiO2", "Li", "Li2O", "LiO", "FeLi5O4", "FeLi2O3", "O"])
        }
    }
}
