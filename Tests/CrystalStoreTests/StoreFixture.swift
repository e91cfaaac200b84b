import Foundation
@testable import CrystalStore

/// Scratch copies of the committed stores, in a temporary folder removed by `cleanUp`.
struct StoreFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// A store written by the crystaldb release at bb2685f (schema migrations 1-5); see make-upgrade-fixture.sh.
    static let upgradeStore = fixtures.appendingPathComponent("store-v5-bb2685f.sqlite")

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A fresh copy of the old store under `name`.
    func copyOfUpgradeStore(_ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: Self.upgradeStore.path, toPath: path)
        return path
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}

/// Every row of a table or view as values, sorted, for before/after comparisons.
func rows(_ db: Database, _ sql: String) throws -> [[StoreValue]] {
    let statement = try db.prepare(sql)
    var out = [[StoreValue]]()
    while try statement.step() { out.append((0..<statement.columnCount).map { statement.value($0) }) }
    return out
}

func columns(_ db: Database, table: String) throws -> [String] {
    try rows(db, "SELECT name FROM pragma_table_info('\(table)') ORDER BY cid").compactMap { if case .text(let n) = $0[0] { n } else { nil } }
}
