import CSpglib
import CrystalModel

/// Names of one of spglib's 530 Hall settings (`spg_get_spacegroup_type`): the Hall symbol and the short and
/// full Hermann-Mauguin symbols of that setting, in spglib's spelling (`P2_1/c`, `P 1 2_1/c 1`).
public struct SpaceGroupType: Sendable, Equatable {
    public var number: Int
    public var hallNumber: Int
    public var hallSymbol: String
    public var internationalShort: String
    public var internationalFull: String

    /// nil outside 1...530.
    public init?(hallNumber: Int) {
        guard (1...530).contains(hallNumber) else { return nil }
        let type = spg_get_spacegroup_type(Int32(hallNumber))
        guard type.number > 0 else { return nil }
        number = Int(type.number)
        self.hallNumber = hallNumber
        hallSymbol = SymmetryAnalyzer.text(type.hall_symbol)
        internationalShort = SymmetryAnalyzer.text(type.international_short)
        internationalFull = SymmetryAnalyzer.text(type.international_full)
    }
}
