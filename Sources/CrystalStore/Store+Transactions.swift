/// A transaction that spans several calls, for a writer that hands batches across a queue (an energy table
/// streamed in batches and committed every few hundred thousand rows). Prefer `inTransaction` otherwise.
extension Store {
    /// Begins a write transaction, waiting for the write lock like every write.
    public func beginWriteTransaction() throws(StoreError) { try database.execute(dialect.beginWriteTransaction) }

    public func commitTransaction() throws(StoreError) { try database.execute("COMMIT") }

    /// Rolls back, ignoring a failure (there is nothing left to undo when it fails).
    public func rollbackTransaction() { try? database.execute("ROLLBACK") }
}
