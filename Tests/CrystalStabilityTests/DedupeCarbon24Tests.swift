import Foundation
import Testing
import CrystalIngest
import CrystalMatch
import CrystalModel
import CrystalStore
@testable import CrystalStability

/// `crystaldb dedupe` end to end on real data: the first 200 carbon24 CIFs (../shared/data/carbon24, ids in
/// sorted order, the order pymatgen grouped them in) and their energies, imported into a new store; the
/// groups must be pymatgen's `group_structures` groups (Tests/CrystalMatchTests/Fixtures/carbon24.*) and
/// each represented by its lowest energy per atom.
@Suite struct DedupeCarbon24Tests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let carbon = root.deletingLastPathComponent().appendingPathComponent("shared/data/carbon24")
    static var available: Bool { FileManager.default.fileExists(atPath: carbon.appendingPathComponent("cif").path) }

    @Test("groups are group_structures' groups and the lowest energy represents each", .enabled(if: available, "needs ../shared/data"))
    func carbon24() throws {
        let count = 200
        let answers = try OracleAnswers(prefix: Self.root.appendingPathComponent("Tests/CrystalMatchTests/Fixtures/carbon24").path)
        let buckets = (0..<count).map { "C/\(answers.reducedSiteCounts[$0])" }
        let expected = answers.prefix(count, buckets: buckets)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-carbon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Energies of the 200 only (the table has all 4,062).
        // (CRLF line ends: "\r\n" is one Character, so split on newlines, not on "\n".)
        let table = try String(contentsOf: Self.carbon.appendingPathComponent("energies.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        let ids = Set(expected.ids)
        var energyPerAtom = [String: Double]()
        var csv = String(table[0]) + "\n"
        for line in table.dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 3, ids.contains(String(fields[0])), let energy = Double(fields[2]),
                  let atoms = Double(fields[1].dropFirst()) else { continue }
            energyPerAtom[String(fields[0])] = energy / atoms
            csv += line + "\n"
        }
        try csv.write(to: dir.appendingPathComponent("energies.csv"), atomically: true, encoding: .utf8)
        let store = try Store.openForWriting(path: dir.appendingPathComponent("c.sqlite").path)
        let files = expected.ids.map { Self.carbon.appendingPathComponent("cif/\($0).cif").path }
        let imported = try Importer(store: store, options: ImportOptions(source: "carbon24", symprec: nil)).run(files + [dir.appendingPathComponent("energies.csv").path])
        #expect(imported.structures == count && imported.energies == count && imported.errors == 0)

        var run = DedupeRun()
        run.jobs = 2
        let summary = try run.run(store)
        #expect(summary.entries == count)
        var representative = [String: String]()
        try store.entries(try EntryQuery(fieldNames: ["id", "duplicate_of"])) { row in
            guard case .text(let id) = row[0] else { return }
            if case .text(let of) = row[1] { representative[id] = of } else { representative[id] = id }
        }
        // The same partition as pymatgen's.
        var theirs = [Int: Set<String>]()
        for (index, leader) in expected.leaders.enumerated() { theirs[leader, default: []].insert(expected.ids[index]) }
        var ours = [String: Set<String>]()
        for (id, of) in representative { ours[of, default: []].insert(id) }
        #expect(Set(ours.values) == Set(theirs.values))
        #expect(summary.duplicates == count - theirs.count)
        // Each group's representative has its lowest energy per atom.
        for (of, members) in ours {
            let lowest = members.min { (energyPerAtom[$0] ?? 0, $0) < (energyPerAtom[$1] ?? 0, $1) }
            #expect(of == lowest, "\(members)")
        }
    }
}
