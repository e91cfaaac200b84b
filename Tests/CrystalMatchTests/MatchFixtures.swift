import Foundation
import CrystalImport
import CrystalMatch
import CrystalModel

/// Paths to the committed oracle answers and to ../shared/data (real files CI places beside the clone).
enum MatchFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("structures").path) }

    /// The first structure of a CIF, or a POSCAR (VASP 4 files without species get pymatgen's H, He, ...).
    static func read(_ url: URL) -> Structure? {
        guard let bytes = try? [UInt8](Data(contentsOf: url)) else { return nil }
        let location = SourceLocation(path: url.path)
        let name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".cif") || name.hasSuffix(".mcif") {
            return CIFStructureReader.read(bytes: bytes, location: location).structures.first?.structure
        }
        return POSCARReader.read(bytes: bytes, location: location, options: .init(missingSpecies: .placeholder)).structures.first?.structure
    }

    /// The near-duplicate set's bases: the files listed in near-duplicates.bases.txt, read from ../shared.
    static func nearDuplicateBases() throws -> [Structure] {
        let list = try String(contentsOf: fixtures.appendingPathComponent("near-duplicates.bases.txt"), encoding: .utf8)
        return list.split(separator: "\n").compactMap { path in
            read(shared.appendingPathComponent("structures").appendingPathComponent(String(path)))
        }
    }

    static let nearDuplicateSeed: UInt64 = 2026

    /// Whole-set agreement checks (minutes in a debug build) instead of the fast subsets.
    static let fullAgreement = ProcessInfo.processInfo.environment["CRYSTALDB_FULL_AGREEMENT"] != nil

    /// The carbon24 CIFs in sorted file-name order (the order the oracle used), with their ids.
    static func carbon24(limit: Int = .max) throws -> [(id: String, structure: Structure)] {
        let folder = shared.appendingPathComponent("carbon24/cif")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cif") }.sorted().prefix(limit)
        return names.compactMap { name in read(folder.appendingPathComponent(name)).map { (String(name.dropLast(4)), $0) } }
    }
}
