import Foundation
import CrystalHull
import CrystalImport
import CrystalModel

/// ../shared/data/hull and pymatgen's answers for it.
enum HullOracle {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/hull")
    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }

    static func bytes(_ name: String) -> [UInt8] { (try? [UInt8](Data(contentsOf: root.appendingPathComponent(name)))) ?? [] }

    /// Entries of an energy table through crystaldb's own reader.
    static func entries(_ name: String) -> [HullEntry] {
        let data = bytes(name)
        let location = SourceLocation(path: name)
        let result = name.hasSuffix(".json") ? ComputedEntryReader.read(bytes: data, location: location, stem: "e")
                                             : EnergyTableReader.readCSV(bytes: data, location: location, stem: "row")
        return result.records.map { HullEntry(id: $0.id, composition: $0.composition, totalEnergy: $0.totalEnergy) }
    }

    struct Answer {
        var formationEnergy: Double
        var energyAbove: Double
        var decomposition: [String]
        var fractions: [Double]
    }

    /// Reads a CSV of answers; `id` names the id column, the others are found by name.
    static func answers(_ name: String, id idColumn: String, formation: String, above: String, decomposition: String) -> [Answer?] {
        let text = String(decoding: bytes(name), as: UTF8.self)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let f = header.firstIndex(of: formation)!, a = header.firstIndex(of: above)!, d = header.firstIndex(of: decomposition)!
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, let fe = Double(fields[f]), let ea = Double(fields[a]) else { return nil }
            let parts = fields[d].split(separator: ";").map { $0.split(separator: ":") }
            return Answer(formationEnergy: fe, energyAbove: ea, decomposition: parts.map { String($0[0]) }, fractions: parts.map { Double($0[1]) ?? .nan })
        }
    }

    static func answersByID(_ name: String) -> [String: Answer] {
        let text = String(decoding: bytes(name), as: UTF8.self)
        var out = [String: Answer]()
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let fe = Double(fields[1]), let ea = Double(fields[2]) else { continue }
            let parts = fields[3].split(separator: ";").map { $0.split(separator: ":") }
            out[fields[0]] = Answer(formationEnergy: fe, energyAbove: ea, decomposition: parts.map { String($0[0]) }.sorted(),
                                    fractions: parts.map { Double($0[1]) ?? .nan })
        }
        return out
    }
}
