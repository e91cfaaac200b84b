import CrystalModel

/// One readable input: a file, or a member of an archive, with its bytes.
public struct InputFile: Sendable {
    /// What a file holds, told from its name.
    public enum Kind: Sendable, Equatable {
        case cif, poscar, energyCSV, entryJSON
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
    public var bytes: [UInt8]

    public var location: SourceLocation { SourceLocation(path: path, member: member) }

    /// Classifies a name: `.cif`/`.mcif` CIF; `POSCAR*`, `CONTCAR*`, `.vasp`, `.poscar` POSCAR; `.csv` energy
    /// table; `.json` pymatgen entries. Compression suffix `.gz` is looked through. Nil for anything else.
    public static func kind(ofName name: String) -> Kind? {
        var lower = baseName(name).lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        if lower.hasSuffix(".cif") || lower.hasSuffix(".mcif") { return .cif }
        if lower.hasSuffix(".csv") { return .energyCSV }
        if lower.hasSuffix(".json") { return .entryJSON }
        if lower.hasSuffix(".vasp") || lower.hasSuffix(".poscar") || lower.hasPrefix("poscar") || lower.hasPrefix("contcar") { return .poscar }
        return nil
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    static let droppedExtensions = [".gz", ".cif", ".mcif", ".vasp", ".poscar", ".csv", ".json", ".zip", ".tar", ".tgz"]

    /// `mp-1234.cif` -> `mp-1234`, `x.cif.gz` -> `x`, `POSCAR-075` -> `POSCAR-075`.
    public static func stripExtensions(_ name: String) -> String {
        var out = name
        var changed = true
        while changed {
            changed = false
            for ext in droppedExtensions where out.lowercased().hasSuffix(ext) && out.count > ext.count {
                out.removeLast(ext.count)
                changed = true
            }
        }
        return out
    }
}
