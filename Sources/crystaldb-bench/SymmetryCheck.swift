import ArgumentParser
import Foundation
import CrystalModel
import CrystalSamples
import CrystalSpaceGroup
import CrystalSymmetry

/// Compares the symmetry engine with spglib's dataset, structure by structure: space group number, Wyckoff letters
/// and orbits, on the structures of a folder or on generated crystals of all 230 space groups with their variants.
struct SymmetryCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symmetry-check", abstract: "Compare the symmetry engine with spglib, structure by structure.")

    @Argument(help: "Folders of CIF/POSCAR files; none: generated crystals.")
    var folders: [String] = []

    @Option(help: "Read at most this many files per folder.")
    var limit = 100_000

    @Option(help: "Generated crystals per space group (when no folder is given).")
    var perGroup = 4

    @Option(help: "Symmetry tolerance (Å).")
    var symprec = SymmetryAnalyzer.defaultSymprec

    @Option(help: "Angle tolerance (degrees; -1: none).")
    var angleTolerance = SymmetryAnalyzer.angleTolerance

    @Option(help: "Extra noise on generated crystals, as a fraction of symprec (0: none; the set has symprec/3 on a quarter).")
    var noise = 0.0

    @Option(help: "Seed of the generated set.")
    var seed: UInt64 = 2026

    @Option(help: "Print at most this many disagreements.")
    var show = 30

    func run() throws {
        var cases = [(String, Structure)]()
        if folders.isEmpty {
            var rng = SystemRandomNumberGenerator()
            cases = GeneratedSymmetrySet.cases(perGroup: perGroup, symprec: symprec, seed: seed).map { c in
                (c.name, noise > 0 ? CrystalVariants.shaken(c.structure, by: noise * symprec, using: &rng) : c.structure)
            }
        } else {
            for folder in folders { cases += try StructureFiles.read(folder, limit: limit) }
        }
        var same = 0, numberDiffers = 0, lettersDiffer = 0, orbitsDiffer = 0, failures = 0
        var lines = [String]()
        for (name, structure) in cases {
            let ours = SpaceGroupFinder.dataset(structure, symprec: symprec, angleTolerance: angleTolerance)
            let spglib = SymmetryAnalyzer.spglibDataset(structure, symprec: symprec, angleTolerance: angleTolerance)
            guard let ours, let spglib else {
                if (ours == nil) != (spglib == nil) {
                    failures += 1
                    lines.append("\(name): ours \(ours.map { String($0.spaceGroupNumber) } ?? "none"), spglib \(spglib.map { String($0.spaceGroupNumber) } ?? "none")")
                } else {
                    same += 1
                }
                continue
            }
            if ours.spaceGroupNumber != spglib.spaceGroupNumber {
                numberDiffers += 1
                lines.append("\(name): space group \(ours.spaceGroupNumber) vs spglib \(spglib.spaceGroupNumber)")
            } else if ours.wyckoffLetters != spglib.wyckoffLetters {
                lettersDiffer += 1
                lines.append("\(name) (\(ours.spaceGroupNumber)): letters \(String(ours.wyckoffLetters)) vs spglib \(String(spglib.wyckoffLetters))")
            } else if ours.equivalentSites != spglib.equivalentSites || ours.hallNumber != spglib.hallNumber
                        || ours.internationalSymbol != spglib.spaceGroupSymbol || ours.pointGroup != spglib.pointGroup {
                orbitsDiffer += 1
                lines.append("\(name) (\(ours.spaceGroupNumber)): orbits differ")
            } else {
                same += 1
            }
        }
        for line in lines.prefix(show) { print(line) }
        print("structures: \(cases.count); same: \(same); space group differs: \(numberDiffers); letters differ: \(lettersDiffer); orbits differ: \(orbitsDiffer); found by one only: \(failures)")
    }
}
