import ArgumentParser
import Foundation
import CrystalImport
import CrystalMatch
import CrystalModel

/// Times duplicate grouping alone (reduction of every structure, then `group_structures`' leader algorithm
/// within buckets) on CIF files or a JSON-lines set, and, given pymatgen's answers for the same list
/// (`oracle/structure_matcher_oracle.py`), measures pairwise agreement with `StructureMatcher.fit`.
struct MatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Time duplicate grouping alone and measure agreement with pymatgen's StructureMatcher.")

    @Argument(help: "A folder of CIF files (read in sorted file-name order, id = file stem) or a .jsonl set.")
    var input: String

    @Option(help: "Answers prefix written by oracle/structure_matcher_oracle.py for the same list.")
    var answers: String?

    @Option(help: "Read at most this many structures.")
    var limit = Int.max

    @Option(help: "Worker threads.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Timed runs.")
    var runs = 3

    @Flag(help: "List every disagreement.")
    var verbose = false

    @Option(help: "StructureMatcher's ltol.")
    var ltol = 0.2

    @Option(help: "StructureMatcher's stol.")
    var stol = 0.3

    @Option(name: .customLong("angle-tol"), help: "StructureMatcher's angle_tol (degrees).")
    var angleTolerance = 5.0

    @Flag(inversion: .prefixedNo, help: "Reduce to primitive cells first.")
    var primitiveCell = true

    @Flag(inversion: .prefixedNo, help: "Scale both cells to the same volume.")
    var scale = true

    @Flag(help: "Try supercells when site counts differ.")
    var attemptSupercell = false

    var options: MatchOptions {
        var options = MatchOptions()
        options.lengthTolerance = ltol
        options.siteTolerance = stol
        options.angleTolerance = angleTolerance
        options.primitiveCell = primitiveCell
        options.scale = scale
        options.attemptSupercell = attemptSupercell
        return options
    }

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let entries = try Self.load(input, limit: limit)
        try options.validate()
        let matcher = StructureMatcher(options: options)
        var times = [Double]()
        var reduced = [ReducedStructure?]()
        var result: StructureGrouper.Result?
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            reduced = Self.reduceAll(entries.map(\.structure), matcher: matcher, jobs: jobs)
            result = StructureGrouper(matcher: matcher, jobs: jobs).group(reduced)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let median = times.sorted()[times.count / 2]
        guard let result else { return }
        let groups = Set(result.leader.compactMap { $0 }).count
        print("structures: \(entries.count); buckets: \(result.buckets); comparisons: \(result.comparisons)")
        print("groups: \(groups); duplicates: \(result.leader.compactMap { $0 }.count - groups)")
        print(String(format: "reduce + group: median %.3f s on %d threads", median, jobs))
        guard let answers else { return }
        var oracle = try OracleAnswers(prefix: answers)
        guard oracle.ids.count >= entries.count, Array(oracle.ids.prefix(entries.count)) == entries.map(\.id) else {
            throw ValidationError("answers list other structures than \(input)")
        }
        let formulas = entries.map { $0.structure.composition.reducedFormula }
        if oracle.ids.count > entries.count {
            // The first structures alone: their pairs, and the groups of that shorter list.
            oracle = oracle.prefix(entries.count, buckets: formulas.indices.map {
                options.attemptSupercell ? formulas[$0] : "\(formulas[$0])/\(oracle.reducedSiteCounts[$0])"
            })
        }
        print("oracle: \(oracle.header)")
        let agreement = MatchAgreement.measure(reduced, formulas: formulas, answers: oracle, matcher: matcher, jobs: jobs)
        print("reduced site counts differing from pymatgen's: \(agreement.reducedCountDifferences.count)")
        for i in agreement.reducedCountDifferences.prefix(verbose ? .max : 10) {
            print("  \(entries[i].id): crystaldb \(reduced[i]?.siteCount ?? -1), pymatgen \(oracle.reducedSiteCounts[i])")
        }
        print("pairs compared: \(agreement.pairs); pymatgen matches: \(agreement.bothMatch + agreement.missed.count); both: \(agreement.bothMatch)")
        print(String(format: "duplicates found: %.4f%%; missed: %d; false merges: %d (%.4f%% of crystaldb's matches)",
                     100 * agreement.foundFraction, agreement.missed.count, agreement.falseMerges.count, 100 * agreement.falseMergeFraction))
        for p in agreement.missed.prefix(verbose ? .max : 10) { print("  missed: \(entries[p.first].id) \(entries[p.second].id)") }
        for p in agreement.falseMerges.prefix(verbose ? .max : 10) { print("  false merge: \(entries[p.first].id) \(entries[p.second].id)") }
        let sameLeader = zip(result.leader, oracle.leaders).filter { $0.0 == $0.1 }.count
        let theirGroups = Set(oracle.leaders).count
        print("group_structures: pymatgen \(theirGroups) groups, \(oracle.leaders.count - theirGroups) duplicates; same leader for \(sameLeader) of \(oracle.leaders.count)")
    }

    static func load(_ input: String, limit: Int) throws -> [(id: String, structure: Structure)] {
        if input.hasSuffix(".jsonl") { return Array(try StructureLines.read(path: input).prefix(limit)) }
        let names = (try FileManager.default.contentsOfDirectory(atPath: input)).filter { $0.lowercased().hasSuffix(".cif") }.sorted().prefix(limit)
        var out = [(String, Structure)]()
        for name in names {
            let path = input + "/" + name
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            guard let first = CIFStructureReader.read(bytes: bytes, location: SourceLocation(path: path)).structures.first else { continue }
            out.append((String(name.dropLast(4)), first.structure))
        }
        return out
    }

    static func reduceAll(_ structures: [Structure], matcher: StructureMatcher, jobs: Int) -> [ReducedStructure?] {
        var out = [ReducedStructure?](repeating: nil, count: structures.count)
        let workers = max(1, min(jobs, structures.count))
        out.withUnsafeMutableBufferPointer { slots in
            // Workers write disjoint, interleaved slots.
            nonisolated(unsafe) let buffer = slots
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var k = worker
                while k < structures.count {
                    buffer[k] = matcher.reduce(structures[k])
                    k += workers
                }
            }
        }
        return out
    }
}
