import Foundation

/// Lists regular files under a folder with readdir (file types from the directory entries, no stat per
/// file), relative paths in sorted order so an import is deterministic. What it does not list is named with
/// the reason: hidden files and folders, special files, unreadable folders, links that lead nowhere.
enum DirectoryListing {
    /// A path under the folder that is not listed, and why.
    struct Skipped {
        var relativePath: String
        var reason: String
        /// True when the path could not be read (an error); false when it is left out on purpose (a warning).
        var isError: Bool
    }

    struct Listing {
        var files: [String] = []
        var skipped: [Skipped] = []
    }

    /// Folders nested deeper than this are not entered (a symbolic link loop ends here).
    static let maximumDepth = 64

    static func files(under root: String) -> Listing {
        var listing = Listing()
        collect(root: root, relative: "", into: &listing, depth: 0)
        listing.files.sort()
        listing.skipped.sort { $0.relativePath < $1.relativePath }
        return listing
    }

    private static func collect(root: String, relative: String, into listing: inout Listing, depth: Int) {
        guard let dir = opendir(relative.isEmpty ? root : root + "/" + relative) else {
            listing.skipped.append(Skipped(relativePath: relative.isEmpty ? "." : relative,
                                           reason: "cannot read the folder: \(String(cString: strerror(errno)))", isError: true))
            return
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var info = stat()
                guard stat(root + "/" + path, &info) == 0 else {
                    listing.skipped.append(Skipped(relativePath: path, reason: "cannot be read (\(String(cString: strerror(errno))); a broken link?)", isError: false))
                    continue
                }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0)
            }
            if type == Int32(DT_DIR) {
                if let reason = InputFile.hiddenReason(folder: name) {
                    listing.skipped.append(Skipped(relativePath: path, reason: reason, isError: false))
                } else if depth + 1 >= maximumDepth {
                    listing.skipped.append(Skipped(relativePath: path, reason: "folders nested deeper than \(maximumDepth) levels are not entered (a link loop?)", isError: false))
                } else {
                    collect(root: root, relative: path, into: &listing, depth: depth + 1)
                }
            } else if type == Int32(DT_REG) {
                listing.files.append(path)
            } else {
                listing.skipped.append(Skipped(relativePath: path, reason: "not a regular file (a device, pipe or socket)", isError: false))
            }
        }
    }

    /// Reads a whole file with open/read (no Foundation Data), refusing more than `limit` bytes.
    static func read(_ path: String, limit: Int) throws(ArchiveError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, let size = Int(exactly: info.st_size), size >= 0 else { throw ArchiveError.corrupt("\(path): cannot stat") }
        guard size <= limit else { throw ArchiveError.tooLarge("\(path): \(size) bytes") }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { raw in Foundation.read(fd, raw.baseAddress! + filled, size - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            filled += n
        }
        if filled < size { bytes.removeSubrange(filled...) }
        return bytes
    }
}
