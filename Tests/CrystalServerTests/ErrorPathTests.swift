import Foundation
import Testing

/// Every way a request can be wrong gets a JSON:API error document with the right status and a reason, never a
/// 500 or a crash: bad filters, bad paging, unknown parameters, path tricks, versions, methods, long URLs.
@Suite struct ErrorPathTests {
    @Test("errors: status, JSON:API document with meta, and the reason", arguments: [
        ("/v1/structures?filter=nsites%20%3E", 400, "filter"),
        ("/v1/structures?filter=nsitez%3D1", 400, "unknown field 'nsitez'"),
        ("/v1/structures?filter=nsites%3D%22x%22", 501, "nsites is a number"),
        ("/v1/structures?filter=%22a%22%3C%22b%22", 501, "comparing two constant strings"),
        ("/v1/structures?filter=references.id%20HAS%20%22x%22", 501, "relationships"),
        ("/v1/structures?filter=nsites%3D1e999", 501, "beyond the range"),
        ("/v1/structures?filter=NOT%20NOT%20nsites%3D1", 400, "NOT NOT"),
        ("/v1/structures?filter=(((nsites%3D1", 400, "expected ')'"),
        ("/v1/structures?filtr=nsites%3D1", 400, "unknown query parameter 'filtr'"),
        ("/v1/structures?_crystaldb_foo=1", 400, "unknown query parameter '_crystaldb_foo'"),
        ("/v1/structures?filter=nsites%3D1&filter=nsites%3D2", 400, "more than once"),
        ("/v1/structures?filter=%ZZ", 400, "malformed percent-encoding"),
        ("/v1/structures?filter=%FF%FE", 400, "not UTF-8"),
        ("/v1/structures?page_limit=-1", 400, "page_limit must be a whole number"),
        ("/v1/structures?page_limit=abc", 400, "page_limit must be a whole number"),
        ("/v1/structures?page_limit=99999999999999999999999", 400, "page_limit must be a whole number"),
        ("/v1/structures?page_limit=101", 403, "at most 100"),
        ("/v1/structures?page_offset=-5", 400, "page_offset"),
        ("/v1/structures?page_number=0", 400, "page_number"),
        ("/v1/structures?page_number=9223372036854775807", 400, "beyond any page"),
        ("/v1/structures?page_offset=1&page_above=x", 400, "use one of"),
        ("/v1/structures?page_below=x", 501, "page_below"),
        ("/v1/structures?sort=nsites&page_above=x", 501, "page_above pages in id order only"),
        ("/v1/structures?sort=nosuch", 400, "sort: unknown field"),
        ("/v1/structures?sort=elements", 400, "cannot be sorted"),
        ("/v1/structures?response_fields=nosuch", 400, "not an OPTIMADE structures property"),
        ("/v1/structures?response_fields=_crystaldb_nosuch", 400, "unknown field '_crystaldb_nosuch'"),
        ("/v1/structures?response_format=xml", 400, "response_format"),
        ("/v1/structures?include=calculations", 400, "relationship"),
        ("/v1/structures?api_hint=1", 400, "api_hint"),
        ("/v1/nosuch", 404, "no endpoint"),
        ("/v1/info/nosuch", 404, "no endpoint"),
        ("/v1/structures/nosuch-id", 404, "no structures entry has the id 'nosuch-id'"),
        ("/v1/structures/..%2F..%2Fetc%2Fpasswd", 404, "no structures entry has the id '../../etc/passwd'"),
        ("/v1/structures/..", 404, "no structures entry"),
        ("/v1/structures/%00", 404, "no structures entry"),
        ("/v1/structures/%2", 400, "malformed percent-encoding"),
        ("/v1/versions", 404, "unversioned base URL only"),
        ("/v2/info", 553, "not served here"),
        ("/v1.3/info", 553, "not served here"),
        ("/v123123/info", 553, "not served here"),
    ] as [(String, Int, String)])
    func error(target: String, status: Int, reason: String) async throws {
        let reply = try await ServerFixture.get(target)
        #expect(reply.status == status)
        #expect(reply.contentType == "application/vnd.api+json")
        let json = try #require(reply.json)
        #expect(json["data"] == nil)
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.first?["status"] as? String == String(status))
        #expect(reply.errorDetail?.contains(reason) == true, "\(reply.errorDetail ?? "no detail")")
        let meta = try #require(json["meta"] as? [String: Any])
        #expect(meta["api_version"] as? String == "1.2.0")
        #expect(meta["more_data_available"] as? Bool == false)
    }

    @Test("filters that are valid but cannot match: 200, no data, and a warning saying why")
    func warnings() async throws {
        let replies = try await ServerFixture.get(["/v1/structures?filter=elements%20HAS%20%22Xx%22", "/v1/structures?filter=_exmpl1_band_gap%3C2",
                                                   "/v1/structures?filter=_mp_band_gap%3C2", "/v1/structures?filter=elements%3D%22Li%22"])
        for reply in replies {
            #expect(reply.status == 200)
            #expect(reply.data.isEmpty)
        }
        func warning(_ reply: ServerFixture.Reply) -> String? {
            ((reply.meta["warnings"] as? [[String: Any]])?.first?["detail"]) as? String
        }
        #expect(warning(replies[0])?.contains("'Xx' is not an element symbol") == true)
        #expect(warning(replies[1])?.contains("'_exmpl1_band_gap' belongs to another database") == true)
        #expect(warning(replies[2]) == nil)
        #expect(warning(replies[3])?.contains("elements is a list") == true)
        #expect(((replies[1].meta["warnings"] as? [[String: Any]])?.first?["type"]) as? String == "warning")
    }

    @Test("a bad filter points at its column, as the CLI does")
    func filterColumn() async throws {
        let reply = try await ServerFixture.get("/v1/structures?filter=elements%20HAS%20%22Li%22%20AND%20nsitez%20%3E%203")
        #expect(reply.status == 400)
        #expect(reply.errorDetail?.contains("(column 23)") == true)
        #expect(reply.errorDetail?.contains("elements HAS \"Li\" AND nsitez > 3\n                      ^ unknown field 'nsitez'") == true)
        let source = (reply.json?["errors"] as? [[String: Any]])?.first?["source"] as? [String: Any]
        #expect(source?["parameter"] as? String == "filter")
    }

    @Test("hostile filters: nested thousands deep, 20,000 terms, 1 MB of text, control bytes: 4xx, never 500")
    func hostileFilters() async throws {
        let deep = String(repeating: "(", count: 5000) + "nsites=1" + String(repeating: ")", count: 5000)
        let many = (0..<20_000).map { _ in "nsites=1" }.joined(separator: " OR ")
        let targets = [
            "/v1/structures?filter=" + deep.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
            "/v1/structures?filter=" + String(repeating: "NOT%20", count: 3000) + "nsites%3D1",
            "/v1/structures?filter=" + many.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
            "/v1/structures?filter=" + String(repeating: "a", count: 1 << 20),
            "/v1/structures?filter=nsites%3D1%00%01",
            "/v1/structures?filter=%22" + String(repeating: "x", count: 9000),
        ]
        let replies = try await ServerFixture.get(targets)
        for (target, reply) in zip(targets, replies) {
            #expect((400..<500).contains(reply.status), "\(target.prefix(80)): \(reply.status)")
            #expect(reply.json?["errors"] != nil)
        }
        // The 1 MB filter is cut off at the URL length limit before any parsing.
        #expect(replies[3].status == 414)
    }

    @Test("only GET (and HEAD) are served; anything else is 405 with a JSON reason")
    func methods() async throws {
        let reply = try await ServerFixture.get("/v1/structures", method: .post)
        #expect(reply.status == 405)
        #expect(reply.errorDetail?.contains("only GET") == true)
        let deleted = try await ServerFixture.get("/v1/structures/LiFeO2", method: .delete)
        #expect(deleted.status == 405)
    }
}
