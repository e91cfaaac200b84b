/// Every tolerance the readers use, named once with its unit.
public enum Tolerances {
    /// Two positions closer than this in every fractional coordinate (dimensionless, per axis, modulo 1)
    /// are one site: symmetry copies are dropped and differently-labelled species merge into one
    /// disordered site. pymatgen's CifParser `site_tolerance` (1e-4).
    public static let siteFractional = 1e-4

    /// A coordinate within this relative distance of 1/3 or 2/3 (dimensionless) is snapped to it, so
    /// that `0.3333` and `0.6667` expand correctly under three-fold axes. pymatgen's `frac_tolerance`.
    public static let thirdsRelative = 1e-4

    /// Site occupancies summing to at most 1 + this (dimensionless) are accepted as written.
    public static let occupancyRounding = 1e-6

    /// Site occupancies summing to more than 1 + `occupancyRounding` but at most 1 + this are rescaled
    /// to 1 with a warning (published occupancies rounded to 2-3 digits); more is an error.
    public static let occupancyRescale = 0.05

    /// Cell volumes below this (Å^3) are degenerate.
    public static let minimumCellVolume = 1e-6

    /// A cell whose volume is below this fraction of a*b*c (dimensionless; 1 for a cube) is flat:
    /// its angles leave no room (e.g. alpha = beta = gamma = 120°).
    public static let minimumVolumeFraction = 1e-6
}
