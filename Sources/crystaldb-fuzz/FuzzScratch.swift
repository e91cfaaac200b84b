import Foundation

/// A private scratch folder for fuzz inputs written as files (in /dev/shm when there is one: no disk I/O).
enum FuzzScratch {
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = base + "/crystaldb-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes `bytes` to `name` in the scratch folder and returns the path; nil when it cannot.
    static func write(_ bytes: ArraySlice<UInt8>, name: String) -> String? {
        let path = folder + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return nil }
        return path
    }

    /// Stops the fuzzer with a message: a broken invariant is a finding like a trap.
    static func finding(_ message: String) -> Never {
        FileHandle.standardError.write(Data("crystaldb-fuzz finding: \(message)\n".utf8))
        abort()
    }
}
