@testable import ConfigSync
import Testing

/// The surgical editor: each edit changes only its own bytes, TOMLKit agrees with the result, and
/// removing an inserted key gives back the original byte for byte.
@Suite struct TOMLEditsTests {
    /// Inserts `key = value` into `table`, checks the result, removes it again.
    private func roundTrip(_ original: String, table: [String], key: String, value: String) throws -> String {
        let layout = try TOMLScanner.layout(of: original)
        let literal = TOMLLiteral.string(value)
        let inserted = [try TOMLEdits(layout).insert(key: key, literal: literal, intoTable: table)].applied(to: original)
        #expect(try TOMLCheck(inserted).string(at: table + [key]) == value)
        let again = try TOMLScanner.layout(of: inserted)
        let entry = try #require(again.entry(table + [key]))
        #expect([TOMLEdits(again).remove(entry)].applied(to: inserted) == original)
        return inserted
    }

    @Test func insertsAfterTheLastKeyOfASectionWithItsIndentation() throws {
        let original = "[a]\n  x = 1 # one\n  y = [\n    2,\n  ]\n\n[b]\nz = 3\n"
        let inserted = try roundTrip(original, table: ["a"], key: "k", value: "v")
        #expect(inserted == "[a]\n  x = 1 # one\n  y = [\n    2,\n  ]\n  k = \"v\"\n\n[b]\nz = 3\n")
    }

    @Test func insertsIntoAnEmptySectionAndAtTheEndOfAFileWithoutNewline() throws {
        #expect(try roundTrip("[a]\n[b]\nz = 3", table: ["a"], key: "k", value: "v") == "[a]\nk = \"v\"\n[b]\nz = 3")
        #expect(try roundTrip("[b]\nz = 3", table: ["b"], key: "k", value: "v") == "[b]\nz = 3\nk = \"v\"")
        #expect(try roundTrip("[b]", table: ["b"], key: "k", value: "v") == "[b]\nk = \"v\"")
    }

    @Test func insertsIntoInlineTables() throws {
        #expect(try roundTrip("p = { a = 1 , b = 2 }\n", table: ["p"], key: "k", value: "v") == "p = { a = 1 , b = 2, k = \"v\" }\n")
        #expect(try roundTrip("p = {}\n", table: ["p"], key: "k", value: "v") == "p = { k = \"v\"}\n")
        #expect(try roundTrip("p = { }\n", table: ["p"], key: "k", value: "v") == "p = { k = \"v\" }\n")
        #expect(try roundTrip("[t]\np = { q = { r = 1 } }\n", table: ["t", "p", "q"], key: "k", value: "v")
            == "[t]\np = { q = { r = 1, k = \"v\" } }\n")
    }

    @Test func insertsNextToDottedKeys() throws {
        let original = "[model_providers]\ncustom.name = \"m\"\ncustom.base_url = \"u\"\nother.name = \"o\"\n"
        #expect(try roundTrip(original, table: ["model_providers", "custom"], key: "wire_api", value: "responses")
            == "[model_providers]\ncustom.name = \"m\"\ncustom.base_url = \"u\"\ncustom.wire_api = \"responses\"\nother.name = \"o\"\n")
    }

    @Test func insertsTopLevelKeysAboveTheFirstTableAndItsComments() throws {
        let original = "# header comment\n\n# about a\n[a]\nx = 1\n"
        #expect(try roundTrip(original, table: [], key: "model", value: "m") == "# header comment\n\nmodel = \"m\"\n# about a\n[a]\nx = 1\n")
        #expect(try roundTrip("top = 1\r\n[a]\r\n", table: [], key: "k", value: "v") == "top = 1\r\nk = \"v\"\r\n[a]\r\n")
    }

    @Test func replacesOnlyTheValueAndKeepsLiteralQuoting() throws {
        let original = "[p]\nbase_url   =   'https://a.example/v1'   # keep me\n"
        let layout = try TOMLScanner.layout(of: original)
        let entry = try #require(layout.entry(["p", "base_url"]))
        let literal = TOMLLiteral.string("http://127.0.0.1:9876/v1", replacing: String(decoding: layout.bytes[entry.valueRange], as: UTF8.self))
        let edited = [TOMLEdits(layout).replaceValue(of: entry, with: literal)].applied(to: original)
        #expect(edited == "[p]\nbase_url   =   'http://127.0.0.1:9876/v1'   # keep me\n")
    }

    @Test func mapsEveryKindOfValueWithoutLosingItsPlace() throws {
        let text = #"""
            a = """multi
            line "quoted" \""" """"
            b = '''raw
            ''text'''''
            c = [ [1, 2], { x = "}" }, "]" ] # comment
            d = 1979-05-27 07:32:00Z
            e = { "quoted.key" = true, 'lit' = false }
            "dotted"."key" = "\u00e9\t"
            [[arr]]
            name = "first"
            [arr.sub]
            v = 1
            [[arr]]
            name = "second"
            [after]
            last = -1_000
            """#
        let layout = try TOMLScanner.layout(of: text)
        #expect(layout.entry(["c"])?.value == .other)
        #expect(layout.entry(["e", "quoted.key"])?.value == .boolean(true))
        #expect(layout.entry(["e", "lit"])?.value == .boolean(false))
        #expect(layout.entry(["dotted", "key"])?.value == .string("é\t"))
        #expect(layout.entry(["arr", "name"]) == nil)
        #expect(layout.entry(["after", "last"]) != nil)
        let d = try #require(layout.entry(["d"]))
        #expect(String(decoding: layout.bytes[d.valueRange], as: UTF8.self) == "1979-05-27 07:32:00Z")
    }

    @Test func refusesWhatItCannotMap() {
        #expect(throws: TOMLScanError.self) { try TOMLScanner.layout(of: "a = \"unterminated\n") }
        #expect(throws: TOMLScanError.self) { try TOMLScanner.layout(of: "a = 1 b = 2\n") }
        #expect(throws: TOMLScanError.self) { try TOMLScanner.layout(of: "[a\n") }
    }
}
