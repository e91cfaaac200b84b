import CrystalImport

/// The archive readers through the walker: the first byte picks the container (zip, tar, tar.gz, gz), the rest
/// is the archive; every member is read (inflated, CRC-checked) and every event taken.
final class ArchiveFuzz {
    nonisolated(unsafe) static let shared = ArchiveFuzz()
    static let names = ["archive.zip", "archive.tar", "archive.tar.gz", "structure.cif.gz"]

    func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        guard let path = FuzzScratch.write(bytes.dropFirst(), name: Self.names[Int(first) % Self.names.count]) else { return }
        var members = 0
        do {
            try InputWalker().walk([path]) { event in
                if case .file(let file) = event {
                    members += 1
                    _ = try? file.readBytes()
                }
            }
        } catch {
            FuzzScratch.finding("the walker threw instead of reporting: \(error)")
        }
        _ = members
    }
}
