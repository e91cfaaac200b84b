/// Symbols and standard atomic weights, indexed by atomic number - 1.
enum ElementTable {
    static let symbols: [String] = [
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg",
        "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr",
        "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
        "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd",
        "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf",
        "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po",
        "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm",
        "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs",
        "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
    ]
    /// g/mol; pymatgen's table (IUPAC 2005-era values), so densities match pymatgen's.
    static let masses: [Double] = [
        1.00794, 4.002602, 6.941, 9.012182, 10.811, 12.0107, 14.0067, 15.9994,
        18.9984032, 20.1797, 22.98976928, 24.305, 26.9815386, 28.0855, 30.973762, 32.065,
        35.453, 39.948, 39.0983, 40.078, 44.955912, 47.867, 50.9415, 51.9961,
        54.938045, 55.845, 58.933195, 58.6934, 63.546, 65.409, 69.723, 72.64,
        74.9216, 78.96, 79.904, 83.798, 85.4678, 87.62, 88.90585, 91.224,
        92.90638, 95.94, 98.0, 101.07, 102.9055, 106.42, 107.8682, 112.411,
        114.818, 118.71, 121.76, 127.6, 126.90447, 131.293, 132.9054519, 137.327,
        138.90547, 140.116, 140.90765, 144.242, 145.0, 150.36, 151.964, 157.25,
        158.92535, 162.5, 164.93032, 167.259, 168.93421, 173.04, 174.967, 178.49,
        180.94788, 183.84, 186.207, 190.23, 192.217, 195.084, 196.966569, 200.59,
        204.3833, 207.2, 208.9804, 209.0, 210.0, 222.0, 223.0, 226.0,
        227.0, 232.03806, 231.03588, 238.02891, 237.0, 244.0, 243.0, 247.0,
        247.0, 251.0, 252.0, 257.0, 258.0, 259.0, 262.0, 267.0,
        268.0, 269.0, 270.0, 269.0, 278.0, 281.0, 282.0, 285.0,
        286.0, 289.0, 290.0, 293.0, 294.0, 294.0,
    ]
    static let numberBySymbol: [String: Int] = {
        var table = [String: Int]()
        for (index, symbol) in symbols.enumerated() { table[symbol] = index + 1 }
        table["D"] = 1
        table["T"] = 1
        return table
    }()
    /// Key: first byte upper-cased in the high byte, second byte lower-cased (0 if absent).
    /// Atomic numbers by letters: index 27 * (first letter - a) + (second letter - a + 1, or 0 for none);
    /// 0 where no element has that symbol. Case-insensitive lookups without hashing.
    static let numberByLetters: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 26 * 27)
        for (symbol, z) in numberBySymbol {
            let bytes = Array(symbol.utf8)
            let first = Int(bytes[0] | 0x20) - 0x61
            let second = bytes.count > 1 ? Int(bytes[1] | 0x20) - 0x61 + 1 : 0
            table[27 * first + second] = UInt8(z)
        }
        return table
    }()
}
