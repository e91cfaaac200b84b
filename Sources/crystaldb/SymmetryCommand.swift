import ArgumentParser
import CrystalIngest
import CrystalQuery
import CrystalStore

struct SymmetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symmetry", abstract: "Recompute space groups of stored structures (spglib), e.g. at another --symprec.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var filterFlags: FilterFlags

    @Option(help: ArgumentHelp("Symmetry tolerance (Å).", valueName: "Å"))
    var symprec = 0.01

    func validate() throws {
        try Validation.number(symprec, "--symprec", above: 0, atMost: 10, what: "a positive length in Å, at most 10")
    }

    func run() throws {
        let out = Output()
        let summary = try failing(store: store.db) { () throws -> SymmetryRun.Summary in
            let db = try Store.openForWriting(path: store.db)
            return try SymmetryRun(symprec: symprec, predicate: try filterFlags.options.predicate()).run(db)
        }
        try failing {
            try out.line("symmetry: \(summary.structures) structures at symprec \(symprec) Å: \(summary.detected) detected, \(summary.declared) declared (disordered)")
            try out.line(String(format: "time: %.2f s", summary.seconds))
            try out.flush()
        }
    }
}
