import Foundation
import CrystalModel

/// Writes a structure as a P1 CIF in pymatgen's CifWriter dialect (the dialect of GNoME's by_id.zip):
/// cell to 8 decimals, the identity operation, one `_atom_site` row per species at a site.
public enum CIFWriter {
    public static func write(_ structure: Structure, blockName: String) -> String {
        let composition = structure.composition
        let lattice = structure.lattice
        let lengths = lattice.lengths, angles = lattice.anglesInDegrees
        let (_, factor) = composition.reducedAmounts()
        var out = "# generated using crystaldb\n"
        out += "data_\(safeBlockName(blockName))\n"
        out += "_symmetry_space_group_name_H-M   'P 1'\n"
        out += "_cell_length_a   \(f8(lengths.x))\n_cell_length_b   \(f8(lengths.y))\n_cell_length_c   \(f8(lengths.z))\n"
        out += "_cell_angle_alpha   \(f8(angles.x))\n_cell_angle_beta   \(f8(angles.y))\n_cell_angle_gamma   \(f8(angles.z))\n"
        out += "_symmetry_Int_Tables_number   1\n"
        out += "_chemical_formula_structural   \(composition.reducedFormula)\n"
        out += "_chemical_formula_sum   '\(sumFormula(composition))'\n"
        out += "_cell_volume   \(f8(lattice.volume))\n"
        out += "_cell_formula_units_Z   \(Int(factor.rounded()))\n"
        out += "loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n  1  'x, y, z'\n"
        out += "loop_\n _atom_site_type_symbol\n _atom_site_label\n _atom_site_symmetry_multiplicity\n"
        out += " _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n"
        var index = 0
        for site in structure.sites {
            for occupant in site.occupants {
                let symbol = occupant.element.symbol
                out += "  \(symbol)  \(symbol)\(index)  1  \(f8(site.position.x))  \(f8(site.position.y))  \(f8(site.position.z))  \(occupancy(occupant.occupancy))\n"
                index += 1
            }
        }
        return out
    }

    /// Block names may not hold whitespace; anything else is kept.
    static func safeBlockName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isWhitespace ? "_" : $0 })
        return cleaned.isEmpty ? "crystal" : cleaned
    }

    /// Fixed 8 decimals, as `%.8f` writes them, without Foundation's formatter (it dominates export time).
    static func f8(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 9e10 else { return String(format: "%.8f", value) }
        let scaled = (abs(value) * 1e8).rounded()
        var integer = Int64(scaled)
        let negative = value < 0 && integer != 0
        var digits = [UInt8](repeating: 0x30, count: 20)
        var i = digits.count
        var produced = 0
        while integer > 0 || produced < 9 {
            i -= 1
            digits[i] = 0x30 + UInt8(integer % 10)
            integer /= 10
            produced += 1
            if produced == 8 {
                i -= 1
                digits[i] = 0x2E
            }
        }
        var out = String(decoding: digits[i...], as: UTF8.self)
        if negative { out = "-" + out }
        return out
    }

    static func occupancy(_ value: Double) -> String {
        value == 1 ? "1" : String(format: "%.8g", value)
    }

    /// `Rb1 Mg1 Sn1 F16`-style sum: symbols in order of electronegativity are pymatgen's; alphabetical here.
    static func sumFormula(_ composition: Composition) -> String {
        composition.amounts.sorted { $0.element.symbol < $1.element.symbol }
            .map { "\($0.element.symbol)\(Composition.formatAmount($0.amount).isEmpty ? "1" : Composition.formatAmount($0.amount))" }
            .joined(separator: " ")
    }
}
