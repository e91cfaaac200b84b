import Foundation
import CrystalImport
import CrystalModel

/// Candidates in the chemical systems of a real energy table: for each, a random row's composition (half
/// the time as it is, half the time with one element's amount moved by one) and an energy per atom equal
/// to the elemental references plus that row's formation energy per atom plus a shift drawn from
/// -0.05...+0.35 eV/atom, so that most candidates lie above the hull and some below, as in generative
/// screening.
struct SystemsSampler {
    let rows: [EnergyRecord]
    let references: [Element: Double]

    init(table path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let all = EnergyTableReader.readCSV(bytes: bytes, location: SourceLocation(path: path), stem: "row").records
        var references = [Element: Double]()
        for row in all where row.composition.elementCount == 1 {
            let element = row.composition.elements[0]
            references[element] = min(references[element] ?? .infinity, row.energyPerAtom)
        }
        self.references = references
        self.rows = all.filter { $0.composition.elementCount > 1 && $0.composition.elements.allSatisfy { references[$0] != nil } }
    }

    func write<R: RandomNumberGenerator>(count: Int, to path: String, using rng: inout R) throws {
        guard !rows.isEmpty else { throw ValidationErrorText("the table has no compounds with elemental references") }
        var out = "MaterialId,Composition,Corrected Energy\n"
        out.reserveCapacity(count * 48)
        for n in 0..<count {
            let row = rows.randomElement(using: &rng)!
            let elements = row.composition.elements
            var amounts = row.composition.reducedAmounts().amounts.map { max(1, Int($0.amount.rounded())) }
            if Bool.random(using: &rng) {
                let i = Int.random(in: 0..<amounts.count, using: &rng)
                amounts[i] = max(1, amounts[i] + (Bool.random(using: &rng) ? 1 : -1))
            }
            while amounts.reduce(0, +) > 40 { amounts = amounts.map { max(1, $0 / 2) } }
            let total = Double(amounts.reduce(0, +))
            var reference = 0.0
            for (element, fraction) in row.composition.fractions { reference += fraction * references[element]! }
            let formation = row.energyPerAtom - reference + Double.random(in: -0.05...0.35, using: &rng)
            var perAtom = formation
            for (element, amount) in zip(elements, amounts) { perAtom += Double(amount) / total * references[element]! }
            let formula = zip(elements, amounts).map { "\($0.symbol)\($1)" }.joined()
            out += "cand-\(n),\(formula),\(String(format: "%.8f", perAtom * total))\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
