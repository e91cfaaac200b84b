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

/// Space-group facts for a structure: detected by spglib, or declared by the file (disordered structures).
public struct SymmetryRecord: Sendable, Equatable {
    public var spaceGroupNumber: Int
    public var spaceGroupSymbol: String?
    public var hallNumber: Int?
    public var pointGroup: String?
    public var crystalSystem: String
    public var wyckoffSequence: String?
    /// Reduced formula + space group + Wyckoff multiplicities per element: equal crystals in any cell share it.
    public var fingerprint: String?
    public var symprec: Double?
    public var detected: Bool

    public init(spaceGroupNumber: Int, spaceGroupSymbol: String?, hallNumber: Int?, pointGroup: String?, crystalSystem: String,
                wyckoffSequence: String?, fingerprint: String?, symprec: Double?, detected: Bool) {
        self.spaceGroupNumber = spaceGroupNumber
        self.spaceGroupSymbol = spaceGroupSymbol
        self.hallNumber = hallNumber
        self.pointGroup = pointGroup
        self.crystalSystem = crystalSystem
        self.wyckoffSequence = wyckoffSequence
        self.fingerprint = fingerprint
        self.symprec = symprec
        self.detected = detected
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
    public var symmetry: SymmetryRecord?

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
