/// A recoverable oddity or a failure found while importing, with where it happened.
public struct ImportDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, CaseIterable, Comparable {
        /// The input was read with an adjustment (sites merged, occupancy rescaled).
        case warning
        /// The structure, row or file was skipped.
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// What went wrong, for counting in summaries.
    public enum Kind: String, Sendable, CaseIterable {
        case syntax, missingCell = "missing-cell", badCell = "bad-cell", noSites = "no-sites"
        case unknownElement = "unknown-element", badCoordinate = "bad-coordinate", symmetry
        case occupancy, sitesMerged = "sites-merged", noStructure = "no-structure"
        case idCollision = "id-collision", compositionMismatch = "composition-mismatch"
        case badEnergy = "bad-energy", badRow = "bad-row", io, archive, unsupported
        /// A number outside its domain (`PhysicalBounds`) that the reader did not catch at its line.
        case outOfRange = "out-of-range"
        /// A path the walker did not read, with the reason (not a structure or energy format, hidden, ...).
        case ignored
    }

    public var location: SourceLocation
    public var severity: Severity
    public var kind: Kind
    public var message: String

    public init(_ severity: Severity, _ kind: Kind, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = severity
        self.kind = kind
        self.message = message
    }

    /// `path:line in data_X: message`
    public var description: String { "\(location): \(message)" }
}
