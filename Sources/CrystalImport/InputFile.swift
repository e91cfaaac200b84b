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
        if InputWalker.lowercasedSuffix(path).hasSuffix(".gz") {
            guard let reader = GzipReader(path: path) else { throw ArchiveError.corrupt("\(path): cannot open") }
            return try reader.readAll(limit: InputWalker.maximumFileBytes)
        }
        return try DirectoryListing.read(path, limit: InputWalker.maximumFileBytes)
    }

    /// The rows of an energy table, streamed in bounded memory: from `contents`, or from the file (plain or
    /// gzip-compressed) in chunks.
    public func csvRows() throws(ArchiveError) -> CSVStream {
        if let contents { return CSVStream(bytes: contents, path: location.file) }
        return try CSVStream(path: path)
    }

    /// What the walker makes of a file name.
    public enum Classification: Equatable, Sendable {
        case input(Kind)
        /// Not read, with the reason (named in an `ignored` diagnostic).
        case ignored(String)
    }

    /// Extensions of files that are never structures, even when their name holds POSCAR or CONTCAR
    /// (`make_POSCAR.py`, `POSCAR.png`): programs, documents, images, other VASP outputs.
    static let notStructureExtensions: Set<String> = [
        "py", "pyc", "ipynb", "sh", "bash", "zsh", "csh", "pl", "rb", "js", "c", "h", "cpp", "f", "f90", "jl", "m", "r",
        "md", "rst", "html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "svg", "eps", "ps", "tex", "doc", "docx",
        "yaml", "yml", "toml", "ini", "cfg", "xml", "h5", "hdf5", "npy", "npz", "pkl", "pickle", "swp", "log", "zip", "tar", "tgz",
    ]

    /// Classifies a name (case-insensitive; a `.gz` suffix is looked through):
    /// - `.cif`, `.mcif`: CIF; `.csv`: energy table; `.json`: pymatgen entries, except `*manifest.json`
    ///   (crystaldb's export manifests); `.extxyz`, `.xyz`: extended XYZ;
    /// - POSCAR: `.vasp`, `.poscar`, or POSCAR or CONTCAR anywhere in the name (`POSCAR`, `CONTCAR_1`,
    ///   `Zn3P2_POSCAR`, `C1-POSCAR`, `relaxed_CONTCAR`, `POSCAR.relax`), as pymatgen's `*POSCAR*` and
    ///   `*CONTCAR*` patterns and ASE have it, unless the extension names a program, document or image
    ///   (`notStructureExtensions`);
    /// - hidden files (`.name`, macOS `._name`) and everything else are ignored, with the reason.
    public static func classify(name: String) -> Classification {
        let base = baseName(name)
        if base.hasPrefix("._") { return .ignored("a macOS resource fork, not a structure") }
        if base.hasPrefix(".") { return .ignored("a hidden file") }
        var lower = Array(base.utf8)
        for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard lower.count >= n else { return false }
            let start = lower.count - n
            for i in 0..<n where lower[start + i] != suffix.utf8Start[i] { return false }
            return true
        }
        if ends(".gz") { lower.removeLast(3) }
        // crystaldb's own export manifests are not entry tables.
        if ends("manifest.json") { return .ignored("a crystaldb export manifest") }
        if ends(".cif") || ends(".mcif") { return .input(.cif) }
        if ends(".csv") { return .input(.energyCSV) }
        if ends(".json") { return .input(.entryJSON) }
        if ends(".extxyz") || ends(".xyz") { return .input(.extendedXYZ) }
        let text = String(decoding: lower, as: UTF8.self)
        let ext = lower.lastIndex(of: 0x2E).map { String(decoding: lower[(lower.index(after: $0))...], as: UTF8.self) } ?? ""
        if ends(".vasp") || ends(".poscar") { return .input(.poscar) }
        if text.contains("poscar") || text.contains("contcar") {
            if notStructureExtensions.contains(ext) { return .ignored("a .\(ext) file, not a structure, though its name holds POSCAR or CONTCAR") }
            return .input(.poscar)
        }
        let what = ext.isEmpty || ext.count > 12 ? "a file without a known extension" : "a .\(ext) file"
        return .ignored("\(what): not a structure or energy table (crystaldb reads .cif, .mcif, POSCAR/CONTCAR, .vasp, .poscar, .csv, .json, .extxyz, .xyz, optionally .gz)")
    }

    /// The input kind of a name, or nil when it is not read (`classify` says why).
    public static func kind(ofName name: String) -> Kind? {
        if case .input(let kind) = classify(name: name) { return kind }
        return nil
    }

    /// Why a folder is not entered, or nil: hidden folders (`.git`, `.ipynb_checkpoints`) and macOS resource
    /// fork folders (`__MACOSX`).
    static func hiddenReason(folder name: String) -> String? {
        if name == "__MACOSX" { return "a macOS resource fork folder (not entered)" }
        if name.hasPrefix(".") { return "a hidden folder (not entered)" }
        return nil
    }

    static func baseName(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: 0x2F) else { return path }
        return String(path[utf8.index(after: slash)...])
    }

    /// Lower-case extensions dropped from ids (compared case-insensitively; `.` | 0x20 is `.`).
    static let droppedExtensions: [[UInt8]] = [".gz", ".cif", ".mcif", ".vasp", ".poscar", ".csv", ".json", ".extxyz", ".xyz", ".zip", ".tar", ".tgz"].map { Array($0.utf8) }

    /// `mp-1234.cif` -> `mp-1234`, `x.cif.gz` -> `x`, `POSCAR-075` -> `POSCAR-075`. Only the listed extensions
    /// go (`POSCAR.relax` keeps its name).
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
