import CrystalModel

/// What an import did, for the command's summary and the `imports` table.
public struct ImportSummary: Sendable, Equatable {
    /// Structures stored (new entries or joined to an energy row).
    public var structures = 0
    /// Energies stored (new entries or joined to a structure).
    public var energies = 0
    /// Records already stored with the same content.
    public var unchanged = 0
    /// Things not stored: failed blocks, files and rows, and refused records (one per error diagnostic).
    public var skipped = 0
    public var filesRead = 0
    /// Files under a directory that are neither structures nor energy tables.
    public var filesIgnored = 0
    public var warnings = 0
    public var errors = 0
    /// Diagnostics by kind and severity.
    public var diagnosticsByKind: [String: Int] = [:]

    public init() {}

    public var storedAnything: Bool { structures + energies + unchanged > 0 }

    mutating func count(_ diagnostic: ImportDiagnostic) {
        switch diagnostic.severity {
        case .error:
            errors += 1
            skipped += 1
        case .warning:
            warnings += 1
        }
        diagnosticsByKind["\(diagnostic.severity.rawValue) \(diagnostic.kind.rawValue)", default: 0] += 1
    }

    /// One JSON object, keys in a fixed order.
    public var json: String {
        let kinds = diagnosticsByKind.keys.sorted().map { "\"\($0)\":\(diagnosticsByKind[$0]!)" }.joined(separator: ",")
        return "{\"structures\":\(structures),\"energies\":\(energies),\"unchanged\":\(unchanged),\"skipped\":\(skipped),"
            + "\"files_read\":\(filesRead),\"files_ignored\":\(filesIgnored),\"warnings\":\(warnings),\"errors\":\(errors),"
            + "\"diagnostics\":{\(kinds)}}"
    }
}
