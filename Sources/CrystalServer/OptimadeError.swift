import CrystalOptimade
import HTTPTypes

/// A request the server cannot answer, as a JSON:API error object: the HTTP status, a title, what is wrong and,
/// where one is to blame, the query parameter.
struct OptimadeError: Error, Sendable {
    var status: HTTPResponse.Status
    var detail: String
    var parameter: String?

    static let versionNotSupported = HTTPResponse.Status(code: 553, reasonPhrase: "Version Not Supported")

    static func badRequest(_ detail: String, parameter: String? = nil) -> OptimadeError {
        OptimadeError(status: .badRequest, detail: detail, parameter: parameter)
    }

    static func notImplemented(_ detail: String, parameter: String? = nil) -> OptimadeError {
        OptimadeError(status: .notImplemented, detail: detail, parameter: parameter)
    }

    static func notFound(_ detail: String) -> OptimadeError {
        OptimadeError(status: .notFound, detail: detail)
    }

    var json: JSONValue {
        var members: [JSONValue.Member] = [
            .init("status", .string(String(status.code))),
            .init("title", .string(status.reasonPhrase)),
            .init("detail", .string(detail)),
        ]
        if let parameter { members.append(.init("source", .object([.init("parameter", .string(parameter))]))) }
        return .object(members)
    }
}
