import Dispatch
import Foundation
import CrystalImport
import CrystalModel
import CrystalStore

/// Imports files into a store: one walker reading inputs, `jobs` threads parsing a batch of files while a
/// single writer commits the previous batch in one transaction with prepared statements. A killed import
/// leaves every committed batch whole (SQLite WAL), and re-running it stores only what is missing.
public final class Importer {
    public struct Progress: Sendable {
        public var filesRead: Int
        public var structures: Int
        public var energies: Int
    }

    let store: Store
    let options: ImportOptions

    public init(store: Store, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    public func run(_ arguments: [String], progress: ((Progress) -> Void)? = nil) throws -> ImportSummary {
        try store.bulkLoad { try load(arguments, progress: progress) }
    }

    private func load(_ arguments: [String], progress: ((Progress) -> Void)?) throws -> ImportSummary {
        let importID = try store.beginImport(source: options.source, arguments: arguments)
        let pipeline = WritePipeline(store: store, writer: try store.entryWriter(source: options.source, isReference: options.isReference,
                                                                                  importID: importID), progress: progress)
        var batch = [InputFile]()
        var pendingDiagnostics = [ImportDiagnostic]()
        let options = self.options

        func flush() throws {
            // Parse on all cores while the writer may still be committing the previous batch.
            let parsed = Self.parseInParallel(batch, options: options)
            try pipeline.submit(parsed, walkerDiagnostics: pendingDiagnostics, fileCount: batch.count)
            batch.removeAll(keepingCapacity: true)
            pendingDiagnostics.removeAll()
        }

        try InputWalker().walk(arguments) { event in
            switch event {
            case .file(let file) where file.kind == .energyCSV:
                // Tables stream in batches of rows, in bounded memory, after the files before them.
                try flush()
                try EnergyTableImport(file: file, options: options).run(into: pipeline)
            case .file(let file):
                batch.append(file)
                if batch.count >= options.batchSize { try flush() }
            case .ignored(let diagnostic):
                pipeline.countIgnored()
                pendingDiagnostics.append(diagnostic)
            case .diagnostic(let diagnostic):
                pendingDiagnostics.append(diagnostic)
            }
        }
        try flush()
        let summary = try pipeline.finish()

        try store.finishImport(importID, summaryJSON: summary.json)
        return summary
    }

    /// Parses a batch on at most `options.jobs` threads.
    static func parseInParallel(_ files: [InputFile], options: ImportOptions) -> [ParsedFile] {
        guard !files.isEmpty else { return [] }
        var results = [ParsedFile](repeating: ParsedFile(), count: files.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: each index is written by exactly one call, and the buffer outlives the calls.
            nonisolated(unsafe) let slots = buffer
            BoundedParallel.forEach(count: files.count, jobs: options.jobs) { index in
                slots[index] = ParsedFile.parse(files[index], options: options)
            }
        }
        return results
    }

    static func write(_ file: ParsedFile, writer: EntryWriter, summary: inout ImportSummary) throws {
        for diagnostic in file.diagnostics {
            summary.count(diagnostic)
            try writer.write(diagnostic)
        }
        for record in file.structures { try tally(try writer.write(record), counted: \.structures) }
        for energy in file.energies { try tally(try writer.write(energy), counted: \.energies) }

        func tally(_ outcome: WriteOutcome, counted: WritableKeyPath<ImportSummary, Int>) throws {
            switch outcome {
            case .inserted, .joined: summary[keyPath: counted] += 1
            case .unchanged: summary.unchanged += 1
            case .rejected(let diagnostic):
                summary.count(diagnostic)
                try writer.write(diagnostic)
            }
        }
    }
}
