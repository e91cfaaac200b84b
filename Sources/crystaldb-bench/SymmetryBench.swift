import ArgumentParser
import Foundation
import CrystalImport
import CrystalModel
import CrystalSymmetry
import CrystalSpaceGroup

/// Times symmetry analysis alone on one core (no parsing, no SQL in the timed part): every ordered structure
/// of the CIF files under a folder, through `SymmetryAnalyzer.analyze` (the import's path: crystaldb's symmetry engine)
/// and, as the peer in the same run, through spglib's dataset.
struct SymmetryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symmetry", abstract: "Time symmetry analysis alone, one core, against spglib for every structure.")

    @Argument(help: "A folder of CIF files (searched recursively).")
    var folder: String

    @Option(help: "Read at most this many files.")
    var limit = 20_000

    @Option(help: "Timed runs.")
    var runs = 3

    @Flag(help: "Time crystaldb's engine only (for profiling).")
    var skipPeer = false

    @Flag(help: "Time spglib only (for profiling).")
    var skipOurs = false

    @Option(help: "Symmetry tolerance (Å).")
    var symprec = SymmetryAnalyzer.defaultSymprec

    func run() throws {
        let all = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        let names = all.filter { $0.lowercased().hasSuffix(".cif") }.sorted().prefix(limit)
        var structures = [Structure]()
        for name in names {
            let path = folder + "/" + name
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            structures += CIFStructureReader.read(bytes: bytes, location: SourceLocation(path: path)).structures.map(\.structure).filter(\.isOrdered)
        }
        func time(_ body: (Structure) -> SymmetryInfo?) -> (median: Double, p1: Int) {
            var times = [Double]()
            var p1 = 0
            for _ in 0..<runs {
                p1 = 0
                let start = DispatchTime.now().uptimeNanoseconds
                for structure in structures where body(structure)?.spaceGroupNumber == 1 { p1 += 1 }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return (times.sorted()[times.count / 2], p1)
        }
        let ours = skipOurs ? (median: Double.nan, p1: 0) : time { SymmetryAnalyzer.analyze($0, symprec: symprec) }
        let peer = skipPeer ? (median: Double.nan, p1: 0) : time { SymmetryAnalyzer.spglibDataset($0, symprec: symprec) }
        let n = Double(structures.count)
        print("structures: \(structures.count) ordered, from \(names.count) files; P1: \(ours.p1) (spglib: \(peer.p1))")
        print(String(format: "crystaldb symmetry engine: median %.3f s = %.0f structures/s on one core", ours.median, n / ours.median))
        print(String(format: "spglib dataset for every structure: median %.3f s = %.0f structures/s on one core", peer.median, n / peer.median))
        print(String(format: "ratio: %.1fx", peer.median / ours.median))
    }
}
