import Hummingbird
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
        return Application(
            responder: OptimadeResponder(service: service, log: RequestLog(enabled: configuration.logRequests)),
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
