import Foundation
import CrystalImport
import CrystalModel

/// Ordered structures of the CIF and POSCAR files under a folder (POSCARs without species get placeholders), with
/// the path each came from.
enum StructureFiles {
    static func read(_ folder: String, limit: Int) throws -> [(path: String, structure: Structure)] {
        let all = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        let names = all.filter { name in
            let lower = name.lowercased()
            let file = (lower as NSString).lastPathComponent
            return lower.hasSuffix(".cif") || file.hasPrefix("poscar") || file.hasPrefix("contcar") || lower.hasSuffix(".vasp")
        }.sorted().prefix(limit)
        var out = [(String, Structure)]()
        for name in names {
            let path = folder + "/" + name
            guard let bytes = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) else { continue }
            let location = SourceLocation(path: path)
            let result = name.lowercased().hasSuffix(".cif") ? CIFStructureReader.read(bytes: bytes, location: location)
                : POSCARReader.read(bytes: bytes, location: location, options: .init(missingSpecies: .placeholder))
            for read in result.structures where read.structure.isOrdered && !read.structure.sites.isEmpty {
                out.append((name, read.structure))
            }
        }
        return out
    }
}
