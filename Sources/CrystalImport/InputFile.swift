import CrystalModel

/// One readable input: a file, or a member of an archive, with its bytes (a plain file's bytes are read
/// on demand, on the parser thread that needs them).
public struct InputFile: Sendable {
    /// What a file holds, told from its name.
    public enum Kind: Sendable, Equatable {
        case cif, poscar, energyCSV, entryJSON, extendedXYZ
    }

    public var kind: Kind
    /// The file on disk (the archive, for a member).
    public var path: String
    /// The member name inside the archive.
    public var member: String?
    /// Path relative to the command-line argument it was found under, archive member appended,
    /// compression and format extensions dropped (the id under `--id-from path`).
    public var relativeID: String
    /// File name without directories or compression and format extensions (the default id).
    public var stem: String
    /// Bytes already in memory (archive members, decompressed files); nil for a plain file not yet read.
    public var contents: [UInt8]?

    public var location: SourceLocation { SourceLocation(path: path, member: member) }

    /// The file's bytes: `contents`, or the plain file read now.
    public func readBytes() throws(ArchiveError) -> [UInt8] {
        if let contents { return contents }
        return try DirectoryListing.read(path, limit: InputWalker.maximumFileBytes)
    }

    /// Classifies a name: `.cif`/`.mcif` CIF; `POSCAR*`, `CONTCAR*`, `.vasp`, `.poscar` POSCAR; `.csv` energy
    /// table; `.json` pymatgen entries (except `*manifest.json`, crystaldb's export manifests); `.extxyz`/`.xyz` extended XYZ. Compression suffix `.gz` is looked through. Nil for anything else.
    public static func kind(ofName name: String) -> Kind? {
        var lower = Array(baseName(name).utf8)
        for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard lower.count >= n else { return false }
            let start = lower.count - n
            for i in 0..<n where lower[start + i] != suffix.utf8Start[i] { return false }
            return true
        }
        func begins(_ prefix: StaticString) -> Bool {
            let n = prefix.utf8CodeUnitCount
            guard lower.count >= n else { return false }
            for i in 0..<n where lower[i] != prefix.utf8Start[i] { return false }
            return true
        }
        if ends(".gz") { lower.removeLast(3) }
        // crystaldb's own export manifests are not entry tables.
        if ends("manifest.json") { return nil }
        if ends(".cif") || ends(".mcif") { return .cif }
        if ends(".csv") { return .energyCSV }
        if ends(".json") { return .entryJSON }
        if ends(".extxyz") || ends(".xyz") { return .extendedXYZ }
        if ends(".vasp") || ends(".poscar") || begins("poscar") || begins("contcar") { return .poscar }
        return nil
    }

    static func baseName(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: 0x2F) else { return path }
        return String(path[utf8.index(after: slash)...])
    }

    /// Lower-case extensions dropped from ids (compared case-insensitively; `.` | 0x20 is `.`).
    static let droppedExtensions: [[UInt8]] = [".gz", ".cif", ".mcif", ".vasp", ".poscar", ".csv", ".json", ".extxyz", ".xyz", ".zip", ".tar", ".tgz"].map { Array($0.utf8) }

    /// `mp-1234.cif` -> `mp-1234`, `x.cif.gz` -> `x`, `POSCAR-075` -> `POSCAR-075`.
    public static func stripExtensions(_ name: String) -> String {
        var bytes = Array(name.utf8)
        var changed = true
        while changed {
            changed = false
            for ext in droppedExtensions where bytes.count > ext.count {
                let start = bytes.count - ext.count
                var match = true
                for (offset, e) in ext.enumerated() where bytes[start + offset] | 0x20 != e {
                    match = false
                    break
                }
                if match {
                    bytes.removeLast(ext.count)
                    changed = true
                }
            }
        }
        return bytes.count == name.utf8.count ? name : String(decoding: bytes, as: UTF8.self)
    }
}
