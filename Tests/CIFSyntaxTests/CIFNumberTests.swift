import Testing
@testable import CIFSyntax

/// The one-pass reader of plain decimals must give exactly what the general reader gives, for any text.
@Suite struct CIFNumberTests {
    static func same(_ a: (value: Double, uncertainty: Double?)?, _ b: (value: Double, uncertainty: Double?)?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.value.bitPattern == y.value.bitPattern && x.uncertainty?.bitPattern == y.uncertainty?.bitPattern
        default: return false
        }
    }

    @Test("edge cases: signs, bare dots, empty and repeated uncertainties, trailing text, long mantissas")
    func edges() {
        let texts = ["0", "-0.0", "+1", "-.5", "5.", ".", "-", "+.", "1.2.3", "5(", "5()", "5(1)", "5(1)x", "5(1)(2)", "(1)",
                     "0.1234567890123456", "123456789012345", "1234567890123456", "0.0000000000000000000001234",
                     "1e3", "1.5(3)", "-0.25(12)", "1..2", "--1", "1-2", "12a", "0.30000000000000004", "9007199254740993"]
        for text in texts {
            let bytes = Array(text.utf8)
            #expect(Self.same(CIFNumber.parse(bytes), CIFNumber.general(bytes)), "\(text)")
        }
        #expect(CIFNumber.parse(Array("-0.25(12)".utf8))!.uncertainty == 0.12)
        #expect(CIFNumber.parse(Array("5()".utf8))! == (5, nil))
    }

    @Test("200,000 random texts over digits, signs, dots, parentheses and exponents")
    func randomTexts() {
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("0123456789012345678901234567890123456789..-+()eE".utf8)
        var disagreements = [String]()
        for _ in 0..<200_000 {
            let bytes = (0..<(1 + next(24))).map { _ in alphabet[next(alphabet.count)] }
            if !Self.same(CIFNumber.parse(bytes), CIFNumber.general(bytes)) { disagreements.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }
}
