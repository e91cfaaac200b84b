import ArgumentParser
import Foundation
import CrystalExport
import CrystalModel
import CrystalSamples

/// Writes N GNoME-style candidates: P1 CIFs in pymatgen's CifWriter dialect (5-40 sites, realistic
/// element mixes) and a summary CSV in GNoME's stable_materials_summary.csv layout with their energies.
struct SampleGenerator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crystaldb-samplegen",
        abstract: "Generate GNoME-style CIFs and a matching energy CSV for benchmarks at any scale.")

    @Option(help: "Number of structures.")
    var count = 1000

    @Option(help: "Output folder (created; must not exist unless --force).")
    var out: String

    @Option(help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 42

    @Flag(help: "Write the CIFs into by_id.zip (as GNoME ships them) instead of a cif/ folder.")
    var zip = false

    @Flag(help: "Replace an existing output folder.")
    var force = false

    @Option(help: ArgumentHelp("Draw chemical systems from this energy table (e.g. MP's summary CSV): each candidate gets the elements of a random row, new amounts, and an energy near that row's formation energy.", valueName: "CSV"))
    var systemsFrom: String?

    @Flag(help: "Write only summary.csv (no CIFs): for hull benchmarks at a million entries.")
    var noStructures = false

    @Flag(help: ArgumentHelp("Crystals with real symmetry across the 230 space groups (atoms on general and special positions of a random Hall setting), written as P1 CIFs and, in symmetrized/, as symmetrized CIFs; symmetry.csv lists each crystal's setting. Space groups are drawn as often as they occur in real crystals."))
    var symmetric = false

    @Flag(help: "With --symmetric: draw the 230 space groups uniformly instead.")
    var uniformGroups = false

    @Option(help: ArgumentHelp("Fraction of structures followed by a planted duplicate: the same crystal in a supercell, with its origin shifted and its axes permuted; the pairs are listed in duplicates.csv.", valueName: "0...1"))
    var duplicates = 0.0

    func run() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: out) {
            guard force else { throw ValidationError("\(out) exists; pass --force to replace it") }
            try fm.removeItem(atPath: out)
        }
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        if let systemsFrom {
            try SystemsSampler(table: systemsFrom).write(count: count, to: out + "/summary.csv", using: &rng)
            print("wrote \(count) candidate energies in the chemical systems of \(systemsFrom) to \(out)/summary.csv")
            return
        }
        let zipWriter = zip && !noStructures ? try ZipWriter(path: out + "/by_id.zip") : nil
        if !zip && !noStructures { try fm.createDirectory(atPath: out + "/cif", withIntermediateDirectories: true) }
        let symmetrizedZip = symmetric && zip && !noStructures ? try ZipWriter(path: out + "/symmetrized.zip") : nil
        if symmetric && !zip && !noStructures { try fm.createDirectory(atPath: out + "/symmetrized", withIntermediateDirectories: true) }
        var settings = "MaterialId,SpaceGroupNumber,HallNumber,Cell,NSites\n"
        var csv = "Composition,MaterialId,Reduced Formula,Elements,NSites,Volume,Density,Corrected Energy\n"
        var planted = "original,duplicate\n"
        var pending: (id: String, structure: Structure, formula: ChemistryModel.Formula)?
        for _ in 0..<count {
            let id = String(format: "%010llx", rng.next() & 0xFF_FFFF_FFFF)
            var formula = ChemistryModel.formula(using: &rng)
            var structure: Structure
            var crystal: SymmetricCrystal?
            if symmetric {
                crystal = Self.symmetricCrystal(formula, uniform: uniformGroups, using: &rng)
                structure = crystal?.written ?? Self.structure(formula, using: &rng)
                if crystal != nil { formula = ChemistryModel.formula(of: structure, formationEnergyPerAtom: formula.formationEnergyPerAtom) }
            } else {
                structure = Self.structure(formula, using: &rng)
            }
            if let original = pending {
                // The duplicate of the previous structure, in another cell and setting, 0.5% strained.
                structure = Self.plantedDuplicate(original.structure, using: &rng)
                formula = original.formula
                formula.counts = formula.counts.map { ($0.0, $0.1 * 2) }
                planted += "\(original.id),\(id)\n"
                pending = nil
                crystal = nil
            } else if duplicates > 0, Double.random(in: 0..<1, using: &rng) < duplicates {
                pending = (id, structure, formula)
            }
            if !noStructures {
                let cif = CIFWriter.write(structure, blockName: structure.composition.reducedFormula)
                if let zipWriter {
                    try zipWriter.add(name: "by_id/\(id).CIF", bytes: Array(cif.utf8))
                } else {
                    try cif.write(toFile: "\(out)/cif/\(id).cif", atomically: false, encoding: .utf8)
                }
                if let crystal {
                    let text = SymmetrizedCIFWriter.write(crystal, blockName: structure.composition.reducedFormula)
                    if let symmetrizedZip {
                        try symmetrizedZip.add(name: "symmetrized/\(id).CIF", bytes: Array(text.utf8))
                    } else {
                        try text.write(toFile: "\(out)/symmetrized/\(id).cif", atomically: false, encoding: .utf8)
                    }
                    settings += "\(id),\(crystal.setting.number),\(crystal.hallNumber),\(crystal.writtenCell),\(structure.siteCount)\n"
                }
            }
            let composition = structure.composition
            let compositionText = formula.counts.sorted { $0.0.symbol < $1.0.symbol }.map { "\($0.0.symbol)\($0.1)" }.joined()
            let elements = "\"[" + composition.elements.map { "'\($0.symbol)'" }.joined(separator: ", ") + "]\""
            csv += "\(compositionText),\(id),\(composition.reducedFormula),\(elements),\(structure.siteCount),"
            csv += String(format: "%.6f,%.6f,%.8f\n", structure.lattice.volume, structure.density, ChemistryModel.totalEnergy(formula))
        }
        try zipWriter?.finish()
        try symmetrizedZip?.finish()
        if symmetric { try settings.write(toFile: out + "/symmetry.csv", atomically: true, encoding: .utf8) }
        try csv.write(toFile: out + "/summary.csv", atomically: true, encoding: .utf8)
        if duplicates > 0 { try planted.write(toFile: out + "/duplicates.csv", atomically: true, encoding: .utf8) }
        print("wrote \(count) structures to \(out)/\(zip ? "by_id.zip" : "cif/") and energies to \(out)/summary.csv")
    }

    /// A crystal with real symmetry in a random space group, with orbits of the formula's elements; nil after
    /// repeated failures (then a P1 crystal stands in).
    static func symmetricCrystal<R: RandomNumberGenerator>(_ formula: ChemistryModel.Formula, uniform: Bool,
                                                           using rng: inout R) -> SymmetricCrystal? {
        let generator = SymmetricCrystalGenerator()
        let elements = formula.counts.map(\.0)
        for _ in 0..<20 {
            let number = uniform ? Int.random(in: 1...230, using: &rng) : SpaceGroupFrequency.draw(using: &rng)
            if let crystal = generator.generate(number: number, elements: elements, using: &rng) { return crystal }
        }
        return nil
    }

    /// A 2x1x1 supercell, origin shifted, axes cycled (a,b,c -> b,c,a), lattice scaled by 1.005.
    static func plantedDuplicate<R: RandomNumberGenerator>(_ s: Structure, using rng: inout R) -> Structure {
        let shift = Vector3(Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng))
        var sites = [Site]()
        for i in 0..<2 {
            for site in s.sites {
                var p = Vector3((site.position.x + Double(i)) / 2, site.position.y, site.position.z) + shift
                p -= p.rounded(.down)
                sites.append(Site(position: Vector3(p.y, p.z, p.x), occupants: site.occupants))
            }
        }
        let lattice = Lattice(a: s.lattice.b, b: s.lattice.c, c: s.lattice.a * 2).scaled(by: 1.005)
        return Structure(lattice: lattice, sites: sites)
    }

    /// A triclinic cell of 10-22 Å^3 per atom with atoms placed at least 1.0 Å apart where possible.
    static func structure<R: RandomNumberGenerator>(_ formula: ChemistryModel.Formula, using rng: inout R) -> Structure {
        let atoms = formula.counts.reduce(0) { $0 + $1.1 }
        let volume = Double(atoms) * Double.random(in: 10...22, using: &rng)
        let angles = Vector3(Double.random(in: 70...110, using: &rng), Double.random(in: 70...110, using: &rng),
                             Double.random(in: 60...120, using: &rng))
        let ratios = Vector3(Double.random(in: 0.7...1.4, using: &rng), Double.random(in: 0.7...1.4, using: &rng),
                             Double.random(in: 0.7...1.4, using: &rng))
        let unit = Lattice(lengths: ratios, anglesInDegrees: angles)
        let lattice = unit.scaled(by: cbrt(volume / unit.volume))
        var sites = [Site]()
        for (element, count) in formula.counts {
            for _ in 0..<count {
                var best = Vector3.zero, bestDistance = -1.0
                for _ in 0..<12 {
                    let p = Vector3(Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng))
                    let d = sites.map { nearestDistance(p, $0.position, lattice) }.min() ?? .infinity
                    if d > bestDistance { best = p; bestDistance = d }
                    if d > 1.6 { break }
                }
                sites.append(Site(element: element, position: best))
            }
        }
        return Structure(lattice: lattice, sites: sites)
    }

    static func nearestDistance(_ p: Vector3, _ q: Vector3, _ lattice: Lattice) -> Double {
        var d = p - q
        d -= d.rounded(.toNearestOrEven)
        return lattice.cartesian(d).length
    }
}
