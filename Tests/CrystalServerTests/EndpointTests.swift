import Foundation
import Testing
import CrystalIngest
import CrystalServer
import CrystalStore
import Hummingbird

/// The endpoints' documents: info, entry info, links, versions, listings with paging and sorting, single entries.
@Suite struct EndpointTests {
    @Test("/info: API version, the versioned base URL, formats, endpoints; /info/structures describes every field")
    func info() async throws {
        let replies = try await ServerFixture.get(["/info", "/v1/info", "/v1/info/structures", "/links", "/versions", "/"])
        let info = try #require(replies[1].json?["data"] as? [String: Any])
        #expect(info["id"] as? String == "/")
        let attributes = try #require(info["attributes"] as? [String: Any])
        #expect(attributes["api_version"] as? String == "1.2.0")
        let versions = try #require(attributes["available_api_versions"] as? [[String: Any]])
        #expect(versions.first?["url"] as? String == "http://127.0.0.1:5000/v1")
        #expect(attributes["entry_types_by_format"] as? [String: [String]] == ["json": ["structures"]])
        #expect(replies[0].body.contains("\"available_endpoints\""))
        let entry = try #require(replies[2].json?["data"] as? [String: Any])
        #expect(entry["id"] as? String == "structures")
        let properties = try #require(entry["properties"] as? [String: [String: Any]])
        for name in ["id", "elements", "nsites", "chemical_formula_reduced", "lattice_vectors", "species", "structure_features",
                     "space_group_it_number", "_crystaldb_e_above_hull", "_crystaldb_is_stable", "_crystaldb_decomposition"] {
            #expect(properties[name]?["description"] is String, "\(name)")
            #expect(properties[name]?["type"] is String, "\(name)")
        }
        #expect(properties["_crystaldb_e_above_hull"]?["unit"] as? String == "eV")
        #expect(properties["nsites"]?["sortable"] as? Bool == true)
        let links = try #require(replies[3].json?["data"] as? [[String: Any]])
        #expect((links.first?["attributes"] as? [String: Any])?["link_type"] as? String == "root")
        #expect(replies[4].body == "version\n1\n")
        #expect(replies[4].contentType == "text/csv; header=present")
        #expect(replies[5].contentType.hasPrefix("text/html"))
    }

