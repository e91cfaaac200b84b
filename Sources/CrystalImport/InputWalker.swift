import Foundation
import CrystalModel

/// Finds the inputs under command-line arguments: files, directories (recursively, in sorted order),
/// `.gz` files, and `.zip`, `.tar`, `.tar.gz`/`.tgz` archives read member by member.
public struct InputWalker {
    public enum Event {
        case file(InputFile)
        /// A file that is neither a structure nor an energy table (counted, not read).
        case ignored(String)
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
                let base = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
                for relative in DirectoryListing.files(under: base) {
                    try visitFile(path: base + "/" + relative, relative: relative, explicit: false, visit)
                }
            } else {
                try visitFile(path: argument, relative: InputFile.baseName(argument), explicit: true, visit)
            }
        }
    }

    func visitFile(path: String, relative: String, explicit: Bool, _ visit: (Event) throws -> Void) throws {
        let lower = Self.lowercasedSuffix(path)
        let relativeID = InputFile.stripExtensions(relative)
        if lower.hasSuffix(".zip") {
            try walkZip(path: path, relativeID: relativeID, visit)
        } else if lower.hasSuffix(".tar") || lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") {
            try walkTar(path: path, relativeID: relativeID, visit)
        } else if let kind = InputFile.kind(ofName: path) {
            var contents: [UInt8]?
            if lower.hasSuffix(".gz") {
                do {
                    guard let reader = GzipReader(path: path) else { throw ArchiveError.corrupt("\(path): cannot open") }
                    contents = try reader.readAll(limit: Self.maximumFileBytes)
                } catch {
                    try visit(.diagnostic(ImportDiagnostic(.error, .io, at: SourceLocation(path: path), "\(error)")))
                    return
                }
            }
            // Plain files are read later, on the parser threads.
            try visit(.file(InputFile(kind: kind, path: path, member: nil, relativeID: relativeID,
                                      stem: InputFile.stripExtensions(InputFile.baseName(path)), contents: contents)))
        } else if explicit {
            try visit(.diagnostic(ImportDiagnostic(.error, .unsupported, at: SourceLocation(path: path),
                "unknown file type (expected .cif, .mcif, POSCAR/CONTCAR/.vasp, .csv, .json, .extxyz, optionally .gz, or a .zip/.tar archive)")))
        } else {
            try visit(.ignored(path))
        }
    }

    /// The last 8 characters lower-cased: enough for every suffix tested (".tar.gz").
    static func lowercasedSuffix(_ path: String) -> String {
        String(decoding: path.utf8.suffix(8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// A member name made safe for ids: no leading `/`, no `.` or `..` components.
    static func cleanMemberName(_ name: String) -> String {
        name.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }.joined(separator: "/")
    }

    func member(archive path: String, archiveID: String, name: String, read: () throws -> [UInt8], _ visit: (Event) throws -> Void) throws {
        let location = SourceLocation(path: path, member: name)
        let clean = Self.cleanMemberName(name)
        let lower = clean.lowercased()
        if lower.hasSuffix(".zip") || lower.hasSuffix(".tar") || lower.hasSuffix(".tgz") || lower.hasSuffix(".tar.gz") {
            try visit(.diagnostic(ImportDiagnostic(.error, .unsupported, at: location, "archive inside an archive is not read; extract it first")))
            return
        }
        guard let kind = InputFile.kind(ofName: clean) else {
            try visit(.ignored("\(path)(\(name))"))
            return
        }
        var bytes: [UInt8]
        do {
            bytes = try read()
            if lower.hasSuffix(".gz") { bytes = try Inflate.data(bytes, raw: false, limit: Self.maximumFileBytes) }
        } catch {
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: location, "\(error)")))
            return
        }
        let memberID = InputFile.stripExtensions(clean)
        let relativeID = archiveID.isEmpty ? memberID : archiveID + "/" + memberID
        try visit(.file(InputFile(kind: kind, path: path, member: name, relativeID: relativeID,
                                  stem: InputFile.stripExtensions(InputFile.baseName(clean)), contents: bytes)))
    }

    func walkZip(path: String, relativeID: String, _ visit: (Event) throws -> Void) throws {
        let zip: ZipReader
        do { zip = try ZipReader(path: path) } catch {
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), "\(error)")))
            return
        }
        var visitorError: Error?
        do {
            try zip.forEachMember { entry in
                guard !entry.isDirectory else { return }
                do {
                    try member(archive: path, archiveID: relativeID, name: entry.name,
                               read: { try zip.bytes(of: entry, limit: Self.maximumFileBytes) }, visit)
                } catch {
                    // The visitor's own failure (a store error) stops the walk and is rethrown below.
                    visitorError = error
                    throw error
                }
            }
        } catch {
            if let visitorError { throw visitorError }
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), "\(error)")))
        }
    }

    func walkTar(path: String, relativeID: String, _ visit: (Event) throws -> Void) throws {
        var visitorError: Error?
        do {
            let tar = try TarReader(path: path)
            try tar.forEach(limit: Self.maximumFileBytes) { (entry, read) throws(ArchiveError) in
                guard entry.isFile else { return }
                do {
                    try member(archive: path, archiveID: relativeID, name: entry.name, read: { try read() }, visit)
                } catch {
                    // The visitor's own failure (a store error) stops the walk and is rethrown below.
                    visitorError = error
                    throw ArchiveError.unsupported("stopped")
                }
            }
        } catch {
            if let visitorError { throw visitorError }
            try visit(.diagnostic(ImportDiagnostic(.error, .archive, at: SourceLocation(path: path), "\(error)")))
        }
    }
}
