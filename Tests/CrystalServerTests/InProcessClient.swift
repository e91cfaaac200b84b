import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded

/// Requests answered by an application's responder in process, without a socket: each target becomes a request,
/// the responder answers it with a context on a testing channel, and the response body is collected.
/// HummingbirdTesting's router mode does the same, but its product also brings an HTTP client with TLS and
/// HTTP/2 (BoringSSL: some 400 C files) into every build of the tests.
struct InProcessClient<App: ApplicationProtocol> {
    let responder: App.Responder
    let logger: Logger

    init(_ app: App) async throws {
        responder = try await app.responder
        logger = app.logger
    }

    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
    }

    func execute(uri: String, method: HTTPRequest.Method = .get) async throws -> Reply {
        let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri),
                              body: RequestBody(buffer: ByteBuffer()))
        let context = App.Context(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            // As the server does with an error that is not an HTTP error.
            response = Response(status: .internalServerError)
        }
        let collected = NIOLockedValueBox(ByteBuffer())
        try await response.body.write(BodyCollector(collected: collected))
        return Reply(status: response.status, headers: response.headers, body: collected.withLockedValue { String(buffer: $0) })
    }

    /// Appends every part of a response body to one buffer.
    struct BodyCollector: ResponseBodyWriter {
        let collected: NIOLockedValueBox<ByteBuffer>

        mutating func write(_ part: ByteBuffer) async throws {
            var part = part
            collected.withLockedValue { _ = $0.writeBuffer(&part) }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
