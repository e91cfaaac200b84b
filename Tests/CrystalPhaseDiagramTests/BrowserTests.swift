import Foundation
import Testing
import CrystalModel
@testable import CrystalPhaseDiagram

/// Headless Chromium (Debian's `chromium`, which `make deps` installs).
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM of `page` after its scripts ran (`--dump-dom`); `--no-sandbox` because CI runs as root.
    static func dumpDOM(_ page: URL) throws -> String {
        guard let path else { return "" }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The attributes of the element with this id in a dumped DOM.
    static func attributes(ofElementWithID id: String, in dom: String) -> [String: String] {
        guard let start = dom.range(of: "id=\"\(id)\"") else { return [:] }
        let tagStart = dom[..<start.lowerBound].lastIndex(of: "<") ?? start.lowerBound
        let tagEnd = dom[start.upperBound...].firstIndex(of: ">") ?? dom.endIndex
        var out = [String: String]()
        let tag = String(dom[tagStart..<tagEnd])
        let pattern = try! NSRegularExpression(pattern: "([a-z-]+)=\"([^\"]*)\"")
        for match in pattern.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)) {
            guard let key = Range(match.range(at: 1), in: tag), let value = Range(match.range(at: 2), in: tag) else { continue }
            out[String(tag[key])] = String(tag[value])
        }
        return out
    }
}

/// The HTML page in a real browser: what its self-check saw must match the JSON of the same diagram.
@Suite(.enabled(if: Chromium.path != nil, "chromium is not installed (make deps installs Debian's chromium package)"))
struct BrowserTests {
    typealias H = HandMadeSystems

    @Test("a ternary and a quaternary page in headless Chromium: points and tie lines drawn as the JSON has them, cards show, no script errors",
          arguments: [3, 4])
    func page(dimension: Int) throws {
        let diagram = dimension == 3 ? try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO, hull: .reference)
                                     : try PhaseDiagram(elements: [H.li, H.fe, H.p, H.o], entries: H.liFePO)
        let options = DrawingOptions(maximumEnergyAboveHull: 0.2, labels: .stable, highlight: "gen")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-phase-\(dimension)-\(UUID().uuidString).html")
        try PhaseDiagramHTML.write(diagram, options: options).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let dom = try Chromium.dumpDOM(file)
        let check = Chromium.attributes(ofElementWithID: "self-check", in: dom)
        #expect(check["data-status"] == "done", "\(check)")
        #expect(check["data-errors"] == "0", "\(check["data-error-messages"] ?? "")")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(PhaseDiagramJSON.write(diagram, options: options).utf8)) as? [String: Any])
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(check["data-points"] == String(points.filter { $0["drawn"] as? Bool == true }.count))
        #expect(check["data-data-points"] == String(points.count))
        #expect(check["data-tie-lines"] == String((json["tie_lines"] as? [[String]])?.count ?? -1))
        #expect(check["data-detached"] == "0")
        #expect(check["data-card"] == "true")
        #expect(check["data-card-hides"] == "true")
        if dimension == 4 { #expect(check["data-detached-after-turn"] == "0") }
        #expect(Int(check["data-labels"] ?? "") == diagram.vertices.filter { diagram.points[$0].composition.elementCount > 1 }.count)
    }
}
