import CrystalHull
import CrystalModel

/// Results of a large hull run kept compactly (about 70 bytes per entry instead of a `StabilityResult`'s
/// 150) until the engine has finished, so that they can be written in row-key order: SQLite then rewrites
/// each table page once instead of once per entry.
struct PendingHullResults {
    private var formation: [Double]
    private var aboveHull: [Double]
    private var aboveReference: [Double]
    private var flags: [UInt8]
    /// Each kept entry's decomposition: where its phases start in `phases`/`fractions`, and how many.
    private var decompositionStart: [Int32]
    private var decompositionCount: [UInt8]
    private var phases: [Int32] = []
    private var fractions: [Double] = []
    /// Decompositions too large for the compact form (more than 255 phases, or past 2^31 phases in all).
    private var overflow: [Int: [(entry: Int, fraction: Double)]] = [:]
    private var missing: [Int: [Element]] = [:]
    /// Hull vertices' energy below the hull of the others and that hull's phases (a minority of the entries).
    private var below: [Int: (energy: Double, competing: [(entry: Int, fraction: Double)])] = [:]

    private enum Flag {
        static let kept: UInt8 = 1, formation: UInt8 = 2, aboveHull: UInt8 = 4, aboveReference: UInt8 = 8
        static let vertex: UInt8 = 16, referenceVertex: UInt8 = 32
    }

    init(count: Int) {
        formation = [Double](repeating: 0, count: count)
        aboveHull = [Double](repeating: 0, count: count)
        aboveReference = [Double](repeating: 0, count: count)
        flags = [UInt8](repeating: 0, count: count)
        decompositionStart = [Int32](repeating: 0, count: count)
        decompositionCount = [UInt8](repeating: 0, count: count)
    }

    mutating func keep(_ position: Int, _ result: StabilityResult) {
        var flag = Flag.kept
        if let value = result.formationEnergyPerAtom { formation[position] = value; flag |= Flag.formation }
        if let value = result.energyAboveHull { aboveHull[position] = value; flag |= Flag.aboveHull }
        if let value = result.energyAboveReferenceHull { aboveReference[position] = value; flag |= Flag.aboveReference }
        if result.isHullVertex { flag |= Flag.vertex }
        if result.isReferenceHullVertex { flag |= Flag.referenceVertex }
        flags[position] = flag
        if !result.missingReferences.isEmpty { missing[position] = result.missingReferences }
        if let energy = result.energyBelowHull { below[position] = (energy, result.competingDecomposition) }
        guard let count = UInt8(exactly: result.decomposition.count), let start = Int32(exactly: phases.count),
              phases.count + result.decomposition.count < Int(Int32.max),
              result.decomposition.allSatisfy({ Int32(exactly: $0.entry) != nil }) else {
            overflow[position] = result.decomposition
            return
        }
        decompositionStart[position] = start
        decompositionCount[position] = count
        for phase in result.decomposition {
            phases.append(Int32(truncatingIfNeeded: phase.entry))
            fractions.append(phase.fraction)
        }
    }

    func isKept(_ position: Int) -> Bool { flags[position] & Flag.kept != 0 }

    /// The kept result at `position` (decomposition phases as entry positions, as the engine gave them).
    func result(_ position: Int) -> StabilityResult {
        let flag = flags[position]
        var result = StabilityResult()
        if let large = overflow[position] {
            result.decomposition = large
        } else {
            let start = Int(decompositionStart[position]), count = Int(decompositionCount[position])
            result.decomposition = (start..<(start + count)).map { (Int(phases[$0]), fractions[$0]) }
        }
        result.formationEnergyPerAtom = flag & Flag.formation != 0 ? formation[position] : nil
        result.energyAboveHull = flag & Flag.aboveHull != 0 ? aboveHull[position] : nil
        result.energyAboveReferenceHull = flag & Flag.aboveReference != 0 ? aboveReference[position] : nil
        result.isHullVertex = flag & Flag.vertex != 0
        result.isReferenceHullVertex = flag & Flag.referenceVertex != 0
        result.missingReferences = missing[position] ?? []
        if let (energy, competing) = below[position] {
            result.energyBelowHull = energy
            result.competingDecomposition = competing
        }
        return result
    }
}
