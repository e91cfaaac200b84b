import CrystalModel

/// A stored import diagnostic.
public struct StoredDiagnostic: Sendable {
    public var location: SourceLocation
    /// `warning` or `error`.
    public var severity: String
    public var kind: String
    public var message: String
}

extension Store {
    /// Stored diagnostics in the order they were written; optionally of one import source, or errors only.
    public func diagnostics(source: String? = nil, errorsOnly: Bool = false, _ body: (StoredDiagnostic) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT file, member, line, data_block, severity, kind, message FROM diagnostics
            WHERE (? IS NULL OR source = ?) AND (? = 0 OR severity = 'error') ORDER BY diagnostic_id
            """)
        try statement.bind(source, source, errorsOnly)
        while try statement.step() {
            let location = SourceLocation(path: statement.text(0) ?? "", member: statement.text(1),
                                          line: statement.optionalInt(2).map(Int.init), block: statement.text(3))
            try body(StoredDiagnostic(location: location, severity: statement.text(4) ?? "", kind: statement.text(5) ?? "",
                                      message: statement.text(6) ?? ""))
        }
    }
}
