import Foundation
import Hummingbird
import CrystalIngest
import CrystalServer
import CrystalStability
import CrystalStore

/// The demo store (SampleData: a reference table, the sample structures and energies, the hull), built once per
/// test process, and helpers to query it through the server in-process (`InProcessClient`).
enum ServerFixture {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    static let storePath: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-serve-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("s.sqlite").path
        if !FileManager.default.fileExists(atPath: path) {
            do {
                let db = try Store.openForWriting(path: path)
                _ = try Importer(store: db, options: ImportOptions(source: "mp", isReference: true)).run([sample.appendingPathComponent("reference.csv").path])
                _ = try Importer(store: db, options: ImportOptions(source: "sample")).run([sample.appendingPathComponent("structures").path,
                                                                                        sample.appendingPathComponent("entries.csv").path])
                _ = try HullRun().run(db)
            } catch {
                print("fixture store: \(error)")
            }
        }
        return path
    }()

    static func configuration() -> ServerConfiguration {
        var configuration = ServerConfiguration(storePath: storePath)
        configuration.logRequests = false
        configuration.connections = 2
        configuration.maximumPageLimit = 100
        return configuration
    }

    struct Reply {
        var status: Int
        var contentType: String
        var body: String
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] }
        var errorDetail: String? { ((json?["errors"] as? [[String: Any]])?.first?["detail"]) as? String }
        var data: [[String: Any]] { (json?["data"] as? [[String: Any]]) ?? [] }
        var meta: [String: Any] { (json?["meta"] as? [String: Any]) ?? [:] }
    }

    /// Sends each target through the application and returns the replies, in order.
    static func get(_ targets: [String], method: HTTPRequest.Method = .get, configuration: ServerConfiguration = configuration()) async throws -> [Reply] {
        let service = try OptimadeService(configuration: configuration)
        let app = OptimadeServer.application(service: service, configuration: configuration)
        let client = try await InProcessClient(app)
        var replies = [Reply]()
        for target in targets {
            let response = try await client.execute(uri: target, method: method)
            replies.append(Reply(status: response.status.code, contentType: response.headers[.contentType] ?? "", body: response.body))
        }
        try await service.shutdown()
        return replies
    }

    static func get(_ target: String, method: HTTPRequest.Method = .get) async throws -> Reply {
        try await get([target], method: method)[0]
    }
}
