import CrystalModel

/// A structure read from one file (or one CIF data block), with what the file declared about it.
public struct ReadStructure: Sendable {
    public var structure: Structure
    /// CIF data block name; nil for POSCAR.
    public var block: String?
    /// First line of the block or file (1-based).
    public var line: Int
    /// Space group number the file declares (CIF `_space_group_IT_number` or derived from the symmetry it gives).
    public var declaredSpaceGroupNumber: Int?
    /// Hermann-Mauguin symbol the file declares.
    public var declaredSpaceGroupSymbol: String?
    /// Title or comment line (POSCAR line 1, CIF `_chemical_name_*`), if any.
    public var title: String?

    public init(structure: Structure, block: String?, line: Int, declaredSpaceGroupNumber: Int? = nil,
                declaredSpaceGroupSymbol: String? = nil, title: String? = nil) {
        self.structure = structure
        self.block = block
        self.line = line
        self.declaredSpaceGroupNumber = declaredSpaceGroupNumber
        self.declaredSpaceGroupSymbol = declaredSpaceGroupSymbol
        self.title = title
    }
}

/// What a reader made of one file: structures and diagnostics (warnings for adjustments, errors for
/// blocks or files that gave nothing).
public struct StructureReadResult: Sendable {
    public var structures: [ReadStructure] = []
    public var diagnostics: [ImportDiagnostic] = []
    public init() {}
}
