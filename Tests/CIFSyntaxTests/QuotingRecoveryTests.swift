import Testing
@testable import CIFSyntax

/// Two common quoting errors read leniently where the intent is unambiguous, with a located warning; strict
/// errors where it is not.
@Suite struct QuotingRecoveryTests {
    func parse(_ text: String) -> CIFParser.Result { CIFParser.parse(Array(text.utf8)) }

    @Test("a closing quote followed by a comma ends the value at the quote")
    func quoteComma() throws {
        let result = parse("data_m\nloop_\n_publ_author_name\n'H. Furukawa',\n'O.M. Yaghi'\n_x 1\n")
        #expect(result.errors.isEmpty)
        let loop = try #require(result.document.blocks.first?.loop(containing: "_publ_author_name"))
        #expect(loop.rowCount == 2)
        #expect(result.document.string(loop.value(row: 0, column: 0)) == "H. Furukawa")
        #expect(result.document.string(loop.value(row: 1, column: 0)) == "O.M. Yaghi")
        #expect(result.warnings.map(\.description) == ["line 4 in data_m: closing quote followed by ','; the value ends at the quote (read leniently)"])
        #expect(result.document.blocks[0].value("_x")?.line == 6)
    }

    @Test("an apostrophe inside keeps the last quote as the end: 'O'Neil',")
    func apostropheThenComma() throws {
        let result = parse("data_m\n_name 'O'Neil',\n")
        #expect(result.errors.isEmpty)
        #expect(result.document.string(result.document.blocks[0].value("_name")!) == "O'Neil")
    }

    @Test("a quoted string over a line end is one value, line ends kept, lines still counted")
    func overLineEnd() throws {
        let result = parse("data_t\n_title 'first part\n second part'\n_next 2\n")
        #expect(result.errors.isEmpty)
        let block = try #require(result.document.blocks.first)
        #expect(result.document.string(block.value("_title")!) == "first part\n second part")
        #expect(block.value("_title")?.line == 2)
        #expect(block.value("_next")?.line == 4)
        #expect(result.warnings.first?.description == "line 2 in data_t: quoted string runs over 1 line end; read as one value up to the closing quote on line 3 (read leniently)")
    }

    @Test("ambiguous cases stay errors at the opening line", arguments: [
        // The next line is a tag: the quote is an apostrophe.
        ("data_a\n_name 'Yaghi's framework\n_cell 8\n", 2),
        // Text after the stray closing quote.
        ("data_a\n_name 'a', b\n", 2),
        // The next line holds two quotes: which one closes is unclear.
        ("data_a\nloop_\n_a\n_b\n'open 1\n'x' 2\n", 5),
        // A text field starts on the next line.
        ("data_a\n_name 'open\n;\ntext\n;\n", 2),
    ] as [(String, Int)])
    func ambiguous(text: String, line: Int) throws {
        let result = parse(text)
        let error = try #require(result.errors.first)
        #expect(error.line == line)
        #expect(error.reason == "unterminated quoted string")
    }

    @Test("CIF 2.0 files are not read leniently")
    func cif2Strict() {
        let result = parse("#\\#CIF_2.0\ndata_a\n_name 'open\n more'\n")
        #expect(result.errors.first?.reason == "unterminated quoted string")
    }
}
