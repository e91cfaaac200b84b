import Hummingbird
import HummingbirdCore
import NIOCore
import Logging

/// `crystaldb serve`: the OPTIMADE API over HTTP/1.1 with Hummingbird 2. It stops cleanly on SIGTERM or SIGINT:
/// open connections finish their requests, then the read pool closes.
public struct OptimadeServer {
    public let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    /// The Hummingbird application answering through `service` (tests drive it in-process).
    public static func application(service: OptimadeService, configuration: ServerConfiguration,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "crystaldb.serve")
        logger.logLevel = .warning
        // The request line and headers may be long enough (1 MiB) that an over-long filter gets the API's own JSON 414
        // rather than the HTTP parser's bare 400; idle connections are closed after a minute (slow clients).
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(maxHeaderFieldSize: 1 << 20, maxHeaderListSize: 1 << 20, maxHeaderFieldCount: 200)
        let http = HTTP1Channel.Configuration(idleTimeout: .seconds(60), httpDecoderConfiguration: decoder)
        return Application(
            responder: OptimadeResponder(service: service, log: RequestLog(enabled: configuration.logRequests)),
            server: .http1(configuration: http),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "crystaldb"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                service.bound(port: port)
                await onServerRunning(port)
            },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT. `onServerRunning` receives the bound port (useful with port 0).
    public func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let service = try OptimadeService(configuration: configuration)
        let app = Self.application(service: service, configuration: configuration, onServerRunning: onServerRunning)
        do {
            try await app.runService()
        } catch {
            try? await service.shutdown()
            throw error
        }
        try await service.shutdown()
    }
}
