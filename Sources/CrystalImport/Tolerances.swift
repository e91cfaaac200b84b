import CrystalModel

/// Every tolerance the readers use, named once with its unit (the domains of stored numbers are in
/// `PhysicalBounds`).
public enum Tolerances {
    /// Two positions closer than this in every fractional coordinate (dimensionless, per axis, modulo 1)
    /// are one site: differently-labelled species merge into one disordered site, and images of different
    /// sites coinciding this closely are one. pymatgen's CifParser `site_tolerance` (1e-4). Copies of one
    /// site are merged by `symmetryCopyDistance` instead.
    public static let siteFractional = 1e-4

    /// Two images of one fully occupied site closer than this (Å, Cartesian, periodic) are one atom on a special
    /// position. Rounding in published coordinates (4 decimals in IZA zeolite files, `y = 2x` true only to 1e-4)
    /// leaves copies some 0.001-0.02 Å apart; two atoms present together are never closer than 0.74 Å (H2), and
    /// bonded heavy atoms not below 1.2 Å. gemmi's `SPECIAL_POS_TOL` is the same 0.4 Å; cctbx's
    /// `min_distance_sym_equiv` is 0.5 Å. Copies of a partly occupied site this close may be the alternative
    /// positions of a split atom instead (COD 12917: O split 0.01-0.03 Å across a mirror, the declared formula
    /// counting every copy); they merge by distance only when that makes the composition agree with
    /// `_chemical_formula_sum` and keeping them apart does not.
    public static let symmetryCopyDistance = 0.4

    /// Two compositions agree with a declared `_chemical_formula_sum` when each element's share of the elements
    /// both name differs by at most this fraction of the declared share (dimensionless): published formulas round
    /// refined occupancies to 2-3 digits. Elements the formula names but the sites lack (hydrogen not located)
    /// are left out of the comparison.
    public static let formulaAgreement = 0.01

    /// A coordinate within this relative distance of 1/3 or 2/3 (dimensionless) is snapped to it, so
    /// that `0.3333` and `0.6667` expand correctly under three-fold axes. pymatgen's `frac_tolerance`.
    public static let thirdsRelative = 1e-4

    /// Site occupancies summing to at most 1 + this (dimensionless) are accepted as written.
    public static let occupancyRounding = 1e-6

    /// Site occupancies summing to more than 1 + `occupancyRounding` but at most 1 + this are rescaled
    /// to 1 with a warning (published occupancies rounded to 2-3 digits); more is an error.
    public static let occupancyRescale = 0.05

    /// Cell volumes below this (Å^3) are degenerate: `PhysicalBounds.minimumCellVolume`, where every domain
    /// bound of a stored number is named.
    public static var minimumCellVolume: Double { PhysicalBounds.minimumCellVolume }

    /// `PhysicalBounds.minimumVolumeFraction`: a flat cell.
    public static var minimumVolumeFraction: Double { PhysicalBounds.minimumVolumeFraction }
}
