import Foundation
import CrystalModel

/// Finds the inputs under command-line arguments: files, directories (recursively, in sorted order),
/// `.gz` files, and `.zip`, `.tar`, `.tar.gz`/`.tgz` archives read member by member. Nothing disappears
/// without a trace: every path it does not read is named in an `ignored` warning with the reason, every path
/// it cannot read in an error.
///
/// Ids: a file's id is its stem (or, under `--id-from path`, its relative path) without extensions. Two
/// structure files under one argument (or in one archive) whose ids would be equal, such as `Fd3.cif` beside
/// `Fd3.vasp`, each keep their full name instead (`Fd3.cif`, `Fd3.vasp`): the rule looks at the whole folder or
/// archive first, so it gives the same ids in any walk order and on every re-run of the same import.
public struct InputWalker {
    public enum Event {
        case file(InputFile)
        /// A path not read, with the reason: a warning of kind `ignored`, counted as an ignored file.
        case ignored(ImportDiagnostic)
        case diagnostic(ImportDiagnostic)
    }

    /// Largest member or decompressed file accepted, in bytes: a guard against zip and gzip bombs.
    public static let maximumFileBytes = 256 << 20

    public init() {}

    public func walk(_ arguments: [String], _ visit: (Event) throws -> Void) throws {
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                try visit(.diagnostic(ImportDiagnostic(.error, .io, at: SourceLocation(path: argument), "no such file or directory")))
                continue
            }
            if isDirectory.boolValue {
                let base = argument.hasSuffix("/") && argument.count > 1 ? String(argument.dropLast()) : argument
                let listing = DirectoryListing.files(under: base)
                for skipped in listing.skipped {
                    let location = SourceLocation(path: base + "/" + skipped.relativePath)
                    if skipped.isError {
                        try visit(.diagnostic(ImportDiagnostic(.error, .io, at: location, skipped.reason)))
                    } else {
                        try visit(.ignored(ImportDiagnostic(.warning, .ignored, at: location, "not read: \(skipped.reason)")))
                    }
                }
                var collisions = IDCollisions()
                for relative in listing.files where Self.isStructure(relative) { collisions.count(relativePath: relative) }
                for relative in listing.files {
                    try visitFile(path: base + "/" + relative, relative: relative, explicit: false, collisions: collisions, visit)
                }
            } else {
                try visitFile(path: argument, relative: InputFile.baseName(argument), explicit: true, collisions: IDCollisions(), visit)
            }
        }
    }

    static func isStructure(_ name: String) -> Bool {
        switch InputFile.classify(name: name) {
        case .input(.cif), .input(.poscar): return true
        default: return false
        }
    }

    func visitFile(path: String, relative: String, explicit: Bool, collisions: IDCollisions, _ visit: (Event) throws -> Void) throws {
        let base = InputFile.baseName(path)
        // A file named on the command line is read whatever its name says; inside folders, hidden ones are not.
        let name = explicit ? String(base.drop { $0 == "." }) : base
        if !explicit, base.hasPrefix(".") {
            if case .ignored(let reason) = InputFile.classify(name: base) {
                try visit(.ignored(ImportDiagnostic(.warning, .ignored, at: SourceLocation(path: path), "not read: \(reason)")))
                return
            }
        }
        let lower = Self.lowercasedSuffix(path)
        let ids = collisions.ids(relativePath: relative)
        if lower.hasSuffix(".zip") {
            try walkZip(path: path, relativeID: ids.relativeID, visit)
            return
        }
        if lower.hasSuffix(".tar") || lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") {
            try walkTar(path: path, relativeID: ids.relativeID, visit)
            return
        }
        switch InputFile.classify(name: name) {
        case .input(let kind):
            var contents: [UInt8]?
            // Energy tables are streamed by the importer, compressed or not; other .gz files are inflated here.
            if lower.hasSuffix(".gz"), kind != .energyCSV {
                do {
                    guard let reader = GzipReader(path: path) else { throw ArchiveError.corrupt("\(path): cannot open") }
                    contents = try reader.readAll(limit: Self.maximumFileBytes)
                } catch {
                    try visit(.diagnostic(ImportDiagnostic(.error, .io, at: SourceLocation(path: path), "\(error)")))
                    return
                }
            }
            // Plain files are read later, on the parser threads.
            try visit(.file(InputFile(kind: kind, path: path, member: nil, relativeID: ids.relativeID, stem: ids.stem, contents: contents)))
        case .ignored(let reason):
            if explicit {
                try visit(.diagnostic(ImportDiagnostic(.error, .unsupported, at: SourceLocation(path: path),
                    "unknown file type (expected .cif, .mcif, POSCAR/CONTCAR/.vasp, .csv, .json, .extxyz, optionally .gz, or a .zip/.tar archive): \(reason)")))
            } else {
                try visit(.ignored(ImportDiagnostic(.warning, .ignored, at: SourceLocation(path: path), "not read: \(reason)")))
            }
        }
    }

    /// An archive error's text without the archive's path, which the diagnostic's location already names.
    static func message(_ error: Error, path: String) -> String {
        "\(error)".replacingOccurrences(of: path + ": ", with: "")
    }

    /// The last 8 characters lower-cased: enough for every suffix tested (".tar.gz").
    static func lowercasedSuffix(_ path: String) -> String {
        String(decoding: path.utf8.suffix(8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// A member name made safe for ids: no leading `/`, no `.` or `..` components.
    static func cleanMemberName(_ name: String) -> String {
        name.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }.joined(separator: "/")
    }

    /// Why a member is not read (archives in archives, hidden files and folders, other formats), or nil.
    static func memberIgnoredReason(_ clean: String) -> String? {
        let parts = clean.split(separator: "/")
        for folder in parts.dropLast() {
            if let reason = InputFile.hiddenReason(folder: String(folder)) { return "inside \(reason.replacingOccurrences(of: " (not entered)", with: ""))" }
        }
        if case .ignored(let reason) = InputFile.classify(name: clean) { return reason }
        return nil
    }

    static func isArchive(_ lowerName: String) -> Bool {
        lowerName.hasSuffix(".zip") || lowerName.hasSuffix(".tar") || lowerName.hasSuffix(".tgz") || lowerName.hasSuffix(".tar.gz")
    }

    func member(archive path: String, archiveID: String, name: String, collisions: IDCollisions, read: () throws -> [UInt8],
                _ visit: (Event) throws -> Void) throws {
        let location = SourceLocation(path: path, member: name)
        let clean = Self.cleanMemberName(name)
        let lower = clean.lowercased()
        if Self.isArchive(lower) {
            try visit(.diagnostic(ImportDiagnostic(.error, .unsupported, at: location, "archive inside an archive is not read; extract it first")))
            return
        }
        if let reason = Self.memberIgnoredReason(clean) {
            try visit(.ignored(ImportDiagnostic(.warning, .ignored, at: location, "not read: \(reason)")))
            return
        }
        guard let kind = InputFile.kind(ofName: clean) else { return }
        var bytes: [UInt8]
        do {
            bytes = try read()
            if lower.hasSuffix(".gz") { bytes = try Inflate.data(bytes, raw: false, limit: Self.maximumFileBytes) }
        } catch {
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: location, "\(error)")))
            return
        }
        let ids = collisions.ids(relativePath: clean)
        let relativeID = archiveID.isEmpty ? ids.relativeID : archiveID + "/" + ids.relativeID
        try visit(.file(InputFile(kind: kind, path: path, member: name, relativeID: relativeID, stem: ids.stem, contents: bytes)))
    }

    func walkZip(path: String, relativeID: String, _ visit: (Event) throws -> Void) throws {
        let zip: ZipReader
        do { zip = try ZipReader(path: path) } catch {
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), Self.message(error, path: path))))
            return
        }
        // First pass over the directory: which ids would collide (only the directory is read).
        var collisions = IDCollisions()
        try? zip.forEachMember { event in
            if case .member(let entry) = event, !entry.isDirectory {
                let clean = Self.cleanMemberName(entry.name)
                if Self.memberIgnoredReason(clean) == nil, Self.isStructure(clean) { collisions.count(relativePath: clean) }
            }
        }
        var visitorError: Error?
        do {
            try zip.forEachMember { event in
                do {
                    switch event {
                    case .member(let entry):
                        guard !entry.isDirectory else { return }
                        try member(archive: path, archiveID: relativeID, name: entry.name, collisions: collisions,
                                   read: { try zip.bytes(of: entry, limit: Self.maximumFileBytes) }, visit)
                    case .damaged(let what):
                        try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), what)))
                    }
                } catch {
                    // The visitor's own failure (a store error) stops the walk and is rethrown below.
                    visitorError = error
                    throw error
                }
            }
        } catch {
            if let visitorError { throw visitorError }
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), Self.message(error, path: path))))
        }
    }

    func walkTar(path: String, relativeID: String, _ visit: (Event) throws -> Void) throws {
        // First pass over the headers (member bytes skipped): which ids would collide.
        var collisions = IDCollisions()
        if let tar = try? TarReader(path: path) {
            try? tar.forEach(limit: Self.maximumFileBytes) { event throws(ArchiveError) in
                if case .member(let entry, _) = event, entry.isFile {
                    let clean = Self.cleanMemberName(entry.name)
                    if Self.memberIgnoredReason(clean) == nil, Self.isStructure(clean) { collisions.count(relativePath: clean) }
                }
            }
        }
        var visitorError: Error?
        do {
            let tar = try TarReader(path: path)
            try tar.forEach(limit: Self.maximumFileBytes) { event throws(ArchiveError) in
                do {
                    switch event {
                    case .member(let entry, let read):
                        guard entry.isFile else { return }
                        try member(archive: path, archiveID: relativeID, name: entry.name, collisions: collisions, read: { try read() }, visit)
                    case .damaged(let what):
                        try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), what)))
                    }
                } catch {
                    // The visitor's own failure (a store error) stops the walk and is rethrown below.
                    visitorError = error
                    throw ArchiveError.unsupported("stopped")
                }
            }
        } catch {
            if let visitorError { throw visitorError }
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), Self.message(error, path: path))))
        }
    }
}

