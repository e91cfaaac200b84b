import ArgumentParser
import CrystalHull
import CrystalStability
import CrystalStore

struct HullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hull",
        abstract: "Compute formation energies, energy above the hull and decompositions for every entry with an energy.",
        discussion: """
        After a later import only the chemical systems the new entries touch are recomputed (--full recomputes \
        everything; the results are the same). is_stable: a hull vertex or within --tolerance of the hull \
        (default 1e-8 eV/atom, pymatgen's; GNoME counts 5e-5 as on the hull).
        """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("On-hull tolerance for is_stable (eV/atom).", valueName: "eV/atom"))
    var tolerance = HullTolerances.onHullDefault

    @Flag(help: "Recompute every chemical system.")
    var full = false

    func validate() throws {
        try Validation.number(tolerance, "--tolerance", above: 0, orEqual: true, what: "a non-negative number of eV/atom")
    }

    func run() throws {
        let out = Output()
        let summary = try failing(store: store.db) { () throws -> HullRun.Summary in
            let db = try Store.openForWriting(path: store.db)
            return try HullRun(tolerance: tolerance, full: full).run(db)
        }
        try failing {
            try out.line("hull (\(summary.mode)): \(summary.systems) chemical systems, \(summary.entries) entries with energies, \(summary.recomputed) recomputed")
            try out.line("stable: \(summary.stable) (tolerance \(tolerance) eV/atom)   below the reference hull: \(summary.belowReference)")
            if summary.missingReferences > 0 {
                try out.line("missing elemental references: \(summary.missingReferences) entries not placed (crystaldb diagnostics lists them)")
            }
            try out.line(String(format: "time: %.3f s", summary.seconds))
            try out.flush()
        }
    }
}
