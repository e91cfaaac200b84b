import Testing
import CrystalModel
@testable import CrystalImport

@Suite struct ExtendedXYZReaderTests {
    static func read(_ text: String) -> ExtendedXYZReader.Result {
        ExtendedXYZReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "t.extxyz"))
    }

    @Test("a frame: lattice rows, Cartesian positions to fractional, energy, id, extra columns skipped")
    func frame() throws {
        let text = """
        2
        Lattice="4.0 0.0 0.0 0.0 4.0 0.0 0.0 0.0 4.0" Properties=species:S:1:pos:R:3:forces:R:3 energy=-7.5 id="Na Cl" pbc="T T T"
        Na 0.0 0.0 0.0 0.1 0.2 0.3
        Cl 2.0 2.0 2.0 0 0 0
        """
        let result = Self.read(text)
        #expect(result.diagnostics.isEmpty)
        let frame = try #require(result.frames.first)
        #expect(frame.id == "Na Cl")
        #expect(frame.energy == -7.5)
        #expect(frame.structure.structure.sites[1].position == Vector3(0.5, 0.5, 0.5))
        #expect(frame.structure.structure.composition.reducedFormula == "ClNa")
    }

    @Test("bad frames give the line and reason; later frames are still read", arguments: [
        ("2\nProperties=species:S:1:pos:R:3\nNa 0 0 0\nCl 1 1 1\n", 2, "no Lattice"),
        ("1\nLattice=\"4 0 0 0 4 0 0 0 4\" pbc=\"T T F\"\nNa 0 0 0\n", 2, "only structures periodic"),
        ("1\nLattice=\"4 0 0 0 4 0 0 0 4\"\nXx 0 0 0\n", 3, "'Xx' is not an element"),
        ("1\nLattice=\"4 0 0 0 4 0 0 0 4\"\nNa 0 nan 0\n", 3, "is not a number"),
        ("1\nLattice=\"4 0 0 0 4 0 0 0\"\nNa 0 0 0\n", 2, "9 numbers"),
        ("1\nLattice=\"4 0 0 0 4 0 0 0 4\" energy=abc\nNa 0 0 0\n", 2, "energy 'abc'"),
        ("1\nLattice=\"4 0 0 0 4 0 0 0 4\" id=\"open\nNa 0 0 0\n", 2, "unterminated"),
        ("5\nLattice=\"4 0 0 0 4 0 0 0 4\"\nNa 0 0 0\n", 1, "file ends first"),
        ("abc\n", 1, "atom count"),
        ("99999999999999999999\n", 1, "atom count"),
    ] as [(String, Int, String)])
    func bad(text: String, line: Int, reason: String) {
        let result = Self.read(text)
        #expect(result.frames.isEmpty)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.location.line == line)
        #expect(diagnostic?.message.contains(reason) == true, "\(diagnostic?.message ?? "none")")
    }

    @Test("a bad frame does not stop the next one")
    func recovers() {
        let text = "1\nLattice=\"4 0 0 0 4 0 0 0 4\"\nXx 0 0 0\n1\nLattice=\"4 0 0 0 4 0 0 0 4\" id=ok\nNa 0 0 0\n"
        let result = Self.read(text)
        #expect(result.frames.map(\.id) == ["ok"])
        #expect(result.diagnostics.count == 1)
    }
}
