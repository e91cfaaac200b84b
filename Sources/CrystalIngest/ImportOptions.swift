import CrystalImport

/// How an import names and marks what it stores.
public struct ImportOptions: Sendable {
    /// Where ids come from.
    public enum IDPolicy: String, Sendable, CaseIterable {
        /// File name without extensions (`mp-1234.cif` -> `mp-1234`).
        case stem
        /// Path relative to the argument, extensions dropped (`a/b/POSCAR` -> `a/b/POSCAR`), for trees whose stems repeat.
        case path
    }

    public var source: String
    public var isReference: Bool
    public var idPolicy: IDPolicy
    /// Parser threads; the writer is always one (SQLite has one).
    public var jobs: Int
    public var poscar: POSCARReader.Options
    /// Files per write transaction.
    public var batchSize: Int
    /// Symmetry tolerance (Å) for spglib on ordered structures; nil skips symmetry analysis.
    public var symprec: Double?

    public init(source: String = "default", isReference: Bool = false, idPolicy: IDPolicy = .stem, jobs: Int = 2,
                poscar: POSCARReader.Options = .init(), batchSize: Int = 512, symprec: Double? = 0.01) {
        self.source = source
        self.isReference = isReference
        self.idPolicy = idPolicy
        self.jobs = max(1, jobs)
        self.poscar = poscar
        self.batchSize = max(1, batchSize)
        self.symprec = symprec
    }
}
