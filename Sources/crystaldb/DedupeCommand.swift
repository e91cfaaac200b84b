import ArgumentParser
import CrystalQuery
import CrystalStability
import CrystalStore

struct DedupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe", abstract: "Group duplicate structures (same crystal in any cell or setting) and pick representatives.",
        discussion: """
        Entries are bucketed by their symmetry fingerprint (reduced formula, space group, Wyckoff orbit sizes) and \
        compared within a bucket on spglib's standardized cells (ltol, stol, angle tolerance as pymatgen's \
        StructureMatcher). The lowest energy per atom represents its group. Query fields: duplicate_of, is_novel, \
        is_novel_by_structure.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filterFlags: FilterFlags

    @Option(help: "Fractional tolerance on cell lengths.")
    var ltol = 0.2

    @Option(help: "Site tolerance, as a fraction of (V/n)^(1/3).")
    var stol = 0.3

    @Option(name: .customLong("angle-tol"), help: "Cell angle tolerance (degrees).")
    var angleTol = 5.0

    @Option(name: .customLong("novel-by"), help: "What is_novel means from now on: composition (GNoME's rule) or structure.")
    var novelBy: ExportCommand.NovelBy = .composition

    func run() throws {
        let summary = try failing { () throws -> DedupeRun.Summary in
            let db = try Store.openForWriting(path: store.db)
            var run = DedupeRun()
            run.comparator.lengthTolerance = ltol
            run.comparator.siteTolerance = stol
            run.comparator.angleTolerance = angleTol
            run.novelByStructure = novelBy == .structure
            run.predicate = try filterFlags.options.predicate()
            return try run.run(db)
        }
        print("dedupe: \(summary.entries) structures in \(summary.buckets) fingerprint buckets, \(summary.comparisons) comparisons")
        print("duplicate groups: \(summary.groups), duplicates (not representatives): \(summary.duplicates)")
        print(String(format: "time: %.2f s", summary.seconds))
    }
}
