import Foundation
import Testing

/// `crystaldb serve` as a process: it prints where it listens, answers over HTTP, logs one line per request,
/// and stops cleanly on SIGTERM (exit 0, "stopped").
@Suite struct ServeCommandTests {
    @Test("serve on a free port, one request over the network, SIGTERM: exit 0 with a request log line")
    func serveAndStop() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-serve-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        #expect(try CommandLineTests.run(["import", "--db", db, "--source", "sample", "SampleData/structures"]).status == 0)

        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--db", db, "--port", "0"]
        process.currentDirectoryURL = CommandLineTests.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line says where it listens: "... (listening on 127.0.0.1:PORT); ...".
        var banner = ""
        while !banner.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(banner.range(of: #"listening on 127\.0\.0\.1:([0-9]+)"#, options: .regularExpression).map {
            Int(banner[$0].split(separator: ":").last!)
        } ?? nil)
        #expect(banner.contains("over OPTIMADE 1.2.0"))

        let reply = try RawHTTP.get(port: port, target: "/v1/structures/LiFeO2?response_fields=nsites")
        #expect(reply.status == 200)
        #expect(reply.body.contains("\"nsites\":4"))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let rest = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(rest.contains("stopped"))
        #expect(log.contains("GET /v1/structures/LiFeO2?response_fields=nsites 200 "))
    }

    @Test("serve refuses a missing store and a bad prefix")
    func refusals() throws {
        let missing = try CommandLineTests.run(["serve", "--db", "/nonexistent/s.sqlite", "--port", "0"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such store"))
        let prefix = try CommandLineTests.run(["serve", "--db", "x.sqlite", "--provider-prefix", "Bad_Prefix"])
        #expect(prefix.status == 64)
        #expect(prefix.stderr.contains("error: --provider-prefix: must be lowercase letters and digits"))
    }
}
