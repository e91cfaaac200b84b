import CrystalImport
import CrystalModel
import CrystalStore
import CrystalSymmetry

/// Symmetry for the store: spglib's analysis of an ordered structure, or what the file declares for a
/// disordered one; and the fingerprint that buckets candidate duplicates.
enum SymmetryFingerprint {
    static func record(_ read: ReadStructure, reducedFormula: String, symprec: Double) -> SymmetryRecord? {
        record(read.structure, declaredNumber: read.declaredSpaceGroupNumber, declaredSymbol: read.declaredSpaceGroupSymbol,
               reducedFormula: reducedFormula, symprec: symprec)
    }

    static func record(_ structure: Structure, declaredNumber: Int?, declaredSymbol: String?, reducedFormula: String,
                       symprec: Double) -> SymmetryRecord? {
        if let info = SymmetryAnalyzer.analyze(structure, symprec: symprec) {
            return SymmetryRecord(spaceGroupNumber: info.spaceGroupNumber, spaceGroupSymbol: info.spaceGroupSymbol,
                                  hallNumber: info.hallNumber, pointGroup: info.pointGroup, crystalSystem: info.crystalSystem.rawValue,
                                  wyckoffSequence: info.wyckoffSequence(of: structure),
                                  fingerprint: fingerprint(structure, info, reducedFormula: reducedFormula), symprec: symprec, detected: true)
        }
        guard let number = declaredNumber else { return nil }
        // Symbols as spglib writes them for detected groups (`Fm-3m`, not the file's `F m -3 m`), so one query finds both.
        let standard = SpaceGroupTable.standardSetting(number: number)
        return SymmetryRecord(spaceGroupNumber: number, spaceGroupSymbol: standard?.shortSymbol ?? declaredSymbol, hallNumber: nil,
                              pointGroup: standard?.pointGroup,
                              crystalSystem: CrystalSystem(spaceGroupNumber: number).rawValue, wyckoffSequence: nil,
                              fingerprint: nil, symprec: nil, detected: false)
    }

    /// `reduced formula|space group|per element, sorted orbit sizes divided by their common divisor`:
    /// the same crystal in a primitive, conventional or super cell, or with its origin shifted, gets the same
    /// fingerprint (orbit sizes scale together; Wyckoff letters can change with the origin, sizes cannot).
    static func fingerprint(_ structure: Structure, _ info: SymmetryInfo, reducedFormula: String) -> String {
        var orbitSizes = [Int: Int]()
        for representative in info.equivalentSites { orbitSizes[representative, default: 0] += 1 }
        var divisor = 0
        for size in orbitSizes.values { divisor = gcd(divisor, size) }
        var perElement = [String: [Int]]()
        for (representative, size) in orbitSizes {
            perElement[structure.sites[representative].occupants[0].element.symbol, default: []].append(size / max(divisor, 1))
        }
        let orbits = perElement.keys.sorted().map { "\($0):" + perElement[$0]!.sorted().map(String.init).joined(separator: ",") }
        return "\(reducedFormula)|\(info.spaceGroupNumber)|" + orbits.joined(separator: ";")
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
