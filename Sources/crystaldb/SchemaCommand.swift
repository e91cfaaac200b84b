import ArgumentParser
import Foundation
import CrystalStore

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the store schema the migrations produce (the text of Schema/schema.sql).")

    func run() throws {
        let out = Output()
        try failing {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-schema-\(getpid()).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let db = try Store.openForWriting(path: path)
            try out.write(try Migrations.schemaSQL(db))
            try out.flush()
        }
    }
}
