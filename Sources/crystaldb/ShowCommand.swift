import ArgumentParser
import CrystalExport
import CrystalStore
import CrystalSymmetry

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one entry: its fields and structure, or the structure written as CIF or POSCAR.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, cif, poscar }

    @OptionGroup var store: StoreOptions

    @Option(help: "json (fields and structure), cif or poscar.")
    var format: Format = .json

    @Option(help: "input (as stored), primitive or conventional (standardized by the symmetry engine, symprec 0.01 Å).")
    var cell: CellChoice = .input

    @Argument(help: "The entry id.")
    var id: String

    func validate() throws { try Validation.nonEmpty(id, "id") }

    func run() throws {
        let out = Output()
        try failing(store: store.db) {
            let db = try Store.openForReading(path: store.db)
            guard var loaded = try db.entry(id: id) else { throw ShowError.noEntry(id) }
            if let transform = cell.transform(symprec: SymmetryAnalyzer.defaultSymprec) { loaded.structure = loaded.structure.map(transform) }
            switch format {
            case .json:
                let fields = try db.entry(id: id, fields: QueryField.all).map { RowFormatter.jsonObject(QueryField.all, $0) } ?? ""
                let structure = loaded.structure.map(StructureJSON.write) ?? "null"
                try out.line("{\"entry\":\(fields),\"structure\":\(structure)}")
            case .cif:
                guard let structure = loaded.structure else { throw ShowError.noStructure(id) }
                try out.write(CIFWriter.write(structure, blockName: id))
            case .poscar:
                guard let structure = loaded.structure else { throw ShowError.noStructure(id) }
                try out.write(try POSCARWriter.write(structure, comment: id))
            }
            try out.flush()
        }
    }
}

enum ShowError: Error, CustomStringConvertible {
    case noEntry(String), noStructure(String)
    var description: String {
        switch self {
        case .noEntry(let id): return "entry '\(id)': not in the store"
        case .noStructure(let id): return "entry '\(id)': has an energy but no structure"
        }
    }
}
