import Hummingbird
import NIOCore

/// Hummingbird's side: hands every request to the service and writes its reply with the JSON:API content type
/// and CORS' `Access-Control-Allow-Origin: *` (the specification asks for it), logging one line.
struct OptimadeResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let service: OptimadeService
    let log: RequestLog

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let target = request.head.path ?? "/"
        let reply = await service.handle(method: request.method, target: target)
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[.accessControlAllowOrigin] = "*"
        if reply.status == .methodNotAllowed { headers[.allow] = "GET, HEAD" }
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        headers[.contentLength] = String(reply.body.count)
        let elapsed = ContinuousClock.now - start
        log.record(method: request.method.rawValue, target: target, status: reply.status.code, bytes: reply.body.count,
                   milliseconds: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        return Response(status: reply.status, headers: headers, body: body)
    }
}
