import Foundation
import CrystalHull
@testable import CrystalImport
import CrystalModel
import CrystalPhaseDiagram

/// ../shared/data/hull, the committed answers of oracle/phase_diagram_oracle.py, and the comparison of a
/// diagram's facets with pymatgen's.
enum PhaseOracle {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = package.deletingLastPathComponent().appendingPathComponent("shared/data/hull")
    static let fixtures = package.appendingPathComponent("Tests/CrystalPhaseDiagramTests/Fixtures")
    static var available: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("mp_materials_summary.csv").path) }

    static func bytes(_ url: URL) -> [UInt8] {
        let data = (try? [UInt8](Data(contentsOf: url))) ?? []
        guard url.pathExtension == "gz" else { return data }
        return (try? Inflate.data(data, raw: false, limit: 1 << 28)) ?? []
    }

    /// Entries of an energy table, through crystaldb's reader.
    static func entries(_ url: URL, source: String, reference: Bool) -> [DiagramEntry] {
        EnergyTableReader.readCSV(bytes: bytes(url), location: SourceLocation(path: url.path), stem: "row").records.map {
            DiagramEntry(HullEntry(id: $0.id, composition: $0.composition, totalEnergy: $0.totalEnergy, isReference: reference), source: source)
        }
    }

    static var materialsProject: [DiagramEntry] { entries(shared.appendingPathComponent("mp_materials_summary.csv"), source: "mp", reference: true) }

    /// pymatgen's facets per system: `system<TAB>facet|facet|...`, each facet space-separated ids.
    static func facets(_ name: String) -> [(system: String, facets: [[String]])] {
        let text = String(decoding: bytes(fixtures.appendingPathComponent(name)), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].split(separator: "|").map { $0.split(separator: " ").map(String.init).sorted() })
        }
    }

    /// Entries grouped by chemical system (symbols sorted, '-'-joined), in input order.
    static func bySystem(_ entries: [DiagramEntry]) -> [String: [DiagramEntry]] {
        var out = [String: [DiagramEntry]]()
        for entry in entries { out[entry.entry.composition.elements.map(\.symbol).sorted().joined(separator: "-"), default: []].append(entry) }
        return out
    }

    /// The entries of a system and all its subsystems, in input order (by position in `order`).
    static func entries(of system: String, in groups: [String: [DiagramEntry]], order: [String: Int]) -> [DiagramEntry] {
        let symbols = system.split(separator: "-").map(String.init)
        var out = [DiagramEntry]()
        for mask in 1..<(1 << symbols.count) {
            let sub = symbols.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element).joined(separator: "-")
            out += groups[sub] ?? []
        }
        return out.sorted { order[$0.entry.id]! < order[$1.entry.id]! }
    }

    /// How a diagram's facets compare with pymatgen's.
    enum Agreement: Equatable {
        /// The same facets (so the same stable phases and tie lines).
        case identical
        /// The same except inside flat facets (more than k coplanar vertices), which qhull triangulated: every
        /// pymatgen facet lies inside one of ours, and its extra edges are diagonals of our flat facets.
        case flatFacets(diagonals: [[String]])
        case different(String)
    }

    static func compare(_ diagram: PhaseDiagram, with theirs: [[String]]) -> Agreement {
        let ids = diagram.points.map(\.id)
        let ours = diagram.facets.map { $0.map { ids[$0] }.sorted() }
        let oursSet = Set(ours), theirsSet = Set(theirs)
        let stable = Set(diagram.vertices.map { ids[$0] }), theirStable = Set(theirs.joined())
        guard stable == theirStable else {
            return .different("stable: ours only \(stable.subtracting(theirStable).sorted()), pymatgen only \(theirStable.subtracting(stable).sorted())")
        }
        let ourEdges = Set(diagram.tieLines.map { $0.map { ids[$0] }.sorted() })
        var theirEdges = Set<[String]>()
        for facet in theirs { for a in facet.indices { for b in facet.indices where a < b { theirEdges.insert([facet[a], facet[b]].sorted()) } } }
        if oursSet == theirsSet && ourEdges == theirEdges { return .identical }
        let k = diagram.elements.count
        let flat = ours.filter { $0.count > k }.map(Set.init)
        for facet in theirs where !oursSet.contains(facet) {
            guard flat.contains(where: { $0.isSuperset(of: facet) }) else { return .different("pymatgen facet \(facet) is not one of ours") }
        }
        for facet in ours where facet.count == k && !theirsSet.contains(facet) { return .different("our facet \(facet) is not pymatgen's") }
        guard ourEdges.isSubset(of: theirEdges) else { return .different("our tie lines \(ourEdges.subtracting(theirEdges).sorted { $0.lexicographicallyPrecedes($1) }) are not pymatgen's") }
        let extra = theirEdges.subtracting(ourEdges).sorted { $0.lexicographicallyPrecedes($1) }
        for edge in extra where !flat.contains(where: { $0.isSuperset(of: edge) }) { return .different("pymatgen tie line \(edge) is missing") }
        return .flatFacets(diagonals: extra)
    }
}
