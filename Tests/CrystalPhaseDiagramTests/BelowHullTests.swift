import Foundation
import Testing
import CrystalHull
import CrystalModel

/// `e_below_hull` of every stable MP entry against pymatgen (oracle/phase_diagram_oracle.py below).
@Suite(.enabled(if: PhaseOracle.available, "needs ../shared/data"))
struct BelowHullTests {
    @Test("every stable MP entry: e_below_hull equals pymatgen's exact value to 1e-6 eV/atom, and its SLSQP value wherever that one converged")
    func materialsProject() throws {
        let text = String(decoding: PhaseOracle.bytes(PhaseOracle.fixtures.appendingPathComponent("mp_e_below_hull.csv.gz")), as: UTF8.self)
        var answers = [String: (separation: Double, exact: Double)]()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 3, let separation = Double(fields[1]), let exact = Double(fields[2]) else { continue }
            answers[String(fields[0])] = (separation, exact)
        }
        #expect(answers.count == 30392)
        let entries = PhaseOracle.materialsProject.map(\.entry)
        let results = StabilityEngine().compute(entries)
        var compared = 0, worstExact = 0.0, slsqpShort = 0, slsqpAgrees = 0, notVertex = [String](), extra = [String]()
        for (entry, result) in zip(entries, results) {
            guard let answer = answers[entry.id] else {
                if result.isHullVertex { extra.append(entry.id) }
                continue
            }
            guard result.isHullVertex, let below = result.energyBelowHull else {
                notVertex.append(entry.id)
                continue
            }
            compared += 1
            // pymatgen's sign: the entry minus its competing phases (negative for a stable entry).
            worstExact = max(worstExact, abs(below + answer.exact))
            if abs(below + answer.separation) <= 1e-6 {
                slsqpAgrees += 1
            } else {
                // SLSQP stopped above the minimum: its phases lie higher than the exact hull, never lower.
                #expect(-answer.separation > below, "\(entry.id): SLSQP \(answer.separation), ours \(-below)")
                slsqpShort += 1
            }
        }
        #expect(notVertex.isEmpty, "\(notVertex.prefix(5))")
        #expect(extra.isEmpty, "\(extra.prefix(5))")
        #expect(compared == 30392)
        #expect(worstExact < 1e-6, "worst difference from the rebuilt hull: \(worstExact)")
        // Exactly the entries where pymatgen's SLSQP and pymatgen's own rebuilt hull disagree beyond 1e-6.
        let slsqpOff = answers.values.filter { abs($0.separation - $0.exact) > 1e-6 }.count
        #expect(slsqpShort == slsqpOff)
        #expect(slsqpAgrees + slsqpShort == 30392)
        try? "compared \(compared); worst |ours - exact| \(worstExact); SLSQP agrees \(slsqpAgrees), stops short \(slsqpShort)\n"
            .write(toFile: "/tmp/crystaldb-phase-below-report.txt", atomically: true, encoding: .utf8)
    }
}
