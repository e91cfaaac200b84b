import Dispatch
import Foundation
import CrystalModel
import CrystalOptimade
import CrystalQuery
import CrystalStore

/// Writes a filtered selection of a store as a candidate release or a plain listing. Everything is written
/// under a temporary name beside the output and renamed into place only when complete, so a failed export
/// (a full disk, a killed process) never leaves a half-written file at the output path. Rows stream from
/// SQLite; structure files are made and compressed in parallel batches.
public struct Exporter {
    public struct Summary: Sendable, Equatable {
        public var exported = 0
        /// Entries without a structure (structure formats only).
        public var withoutStructure = 0
        /// Disordered structures, which have no POSCAR or extended XYZ form.
        public var disordered = 0
        /// Entries without an energy (pymatgen-json: an entry needs one).
        public var withoutEnergy = 0
        public var files: [String] = []
    }

    public let options: ExportOptions
    public static let version = "0.1.0"
    static let batchSize = 256

    public init(options: ExportOptions) { self.options = options }

    /// The fields a format writes (after the row key and id).
    var fieldNames: [String]? {
        switch options.format {
        case .csv, .jsonl: return nil
        case .cifZip, .cifDir, .poscarDir, .optimadeJSONL: return ["id"]
        case .gnome: return GnomeSummary.fieldNames
        case .extxyz, .pymatgenJSON: return EntryFileFields.names
        }
    }

    /// The selection: the filter AND, for candidates, GNoME's stable-candidate rule (`CandidatePolicy`).
    func query() throws -> EntryQuery {
        let fields = fieldNames.map { $0.compactMap { QueryField.byName[$0] } } ?? QueryField.all
        var predicate = try options.filter.predicate()
        if options.candidates {
            predicate = predicate.and(CandidatePolicy(maximumEnergyAboveHull: options.filter.maximumEnergyAboveHull,
                                                      novelRule: options.novelRule).predicate)
        }
        return EntryQuery(fields: [QueryField.entryKey] + fields, predicate: predicate)
    }

    public func run(store: Store, to output: String) throws -> Summary {
        let fm = FileManager.default
        if fm.fileExists(atPath: output) {
            guard options.force else { throw ExportError("\(output): exists; pass --force to replace it") }
            // Only a file or folder an export could have made is replaced: never a device, pipe or socket.
            var info = stat()
            if lstat(output, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
                throw ExportError("\(output): not a regular file or folder; not replaced")
            }
        }
        if options.candidates {
            let pending = try store.pendingHullEntries()
            if pending > 0 {
                throw ExportError("\(pending) entries have no hull results yet; run crystaldb hull --db \(store.path) first")
            }
        }
        let partial = output + ".partial-\(getpid())"
        try? fm.removeItem(atPath: partial)
        do {
            let summary = try write(store: store, to: partial)
            if fm.fileExists(atPath: output) { try fm.removeItem(atPath: output) }
            try fm.moveItem(atPath: partial, toPath: output)
            if fm.fileExists(atPath: partial + ".manifest.json") {
                try? fm.removeItem(atPath: output + ".manifest.json")
                try fm.moveItem(atPath: partial + ".manifest.json", toPath: output + ".manifest.json")
            }
            return summary
        } catch {
            try? fm.removeItem(atPath: partial)
            try? fm.removeItem(atPath: partial + ".manifest.json")
            // Name the output the user asked for, not the temporary one (which is gone).
            let message = "\(error)"
            if message.contains(partial) { throw ExportError(message.replacingOccurrences(of: partial, with: output) + "; \(output) is unchanged") }
            throw error
        }
    }

