import Foundation

/// Lists regular files under a folder with readdir (file types from the directory entries, no stat per
/// file), relative paths in sorted order so an import is deterministic.
enum DirectoryListing {
    static func files(under root: String) -> [String] {
        var out = [String]()
        collect(root: root, relative: "", into: &out, depth: 0)
        return out.sorted()
    }

    private static func collect(root: String, relative: String, into out: inout [String], depth: Int) {
        guard depth < 64, let dir = opendir(relative.isEmpty ? root : root + "/" + relative) else { return }
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
                guard stat(root + "/" + path, &info) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0)
            }
            if type == Int32(DT_DIR) {
                collect(root: root, relative: path, into: &out, depth: depth + 1)
            } else if type == Int32(DT_REG) {
                out.append(path)
            }
        }
    }

    /// Reads a whole file with open/read (no Foundation Data), refusing more than `limit` bytes.
    static func read(_ path: String, limit: Int) throws(ArchiveError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ArchiveError.corrupt("\(path): cannot stat") }
        let size = Int(info.st_size)
        guard size <= limit else { throw ArchiveError.tooLarge("\(path): \(size) bytes") }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { raw in Foundation.read(fd, raw.baseAddress! + filled, size - filled) }
            if n < 0 { throw ArchiveError.corrupt("\(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            filled += n
        }
        if filled < size { bytes.removeSubrange(filled...) }
        return bytes
    }
}
