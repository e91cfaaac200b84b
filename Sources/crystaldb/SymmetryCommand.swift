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
        guard symprec > 0, symprec.isFinite else { throw ValidationError("--symprec must be a positive length in Å") }
    }

    func run() throws {
        let summary = try failing { () throws -> SymmetryRun.Summary in
            let db = try Store.openForWriting(path: store.db)
            return try SymmetryRun(symprec: symprec, predicate: try filterFlags.options.predicate()).run(db)
        }
        print("symmetry: \(summary.structures) structures at symprec \(symprec) Å: \(summary.detected) detected, \(summary.declared) declared (disordered)")
        print(String(format: "time: %.2f s", summary.seconds))
    }
}