/// Which ids would collide among the structure files of one folder or archive, and the ids each file gets.
/// Keys are 64-bit digests, so an archive of millions of members costs a few megabytes.
struct IDCollisions {
    private var seenPaths = Set<UInt64>(), collidingPaths = Set<UInt64>()
    private var seenStems = Set<UInt64>(), collidingStems = Set<UInt64>()

    static func digest(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100000001b3
        }
        return hash
    }

    mutating func count(relativePath: String) {
        let path = Self.digest(InputFile.stripExtensions(relativePath))
        if !seenPaths.insert(path).inserted { collidingPaths.insert(path) }
        let stem = Self.digest(InputFile.stripExtensions(InputFile.baseName(relativePath)))
        if !seenStems.insert(stem).inserted { collidingStems.insert(stem) }
    }

    /// The ids of a file: extensions dropped, or its full name where that would collide with another file.
    func ids(relativePath: String) -> (relativeID: String, stem: String) {
        let name = InputFile.baseName(relativePath)
        var relativeID = InputFile.stripExtensions(relativePath)
        var stem = InputFile.stripExtensions(name)
        if collidingPaths.contains(Self.digest(relativeID)) { relativeID = relativePath }
        if collidingStems.contains(Self.digest(stem)) { stem = name }
        return (relativeID, stem)
    }
}
