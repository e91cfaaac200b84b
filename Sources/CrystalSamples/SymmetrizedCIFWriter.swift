import CrystalModel
import CrystalSpaceGroup

/// Writes a generated crystal as a symmetrized CIF in pymatgen's CifWriter dialect (with `symprec`): the setting's
/// operations in `_symmetry_equiv_pos_as_xyz`, one `_atom_site` row per orbit with its multiplicity, the conventional
/// cell; plus the Hall symbol, so that readers need not guess a non-standard setting from its Hermann-Mauguin name.
public enum SymmetrizedCIFWriter {
    public static func write(_ crystal: SymmetricCrystal, blockName: String) -> String {
        let setting = crystal.setting
        let lattice = crystal.conventionalLattice
        let composition = crystal.conventional.composition
        let lengths = lattice.lengths, angles = lattice.anglesInDegrees
        let (_, factor) = composition.reducedAmounts()
        var out = "# generated using crystaldb-samplegen\n"
        out += "data_\(blockName)\n"
        out += "_symmetry_space_group_name_H-M   '\(setting.internationalFull)'\n"
        out += "_space_group_name_Hall   '\(setting.hallSymbol)'\n"
        out += "_cell_length_a   \(f8(lengths.x))\n_cell_length_b   \(f8(lengths.y))\n_cell_length_c   \(f8(lengths.z))\n"
        out += "_cell_angle_alpha   \(f8(angles.x))\n_cell_angle_beta   \(f8(angles.y))\n_cell_angle_gamma   \(f8(angles.z))\n"
        out += "_symmetry_Int_Tables_number   \(setting.number)\n"
        out += "_chemical_formula_structural   \(composition.reducedFormula)\n"
        out += "_cell_volume   \(f8(lattice.volume))\n"
        out += "_cell_formula_units_Z   \(Int(factor.rounded()))\n"
        out += "loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n"
        for (index, op) in setting.operations.enumerated() { out += "  \(index + 1)  '\(op.xyz)'\n" }
        out += "loop_\n _atom_site_type_symbol\n _atom_site_label\n _atom_site_symmetry_multiplicity\n"
        out += " _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n"
        for (index, orbit) in crystal.orbits.enumerated() {
            let symbol = orbit.site.occupants[0].element.symbol
            let p = orbit.site.position
            out += "  \(symbol)  \(symbol)\(index)  \(orbit.multiplicity)  \(f8(p.x))  \(f8(p.y))  \(f8(p.z))  1\n"
        }
        return out
    }

    static func f8(_ value: Double) -> String {
        let v = abs(value) < 5e-9 ? 0 : value
        return String(format: "%.8f", v)
    }
}