    func write(store: Store, to path: String) throws -> Summary {
        let query = try query()
        let fields = Array(query.fields.dropFirst())
        var summary = Summary()
        let fm = FileManager.default
        switch options.format {
        case .csv:
            let out = try FileOutput(path: path)
            try out.write(fields.map { ValueText.csv($0.name) }.joined(separator: ",") + "\n")
            try store.entries(query) { values in
                try out.write(zip(fields, values.dropFirst()).map { ValueText.csv(ValueText.text($0, $1)) }.joined(separator: ",") + "\n")
                summary.exported += 1
            }
            try out.close()
            try FileOutput.write(manifest(summary, store: store), to: path + ".manifest.json")
        case .jsonl:
            let out = try FileOutput(path: path)
            let reader = try store.structureReader()
            try store.entries(query) { values in
                guard case .integer(let pk) = values[0] else { return }
                let structure = try reader.structure(entryPK: pk).map { options.cell?($0) ?? $0 }.map(StructureJSON.write) ?? "null"
                let object = ValueText.jsonObject(fields, Array(values.dropFirst()))
                try out.write(String(object.dropLast()) + ",\"structure\":\(structure)}\n")
                summary.exported += 1
            }
            try out.close()
            try FileOutput.write(manifest(summary, store: store), to: path + ".manifest.json")
        case .cifZip:
            let zip = try ZipWriter(path: path)
            try structureFiles(store: store, query: query, summary: &summary, ext: ".cif") { name, prepared in
                try zip.add(name: name, prepared: prepared)
            }
            try zip.add(name: "manifest.json", bytes: Array(manifest(summary, store: store).utf8))
            try zip.finish()
        case .cifDir, .poscarDir:
            try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
            let poscar = options.format == .poscarDir
            try structureFiles(store: store, query: query, summary: &summary, ext: poscar ? ".vasp" : ".cif", compress: false) { name, prepared in
                try FileOutput.write(prepared.data, to: path + "/" + name)
            }
            try FileOutput.write(manifest(summary, store: store), to: path + "/manifest.json")
        case .extxyz, .pymatgenJSON:
            let out = try FileOutput(path: path)
            let reader = try store.structureReader()
            let pymatgen = options.format == .pymatgenJSON
            if pymatgen { try out.write("[") }
            try store.entries(query) { values in
                guard case .integer(let pk) = values[0] else { return }
                let row = EntryFileFields(fields: fields, values: Array(values.dropFirst()))
                let structure = try reader.structure(entryPK: pk)
                if pymatgen {
                    guard let text = row.pymatgenEntry(structure: structure) else {
                        summary.withoutEnergy += 1
                        return
                    }
                    try out.write((summary.exported == 0 ? "\n" : ",\n") + text)
                } else {
                    guard let structure else {
                        summary.withoutStructure += 1
                        return
                    }
                    guard let frame = ExtendedXYZWriter.write(structure, info: row.extendedXYZInfo(structure: structure)) else {
                        summary.disordered += 1
                        return
                    }
                    try out.write(frame)
                }
                summary.exported += 1
            }
            if pymatgen { try out.write("\n]\n") }
            try out.close()
            try FileOutput.write(manifest(summary, store: store), to: path + ".manifest.json")
        case .optimadeJSONL:
            let out = try FileOutput(path: path)
            let properties = StructureProperties(prefix: options.providerPrefix)
            let selected = properties.all.filter(\.isDefault)
            try out.write(OptimadeResource.jsonLinesHeader.text + "\n" + properties.infoDocument.text + "\n")
            try OptimadeQuery(properties: properties).forEach(store, predicate: query.predicate, properties: selected) { entry in
                try out.write(OptimadeResource.json(entry, properties: selected).text + "\n")
                summary.exported += 1
            }
            try out.close()
            try FileOutput.write(manifest(summary, store: store), to: path + ".manifest.json")
        case .gnome:
            try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
            let zip = try ZipWriter(path: path + "/by_id.zip")
            let csv = try FileOutput(path: path + "/summary.csv")
            try csv.write(GnomeSummary.header)
            var index = 0
            try structureFiles(store: store, query: query, summary: &summary, ext: ".CIF", folder: "by_id/",
                               row: { values, structure in
                                   try csv.write(GnomeSummary.row(index: index, fields: fields, values: Array(values.dropFirst()), structure: structure))
                                   index += 1
                               }) { name, prepared in
                try zip.add(name: name, prepared: prepared)
            }
            try zip.finish()
            try csv.close()
            try FileOutput.write(manifest(summary, store: store), to: path + "/manifest.json")
        }
        return summary
    }

