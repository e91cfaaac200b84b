import NIOConcurrencyHelpers

/// The base URL the server's links use: `--base-url`, or `http://HOST:PORT` with the port known once bound
/// (`--port 0` picks any free one).
final class BaseAddress: Sendable {
    private let value: NIOLockedValueBox<String>

    init(_ configuration: ServerConfiguration) {
        value = NIOLockedValueBox(configuration.effectiveBaseURL)
    }

    var url: String { value.withLockedValue { $0 } }

    /// Records the bound port when the base URL was derived from host and port.
    func bound(port: Int, configuration: ServerConfiguration) {
        guard configuration.baseURL == nil else { return }
        var bound = configuration
        bound.port = port
        value.withLockedValue { $0 = bound.effectiveBaseURL }
    }
}
