import ArgumentParser
import Foundation
import CrystalMatch
import CrystalQuery
import CrystalStability
import CrystalStore

struct DedupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe", abstract: "Group duplicate structures (same crystal in any cell or setting) and pick representatives.",
        discussion: """
        Structures are compared as pymatgen's StructureMatcher compares them (ltol, stol, angle-tol, primitive cell, \
        volume scaling, supercells), independent of detected symmetry, and only within buckets of one reduced \
        formula and one number of sites per primitive cell. Groups form as StructureMatcher.group_structures forms \
        them: reference entries first, then by id, the first entry not yet grouped takes every later one that fits \
        onto it. The lowest energy per atom represents its group; is_novel_by_structure is true when no reference \
        entry fits the entry. Query fields: duplicate_of, is_novel, is_novel_by_structure.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filterFlags: FilterFlags

    @Option(help: "Fractional tolerance on cell lengths (StructureMatcher's ltol).")
    var ltol = 0.2

    @Option(help: "Site tolerance, as a fraction of (V/n)^(1/3) (stol).")
    var stol = 0.3

    @Option(name: .customLong("angle-tol"), help: "Cell angle tolerance in degrees (angle_tol).")
    var angleTol = 5.0

    @Flag(inversion: .prefixedNo, help: "Reduce structures to primitive cells before comparing (primitive_cell).")
    var primitiveCell = true

    @Flag(inversion: .prefixedNo, help: "Scale both cells to the same volume before comparing (scale).")
    var scale = true

    @Flag(help: "Match cells whose site counts differ by an integer factor as supercells (attempt_supercell).")
    var attemptSupercell = false

    @Option(help: "Worker threads, at most this many. (default: the number of cores)")
    var jobs: Int?

    @Option(name: .customLong("novel-by"), help: "What is_novel means from now on: composition (GNoME's rule) or structure.")
    var novelBy: ExportCommand.NovelBy = .composition

    var options: MatchOptions {
        var options = MatchOptions()
        options.lengthTolerance = ltol
        options.siteTolerance = stol
        options.angleTolerance = angleTol
        options.primitiveCell = primitiveCell
        options.scale = scale
        options.attemptSupercell = attemptSupercell
        return options
    }

    func validate() throws {
        do { try options.validate() } catch { throw ValidationError("--\(error.option): must be a finite positive number (got \(error.value))") }
        if let jobs { try Validation.integer(jobs, "--jobs", atLeast: 1, atMost: 1024) }
    }

    func run() throws {
        let out = Output()
        let summary = try failing(store: store.db) { () throws -> DedupeRun.Summary in
            let db = try Store.openForWriting(path: store.db)
            var run = DedupeRun()
            run.options = options
            run.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            run.novelByStructure = novelBy == .structure
            run.predicate = try filterFlags.options.predicate()
            return try run.run(db)
        }
        try failing {
            try out.line("dedupe: \(summary.entries) structures in \(summary.buckets) buckets (reduced formula, sites per reduced cell), \(summary.comparisons) comparisons")
            try out.line("duplicate groups: \(summary.groups), duplicates (not representatives): \(summary.duplicates)")
            if summary.unmatchable > 0 {
                try out.line("left alone: \(summary.unmatchable) structures that cannot be matched (no sites, a flat cell, or more than \(ReducedStructure.maximumSites) sites)")
            }
            try out.line(String(format: "time: %.2f s", summary.seconds))
            try out.flush()
        }
    }
}