    /// Streams the selection in batches: structures are loaded in order on this thread while the previous
    /// batch's files are made and compressed on all cores and handed to `emit` in order (one batch in flight).
    func structureFiles(store: Store, query: EntryQuery, summary: inout Summary, ext: String, folder: String = "",
                        compress: Bool = true, row: (([StoreValue], Structure) throws -> Void)? = nil,
                        emit: @escaping (String, ZipWriter.Prepared) throws -> Void) throws {
        let reader = try store.structureReader()
        var names = SafeFileNames()
        var batch = [BatchItem]()
        let encoder = BatchEncoder(poscar: ext == ".vasp", compress: compress, folder: folder, emit: emit)
        try store.entries(query) { values in
            guard case .integer(let pk) = values[0], case .text(let id) = values[1] else { return }
            guard let stored = try reader.structure(entryPK: pk) else {
                summary.withoutStructure += 1
                return
            }
            let structure = options.cell?(stored) ?? stored
            if ext == ".vasp" && !structure.isOrdered {
                summary.disordered += 1
                return
            }
            try row?(values, structure)
            batch.append(BatchItem(name: names.name(for: id, extension: ext), id: id, structure: structure))
            summary.exported += 1
            if batch.count >= Self.batchSize {
                try encoder.submit(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try encoder.submit(batch)
        try encoder.finish()
    }

    /// The manifest: filter, tolerance, counts, store, version, time.
    func manifest(_ summary: Summary, store: Store) throws -> String {
        let tolerance = try store.lastHullTolerance().map(StructureJSON.number) ?? "null"
        let f = options.filter
        func list(_ items: [String]) -> String { "[" + items.map(StructureJSON.string).joined(separator: ",") + "]" }
        let flags = "{\"elements\":\(list(f.elements)),\"only\":\(list(f.only)),\"exclude\":\(list(f.exclude)),"
            + "\"chemsys\":\(f.chemicalSystem.map(StructureJSON.string) ?? "null"),\"formula\":\(f.formula.map(StructureJSON.string) ?? "null"),"
            + "\"max_e_above_hull\":\(f.maximumEnergyAboveHull.map(StructureJSON.number) ?? "null"),\"stable\":\(f.stable),"
            + "\"source\":\(f.source.map(StructureJSON.string) ?? "null")}"
        return "{\n  \"crystaldb_version\": \(StructureJSON.string(Self.version)),\n"
            + "  \"created\": \(StructureJSON.string(ISO8601DateFormatter().string(from: Date()))),\n"
            + "  \"store\": \(StructureJSON.string(store.path)),\n"
            + "  \"format\": \(StructureJSON.string(options.format.rawValue)),\n"
            + "  \"filter\": \(f.filterText.map(StructureJSON.string) ?? "null"),\n"
            + "  \"flags\": \(flags),\n"
            + "  \"candidates\": \(options.candidates),\n"
            + "  \"hull_tolerance_ev_per_atom\": \(tolerance),\n"
            + "  \"counts\": {\"exported\": \(summary.exported), \"without_structure\": \(summary.withoutStructure), \"disordered_skipped\": \(summary.disordered), \"without_energy\": \(summary.withoutEnergy)}\n}\n"
    }
}

struct BatchItem: Sendable {
    var name: String
    var id: String
    var structure: Structure
}

/// Makes and compresses batches of structure files on a background queue, in order, one batch waiting.
///
/// `@unchecked Sendable`: `failure` is written only on `queue` and read through `queue.sync`; `emit` is called
/// only on `queue` (a serial queue), one batch at a time; the other properties are constants.
final class BatchEncoder: @unchecked Sendable {
    private let queue = DispatchQueue(label: "crystaldb.export")
    private let slot = DispatchSemaphore(value: 1)
    private var failure: Error?
    let poscar: Bool
    let compress: Bool
    let folder: String
    let emit: (String, ZipWriter.Prepared) throws -> Void

    init(poscar: Bool, compress: Bool, folder: String, emit: @escaping (String, ZipWriter.Prepared) throws -> Void) {
        self.poscar = poscar
        self.compress = compress
        self.folder = folder
        self.emit = emit
    }

    func submit(_ items: [BatchItem]) throws {
        guard !items.isEmpty else { return }
        slot.wait()
        if let failure = queue.sync(execute: { self.failure }) {
            slot.signal()
            throw failure
        }
        queue.async {
            defer { self.slot.signal() }
            var prepared = [Result<ZipWriter.Prepared, Error>?](repeating: nil, count: items.count)
            let poscar = self.poscar, compress = self.compress
            prepared.withUnsafeMutableBufferPointer { buffer in
                // Safe to share: each index is written by exactly one iteration, and read only after concurrentPerform returns.
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: items.count) { i in
                    // A structure that cannot be written or compressed fails the export with its reason: never an empty file.
                    slots[i] = Result {
                        let text = poscar ? try POSCARWriter.write(items[i].structure, comment: items[i].id)
                                          : CIFWriter.write(items[i].structure, blockName: items[i].id)
                        return try ZipWriter.prepare(Array(text.utf8), method: compress ? .deflated : .stored)
                    }
                }
            }
            do {
                for (item, member) in zip(items, prepared) {
                    switch member {
                    case .success(let data)?: try self.emit(self.folder + item.name, data)
                    case .failure(let error)?: throw ExportError("entry '\(item.id)': \(error)")
                    case nil: throw ExportError("entry '\(item.id)': not written")
                    }
                }
            } catch {
                self.failure = error
            }
        }
    }

    func finish() throws {
        slot.wait()
        slot.signal()
        if let failure = queue.sync(execute: { self.failure }) { throw failure }
    }
}
