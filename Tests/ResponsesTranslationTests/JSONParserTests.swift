import Foundation
import PropertyBased
import Testing

@testable import ResponsesTranslation

/// Parses through all three entry points and checks that they agree.
private func parseAll(_ bytes: [UInt8], maxDepth: Int = 256) -> Result<JSONValue, JSONParseError> {
    let fromBytes = Result { () throws(JSONParseError) in try JSONValue.parse(bytes, maxDepth: maxDepth) }
    let fromRaw = bytes.withUnsafeBytes { raw in
        Result { () throws(JSONParseError) in try JSONValue.parse(raw, maxDepth: maxDepth) }
    }
    #expect(fromBytes == fromRaw)
    if let text = String(validating: bytes, as: UTF8.self) {
        let fromString = Result { () throws(JSONParseError) in try JSONValue.parse(text, maxDepth: maxDepth) }
        #expect(fromBytes == fromString)
    }
    return fromBytes
}

private func parseError(_ text: String, maxDepth: Int = 256) -> JSONParseError? {
    if case .failure(let error) = parseAll(Array(text.utf8), maxDepth: maxDepth) { return error }
    return nil
}

struct AcceptCase: Sendable, CustomTestStringConvertible {
    var json: String
    var expected: JSONValue
    init(_ json: String, _ expected: JSONValue) { self.json = json; self.expected = expected }
    var testDescription: String { json.debugDescription }
}

struct RejectCase: Sendable, CustomTestStringConvertible {
    var bytes: [UInt8]
    var why: String
    init(_ json: String, _ why: String) { self.bytes = Array(json.utf8); self.why = why }
    init(bytes: [UInt8], _ why: String) { self.bytes = bytes; self.why = why }
    var testDescription: String { "\(why): \(String(decoding: bytes, as: UTF8.self).debugDescription)" }
}

@Suite struct JSONParserTests {
    // MARK: RFC 8259 conformance, in the style of JSONTestSuite's y_ and n_ cases

