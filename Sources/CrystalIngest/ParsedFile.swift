import CrystalImport
import CrystalModel
import CrystalStore
import CrystalSymmetry

/// One input file turned into store records; made on a parser thread, written by the writer.
struct ParsedFile: Sendable {
    var structures: [StructureRecord] = []
    var energies: [EnergyEntry] = []
    var diagnostics: [ImportDiagnostic] = []

    static func parse(_ input: InputFile, options: ImportOptions) -> ParsedFile {
        var parsed = ParsedFile()
        let baseID = options.idPolicy == .path ? input.relativeID : input.stem
        let bytes: [UInt8]
        do {
            bytes = try input.readBytes()
        } catch {
            parsed.diagnostics.append(ImportDiagnostic(.error, .io, at: input.location, "\(error)"))
            return parsed
        }
        switch input.kind {
        case .cif, .poscar:
            let result = input.kind == .cif
                ? CIFStructureReader.read(bytes: bytes, location: input.location)
                : POSCARReader.read(bytes: bytes, location: input.location, options: options.poscar)
            parsed.diagnostics = result.diagnostics
            let several = result.structures.count > 1
            for read in result.structures {
                let id = several ? "\(baseID)/\(read.block ?? String(read.line))" : baseID
                parsed.structures.append(record(id: id, read, input: input, symprec: options.symprec))
            }
        case .extendedXYZ:
            let result = ExtendedXYZReader.read(bytes: bytes, location: input.location)
            parsed.diagnostics = result.diagnostics
            let several = result.frames.count > 1
            for (index, frame) in result.frames.enumerated() {
                let id = frame.id ?? (several ? "\(baseID)/\(index + 1)" : baseID)
                parsed.structures.append(record(id: id, frame.structure, input: input, symprec: options.symprec))
                if let energy = frame.energy {
                    let provenance = Provenance(file: input.path, member: input.member, block: nil, line: frame.structure.line, contentHash: "")
                    parsed.energies.append(EnergyEntry(id: id, composition: frame.structure.structure.composition, totalEnergy: energy,
                                                       provenance: provenance))
                }
            }
        case .energyCSV, .entryJSON:
            let result = input.kind == .energyCSV
                ? EnergyTableReader.readCSV(bytes: bytes, location: input.location, stem: baseID)
                : ComputedEntryReader.read(bytes: bytes, location: input.location, stem: baseID)
            parsed.diagnostics = result.diagnostics
            for row in result.records {
                let provenance = Provenance(file: input.path, member: input.member, block: nil, line: row.line, contentHash: "")
                if let structure = row.structure {
                    parsed.structures.append(record(id: row.id, structure, input: input, line: row.line, symprec: options.symprec))
                }
                parsed.energies.append(EnergyEntry(id: row.id, composition: row.composition, totalEnergy: row.totalEnergy,
                                                   provenance: provenance, properties: row.properties))
            }
        }
        return parsed
    }

    static func record(id: String, _ read: ReadStructure, input: InputFile, line: Int? = nil, symprec: Double?) -> StructureRecord {
        var record = StructureRecord(id: id, structure: read.structure,
                        provenance: Provenance(file: input.path, member: input.member, block: read.block, line: line ?? read.line,
                                               contentHash: read.structure.contentHash),
                        declaredSpaceGroupNumber: read.declaredSpaceGroupNumber,
                        declaredSpaceGroupSymbol: read.declaredSpaceGroupSymbol, title: read.title)
        if let symprec { record.symmetry = SymmetryFingerprint.record(read, reducedFormula: record.summary.reducedFormula, symprec: symprec) }
        return record
    }
}
