import Dispatch
import Foundation
import CrystalModel
import CrystalStore

/// The single writer: batches are committed in order on one serial queue, at most one batch waiting,
/// so parsing the next batch overlaps writing this one.
///
/// `@unchecked Sendable`: the store, the writer and the summary are touched only on `queue` (a serial queue)
/// between `init` and `finish`, and the caller does not use the store in that time; `failure` is also read
/// only through `queue.sync`.
final class WritePipeline: @unchecked Sendable {
    private let store: Store
    private let writer: EntryWriter
    private let progress: ((Importer.Progress) -> Void)?
    private let queue = DispatchQueue(label: "crystaldb.writer")
    private let slot = DispatchSemaphore(value: 1)
    private var summary = ImportSummary()
    private var failure: Error?
    /// A transaction left open by a batch submitted with `commit: false` (queue only).
    private var transactionOpen = false

    init(store: Store, writer: EntryWriter, progress: ((Importer.Progress) -> Void)?) {
        self.store = store
        self.writer = writer
        self.progress = progress
    }

    func countIgnored() { queue.sync { summary.filesIgnored += 1 } }

    /// Hands a parsed batch to the writer; throws the first write failure of an earlier batch. With
    /// `commit: false` the batch's transaction stays open for the next one (a streamed table commits every few
    /// hundred thousand rows, not every batch: each commit rewrites the index pages it touched).
    func submit(_ parsed: [ParsedFile], walkerDiagnostics: [ImportDiagnostic], fileCount: Int, commit: Bool = true) throws {
        slot.wait()
        if let failure = queue.sync(execute: { self.failure }) {
            slot.signal()
            throw failure
        }
        let batch = parsed
        queue.async {
            defer { self.slot.signal() }
            do {
                if !self.transactionOpen {
                    try self.store.beginWriteTransaction()
                    self.transactionOpen = true
                }
                try self.writer.beginBatch()
                for diagnostic in walkerDiagnostics {
                    self.summary.count(diagnostic)
                    try self.writer.write(diagnostic)
                }
                for file in batch { try Importer.write(file, writer: self.writer, summary: &self.summary) }
                if commit {
                    try self.store.commitTransaction()
                    self.transactionOpen = false
                }
                self.summary.filesRead += fileCount
                self.progress?(Importer.Progress(filesRead: self.summary.filesRead, structures: self.summary.structures,
                                                 energies: self.summary.energies))
            } catch {
                if self.transactionOpen {
                    self.store.rollbackTransaction()
                    self.transactionOpen = false
                }
                self.failure = error
            }
        }
    }

    /// Waits for the last batch and returns the summary, or the first failure.
    func finish() throws -> ImportSummary {
        slot.wait()
        slot.signal()
        return try queue.sync {
            if let failure { throw failure }
            if transactionOpen {
                try store.commitTransaction()
                transactionOpen = false
            }
            return summary
        }
    }
}
