import CrystalImport
import CrystalModel
import CrystalStore

/// Streams one energy table into the store: rows are read in chunks (`CSVStream`), turned into records on at
/// most `jobs` threads, and handed to the single writer a batch at a time, so a table of any length is imported
/// in bounded memory (a few batches in flight) at the rate of the writer.
struct EnergyTableImport {
    /// Rows per batch handed to the writer.
    static let rowsPerBatch = 4096
    /// Rows per write transaction: a killed import keeps whole transactions of this many rows.
    static let rowsPerTransaction = 1 << 18

    let file: InputFile
    let options: ImportOptions

    func run(into pipeline: WritePipeline) throws {
        let stem = options.idPolicy == .path ? file.relativeID : file.stem
        let location = file.location
        let rows: CSVStream
        do {
            rows = try file.csvRows()
        } catch {
            try pipeline.submit([], walkerDiagnostics: [ImportDiagnostic(.error, .io, at: location, "\(error)")], fileCount: 1)
            return
        }
        // The header decides the layout; a table without one is a located error.
        let header: (line: Int, fields: [String])?
        do { header = try rows.next() } catch {
            try pipeline.submit([], walkerDiagnostics: [ImportDiagnostic(.error, .io, at: location, "\(error)")], fileCount: 1)
            return
        }
        guard let header else {
            try pipeline.submit([], walkerDiagnostics: [EnergyTableLayout.emptyTable(location)], fileCount: 1)
            return
        }
        let layout: EnergyTableLayout
        switch EnergyTableLayout.make(header: header, location: location) {
        case .success(let made): layout = made
        case .failure(let diagnostic):
            try pipeline.submit([], walkerDiagnostics: [diagnostic], fileCount: 1)
            return
        }
        var batch = [(line: Int, fields: [String])]()
        batch.reserveCapacity(Self.rowsPerBatch)
        var dataRows = 0
        while true {
            var ended = false
            var failure: ImportDiagnostic?
            while batch.count < Self.rowsPerBatch {
                do {
                    guard let row = try rows.next() else { ended = true; break }
                    batch.append(row)
                } catch {
                    failure = ImportDiagnostic(.error, .io, at: location, "\(error); the rows before it were read")
                    ended = true
                    break
                }
            }
            let parsed = convert(batch, firstDataRow: dataRows + 1, layout: layout, stem: stem)
            dataRows += batch.count
            batch.removeAll(keepingCapacity: true)
            let commit = ended || dataRows % Self.rowsPerTransaction == 0
            try pipeline.submit(parsed, walkerDiagnostics: failure.map { [$0] } ?? [], fileCount: ended ? 1 : 0, commit: commit)
            if ended { return }
        }
    }

    /// Records of a batch of rows, on at most `jobs` threads, in row order (one `ParsedFile` per slice).
    func convert(_ batch: [(line: Int, fields: [String])], firstDataRow: Int, layout: EnergyTableLayout, stem: String) -> [ParsedFile] {
        let slices = max(1, min(options.jobs, batch.count / 256 + 1))
        let size = (batch.count + slices - 1) / slices
        var parsed = [ParsedFile](repeating: ParsedFile(), count: slices)
        let file = self.file, options = self.options
        parsed.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: each slice index is written by exactly one call, and the buffer outlives the calls.
            nonisolated(unsafe) let slots = buffer
            BoundedParallel.forEach(count: slices, jobs: options.jobs) { slice in
                var out = ParsedFile()
                let range = (slice * size)..<min(batch.count, (slice + 1) * size)
                for index in range {
                    switch layout.record(batch[index], dataRow: firstDataRow + index, stem: stem, location: file.location) {
                    case .success(let record): out.add(energy: record, input: file, options: options)
                    case .failure(let diagnostic): out.diagnostics.append(diagnostic)
                    }
                }
                slots[slice] = out
            }
        }
        return parsed
    }
}
