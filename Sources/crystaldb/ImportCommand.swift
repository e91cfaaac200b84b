import ArgumentParser
import Foundation
import CrystalImport
import CrystalIngest
import CrystalModel
import CrystalStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CIF, POSCAR, energy CSV and pymatgen entry JSON files, folders and archives into a store.",
        discussion: """
        Inputs: .cif/.mcif, POSCAR/CONTCAR/.vasp/.poscar, .csv energy tables, pymatgen ComputedEntry .json; each may be \
        .gz-compressed; folders are read recursively; .zip, .tar and .tar.gz archives member by member. A structure and \
        an energy row with the same id become one entry. Exit status 0 unless nothing could be read, or --strict and \
        anything failed.
        """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Name of this collection (e.g. mp, gnome).")
    var source = "default"

    @Flag(help: "Mark the entries as the known reference set (e.g. Materials Project).")
    var reference = false

    @Option(name: .customLong("id-from"), help: "Where ids come from: stem (file name) or path (relative path, for trees whose stems repeat).")
    var idFrom: ImportOptions.IDPolicy = .stem

    @Option(help: "Parser threads, at most this many (the writer is always one). (default: the number of cores)")
    var jobs: Int?

    @Flag(help: "Exit non-zero if any file, block or row failed.")
    var strict = false

    @Option(help: ArgumentHelp("Species of VASP 4 POSCARs that name none, in the order of their counts line.", valueName: "Mg,P,O"))
    var species: String?

    @Option(help: ArgumentHelp("Symmetry tolerance for spglib on ordered structures (Å).", valueName: "Å"))
    var symprec = 0.01

    @Flag(help: "Skip symmetry analysis (space groups are then only those disordered CIFs declare).")
    var noSymmetry = false

    @Argument(help: "Files, folders or archives to import.")
    var paths: [String]

    func validate() throws {
        if let jobs { try Validation.integer(jobs, "--jobs", atLeast: 1, atMost: 1024) }
        try Validation.number(symprec, "--symprec", above: 0, atMost: 10, what: "a positive length in Å, at most 10")
        try Validation.nonEmpty(source, "--source")
        if let species, parseSpecies(species) == nil { throw ValidationError("--species: '\(species)' is not a comma-separated list of element symbols") }
        guard !paths.isEmpty else { throw ValidationError("no files, folders or archives to import") }
    }

    func parseSpecies(_ text: String) -> [Element]? {
        let elements = text.split(separator: ",").map { Element(symbol: $0.trimmingCharacters(in: .whitespaces)) }
        guard !elements.isEmpty, elements.allSatisfy({ $0 != nil }) else { return nil }
        return elements.compactMap { $0 }
    }

    func run() throws {
        let options = ImportOptions(source: source, isReference: reference, idPolicy: idFrom,
                                    jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                    poscar: .init(species: species.flatMap(parseSpecies)), symprec: noSymmetry ? nil : symprec)
        let start = Date()
        let out = Output()
        let summary = try failing(store: store.db, hint: Self.resumeHint) { () throws -> ImportSummary in
            let db = try Store.openForWriting(path: store.db)
            let showProgress = Terminal.stderrIsTerminal
            let summary = try Importer(store: db, options: options).run(paths) { progress in
                guard showProgress else { return }
                Terminal.progress("files \(progress.filesRead)  structures \(progress.structures)  energies \(progress.energies)")
            }
            if showProgress { Terminal.endProgress() }
            return summary
        }
        let seconds = Date().timeIntervalSince(start)
        try failing {
            try out.line(Self.describe(summary, seconds: seconds))
            try out.flush()
        }
        if !summary.storedAnything {
            Terminal.error("import: nothing could be read; see crystaldb diagnostics --db \(store.db)")
            throw ExitCode.failure
        }
        if strict && summary.errors > 0 {
            Terminal.error("import: \(summary.errors) failures (--strict); see crystaldb diagnostics --db \(store.db)")
            throw ExitCode.failure
        }
    }

    /// What a failed import leaves: whole batches only, and a re-run continues where it stopped.
    static func resumeHint(_ error: Error) -> String? {
        guard let error = error as? StoreError, error.isWriteFailure else { return nil }
        return "the store keeps every batch committed before the failure and nothing of the failed one; "
            + "free space and run the same import again to finish it"
    }

    static func describe(_ summary: ImportSummary, seconds: Double) -> String {
        var lines = [
            "imported: \(summary.structures) structures, \(summary.energies) energies (\(summary.unchanged) already stored)",
            "files: \(summary.filesRead) read, \(summary.filesIgnored) ignored (crystaldb diagnostics names each with the reason)",
            "skipped: \(summary.skipped)   diagnostics: \(summary.errors) errors, \(summary.warnings) warnings",
        ]
        for kind in summary.diagnosticsByKind.keys.sorted() {
            lines.append("  \(kind): \(summary.diagnosticsByKind[kind]!)")
        }
        let rate = seconds > 0 ? Double(summary.structures + summary.energies) / seconds : 0
        lines.append(String(format: "time: %.2f s (%.0f records/s)", seconds, rate))
        return lines.joined(separator: "\n")
    }
}

extension ImportOptions.IDPolicy: ExpressibleByArgument {}
