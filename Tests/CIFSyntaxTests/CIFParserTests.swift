import Testing
@testable import CIFSyntax

@Suite struct CIFParserTests {
    func parse(_ text: String) -> CIFParser.Result { CIFParser.parse(Array(text.utf8)) }

    @Test("pairs, loops, quotes and text fields keep their lines")
    func basic() throws {
        let result = parse("data_x\n_cell_length_a 5.43(2)\n_name 'it''s here'\nloop_\n_a\n_b\n1 \"two words\"\n3 ?\n_text\n;\nline one\n;\n")
        #expect(result.errors.isEmpty)
        let block = try #require(result.document.blocks.first)
        #expect(block.name == "x")
        let a = try #require(block.value("_cell_length_a"))
        #expect(result.document.number(a) == 5.43)
        #expect(a.line == 2)
        #expect(result.document.string(block.value("_name")!) == "it''s here")
        let loop = try #require(block.loop(containing: "_b"))
        #expect(loop.rowCount == 2)
        #expect(result.document.string(loop.value(row: 0, column: 1)) == "two words")
        #expect(loop.value(row: 1, column: 1).kind == .unknown)
        let text = try #require(block.value("_text"))
        #expect(text.kind == .textField)
        #expect(result.document.string(text) == "\nline one")
        #expect(text.line == 10)
    }

    @Test("CR, CRLF and LF count lines alike; Ctrl-Z ends the input")
    func lineEnds() throws {
        for separator in ["\n", "\r", "\r\n"] {
            let text = ["data_a", "_x 1", "_y 2"].joined(separator: separator) + separator + "\u{1A}garbage"
            let result = parse(text)
            #expect(result.errors.isEmpty)
            #expect(result.document.blocks[0].value("_y")?.line == 3)
        }
    }

    @Test("a loop with a wrong value count is an error at the loop's line, and the next block survives")
    func badLoopCount() throws {
        let result = parse("data_bad\nloop_\n_a\n_b\n1 2 3\ndata_good\n_x 1\n")
        #expect(result.errors.count == 1)
        #expect(result.errors[0].line == 2)
        #expect(result.errors[0].block == "bad")
        #expect(result.errors[0].reason.contains("not a multiple of 2"))
        #expect(result.document.blocks.map(\.name) == ["good"])
    }

    @Test("text before the first data_ header is a located warning and the block after it is kept")
    func noHeader() {
        let result = parse("Supplementary material\ndata_a\n_x 1\n")
        #expect(result.errors.isEmpty)
        #expect(result.warnings.first?.reason.contains("before the first data_") == true)
        #expect(result.warnings.first?.line == 1)
        #expect(result.document.blocks.map(\.name) == ["a"])
        #expect(parse("hello\n").document.blocks.isEmpty)
    }

    @Test("a value without a tag is skipped with a warning; the block survives")
    func strayValue() {
        let result = parse("data_a\n_x 1\nstray\n_y 2\n")
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.line) == [3])
        #expect(result.document.blocks[0].value("_y") != nil)
    }

    @Test("unterminated quote and text field are located")
    func unterminated() {
        #expect(parse("data_a\n_x 'abc\n").errors.first?.line == 2)
        let field = parse("data_a\n_x\n;\nnever closed\n")
        #expect(field.errors.first?.line == 3)
        #expect(field.errors.first?.reason.contains("text field") == true)
    }

    @Test("CIF 1.1 quote rule: an embedded quote not followed by space does not close the string")
    func embeddedQuote() throws {
        let result = parse("data_a\n_x 'O'Neil' _y 2\n")
        #expect(result.errors.isEmpty)
        #expect(result.document.string(result.document.blocks[0].value("_x")!) == "O'Neil")
    }

    @Test("CIF2 lists and triple quotes")
    func cif2() throws {
        let result = parse("#\\#CIF_2.0\ndata_a\n_list [1 2 [3 4]]\n_t '''multi\nline'''\n_z 5\n")
        #expect(result.errors.isEmpty)
        #expect(result.document.isCIF2)
        let block = result.document.blocks[0]
        #expect(block.value("_list")?.kind == .container)
        #expect(result.document.string(block.value("_t")!) == "multi\nline")
        #expect(block.value("_z")?.line == 6)
    }

    @Test("tags are case-insensitive; save frames are kept apart")
    func saveFrames() {
        let result = parse("data_a\n_Cell_Length_A 1\nsave_frame\n_inner 2\nsave_\n")
        #expect(result.errors.isEmpty)
        #expect(result.document.blocks[0].value("_cell_length_a") != nil)
        #expect(result.document.blocks[0].saveFrames.count == 1)
        #expect(result.document.blocks[0].value("_inner") == nil)
    }

    @Test("numbers with standard uncertainty", arguments: [
        ("1.234(5)", 1.234, 0.005), ("-0.5", -0.5, nil), ("12(3)", 12.0, 3.0), ("1e-3", 0.001, nil), (".25", 0.25, nil),
    ] as [(String, Double, Double?)])
    func numbers(text: String, value: Double, su: Double?) throws {
        let parsed = try #require(CIFNumber.parse(Array(text.utf8)))
        #expect(parsed.value == value)
        if let su { #expect(abs(parsed.uncertainty! - su) < 1e-12) } else { #expect(parsed.uncertainty == nil) }
    }

    @Test("non-numbers are nil", arguments: ["abc", "1.2.3", "1(2", "", "-", "1/2", "nan", "inf"])
    func notNumbers(text: String) {
        #expect(CIFNumber.parse(Array(text.utf8)) == nil)
    }
}
