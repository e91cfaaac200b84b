import Foundation
import Testing
import CrystalModel
@testable import CrystalStore

/// Sites packed one blob per structure: the documented bytes, exact round trips, refusals of damaged blobs, and
/// the `sites` view decoding the same values in plain SQL.
@Suite struct PackedSitesTests {
    static func element(_ symbol: String) -> Element { Element(symbol: symbol)! }

    /// Coordinates a crystal file can hold, and a few it should not but that must still survive.
    static let awkward: [Double] = [0, -0.0, 0.5, 1.0 / 3.0, -0.25, 1.0, 1.75, 1e-300, 5e-324, 2.2250738585072014e-308,
                                    123456.789, -7.5e-12, 0.1 + 0.2, Double.ulpOfOne]

    static func ordered() -> [Site] {
        var sites = [Site]()
        for (i, x) in awkward.enumerated() {
            let y = awkward[(i + 3) % awkward.count], z = awkward[(i + 7) % awkward.count]
            sites.append(Site(element: Element(atomicNumber: 1 + (i * 17) % 118)!, position: Vector3(x, y, z)))
        }
        return sites
    }

    static func disordered() -> [Site] {
        [Site(position: Vector3(0, 0, 0), occupants: [.init(element: element("Cu"), occupancy: 0.5), .init(element: element("Au"), occupancy: 0.5)],
              label: "Cu1"),
         Site(element: element("O"), position: Vector3(0.25, 0.5, -0.0), occupancy: 0.7, label: #"O"1\x"#),
         Site(element: element("Og"), position: Vector3(1.0 / 3.0, 2.0 / 3.0, 0.1), label: nil),
         Site(position: Vector3(0.9, 0.1, 0.2), occupants: [.init(element: element("Fe"), occupancy: 0.25), .init(element: element("Ni"), occupancy: 0.25),
                                                            .init(element: element("Co"), occupancy: 0.4)], label: "Métal\n☃\u{1}")]
    }

    func roundTrip(_ sites: [Site]) throws -> [Site] {
        var bytes = [UInt8]()
        PackedSites.encode(sites, into: &bytes)
        let labels = try SiteLabels.encode(sites).map(SiteLabels.decode)
        return try bytes.withUnsafeBytes { raw throws(PackedSites.Damaged) in try PackedSites.decode(raw, labels: labels) }
    }

    func expectIdentical(_ a: [Site], _ b: [Site]) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) {
            #expect([x.position.x, x.position.y, x.position.z].map(\.bitPattern) == [y.position.x, y.position.y, y.position.z].map(\.bitPattern))
            #expect(x.occupants.map(\.element) == y.occupants.map(\.element))
            #expect(x.occupants.map(\.occupancy.bitPattern) == y.occupants.map(\.occupancy.bitPattern))
            #expect(x.label == y.label)
        }
    }

    @Test("ordered and disordered sites, labels included, come back bit for bit")
    func roundTrips() throws {
        expectIdentical(try roundTrip(Self.ordered()), Self.ordered())
        expectIdentical(try roundTrip(Self.disordered()), Self.disordered())
        expectIdentical(try roundTrip([]), [])
    }

    @Test("the bytes are the documented layout")
    func layout() throws {
        var bytes = [UInt8]()
        // Ordered: header, positions, atomic numbers.
        PackedSites.encode([Site(element: Self.element("Na"), position: Vector3(0, 0, 0.5)), Site(element: Self.element("Cl"), position: Vector3(0.5, 0.5, 0.5))], into: &bytes)
        let half = "000000000000E03F", zero = "0000000000000000"
        #expect(hex(bytes) == "01010000" + "02000000" + "02000000" + "00000000" + zero + zero + half + half + half + half + "0B11")
        // Disordered: header, positions, occupancies, occupant sites, atomic numbers.
        PackedSites.encode([Site(position: Vector3(0, 0, 0), occupants: [.init(element: Self.element("Cu"), occupancy: 0.5),
                                                                          .init(element: Self.element("Au"), occupancy: 0.5)])], into: &bytes)
        #expect(hex(bytes) == "01000000" + "01000000" + "02000000" + "00000000" + zero + zero + zero + half + half + "00000000" + "00000000" + "1D4F")
        #expect(SiteLabels.encode([Site(element: Self.element("O"), position: Vector3(0, 0, 0), label: "O1"),
                                   Site(element: Self.element("O"), position: Vector3(0, 0, 0))]) == #"["O1",null]"#)
        #expect(SiteLabels.encode(Self.ordered()) == nil)
    }

    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }

    @Test("damaged blobs and labels are refused with the reason, never a crash", arguments: [
        ("0100", "shorter than their header"), ("02000000010000000100000000000000" + String(repeating: "00", count: 25), "format 2"),
        ("01010000010000000100000000000000" + String(repeating: "00", count: 24), "bytes, 41 expected"),
        ("01010000010000000200000000000000" + String(repeating: "00", count: 25), "2 occupants for 1 sites"),
        ("01010000010000000100000000000000" + String(repeating: "00", count: 24) + "00", "atomic number 0"),
        ("01010000010000000100000000000000" + String(repeating: "00", count: 24) + "C8", "atomic number 200"),
        ("01000000010000000100000000000000" + String(repeating: "00", count: 24) + "000000000000F03F" + "05000000" + "08", "on site 5 of 1"),
    ] as [(String, String)])
    func damaged(hexText: String, reason: String) {
        var bytes = [UInt8]()
        var index = hexText.startIndex
        while index < hexText.endIndex {
            let next = hexText.index(index, offsetBy: 2)
            bytes.append(UInt8(hexText[index..<next], radix: 16)!)
            index = next
        }
        #expect {
            _ = try bytes.withUnsafeBytes { raw throws(PackedSites.Damaged) in try PackedSites.decode(raw, labels: nil) }
        } throws: { error in
            (error as? PackedSites.Damaged)?.description.contains(reason) == true
        }
    }

    @Test("damaged labels are refused", arguments: [#"["a""#, #"["a",]"#, "[1]", #"["\u12"]"#, #"["\ud800\u0041"]"#, #"["a"] x"#, ""])
    func damagedLabels(text: String) {
        #expect(throws: PackedSites.Damaged.self) { try SiteLabels.decode(text) }
    }

    @Test("the sites view gives every occupant with the values crystaldb reads, exactly")
    func view() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForWriting(path: fixture.path("v.sqlite"))
        let lattice = Lattice(a: Vector3(5, 0, 0), b: Vector3(0, 6, 0), c: Vector3(0, 0, 7))
        var structures = [Self.ordered(), Self.disordered()]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let count = Int.random(in: 1...40, using: &generator)
            structures.append((0..<count).map { i in
                Site(element: Element(atomicNumber: Int.random(in: 1...118, using: &generator))!,
                     position: Vector3(Double.random(in: -1...2, using: &generator), Double.random(in: 0..<1, using: &generator),
                                       Double.random(in: 0..<1, using: &generator)), label: i % 3 == 0 ? "L\(i)" : nil)
            })
        }
        let writer = try store.entryWriter(source: "t", isReference: false, importID: nil)
        try store.inTransaction {
            for (i, sites) in structures.enumerated() {
                let structure = Structure(lattice: lattice, sites: sites)
                _ = try writer.write(StructureRecord(id: "s\(i)", structure: structure,
                                                     provenance: Provenance(file: "t", member: nil, block: nil, line: nil, contentHash: "\(i)")))
            }
        }
        let reader = try store.structureReader()
        let rows = try store.prepare("SELECT site_index, element, occupancy, x, y, z, label FROM sites WHERE entry_pk = ? ORDER BY site_index")
        var checked = 0
        for i in structures.indices {
            let entryPK = try #require(try store.entry(id: "s\(i)")?.entryPK)
            let structure = try #require(try reader.structure(entryPK: entryPK))
            expectIdentical(structure.sites, structures[i])
            try rows.bind(entryPK)
            var expected = [[StoreValue]]()
            for (index, site) in structure.sites.enumerated() {
                for occupant in site.occupants {
                    expected.append([.integer(Int64(index)), .text(occupant.element.symbol), .real(occupant.occupancy), .real(site.position.x),
                                     .real(site.position.y), .real(site.position.z), site.label.map(StoreValue.text) ?? .null])
                }
            }
            var got = [[StoreValue]]()
            while try rows.step() { got.append((0..<7).map { rows.value($0) }) }
            rows.reset()
            #expect(got == expected, "structure \(i)")
            checked += got.count
        }
        #expect(checked > 500)
    }
}