    static let accepted: [AcceptCase] = [
        // Structure and whitespace
        AcceptCase("[]", []),
        AcceptCase("{}", .object([:])),
        AcceptCase("[[]]", [[]]),
        AcceptCase(#"{"a":{}}"#, ["a": .object([:])]),
        AcceptCase(" \t\r\n[ 1 , 2 ]\n\r\t ", [1, 2]),
        AcceptCase("{ \"a\" :\n1 ,\t\"b\" : [ ] }", ["a": 1, "b": []]),
        AcceptCase(#"{"":0}"#, ["": 0]),
        AcceptCase(#"[1,[2,[3,{"x":[null]}]]]"#, [1, [2, [3, ["x": [nil]]]]]),
        // Top-level scalars (RFC 8259 allows any value)
        AcceptCase("0", .number("0")),
        AcceptCase("-0", .number("-0")),
        AcceptCase(" 42 ", .number("42")),
        AcceptCase("true", true),
        AcceptCase("false", false),
        AcceptCase("null", nil),
        AcceptCase(#""x""#, "x"),
        AcceptCase(#""""#, ""),
        // Numbers keep their literal text
        AcceptCase("[-1,1.5,1e10,1E+2,-1.0e-2,0.0,-0.0e-0,1E2]",
                   .array(["-1", "1.5", "1e10", "1E+2", "-1.0e-2", "0.0", "-0.0e-0", "1E2"].map(JSONValue.number))),
        AcceptCase("123456789012345678901234567890", .number("123456789012345678901234567890")),
        AcceptCase("1e-0400", .number("1e-0400")),
        // Escapes
        AcceptCase(#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        AcceptCase(#""\u0041\u00e9\u20AC\u0000""#, "Aé€\u{0}"),
        AcceptCase(#""a\u0000b""#, "a\u{0}b"),
        // Valid surrogate pairs, either case of hex digits
        AcceptCase(#""\uD83D\uDE00""#, "😀"),
        AcceptCase(#""\ud834\udd1e""#, "𝄞"),
        AcceptCase(#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        // Lone or misordered surrogates become U+FFFD
        AcceptCase(#""\uD800""#, "\u{FFFD}"),
        AcceptCase(#""\uDC00""#, "\u{FFFD}"),
        AcceptCase(#""\uD800x""#, "\u{FFFD}x"),
        AcceptCase(#""\uD800\u0041""#, "\u{FFFD}A"),
        AcceptCase(#""\uD800\n""#, "\u{FFFD}\n"),
        AcceptCase(#""\uD800\\""#, "\u{FFFD}\\"),
        AcceptCase(#""\uD800\uD800\uDC00""#, "\u{FFFD}\u{10000}"),
        AcceptCase(#""\uDE00\uD83D""#, "\u{FFFD}\u{FFFD}"),
        // Raw UTF-8, DEL and line separators need no escape
        AcceptCase("\"é中😀\u{7F}\u{2028}\"", "é中😀\u{7F}\u{2028}"),
        AcceptCase("{\"ключ\":\"значение\"}", ["ключ": "значение"]),
    ]

    @Test(arguments: accepted)
    func acceptsValidDocument(_ c: AcceptCase) throws {
        let value = try parseAll(Array(c.json.utf8)).get()
        #expect(value == c.expected)
    }

    static let rejected: [RejectCase] = [
        RejectCase("", "empty input"),
        RejectCase(" \n\t ", "whitespace only"),
        RejectCase("[1,]", "trailing comma in an array"),
        RejectCase(#"{"a":1,}"#, "trailing comma in an object"),
        RejectCase("[,1]", "leading comma"),
        RejectCase("[1,,2]", "double comma"),
        RejectCase("[1 2]", "missing comma"),
        RejectCase(#"{"a" 1}"#, "missing colon"),
        RejectCase(#"{"a":}"#, "missing value"),
        RejectCase(#"{"a":1 "b":2}"#, "missing comma between members"),
        RejectCase("{a:1}", "unquoted key"),
        RejectCase("{1:1}", "number key"),
        RejectCase("{'a':1}", "single-quoted key"),
        RejectCase("['a']", "single-quoted string"),
        RejectCase("{,}", "lone comma in an object"),
        RejectCase("[", "unclosed array"),
        RejectCase("{", "unclosed object"),
        RejectCase(#"{"a":1"#, "unclosed object after a member"),
        RejectCase(#"["a""#, "unclosed array after an element"),
        RejectCase("]", "lone closing bracket"),
        RejectCase("[1}", "mismatched brackets"),
        RejectCase(#"{"a":1]"#, "mismatched braces"),
        // Numbers
        RejectCase("01", "leading zero"),
        RejectCase("-01", "leading zero after minus"),
        RejectCase("00", "double zero"),
        RejectCase("[01.5]", "leading zero with fraction"),
        RejectCase("1.", "no digits after the point"),
        RejectCase("1.e5", "no digits between point and exponent"),
        RejectCase(".5", "no integer part"),
        RejectCase("-.5", "no integer part after minus"),
        RejectCase("-", "minus alone"),
        RejectCase("- 1", "space after minus"),
        RejectCase("+1", "plus sign"),
        RejectCase("1e", "no exponent digits"),
        RejectCase("1e+", "no exponent digits after sign"),
        RejectCase("1E-", "no exponent digits after minus"),
        RejectCase("1ee2", "double e"),
        RejectCase("0x10", "hex"),
        RejectCase("1_000", "digit separator"),
        RejectCase("NaN", "NaN"),
        RejectCase("Infinity", "Infinity"),
        RejectCase("[-Infinity]", "-Infinity"),
        // Literals
        RejectCase("tru", "truncated true"),
        RejectCase("t", "lone t"),
        RejectCase("nul", "truncated null"),
        RejectCase("fals", "truncated false"),
        RejectCase("True", "capitalised true"),
        RejectCase("NULL", "upper-case null"),
        RejectCase("[trux]", "misspelt true"),
        RejectCase("truex", "garbage after true"),
        RejectCase("nulll", "garbage after null"),
        // Strings
        RejectCase(#""abc"#, "unterminated string"),
        RejectCase(#""\""#, "escaped closing quote"),
        RejectCase(#""\"#, "backslash at the end"),
        RejectCase(#""\x""#, "invalid escape"),
        RejectCase(#""\'""#, "escaped single quote"),
        RejectCase(#""\U0041""#, "upper-case U escape"),
        RejectCase(#""\u12""#, "short \\u escape"),
        RejectCase(#""\u12G4""#, "non-hex digit"),
        RejectCase(#""\uD800\u12""#, "short escape after a high surrogate"),
        RejectCase(#""\uD800\u""#, "empty escape after a high surrogate"),
        RejectCase("\"a\tb\"", "unescaped tab"),
        RejectCase("\"a\nb\"", "unescaped newline"),
        RejectCase("\"a\u{0}b\"", "unescaped NUL"),
        RejectCase("\"\u{1F}\"", "unescaped U+001F"),
        RejectCase("\"a\\nb\u{1}\"", "unescaped control after an escape"),
        // Trailing garbage
        RejectCase("[] []", "two documents"),
        RejectCase("{}x", "garbage after an object"),
        RejectCase("1 2", "two numbers"),
        RejectCase(#""a""b""#, "two strings"),
        RejectCase("null,", "comma after the document"),
        RejectCase("[1]]", "extra closing bracket"),
        // Bytes that are not UTF-8 or not JSON
        RejectCase(bytes: [0x22, 0xFF, 0x22], "invalid byte 0xFF in a string"),
        RejectCase(bytes: [0x22, 0x80, 0x22], "lone continuation byte"),
        RejectCase(bytes: [0x22, 0xC3, 0x22], "truncated two-byte sequence"),
        RejectCase(bytes: [0x22, 0xE2, 0x82, 0x22], "truncated three-byte sequence"),
        RejectCase(bytes: [0x22, 0xF0, 0x9F, 0x98, 0x22], "truncated four-byte sequence"),
        RejectCase(bytes: [0x22, 0xC0, 0xAF, 0x22], "overlong '/'"),
        RejectCase(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], "overlong three-byte '/'"),
        RejectCase(bytes: [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], "overlong four-byte '/'"),
        RejectCase(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "UTF-8 encoded surrogate"),
        RejectCase(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "above U+10FFFF"),
        RejectCase(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "lead byte 0xF5"),
        RejectCase(bytes: [0x22, 0x5C, 0x6E, 0xFE, 0x22], "invalid byte after an escape"),
        RejectCase(bytes: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], "invalid byte in a key"),
        RejectCase(bytes: [0xFF], "invalid byte outside a string"),
        RejectCase(bytes: [0xEF, 0xBB, 0xBF, 0x31], "byte order mark"),
        RejectCase(bytes: [0x5B, 0x00, 0x5D], "NUL between tokens"),
    ]

    @Test(arguments: rejected)
    func rejectsInvalidDocument(_ c: RejectCase) {
        let result = parseAll(c.bytes)
        #expect(throws: JSONParseError.self) { try result.get() }
    }

    @Test func rejectsRawControlCharactersAtEveryPositionOfLongStrings() {
        // The string scan looks at eight bytes at a time; a control character must be caught at any offset,
        // before and after an escape.
        for control in [UInt8(0x00), 0x09, 0x0A, 0x1F] {
            for escape in ["", #"\n"#] {
                for position in 0..<24 {
                    var content = Array(escape.utf8) + Array(repeating: UInt8(ascii: "a"), count: 24)
                    content[escape.utf8.count + position] = control
                    let bytes = Array(#"{"k":""#.utf8) + content + Array(#""}"#.utf8)
                    guard case .failure(let error) = parseAll(bytes) else {
                        Issue.record("accepted a raw \(control) at \(position) after \(escape.debugDescription)")
                        continue
                    }
                    #expect(error.offset == 6 + escape.utf8.count + position)
                    #expect(error.reason == "unescaped control character in a string")
                }
            }
        }
    }

    /// Multi-byte sequences at the edges of the valid ranges, in short strings and in long ones (which
    /// take a different validation path).
    @Test(arguments: [
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    ] as [[UInt8]])
    func acceptsUTF8BoundaryScalars(_ sequence: [UInt8]) throws {
        for padding in [0, 3, 200] {
            let content = Array(repeating: UInt8(ascii: "a"), count: padding) + sequence
            let value = try parseAll([0x22] + content + [0x22]).get()
            #expect(value == .string(String(decoding: content, as: UTF8.self)))
            #expect(value.stringValue?.utf8.elementsEqual(content) == true)
        }
    }

    @Test(arguments: [(150, false, 150), (150, true, 150), (5, true, 2), (5, false, 2)])
    func reportsTheOffsetOfInvalidUTF8InShortAndLongStrings(prefix: Int, escaped: Bool, suffix: Int) {
        var bytes: [UInt8] = [0x22]
        if escaped { bytes += Array(#"\n"#.utf8) }
        bytes += Array(String(repeating: "é", count: prefix).utf8)
        let bad = bytes.count
        bytes += [0xED, 0xA0, 0x80] + Array(repeating: UInt8(ascii: "b"), count: suffix) + [0x22]
        guard case .failure(let error) = parseAll(bytes) else {
            Issue.record("accepted an encoded surrogate")
            return
        }
        #expect(error.offset == bad)
        #expect(error.reason == "invalid UTF-8 in a string")
        #expect(error.column == 1 + (escaped ? 2 : 0) + prefix + 1)
    }

    /// The validator agrees with the standard library's, and reports where the bad sequence starts.
    @Test func utf8ValidatorAgreesWithTheStandardLibrary() async {
        let pieces: [[UInt8]] = [
            [0x41], [0x7F], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0x80], [0xBF], [0xC0], [0xC1, 0xBF], [0xC2], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0], [0xED, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xEF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90], [0xF4, 0x90, 0x80, 0x80],
            [0xF5], [0xF8], [0xFF],
        ]
        let gen = Generator<[UInt8], Shrink.None<[UInt8]>>(run: { rng in
            var bytes: [UInt8] = []
            let count = Int.random(in: 0...60, using: &rng)
            for _ in 0..<count {
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
                } else {
                    // Runs of ASCII exercise the eight-bytes-at-a-time skip.
                    bytes += Array(repeating: UInt8.random(in: 0x20...0x7E, using: &rng), count: Int.random(in: 1...12, using: &rng))
                }
            }
            return bytes
        })
        await propertyCheck(count: 300, input: gen) { bytes in
            let found = bytes.withUnsafeBufferPointer { JSONParser.firstInvalidUTF8(in: $0) }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((found == nil) == valid)
            if let found {
                #expect(String(validating: bytes[..<found], as: UTF8.self) != nil, "everything before \(found) is valid")
            }
            // And the parser reports the same offset, after the opening quote.
            let json: [UInt8] = [0x22] + bytes.map { $0 == 0x22 || $0 == 0x5C ? 0x61 : $0 } + [0x22]
            switch parseAll(json) {
            case .success(let value): #expect(found == nil && value.stringValue != nil)
            case .failure(let error): #expect(error.offset == 1 + (found ?? -1))
            }
        }
    }

    // MARK: Depth

    @Test func nestingUpToMaxDepthIsAccepted() throws {
        let arrays = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(parseError(arrays) == nil)
        let objects = String(repeating: #"{"a":"#, count: 256) + "1" + String(repeating: "}", count: 256)
        #expect(parseError(objects) == nil)
        #expect(try JSONValue.parse("[[[]]]", maxDepth: 3) == [[[]]])
        #expect(try JSONValue.parse("1", maxDepth: 0) == 1)
    }

    @Test func nestingBeyondMaxDepthIsRejected() {
        let arrays = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        #expect(parseError(arrays)?.offset == 256)
        #expect(parseError("[[[[]]]]", maxDepth: 3)?.offset == 3)
        #expect(parseError("[]", maxDepth: 0)?.reason == "nesting deeper than 0 levels")
        #expect(parseError(#"{"a":{"b":{}}}"#, maxDepth: 2)?.offset == 10)
    }

    @Test func hostileDeepNestingIsRejectedWithoutCrashing() {
        let depth = 100_000
        let cases = [
            String(repeating: "[", count: depth),
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth),
            String(repeating: #"[{"a":"#, count: depth / 2),
        ]
        for text in cases {
            let error = parseError(text)
            #expect(error?.reason == "nesting deeper than 256 levels")
            #expect(error?.line == 1)
        }
    }

    /// Background threads on macOS get 512 KiB of stack. The deepest document the default limit admits
    /// must parse there, and deeper ones must be rejected there, even in a debug build; what the parser
    /// returns must also be serializable, comparable and freeable there.
    @Test func defaultMaxDepthFitsInASmallThreadStack() async {
        let texts = [
            String(repeating: "[", count: 256) + String(repeating: "]", count: 256),
            String(repeating: #"{"key":"#, count: 256) + #""x""# + String(repeating: "}", count: 256),
            String(repeating: #"[{"a":"#, count: 128) + "1" + String(repeating: "}]", count: 128),
            String(repeating: "[", count: 100_000),
            String(repeating: #"{"a":"#, count: 100_000),
        ]
        let outcomes: [Bool] = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: texts.map { text in
                    guard let value = try? JSONValue.parse(text) else { return false }
                    let again = try? JSONValue.parse(value.prettyPrinted())
                    return again == value && again?.hashValue == value.hashValue && value.serialized() == text
                })
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(outcomes == [true, true, true, false, false])
    }

    // MARK: Error positions

    @Test func reportsLineColumnAndOffset() {
        func check(_ text: String, offset: Int, line: Int, column: Int, reason: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
            let error = parseError(text)
            #expect(error == JSONParseError(offset: offset, line: line, column: column, reason: reason),
                    sourceLocation: sourceLocation)
        }
        check("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}", offset: 25, line: 3, column: 14, reason: "unexpected character ','")
        // Multi-byte characters count as one column each but as their UTF-8 length in the offset.
        check("[\"héllo\",\n \"日本語😀\", tru]", offset: 32, line: 2, column: 13, reason: "invalid literal, expected 'true'")
        check("[\"héllo\",\n \"日本語😀\", tru", offset: 32, line: 2, column: 13, reason: "unexpected end of input")
        check("[\n1,\n\"abc", offset: 5, line: 3, column: 1, reason: "unterminated string")
        check("{}\n\n  x", offset: 6, line: 3, column: 3, reason: "unexpected data after the document")
        check("[1,\n", offset: 4, line: 2, column: 1, reason: "unexpected end of input")
        check("[1,\r\n2,\r\n@]", offset: 9, line: 3, column: 1, reason: "unexpected character '@'")
        check("{\"a\":\n\"x\ty\"}", offset: 8, line: 2, column: 3, reason: "unescaped control character in a string")
        check("{\"ü\":\n  \"\\x\"}", offset: 10, line: 2, column: 4, reason: "invalid escape '\\x'")
        check("[01]", offset: 2, line: 1, column: 3, reason: "leading zeros are not allowed in numbers")
        check("{\"€\": 1.}", offset: 10, line: 1, column: 9, reason: "expected digits after '.'")
        check("{\"a\" 1}", offset: 5, line: 1, column: 6, reason: "expected ':' after an object key")
        check("{\"a\":1\n\n,}", offset: 9, line: 3, column: 2, reason: "expected a string key in an object")
        check("", offset: 0, line: 1, column: 1, reason: "unexpected end of input")
        check(String(repeating: "[", count: 300), offset: 256, line: 1, column: 257, reason: "nesting deeper than 256 levels")
    }

    @Test func reportsTheOffendingByteOfInvalidUTF8() {
        // {"ключ": "значение<FF>"}: 30 bytes but 18 scalars before the bad byte.
        let bytes = Array("{\"ключ\": \"значение".utf8) + [0xFF] + Array("\"}".utf8)
        guard case .failure(let error) = parseAll(bytes) else {
            Issue.record("accepted invalid UTF-8")
            return
        }
        #expect(error == JSONParseError(offset: 30, line: 1, column: 19, reason: "invalid UTF-8 in a string"))
        #expect(error.description == "invalid JSON at line 1, column 19 (byte 30): invalid UTF-8 in a string")
    }

    @Test func errorPositionsMatchTheMarkedSpot() async {
        // A document broken at a random place: everything before the mark is a valid prefix of an array of
        // strings with multi-byte characters and newlines; the error must point exactly at the mark.
        let gen = Generator<[String], Shrink.None<[String]>>(run: { rng in
            (0..<Int.random(in: 0...8, using: &rng)).map { _ in JSONGen.string(&rng, maxLength: 12) }
        })
        await propertyCheck(count: 100, input: gen) { strings in
            var prefix = "[\n"
            for s in strings { prefix += JSONValue.string(s).serialized() + ",\n  " }
            let error = parseError(prefix + "}")
            let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(error?.offset == prefix.utf8.count)
            #expect(error?.line == lines.count)
            #expect(error?.column == lines.last!.unicodeScalars.count + 1)
        }
    }

    // MARK: Objects

    @Test func duplicateKeysKeepTheFirstPositionAndTheLastValue() throws {
        let value = try JSONValue.parse(#"{"a":1,"b":2,"a":3,"c":4,"b":5}"#)
        #expect(value.objectValue?.count == 3)
        #expect(value.objectValue?.keys == ["a", "b", "c"])
        #expect(value.serialized() == #"{"a":3,"b":5,"c":4}"#)
    }

    @Test func duplicateKeysInLargeObjectsMatchTheSubscriptModel() async {
        // Keys from a small pool, so that long objects (past the parser's linear-scan limit) repeat keys.
        let gen = Generator<[(String, Int)], Shrink.None<[(String, Int)]>>(run: { rng in
            (0..<Int.random(in: 0...80, using: &rng)).map { i in ("k\(Int.random(in: 0..<30, using: &rng))", i) }
        })
        await propertyCheck(count: 100, input: gen) { pairs in
            let text = "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
            var model = JSONObject()
            for (key, value) in pairs { model[key] = .int(value) }
            let parsed = try JSONValue.parse(text).objectValue
            #expect(parsed?.keys == model.keys)
            #expect(parsed?.members == model.members)
            #expect(JSONObject(pairs.map { JSONObject.Member(key: $0.0, value: .int($0.1)) }).members == model.members)
        }
    }

    @Test func objectsWithManyKeysParseInLinearTime() throws {
        // Quadratic duplicate detection takes minutes here; linear takes well under a second.
        let count = 100_000
        var text = "{"
        for i in 0..<count { text += "\"key\(i)\":\(i)," }
        text += "\"key0\":-1}"
        let clock = ContinuousClock()
        var object: JSONObject?
        let elapsed = try clock.measure { object = try JSONValue.parse(text).objectValue }
        #expect(object?.count == count)
        #expect(object?["key0"] == -1)
        #expect(object?.keys.last == "key\(count - 1)")
        #expect(elapsed < .seconds(10))
    }

    // MARK: Buffers

    @Test func neverReadsPastTheEndOfTheBuffer() throws {
        // The string scan reads eight bytes at a time; a buffer that ends mid-string must not be read past.
        let full = Array(#""abcdefghijklmnop"xyz"#.utf8)
        for end in 1..<18 {
            let error = full.withUnsafeBytes { raw in
                Result { () throws(JSONParseError) in try JSONValue.parse(UnsafeRawBufferPointer(rebasing: raw[0..<end])) }
            }
            #expect(throws: JSONParseError.self, "prefix of \(end) bytes") { try error.get() }
        }
        let whole = try full.withUnsafeBytes { raw in try JSONValue.parse(UnsafeRawBufferPointer(rebasing: raw[0..<18])) }
        #expect(whole == "abcdefghijklmnop")
        #expect(throws: JSONParseError.self) { try JSONValue.parse(UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    @Test func longStringsWithAndWithoutEscapes() throws {
        let plain = String(repeating: "0123456789abcdef", count: 1000)
        #expect(try JSONValue.parse("\"\(plain)\"") == .string(plain))
        let text = String(repeating: "line \"quoted\" — ünïcødé 😀\tand\\more\n", count: 500)
        #expect(try JSONValue.parse(JSONValue.string(text).serialized()) == .string(text))
        #expect(try JSONValue.parse(#"["\#(plain)\n"]"#) == [.string(plain + "\n")])
    }
}
