import CrystalImport
import CrystalModel
import CrystalStore
import CrystalSymmetry

/// One input file turned into store records; made on a parser thread, written by the writer. Every record
/// passes `PhysicalBounds` here, whatever reader made it: a value outside its domain is an error diagnostic
/// on that record, and the others go on.
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
                parsed.add(structure: read, id: id, input: input, line: nil, options: options)
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
            for row in result.records { parsed.add(energy: row, input: input, options: options) }
        }
        return parsed
    }

    /// Adds a structure, or an error diagnostic when a number lies outside its domain.
    mutating func add(structure read: ReadStructure, id: String, input: InputFile, line: Int?, options: ImportOptions) {
        if let why = PhysicalBounds.violation(in: read.structure) {
            diagnostics.append(ImportDiagnostic(.error, .outOfRange, at: input.location.at(line: line ?? read.line, block: read.block),
                                                "structure '\(id)': \(why); not stored"))
            return
        }
        structures.append(Self.record(id: id, read, input: input, line: line, symprec: options.symprec))
    }

    /// Adds an energy row (and the structure it carries), or an error diagnostic when a number lies outside
    /// its domain.
    mutating func add(energy row: EnergyRecord, input: InputFile, options: ImportOptions) {
        if let why = PhysicalBounds.violation(totalEnergy: row.totalEnergy, of: row.composition) {
            diagnostics.append(ImportDiagnostic(.error, .outOfRange, at: input.location.at(line: row.line),
                                                "energy '\(row.id)': \(why); not stored"))
            return
        }
        if let structure = row.structure {
            add(structure: structure, id: row.id, input: input, line: row.line, options: options)
        }
        let provenance = Provenance(file: input.path, member: input.member, block: nil, line: row.line, contentHash: "")
        energies.append(EnergyEntry(id: row.id, composition: row.composition, totalEnergy: row.totalEnergy,
                                    provenance: provenance, properties: row.properties))
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
