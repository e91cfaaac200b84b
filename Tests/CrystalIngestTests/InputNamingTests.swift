import Foundation
import Testing
import CrystalExport
import CrystalModel
import CrystalStore
@testable import CrystalImport
@testable import CrystalIngest

/// POSCAR/CONTCAR anywhere in a name is a POSCAR (pymatgen's `*POSCAR*`, `*CONTCAR*`); every path not read is
/// named with the reason; files whose ids would collide keep their full names, the same in any walk order.
@Suite struct InputNamingTests {
    static let poscar = try! [UInt8](Data(contentsOf: Fixtures.sampleData.appendingPathComponent("structures/LiFeO2.vasp")))
    static let cif = try! [UInt8](Data(contentsOf: Fixtures.sampleData.appendingPathComponent("structures/NaCl-conventional.cif")))

    @Test("names with POSCAR or CONTCAR anywhere, any case, are POSCARs", arguments: [
        "Zn3P2_POSCAR", "C1-POSCAR", "relaxed_CONTCAR", "POSCAR.relax", "CONTCAR_1", "poscar", "Poscar-final", "POSCAR.gz",
        "defect/Vac_O_0/POSCAR", "x.vasp", "y.poscar",
    ])
    func poscarNames(name: String) {
        #expect(InputFile.classify(name: name) == .input(.poscar))
    }

    @Test("what is not read says why", arguments: [
        ("make_POSCAR.py", "a .py file, not a structure, though its name holds POSCAR or CONTCAR"),
        ("README.md", "a .md file: not a structure or energy table"),
        ("OUTCAR", "a file without a known extension: not a structure or energy table"),
        (".DS_Store", "a hidden file"),
        ("__MACOSX/._x.cif", "a macOS resource fork, not a structure"),
        ("release.manifest.json", "a crystaldb export manifest"),
    ] as [(String, String)])
    func ignoredReasons(name: String, reason: String) {
        guard case .ignored(let why) = InputFile.classify(name: name) else {
            Issue.record("\(name) was classified as an input")
            return
        }
        #expect(why.hasPrefix(reason), "\(why)")
    }

    /// A folder of structures, look-alikes and files that are not read.
    static func tree() throws -> URL {
        let dir = Fixtures.scratch()
        let files: [(String, [UInt8])] = [
            ("Zn3P2_POSCAR", poscar), ("defects/C1-POSCAR", poscar), ("defects/relaxed_CONTCAR", poscar), ("POSCAR.relax", poscar),
            ("Fd3.cif", cif), ("Fd3.vasp", poscar), ("NaCl.cif", cif), ("notes.txt", Array("notes".utf8)),
            ("make_POSCAR.py", Array("print()".utf8)), (".hidden.cif", cif), (".git/config", Array("[core]".utf8)),
        ]
        for (name, bytes) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return dir
    }

    static func walk(_ paths: [String]) throws -> (files: [InputFile], ignored: [ImportDiagnostic]) {
        var files = [InputFile](), ignored = [ImportDiagnostic]()
        try InputWalker().walk(paths) { event in
            switch event {
            case .file(let file): files.append(file)
            case .ignored(let diagnostic): ignored.append(diagnostic)
            case .diagnostic(let diagnostic): Issue.record("unexpected \(diagnostic)")
            }
        }
        return (files, ignored)
    }

    @Test("a folder: POSCAR look-alikes read, everything else named with its reason, colliding ids keep their names")
    func folder() throws {
        let dir = try Self.tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (files, ignored) = try Self.walk([dir.path])
        #expect(files.map(\.relativeID).sorted() == ["Fd3.cif", "Fd3.vasp", "NaCl", "POSCAR.relax", "Zn3P2_POSCAR", "defects/C1-POSCAR", "defects/relaxed_CONTCAR"])
        #expect(files.map(\.stem).sorted() == ["C1-POSCAR", "Fd3.cif", "Fd3.vasp", "NaCl", "POSCAR.relax", "Zn3P2_POSCAR", "relaxed_CONTCAR"])
        #expect(ignored.map { "\(InputFile.baseName($0.location.path)): \($0.message)" } == [
            ".git: not read: a hidden folder (not entered)",
            ".hidden.cif: not read: a hidden file",
            "make_POSCAR.py: not read: a .py file, not a structure, though its name holds POSCAR or CONTCAR",
            "notes.txt: not read: a .txt file: not a structure or energy table (crystaldb reads .cif, .mcif, POSCAR/CONTCAR, .vasp, .poscar, .csv, .json, .extxyz, .xyz, optionally .gz)",
        ])
        #expect(ignored.allSatisfy { $0.severity == .warning && $0.kind == .ignored })
    }

    @Test("the same files in a zip, in reverse order: the same ids")
    func zipOrder() throws {
        let dir = try Self.tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (files, _) = try Self.walk([dir.path])
        let zip = dir.appendingPathComponent("tree.zip").path
        let writer = try ZipWriter(path: zip)
        for file in files.reversed() { try writer.add(name: String(file.path.dropFirst(dir.path.count + 1)), bytes: try file.readBytes()) }
        try writer.finish()
        let (members, _) = try Self.walk([zip])
        #expect(members.map(\.relativeID).sorted() == files.map { "tree/" + $0.relativeID }.sorted())
        #expect(members.map(\.stem).sorted() == files.map(\.stem).sorted())
    }

    @Test("the same import run twice stores nothing new: ids are stable across re-runs", arguments: [ImportOptions.IDPolicy.stem, .path])
    func rerun(policy: ImportOptions.IDPolicy) throws {
        let dir = try Self.tree()
        let storeDir = Fixtures.scratch()
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: storeDir)
        }
        let db = try Store.openForWriting(path: storeDir.appendingPathComponent("s.sqlite").path)
        let options = ImportOptions(source: "t", idPolicy: policy, symprec: nil)
        let first = try Importer(store: db, options: options).run([dir.path])
        #expect(first.structures == 7)
        #expect(first.filesIgnored == 4)
        #expect(first.diagnosticsByKind["warning ignored"] == 4)
        #expect(first.errors == 0, "\(first)")
        let second = try Importer(store: db, options: options).run([dir.path])
        #expect(second.structures == 0)
        #expect(second.unchanged == 7)
        #expect(second.errors == 0)
    }
}
