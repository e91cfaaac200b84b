extension ElementTable {
    /// Pauling electronegativities by atomic number - 1, as pymatgen tabulates them (`Element.X`); NaN where
    /// pymatgen has none (He, Ne, Ar, Z >= 104). Printed by Tests/CrystalModelTests/oracle/electronegativity_table.py.
    static let electronegativities: [Double] = [
        2.2, .nan, 0.98, 1.57, 2.04, 2.55, 3.04, 3.44, 3.98, .nan,
        0.93, 1.31, 1.61, 1.9, 2.19, 2.58, 3.16, .nan, 0.82, 1.0,
        1.36, 1.54, 1.63, 1.66, 1.55, 1.83, 1.88, 1.91, 1.9, 1.65,
        1.81, 2.01, 2.18, 2.55, 2.96, 3.0, 0.82, 0.95, 1.22, 1.33,
        1.6, 2.16, 1.9, 2.2, 2.28, 2.2, 1.93, 1.69, 1.78, 1.96,
        2.05, 2.1, 2.66, 2.6, 0.79, 0.89, 1.1, 1.12, 1.13, 1.14,
        1.13, 1.17, 1.2, 1.2, 1.1, 1.22, 1.23, 1.24, 1.25, 1.1,
        1.27, 1.3, 1.5, 2.36, 1.9, 2.2, 2.2, 2.28, 2.54, 2.0,
        1.62, 2.33, 2.02, 2.0, 2.2, 2.2, 0.7, 0.9, 1.1, 1.3,
        1.5, 1.38, 1.36, 1.28, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3,
        1.3, 1.3, 1.3, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
    ]
}

extension Element {
    /// Pauling electronegativity as pymatgen tabulates it; NaN where it has none (noble gases He-Ar, Z >= 104).
    public var electronegativity: Double { ElementTable.electronegativities[atomicNumber - 1] }
}
