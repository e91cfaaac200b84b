import ArgumentParser

/// The `crystaldb` command: one subcommand per file.
struct CrystalDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crystaldb",
        abstract: "A crystal-structure database: import CIF/POSCAR collections and energy tables into SQLite, then query them.",
        version: "0.1.0",
        subcommands: [ImportCommand.self, StatsCommand.self, ShowCommand.self, DiagnosticsCommand.self, QueryCommand.self, HullCommand.self, PhaseDiagramCommand.self, SymmetryCommand.self, DedupeCommand.self, ExportCommand.self, ServeCommand.self, SchemaCommand.self])
}

/// `--db FILE`, shared by every subcommand.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (an SQLite file).", valueName: "FILE"))
    var db: String

    func validate() throws { try Validation.nonEmpty(db, "--db") }
}
