import CrystalOptimade
import CrystalQuery
import CrystalStore
import Foundation
import HTTPTypes

/// The OPTIMADE API over a store, independent of the HTTP server: a request target in, a status and a body out.
/// Every failure becomes a JSON:API error document with its status; nothing a client sends can crash it.
public final class OptimadeService: Sendable {
    public struct Reply: Sendable {
        public var status: HTTPResponse.Status
        public var contentType: String
        public var body: [UInt8]
    }

    let configuration: ServerConfiguration
    let properties: StructureProperties
    let envelope: ResponseEnvelope
    let info: InfoDocuments
    let structures: StructuresEndpoint
    let pool: ConnectionPool
    let address: BaseAddress

    public init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        properties = StructureProperties(prefix: configuration.providerPrefix)
        envelope = ResponseEnvelope(configuration: configuration)
        address = BaseAddress(configuration)
        info = InfoDocuments(configuration: configuration, properties: properties, address: address)
        pool = try ConnectionPool(path: configuration.storePath, size: max(1, configuration.connections), pageCacheKiB: configuration.pageCacheKiB,
                                  countCacheEntries: configuration.countCacheEntries)
        structures = StructuresEndpoint(configuration: configuration, properties: properties, query: OptimadeQuery(properties: properties),
                                        envelope: envelope, pool: pool, address: address)
    }

    /// Tells the service the port it was bound to (links use it when no base URL was given).
    public func bound(port: Int) {
        address.bound(port: port, configuration: configuration)
    }

    public func shutdown() async throws {
        try await pool.shutdown()
    }

    static let jsonType = "application/vnd.api+json"
    /// The OPTIMADE version served.
    public static let apiVersion = ResponseEnvelope.apiVersion

    /// Answers one request. `target` is the request target as sent (path and query, percent-encoded).
    public func handle(method: HTTPRequest.Method, target: String) async -> Reply {
        var representation = "/"
        do {
            guard target.utf8.count <= configuration.maximumURLLength else {
                throw OptimadeError(status: .uriTooLong, detail: "the request URL is longer than \(configuration.maximumURLLength) bytes; shorten the filter")
            }
            guard method == .get || method == .head else {
                throw OptimadeError(status: .methodNotAllowed, detail: "only GET requests are served (this API is read-only)")
            }
            let (rawPath, rawQuery) = Self.split(target)
            guard rawPath.hasPrefix("/") else { throw OptimadeError.badRequest("the request path must start with '/'") }
            let base = configuration.basePath
            guard base.isEmpty || rawPath == base || rawPath.hasPrefix(base + "/") else {
                throw OptimadeError.notFound("nothing is served at \(rawPath.prefix(200)); the API is under \(base)")
            }
            var segments = try rawPath.dropFirst(base.count).split(separator: "/", omittingEmptySubsequences: true).map(Self.decodePathSegment)
            var versioned = false
            if let first = segments.first, first.count >= 2, first.hasPrefix("v"), first.dropFirst().first?.isNumber == true {
                guard ["v1", "v1.2", "v1.2.0"].contains(first) else {
                    throw OptimadeError(status: OptimadeError.versionNotSupported,
                                        detail: "version \(first.prefix(40)) of the OPTIMADE API is not served here; use /v1 (OPTIMADE \(ResponseEnvelope.apiVersion))")
                }
                segments.removeFirst()
                versioned = true
            }
            let rawRest = segments.map(StructuresEndpoint.percentEncoded).joined(separator: "/")
            representation = "/" + rawRest + (rawQuery.map { "?" + $0 } ?? "")
            let query = try QueryString(rawQuery)
            let document: JSONValue
            switch segments.first {
            case nil:
                return Reply(status: .ok, contentType: "text/html; charset=utf-8", body: Array(landingPage.utf8))
            case "versions" where segments.count == 1:
                guard !versioned else { throw OptimadeError.notFound("/versions is served under the unversioned base URL only") }
                return Reply(status: .ok, contentType: "text/csv; header=present", body: Array(InfoDocuments.versions.utf8))
            case "info" where segments.count == 1:
                document = envelope.document(data: info.baseInfo, meta: envelope.meta(representation: representation, moreDataAvailable: false))
            case "info" where segments.count == 2 && segments[1] == "structures":
                document = envelope.document(data: info.structuresInfo, meta: envelope.meta(representation: representation, moreDataAvailable: false))
            case "links" where segments.count == 1:
                document = envelope.document(data: info.links, meta: envelope.meta(representation: representation, moreDataAvailable: false,
                                                                                   counts: .init(returned: 1, available: 1)))
            case "structures" where segments.count == 1:
                document = try await structures.listing(query, path: (versioned ? "/v1" : "") + "/structures", representation: representation)
            case "structures":
                // Ids may hold '/' (`file/block`): the rest of the path, encoded or not, is the id.
                document = try await structures.single(id: segments.dropFirst().joined(separator: "/"), query, representation: representation)
            default:
                throw OptimadeError.notFound("no endpoint \(("/" + rawRest).prefix(200)); the endpoints are /info, /info/structures, /structures, /structures/{id}, /links, /versions")
            }
            return Reply(status: .ok, contentType: Self.jsonType, body: document.bytes)
        } catch let error as OptimadeError {
            return errorReply(error, representation: representation)
        } catch let problem as FilterProblem {
            let detail = "filter: \(problem.error.reason) (column \(problem.error.column))\n\(problem.error.pointing(into: problem.filter))"
            let status: HTTPResponse.Status = problem.error.kind == .notImplemented ? .notImplemented : .badRequest
            return errorReply(OptimadeError(status: status, detail: detail, parameter: "filter"), representation: representation)
        } catch {
            return errorReply(OptimadeError(status: .internalServerError, detail: "the store could not answer: \(error)"), representation: representation)
        }
    }

    func errorReply(_ error: OptimadeError, representation: String) -> Reply {
        Reply(status: error.status, contentType: Self.jsonType, body: envelope.errorDocument(error, representation: representation).bytes)
    }

    /// Path and query of a request target (a fragment is dropped).
    static func split(_ target: String) -> (path: String, query: String?) {
        var target = Substring(target)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        guard let mark = target.firstIndex(of: "?") else { return (String(target), nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// A percent-decoded path segment ('+' is a plus sign in paths).
    static func decodePathSegment(_ segment: Substring) throws(OptimadeError) -> String {
        guard segment.contains("%") else { return String(segment) }
        var bytes = [UInt8]()
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(QueryString.hexValue), let low = iterator.next().flatMap(QueryString.hexValue) else {
                throw .badRequest("malformed percent-encoding in the request path")
            }
            bytes.append(high << 4 | low)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badRequest("the request path is not UTF-8 text") }
        return text
    }

    var landingPage: String {
        """
        <!doctype html><html><head><meta charset="utf-8"><title>crystaldb OPTIMADE API</title></head><body>
        <h1>\(configuration.providerName): an OPTIMADE API</h1>
        <p>This URL serves the <a href="https://www.optimade.org">OPTIMADE</a> API \(ResponseEnvelope.apiVersion), meant for OPTIMADE clients.
        Start at <a href="\(address.url)/v1/info">/v1/info</a>; structures are at
        <a href="\(address.url)/v1/structures">/v1/structures</a>.</p></body></html>
        """
    }
}
