import CrystalModel

/// Where an entry's structure or energy came from.
public struct Provenance: Sendable {
    public var file: String
    public var member: String?
    public var block: String?
    public var line: Int?
    public var contentHash: String

    public init(file: String, member: String?, block: String?, line: Int?, contentHash: String) {
        self.file = file
        self.member = member
        self.block = block
        self.line = line
        self.contentHash = contentHash
    }

    var location: SourceLocation { SourceLocation(path: file, member: member, line: line, block: block) }
}

/// Everything derived from a composition that an entry row holds, computed once (on a parser thread).
public struct CompositionSummary: Sendable {
    public let composition: Composition
    public let reducedFormula: String
    public let anonymousFormula: String
    public let chemicalSystem: String

    public init(_ composition: Composition) {
        self.composition = composition
        reducedFormula = composition.reducedFormula
        anonymousFormula = composition.anonymousFormula
        chemicalSystem = composition.chemicalSystem
    }
}

/// A structure to store under an id.
public struct StructureRecord: Sendable {
    public var id: String
    public var structure: Structure {
        didSet { summary = CompositionSummary(structure.composition) }
    }
    /// The structure's composition and formulas.
    public private(set) var summary: CompositionSummary
    public var provenance: Provenance
    public var declaredSpaceGroupNumber: Int?
    public var declaredSpaceGroupSymbol: String?
    public var title: String?

    public init(id: String, structure: Structure, provenance: Provenance, declaredSpaceGroupNumber: Int? = nil,
                declaredSpaceGroupSymbol: String? = nil, title: String? = nil) {
        self.id = id
        self.structure = structure
        self.summary = CompositionSummary(structure.composition)
        self.provenance = provenance
        self.declaredSpaceGroupNumber = declaredSpaceGroupNumber
        self.declaredSpaceGroupSymbol = declaredSpaceGroupSymbol
        self.title = title
    }
}

/// An energy to store under an id: total eV of `composition`.
public struct EnergyEntry: Sendable {
    public var id: String
    public var composition: Composition {
        didSet { summary = CompositionSummary(composition) }
    }
    public private(set) var summary: CompositionSummary
    public var totalEnergy: Double
    public var provenance: Provenance
    public var properties: [(name: String, value: String)]

    public init(id: String, composition: Composition, totalEnergy: Double, provenance: Provenance,
                properties: [(name: String, value: String)] = []) {
        self.id = id
        self.composition = composition
        self.summary = CompositionSummary(composition)
        self.totalEnergy = totalEnergy
        self.provenance = provenance
        self.properties = properties
    }
}

/// What writing one record did.
public enum WriteOutcome: Sendable, Equatable {
    /// A new entry.
    case inserted
    /// Joined an existing entry that lacked this part (a structure to an energy row, or the reverse).
    case joined
    /// The same content was already stored.
    case unchanged
    /// Refused, with the reason.
    case rejected(ImportDiagnostic)
}
