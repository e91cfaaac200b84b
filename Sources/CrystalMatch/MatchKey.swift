import CrystalModel

/// The bucket of a structure: what noise cannot change and a match requires. Two structures StructureMatcher
/// can match have the same reduced composition and, when both are reduced to primitive cells and no
/// supercell is attempted, the same number of sites in that cell (its mask test refuses unequal counts);
/// without the primitive reduction, the same number of sites as given. Structures in different buckets are
/// never compared.
public struct MatchKey: Hashable, Sendable, CustomStringConvertible {
    /// OPTIMADE reduced formula (`FeLiO2`): equal for equal fractional compositions.
    public let reducedFormula: String
    /// Sites per reduced (primitive, or given) cell; 0 when supercells are attempted (any count may match).
    public let siteCount: Int

    public init(reducedFormula: String, siteCount: Int) {
        self.reducedFormula = reducedFormula
        self.siteCount = siteCount
    }

    public var description: String { "\(reducedFormula)/\(siteCount)" }
}
