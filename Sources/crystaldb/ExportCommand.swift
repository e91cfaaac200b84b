import ArgumentParser
import Foundation
import CrystalExport
import CrystalStore
import CrystalSymmetry

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a filtered selection: a GNoME-style release, CIFs, POSCARs, CSV or JSON lines.",
        discussion: """
        Formats: gnome (folder with summary.csv in GNoME's layout and by_id.zip of <id>.CIF), cif-zip, cif-dir, poscar-dir, \
        csv, jsonl (every field and the structure), extxyz (ASE's extended XYZ: ordered structures with energy and stability \
        as info keys), pymatgen-json (a list of ComputedStructureEntry), optimade-jsonl (one OPTIMADE structures resource per \
        line, as crystaldb serve gives it). Every export carries a manifest (filter, tolerance, counts, store, \
        version, time). --candidates selects GNoME's stable candidates: non-reference entries on the hull whose reduced \
        composition no reference entry has; --max-e-above-hull widens it.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filterFlags: FilterFlags

    @Option(help: ArgumentHelp("Output file or folder.", valueName: "PATH"))
    var out: String

    @Option(help: "gnome, cif-zip, cif-dir, poscar-dir, csv, jsonl, extxyz, pymatgen-json or optimade-jsonl.")
    var format: ExportOptions.Format = .gnome

    @Flag(help: "Only GNoME-style stable candidates (run crystaldb hull first).")
    var candidates = false

    @Flag(help: "Replace an existing output.")
    var force = false

    @Option(name: .customLong("novel-by"), help: "Novelty for --candidates: structure (after crystaldb dedupe); default: is_novel as the last dedupe set it (composition, GNoME's rule).")
    var novelBy: NovelBy?

    enum NovelBy: String, ExpressibleByArgument { case composition, structure }

    @Option(help: "Structures as stored (input), or standardized by the symmetry engine: primitive or conventional.")
    var cell: CellChoice = .input

    func validate() throws {
        try Validation.nonEmpty(out, "--out")
    }

    func run() throws {
        let output = Output()
        var options = ExportOptions(format: format, filter: filterFlags.options, candidates: candidates, force: force)
        options.novelRule = novelBy.map { $0 == .structure ? .structure : .composition } ?? .stored
        options.cell = cell.transform(symprec: SymmetryAnalyzer.defaultSymprec)
        let start = Date()
        let summary = try failing(store: store.db) { () throws -> Exporter.Summary in
            return try Exporter(options: options).run(store: try Store.openForReading(path: store.db), to: out)
        }
        var line = "exported \(summary.exported) entries to \(out) (\(format.rawValue))"
        if summary.withoutStructure > 0 { line += "; \(summary.withoutStructure) without a structure left out" }
        if summary.disordered > 0 { line += "; \(summary.disordered) disordered left out (no \(format == .extxyz ? "extended XYZ" : "POSCAR") form)" }
        if summary.withoutEnergy > 0 { line += "; \(summary.withoutEnergy) without an energy left out" }
        try failing {
            try output.line(line)
            try output.line(String(format: "time: %.2f s", Date().timeIntervalSince(start)))
            try output.flush()
        }
    }
}

extension ExportOptions.Format: ExpressibleByArgument {}