    @Test("paging: next links walk every entry once in id order; counts in meta; page_offset and page_above agree")
    func paging() async throws {
        let first = try await ServerFixture.get("/v1/structures?page_limit=7&response_fields=nsites")
        let total = try #require(first.meta["data_returned"] as? Int)
        #expect(total == 31)
        #expect(first.meta["data_available"] as? Int == 31)
        var ids = first.data.compactMap { $0["id"] as? String }
        var next = (first.json?["links"] as? [String: Any])?["next"] as? String
        while let link = next {
            let target = String(link.dropFirst("http://127.0.0.1:5000".count))
            let page = try await ServerFixture.get(target)
            #expect(page.status == 200)
            ids += page.data.compactMap { $0["id"] as? String }
            next = (page.json?["links"] as? [String: Any])?["next"] as? String
            #expect((page.meta["more_data_available"] as? Bool) == (next != nil))
        }
        #expect(ids.count == total)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == total)
        let replies = try await ServerFixture.get(["/v1/structures?page_limit=5&page_offset=10", "/v1/structures?page_limit=5&page_above=\(ids[9])",
                                                   "/v1/structures?page_limit=5&page_number=3"])
        for reply in replies { #expect(reply.data.compactMap { $0["id"] as? String } == Array(ids[10..<15])) }
        let empty = try await ServerFixture.get("/v1/structures?page_limit=0")
        #expect(empty.data.isEmpty)
        #expect(empty.meta["data_returned"] as? Int == 31)
    }

    @Test("sorting: JSON:API sort with '-' for descending, id breaking ties; unknown values last")
    func sorting() async throws {
        let reply = try await ServerFixture.get("/v1/structures?sort=-nsites&page_limit=3&response_fields=nsites")
        #expect(reply.data.map { (($0["attributes"] as? [String: Any])?["nsites"] as? Int) ?? -1 } == [12, 8, 8])
        #expect(reply.data.compactMap { $0["id"] as? String } == ["two-blocks/Li2O", "NaCl-conventional", "Si-diamond"])
        let hull = try await ServerFixture.get("/v1/structures?sort=-_crystaldb_e_above_hull&page_limit=1")
        #expect(hull.data.first?["id"] as? String == "Fe3O4")
        let descendingID = try await ServerFixture.get("/v1/structures?sort=-id&page_limit=1")
        #expect(descendingID.data.first?["id"] as? String == "two-blocks/Li_bcc")
    }

    @Test("response_fields: exactly those attributes (other providers' fields as null); the default set has the structure")
    func responseFields() async throws {
        let limited = try await ServerFixture.get("/v1/structures?page_limit=1&response_fields=nsites,elements,_other_x")
        let attributes = try #require(limited.data.first?["attributes"] as? [String: Any])
        #expect(Set(attributes.keys) == ["nsites", "elements", "_other_x"])
        #expect(attributes["_other_x"] is NSNull)
        let full = try await ServerFixture.get("/v1/structures/LiFeO2")
        let entry = try #require(full.json?["data"] as? [String: Any])
        let values = try #require(entry["attributes"] as? [String: Any])
        #expect(values["chemical_formula_reduced"] as? String == "FeLiO2")
        #expect(values["chemical_formula_anonymous"] as? String == "A2BC")
        #expect(values["elements"] as? [String] == ["Fe", "Li", "O"])
        #expect(values["elements_ratios"] as? [Double] == [0.25, 0.25, 0.5])
        #expect(values["nsites"] as? Int == 4)
        #expect((values["lattice_vectors"] as? [[Double]])?.count == 3)
        #expect((values["cartesian_site_positions"] as? [[Double]])?.count == 4)
        #expect(values["species_at_sites"] as? [String] == ["Li", "Fe", "O", "O"])
        #expect(values["structure_features"] as? [String] == [])
        #expect(values["space_group_it_number"] as? Int == 164)
        #expect(values["space_group_symbol_hermann_mauguin"] as? String == "P -3 m 1")
        #expect(values["space_group_symbol_hall"] as? String == "-P 3 2\"")
        #expect(values["_crystaldb_is_stable"] as? Bool == true)
        #expect(values["_crystaldb_source"] as? String == "sample")
        #expect(values["space_group_symmetry_operations_xyz"] == nil)
        let ops = try await ServerFixture.get("/v1/structures/LiFeO2?response_fields=space_group_symmetry_operations_xyz")
        let list = try #require(((ops.json?["data"] as? [String: Any])?["attributes"] as? [String: Any])?["space_group_symmetry_operations_xyz"] as? [String])
        #expect(list.count == 12)
        #expect(list.first == "x,y,z")
    }

    @Test("immutable_id is id@structure-hash.energy-hash, with no '+' (a query string reads it as a space): the validator's ENDS WITH finds the entry")
    func immutableID() async throws {
        let reply = try await ServerFixture.get("/v1/structures/LiFeO2?response_fields=immutable_id")
        let value = try #require(((reply.json?["data"] as? [String: Any])?["attributes"] as? [String: Any])?["immutable_id"] as? String)
        #expect(value.range(of: "^LiFeO2@[0-9a-f]{12}\\.[0-9a-f]{12}$", options: .regularExpression) != nil, "\(value)")
        // As optimade-validator sends it: the value unencoded inside the filter.
        let found = try await ServerFixture.get("/v1/structures?filter=immutable_id%20ENDS%20WITH%20%22\(value)%22&response_fields=id")
        #expect(found.status == 200)
        #expect(found.data.compactMap { $0["id"] as? String } == ["LiFeO2"])
    }

    @Test("disorder: a shared site is one species with its elements and concentrations, and the disorder feature")
    func disorder() async throws {
        let reply = try await ServerFixture.get("/v1/structures/CuAu-disordered")
        let attributes = try #require((reply.json?["data"] as? [String: Any])?["attributes"] as? [String: Any])
        #expect(attributes["structure_features"] as? [String] == ["disorder"])
        let species = try #require(attributes["species"] as? [[String: Any]])
        #expect(species.count == 1)
        #expect(species[0]["chemical_symbols"] as? [String] == ["Au", "Cu"])
        #expect(species[0]["concentration"] as? [Double] == [0.5, 0.5])
        #expect(attributes["species_at_sites"] as? [String] == Array(repeating: species[0]["name"] as! String, count: 4))
    }

    @Test("ids with a slash: percent-encoded or not, the rest of the path is the id")
    func slashIDs() async throws {
        let replies = try await ServerFixture.get(["/v1/structures/two-blocks%2FLi2O", "/v1/structures/two-blocks/Li2O", "/structures/two-blocks/Li2O"])
        for reply in replies {
            #expect(reply.status == 200)
            #expect((reply.json?["data"] as? [String: Any])?["id"] as? String == "two-blocks/Li2O")
        }
    }

    @Test("a base URL with a path serves under it, and links carry it")
    func basePath() async throws {
        var configuration = ServerFixture.configuration()
        configuration.baseURL = "https://example.org/optimade/"
        let replies = try await ServerFixture.get(["/optimade/v1/structures?page_limit=1", "/v1/structures"], configuration: configuration)
        #expect(replies[0].status == 200)
        let next = (replies[0].json?["links"] as? [String: Any])?["next"] as? String
        #expect(next?.hasPrefix("https://example.org/optimade/v1/structures?") == true)
        #expect(replies[1].status == 404)
    }
}

/// The server reads the store while other processes write it: counts and pages follow each commit.
@Suite struct LiveStoreTests {
    @Test("an import while the server runs: the next request counts and lists the new entry (cached counts are dropped)")
    func importWhileServing() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        nonisolated(unsafe) let writer = try Store.openForWriting(path: path)
        _ = try Importer(store: writer, options: ImportOptions(source: "sample")).run([ServerFixture.sample.appendingPathComponent("entries.csv").path])
        var configuration = ServerFixture.configuration()
        configuration.storePath = path
        configuration.connections = 1
        let service = try OptimadeService(configuration: configuration)
        let app = OptimadeServer.application(service: service, configuration: configuration)
        let extra = dir.appendingPathComponent("more.csv")
        try "id,formula,energy\nNa2O-new,Na2O,-12.0\n".write(to: extra, atomically: true, encoding: .utf8)
        let target = "/v1/structures?filter=elements%20HAS%20%22Na%22&response_fields=nsites"
        let client = try await InProcessClient(app)
        let first = try await client.execute(uri: target, method: .get)
        let again = try await client.execute(uri: target, method: .get)
        #expect(first.body.contains("\"data_returned\":2"))
        #expect(again.body.contains("\"data_returned\":2"))
        _ = try Importer(store: writer, options: ImportOptions(source: "more")).run([extra.path])
        let later = try await client.execute(uri: target, method: .get)
        let (before, after) = (first.body, later.body)
        try await service.shutdown()
        #expect(before.contains("\"data_available\":18"))
        #expect(after.contains("\"data_returned\":3"))
        #expect(after.contains("\"data_available\":19"))
        #expect(after.contains("\"id\":\"Na2O-new\""))
    }
}
