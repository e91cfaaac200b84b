import Foundation

/// Paths for ingest tests: ../shared/data, SampleData, and scratch stores.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.path) }
    static let sampleData = packageRoot.appendingPathComponent("SampleData")

    /// A fresh folder under the temporary directory, removed by the caller's `defer`.
    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
