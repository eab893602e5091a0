import PropertyBased
import Testing
@testable import ResponsesTranslation

@Suite struct TextToolCallScannerTests {
    // MARK: - Syntaxes

    @Test func toolCallWithFunctionFollowedByText() {
        let input = "Let me look.\n<tool_call>\n<function=shell>\n<parameter=command>\nls -la\n</parameter>\n</function>\n</tool_call>\nDone."
        #expect(scan(input) == [.text("Let me look.\n"), call("shell", ["command": "ls -la"]), .text("\nDone.")])
    }

    @Test func twoFunctionsInOneToolCallEnvelope() {
        let input = """
            <tool_call>
            <function=shell>
            <parameter=command>
            pwd
            </parameter>
            </function>
            <function=read_file>
            <parameter=path>
            README.md
            </parameter>
            </function>
            </tool_call>
            """
        #expect(scan(input) == [call("shell", ["command": "pwd"]), call("read_file", ["path": "README.md"])])
    }

    @Test func twoInvokesInOnePrefixedFunctionCallsEnvelope() {
        let input = """
            <tml:function_calls>
            <tml:invoke name="shell">
            <tml:parameter name="command">git status</tml:parameter>
            </tml:invoke>
            <tml:invoke name="read_file">
            <tml:parameter name="path">a.txt</tml:parameter>
            <tml:parameter name="limit">20</tml:parameter>
            </tml:invoke>
            </tml:function_calls>
            """
        #expect(scan(input) == [
            call("shell", ["command": "git status"]),
            call("read_file", ["path": "a.txt", "limit": 20]),
        ])
    }

    @Test func twoEnvelopesWithTextAround() {
        let input = "A<tool_call><function=shell><parameter=command>one</parameter></function></tool_call>B"
            + "<function_calls><invoke name=\"shell\"><parameter name=\"command\">two</parameter></invoke></function_calls>C"
        #expect(scan(input) == [
            .text("A"), call("shell", ["command": "one"]), .text("B"), call("shell", ["command": "two"]), .text("C"),
        ])
    }

    @Test func bareInvokeWithoutWrapper() {
        let input = "Running:\n<invoke name=\"shell\">\n<parameter name=\"command\">make</parameter>\n</invoke>\n"
        #expect(scan(input) == [.text("Running:\n"), call("shell", ["command": "make"]), .text("\n")])
    }

    @Test(arguments: [
        #"<tool_call>{"name": "shell", "arguments": {"command": "ls", "timeout_ms": 100}}</tool_call>"#,
        #"<tool_call>{"name": "shell", "arguments": "{\"command\": \"ls\", \"timeout_ms\": 100}"}</tool_call>"#,
        #"<tool_call>{"name": "shell", "parameters": {"command": "ls", "timeout_ms": "100"}}</tool_call>"#,
        "<tool_call>\n  {\"name\":\"shell\",\n   \"arguments\":{\"command\":\"ls\",\"timeout_ms\":100}}\n</tool_call>",
    ])
    func toolCallWithJSONBody(input: String) {
        #expect(scan(input) == [call("shell", ["command": "ls", "timeout_ms": 100])])
    }

    @Test func compactToolcallWithJSONArguments() {
        let input = #"<toolcall><shell>{"command": "date", "login": true}</shell></toolcall> ok"#
        #expect(scan(input) == [call("shell", ["command": "date", "login": true]), .text(" ok")])
    }

    @Test func lenientSpellings() {
        // Uppercase tags, single-quoted attributes, stray newlines and indentation, missing </function>.
        let upper = "<TOOL_CALL>\n  <FUNCTION=shell>\n  <PARAMETER=command>ls</PARAMETER>\n</TOOL_CALL>"
        #expect(scan(upper) == [call("shell", ["command": "ls"])])
        let quoted = "<function_calls>\n\n  <invoke name='shell'>\n\t<parameter name='command'>ls</parameter>\n  </invoke>\n</function_calls>"
        #expect(scan(quoted) == [call("shell", ["command": "ls"])])
        let attributeForm = #"<tool_call><function name="shell"><parameter name="command">ls</parameter></function></tool_call>"#
        #expect(scan(attributeForm) == [call("shell", ["command": "ls"])])
        let jsonArguments = #"<tool_call><function=shell>{"command": "ls", "timeout_ms": "9"}</function></tool_call>"#
        #expect(scan(jsonArguments) == [call("shell", ["command": "ls", "timeout_ms": 9])])
    }

    @Test func parameterNameWrittenAsSingleElementArrayIsUnderstood() {
        let input = #"<tool_call><function=shell><parameter=["command"]>ls</parameter></function></tool_call>"#
        #expect(scan(input) == [call("shell", ["command": "ls"])])
    }

    @Test(arguments: [
        #"<tool_call><function=shell><parameter=["command","argv"]>ls</parameter></function></tool_call>"#,
        #"<tool_call><function=shell><parameter={"k":1}>ls</parameter></function></tool_call>"#,
        #"<tool_call><function=shell><parameter=two words>ls</parameter></function></tool_call>"#,
        #"<tool_call><function=shell><parameter=command>a</parameter><parameter=command>b</parameter></function></tool_call>"#,
        "<tool_call><function=shell><parameter=command>never closed</function></tool_call>",
        "<tool_call>I think I should run ls <function=shell></function></tool_call>",
        "<tool_call></tool_call>",
    ])
    func unclearEnvelopeIsReleasedUnchanged(input: String) {
        #expect(scan(input) == [.text(input)])
    }

    // MARK: - Only offered tools

    @Test(arguments: [
        "<tool_call><function=rm_rf><parameter=path>/</parameter></function></tool_call>",
        "<function_calls><invoke name=\"rm_rf\"><parameter name=\"path\">/</parameter></invoke></function_calls>",
        "<invoke name=\"rm_rf\"><parameter name=\"path\">/</parameter></invoke>",
        #"<tool_call>{"name": "rm_rf", "arguments": {}}</tool_call>"#,
        #"<toolcall><rm_rf>{"path": "/"}</rm_rf></toolcall>"#,
    ])
    func unknownToolIsReleasedUnchanged(input: String) {
        let text = "before " + input + " after"
        #expect(scan(text) == [.text(text)])
    }

    @Test func oneUnknownCallMakesTheWholeEnvelopeText() {
        let input = """
            <function_calls><invoke name="shell"><parameter name="command">ls</parameter></invoke>\
            <invoke name="rm_rf"><parameter name="path">/</parameter></invoke></function_calls>
            """
        #expect(scan(input) == [.text(input)])
    }

    @Test func unknownBareInvokeIsNotHeld() {
        var scanner = makeScanner()
        #expect(scanner.receive("Write <invoke name=\"x\">") == [.text("Write <invoke name=\"x\">")])
        #expect(!scanner.isHolding)
    }

    @Test func toolNameIsReportedAsOffered() {
        let input = "<tool_call><function=Shell><parameter=command>ls</parameter></function></tool_call>"
        #expect(scan(input) == [call("shell", ["command": "ls"])])
    }

    @Test func noToolsOfferedMeansNothingIsHeld() {
        var scanner = TextToolCallScanner(tools: [:])
        let input = "<tool_call><function=shell><parameter=command>ls</parameter></function></tool_call>"
        #expect(scanner.receive(input) == [.text(input)])
        #expect(!scanner.isHolding)
    }

    // MARK: - End of content

    @Test func unclosedEnvelopeAtEndThatIsValidBecomesACall() {
        let input = "Running it.\n<tool_call>\n<function=shell>\n<parameter=command>\nmake test\n</parameter>\n</function>\n"
        #expect(scan(input) == [.text("Running it.\n"), call("shell", ["command": "make test"])])
        let noFunctionClose = "<tool_call><function=shell><parameter=command>ls</parameter>"
        #expect(scan(noFunctionClose) == [call("shell", ["command": "ls"])])
        let invokes = "<function_calls><invoke name=\"shell\"><parameter name=\"command\">ls</parameter></invoke>"
        #expect(scan(invokes) == [call("shell", ["command": "ls"])])
    }

    @Test func unclosedEnvelopeAtEndThatIsInvalidIsReleasedAsText() {
        let input = "Running it.\n<tool_call>\n<function=shell>\n<parameter=command>\nmake te"
        var scanner = makeScanner()
        #expect(scanner.receive(input) == [.text("Running it.\n")])
        #expect(scanner.isHolding)
        #expect(scanner.finish() == [.text("<tool_call>\n<function=shell>\n<parameter=command>\nmake te")])
        #expect(!scanner.isHolding)
    }

    @Test func partialOpeningTagAtEndIsReleasedAsText() {
        var scanner = makeScanner()
        #expect(scanner.receive("see <tool_ca") == [.text("see ")])
        #expect(scanner.isHolding)
        #expect(scanner.finish() == [.text("<tool_ca")])
    }

    // MARK: - Streaming hold-back

    @Test func plainTextPassesStraightThrough() {
        var scanner = makeScanner()
        #expect(scanner.receive("Hello, wörld! 👋") == [.text("Hello, wörld! 👋")])
        #expect(scanner.receive("") == [])
        #expect(!scanner.isHolding)
        #expect(scanner.finish() == [])
    }

    @Test func comparisonInProseIsReleasedAfterTheNextCharacter() {
        var scanner = makeScanner()
        #expect(scanner.receive("if a <") == [.text("if a ")])
        #expect(scanner.isHolding)
        #expect(scanner.receive(" b then") == [.text("< b then")])
        #expect(!scanner.isHolding)
        #expect(scanner.receive("x<") == [.text("x")])
        #expect(scanner.receive("5") == [.text("<5")])
        #expect(!scanner.isHolding)
        #expect(scanner.receive("a<=b") == [.text("a<=b")])
    }

    @Test func htmlIsReleasedOnceItsTagCannotBeAnEnvelope() {
        var scanner = makeScanner()
        // `<div` could still be `<div:function_calls>`.
        #expect(scanner.receive("<div") == [])
        #expect(scanner.isHolding)
        #expect(scanner.receive(">hi</div>") == [.text("<div>hi</div>")])
        #expect(!scanner.isHolding)
        #expect(scanner.receive("< tool_call>") == [.text("< tool_call>")])
        #expect(scanner.receive("<tool_calls>") == [.text("<tool_calls>")])
    }

    @Test func openingTagSplitAcrossDeltasIsHeldThenRecognised() {
        var scanner = makeScanner()
        #expect(scanner.receive("Sure. <to") == [.text("Sure. ")])
        #expect(scanner.isHolding)
        #expect(scanner.receive("ol_call><function=shell><parameter=command>ls") == [])
        #expect(scanner.isHolding)
        #expect(scanner.receive("</parameter></function></tool") == [])
        #expect(scanner.receive("_call> Done") == [call("shell", ["command": "ls"]), .text(" Done")])
        #expect(!scanner.isHolding)
    }

    @Test func namespacePrefixIsHeldWhileItCouldOpenAnEnvelope() {
        var scanner = makeScanner()
        #expect(scanner.receive("<tml:function_ca") == [])
        #expect(scanner.isHolding)
        #expect(scanner.receive("ts>") == [.text("<tml:function_cats>")])
        #expect(!scanner.isHolding)
    }

    // MARK: - Values

    @Test func exactlyOneFormattingNewlineIsStrippedOnEachSide() {
        let input = "<tool_call><function=shell><parameter=command>\n\n  echo hi  \n\n</parameter></function></tool_call>"
        #expect(scan(input) == [call("shell", ["command": "\n  echo hi  \n"])])
        let crlf = "<tool_call><function=shell><parameter=command>\r\necho\r\n</parameter></function></tool_call>"
        #expect(scan(crlf) == [call("shell", ["command": "echo"])])
        let none = "<tool_call><function=shell><parameter=command> echo </parameter></function></tool_call>"
        #expect(scan(none) == [call("shell", ["command": " echo "])])
    }

    @Test func applyPatchBodyKeepsBlankLinesIndentationAndMarkup() {
        let patch = """
            *** Begin Patch
            *** Update File: src/main.swift
            @@ func run() {
            -    print("a < b")
            +    print("<b>a</b>")

            +
             }
            *** End Patch

            """
        let input = "<tool_call>\n<function=apply_patch>\n<parameter=input>\n\(patch)\n</parameter>\n</function>\n</tool_call>"
        #expect(scan(input) == [call("apply_patch", ["input": .string(patch)])])
        let heredoc = "cat <<'EOF' > f.txt\nline <one>\n\nEOF\n"
        let shell = "<invoke name=\"shell\"><parameter name=\"command\">\n\(heredoc)\n</parameter></invoke>"
        #expect(scan(shell) == [call("shell", ["command": .string(heredoc)])])
    }

    @Test func markupValuesAreCoercedBySchema() {
        let input = """
            <tool_call><function=shell>
            <parameter=command>ls</parameter>
            <parameter=timeout_ms>
            5000
            </parameter>
            <parameter=login>True</parameter>
            <parameter=argv>["ls", "-la"]</parameter>
            <parameter=env>{"A": "1"}</parameter>
            <parameter=extra>{"x": [1]}</parameter>
            <parameter=other>42</parameter>
            </function></tool_call>
            """
        #expect(scan(input) == [call("shell", [
            "command": "ls", "timeout_ms": 5000, "login": true, "argv": ["ls", "-la"], "env": ["A": "1"],
            "extra": ["x": [1]], "other": "42",
        ])])
    }

    @Test func valuesThatDoNotFitTheirTypeStayStrings() {
        let input = """
            <invoke name="shell"><parameter name="timeout_ms">5 s</parameter><parameter name="login">yes</parameter>\
            <parameter name="argv">[ls</parameter><parameter name="env">{oops}</parameter></invoke>
            """
        #expect(scan(input) == [call("shell", ["timeout_ms": "5 s", "login": "yes", "argv": "[ls", "env": "{oops}"])])
    }

    @Test func toolWithoutSchemaKeepsJSONStructuresAndStrings() {
        let input = "<invoke name=\"no_schema\"><parameter name=\"a\">[1, 2]</parameter><parameter name=\"b\">7</parameter></invoke>"
        #expect(scan(input) == [call("no_schema", ["a": [1, 2], "b": "7"])])
    }

    // MARK: - Bounded memory

    @Test func envelopeThatOutgrowsTheHoldLimitIsReleasedAsText() {
        let envelope = "<tool_call><function=shell><parameter=command>ls</parameter></function></tool_call>"
        let length = envelope.utf8.count
        // An envelope that fits the limit exactly is a call; one byte less and it is text. Text follows
        // so that the limit, not the end of content, decides; per-character feeding must agree.
        let input = envelope + " after"
        for deltas in [[input], input.map { String($0) }] {
            #expect(scan(deltas, holdLimit: length) == [call("shell", ["command": "ls"]), .text(" after")])
            #expect(scan(deltas, holdLimit: length - 1) == [.text(input)])
        }

        var scanner = makeScanner(holdLimit: 40)
        #expect(scanner.receive("<tool_call><function=shell>") == [])
        #expect(scanner.isHolding)
        let released = scanner.receive("<parameter=command>a long value")
        #expect(released == [.text("<tool_call><function=shell><parameter=command>a long value")])
        #expect(!scanner.isHolding)
    }

    @Test func oneMebibyteHoldLimit() {
        let oversized = "<tool_call><function=shell><parameter=command>" + String(repeating: "é", count: 600_000)
        let input = oversized + "</parameter></function></tool_call> then <invoke name=\"shell\"><parameter name=\"command\">ls</parameter></invoke>"
        let expected: [TextSegment] = [
            .text(oversized + "</parameter></function></tool_call> then "), call("shell", ["command": "ls"]),
        ]
        #expect(scan(input) == expected)
        let characters = Array(input)
        let chunks = stride(from: 0, to: characters.count, by: 65_521).map {
            String(characters[$0..<min($0 + 65_521, characters.count)])
        }
        #expect(scan(chunks) == expected)
    }

    /// Near-miss markup everywhere is released unchanged. (Throughput is measured in Benchmarks/.)
    @Test func manyAngleBracketsAreReleasedUnchanged() {
        let unit = "a<b c< d <div> <tool <invoke name=\"zz\"> x "
        let input = String(repeating: unit, count: 40_000)
        let characters = Array(input)
        let chunks = stride(from: 0, to: characters.count, by: 997).map {
            String(characters[$0..<min($0 + 997, characters.count)])
        }
        #expect(scan(chunks) == [.text(input)])
    }

    // MARK: - Splitting invariance

    @Test func everySplitOfAMixedInputMatchesOnePiece() {
        let input = SplitFixtures.selfContained.map(\.text).joined() + SplitFixtures.validUnclosedTail.text
        let whole = scan(input)
        #expect(whole == SplitFixtures.expected(SplitFixtures.selfContained + [SplitFixtures.validUnclosedTail]))
        let count = input.count
        for offset in 0...count {
            let pieces = split(input, at: [offset])
            let result = scan(pieces)
            #expect(result == whole, "split at \(offset): \(pieces)")
            if result != whole { break }
        }
        #expect(scan(input.map { String($0) }) == whole)
    }

    @Test func randomSplitsOfRandomInputsMatchOnePieceAndTheModel() async {
        let pool = SplitFixtures.selfContained
        let tails = [nil] + SplitFixtures.tails
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...10), Gen.int(in: 0...(tails.count - 1)),
            Gen.int(in: 0...100_000).array(of: 0...16)
        ) { picks, tail, cuts in
            let fragments = picks.map { pool[$0] } + (tails[tail].map { [$0] } ?? [])
            let input = fragments.map(\.text).joined()
            let whole = scan([input])
            #expect(whole == SplitFixtures.expected(fragments), "input: \(input)")
            #expect(scan(split(input, at: cuts)) == whole, "input: \(input) cuts: \(cuts)")
        }
    }

    @Test func randomSplitsOfNearMissMarkupMatchOnePiece() async {
        let pool = SplitFixtures.selfContained.map(\.text) + SplitFixtures.nearMisses
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...12), Gen.int(in: 0...100_000).array(of: 0...16)
        ) { picks, cuts in
            let input = picks.map { pool[$0] }.joined()
            let whole = scan([input])
            #expect(scan(split(input, at: cuts)) == whole, "input: \(input) cuts: \(cuts)")
            // Without a call, every byte comes back as text, unchanged, except leftover closing tags at
            // the very end.
            if !whole.contains(where: { if case .call = $0 { true } else { false } }) {
                let released = whole.map { if case .text(let text) = $0 { text } else { "" } }.joined()
                #expect(isInputLessTrailingClosingTags(released, input), "input: \(input) released: \(released)")
            }
        }
    }
}

/// Fragments whose outcome is known on their own, so any concatenation has a predictable result.
private enum SplitFixtures {
    struct Fragment {
        var text: String
        var segments: [TextSegment]
    }

    static func text(_ s: String) -> Fragment { Fragment(text: s, segments: [.text(s)]) }

    static let selfContained: [Fragment] = [
        text("Hello, world. "),
        text("a < b and x<5, "),
        text("日本語のテキスト "),
        text("family 👩‍👩‍👧 and cafe\u{301} "),
        text("<div>html</div> "),
        text("< tool_call> "),
        text("<tool "),
        text("<b>bold</b>"),
        text("\n"),
        text("<invoke name=\"nope\"><parameter name=\"x\">1</parameter></invoke>"),
        text("<tool_call><function=rm_rf><parameter=path>/</parameter></function></tool_call>"),
        text(#"<function_calls><invoke name="shell"><parameter name="command">ok</parameter></invoke><invoke name="nope"></invoke></function_calls>"#),
        text("<tool_call>I could call something</tool_call>"),
        Fragment(
            text: "<tool_call>\n<function=shell>\n<parameter=command>\nls -la\n</parameter>\n<parameter=timeout_ms>\n5000\n</parameter>\n</function>\n</tool_call>",
            segments: [call("shell", ["command": "ls -la", "timeout_ms": 5000])]),
        Fragment(
            text: "<tml:function_calls>\n<tml:invoke name=\"read_file\">\n<tml:parameter name=\"path\">/tmp/a b.txt</tml:parameter>\n</tml:invoke>\n</tml:function_calls>",
            segments: [call("read_file", ["path": "/tmp/a b.txt"])]),
        Fragment(
            text: "<invoke name='shell'><parameter name='command'>cat <<EOF\n<x>\nEOF\n</parameter></invoke>",
            segments: [call("shell", ["command": "cat <<EOF\n<x>\nEOF\n"])]),
        Fragment(
            text: #"<tool_call>{"name": "shell", "arguments": {"command": "pwd"}}</tool_call>"#,
            segments: [call("shell", ["command": "pwd"])]),
        Fragment(
            text: #"<toolcall><shell>{"command":"date"}</shell></toolcall>"#,
            segments: [call("shell", ["command": "date"])]),
        Fragment(
            text: "<TOOL_CALL><FUNCTION=apply_patch><PARAMETER=input>*** Begin Patch\n\n*** End Patch</PARAMETER></FUNCTION></TOOL_CALL>",
            segments: [call("apply_patch", ["input": "*** Begin Patch\n\n*** End Patch"])]),
        Fragment(
            text: #"<function_calls><invoke name="shell"><parameter name="command">a</parameter></invoke><invoke name="shell"><parameter name="command">b</parameter></invoke></function_calls>"#,
            segments: [call("shell", ["command": "a"]), call("shell", ["command": "b"])]),
        // The shapes of issue 14: no opening wrapper, no closing wrapper, a stray wrapper closer, a
        // value that mentions a closer, freeform bodies written after `<function=…>`.
        Fragment(
            text: "<function=shell><parameter=command>ls -a</parameter></function></tool_call>",
            segments: [call("shell", ["command": "ls -a"])]),
        Fragment(
            text: "<tool_call><function=shell><parameter=command>pwd</parameter></function>\nDone. ",
            segments: [call("shell", ["command": "pwd"]), .text("\nDone. ")]),
        Fragment(
            text: "<invoke name=\"read_file\"><parameter name=\"path\">x</parameter></invoke>\n</function_calls>",
            segments: [call("read_file", ["path": "x"]), .text("\n")]),
        Fragment(
            text: "<tool_call><function=shell><parameter=command>echo '</tool_call>'</parameter></function></tool_call>",
            segments: [call("shell", ["command": "echo '</tool_call>'"])]),
        Fragment(
            text: "<tool_call><function=exec>text(a < b)</parameter></function></tool_call>",
            segments: [call("exec", ["input": "text(a < b)"])]),
        Fragment(
            text: "<tool_call><function=apply_patch>*** Begin Patch\n*** Delete File: a.txt\n*** End Patch</parameter></function></tool_call>",
            segments: [call("apply_patch", ["input": "*** Begin Patch\n*** Delete File: a.txt\n*** End Patch"])]),
    ]

    static let validUnclosedTail = Fragment(
        text: "<tool_call>\n<function=shell>\n<parameter=command>\nmake test\n</parameter>\n</function>\n",
        segments: [call("shell", ["command": "make test"])])

    static let invalidUnclosedTail = text("<tool_call>\n<function=shell>\n<parameter=command>\nmake te")

    /// A bare patch ending the answer, and a stray closing tag ending it (no fragment shows a
    /// `<function>` opener as text, so it is always a leftover).
    static let barePatchTail = Fragment(
        text: "Applying.\n*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch\n",
        segments: [.text("Applying.\n"), call("apply_patch", ["input": "*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch\n"])])
    static let strayCloserTail = Fragment(text: "\n</function>\n", segments: [.text("\n\n")])

    static let tails = [validUnclosedTail, invalidUnclosedTail, barePatchTail, strayCloserTail]

    /// Markup that interacts with its neighbours (unclosed tags, stray closers), for invariance only.
    static let nearMisses: [String] = [
        "<tool", "<tool_call", "<tool_call>", "</tool_call>", "<invoke", "<invoke name=\"shell\">", "</invoke>",
        "<tml:", "<tml:function_calls>", "<function=shell>", "<parameter=command>", "</parameter>", "_call>",
        #"{"name": "shell"}"#, "<toolcall><shell>", "<", ">", "a < b", "<div>", "\n", "ls",
        "</function>", "<function=exec>", "<function name=\"shell\">", "*** Begin Patch\n", "*** Add File: a\n", "+x\n",
        "*** End Patch\n", "*** End Patch", "```\n", "*", "* ", " ", "{\"command\": \"x\"}",
    ]

    static func expected(_ fragments: [Fragment]) -> [TextSegment] { merged(fragments.flatMap(\.segments)) }
}

@Suite struct SchemaValueCoercionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var schema: JSONValue?
        var text: String
        var expected: JSONValue
        var testDescription: String { "\(schema?.serialized() ?? "nil") ← \(text.debugDescription)" }
    }

    @Test(arguments: [
        Case(schema: ["type": "integer"], text: "42", expected: 42),
        Case(schema: ["type": "integer"], text: " -7\n", expected: -7),
        Case(schema: ["type": "integer"], text: "4.5", expected: "4.5"),
        Case(schema: ["type": "integer"], text: "12abc", expected: "12abc"),
        Case(schema: ["type": "integer"], text: "007", expected: "007"),
        Case(schema: ["type": "number"], text: "4.5", expected: .number("4.5")),
        Case(schema: ["type": "number"], text: "-1e3", expected: .number("-1e3")),
        Case(schema: ["type": "boolean"], text: "True", expected: true),
        Case(schema: ["type": "boolean"], text: "FALSE", expected: false),
        Case(schema: ["type": "boolean"], text: "yes", expected: "yes"),
        Case(schema: ["type": "array"], text: #"["a", 1]"#, expected: ["a", 1]),
        Case(schema: ["type": "array"], text: "a, b", expected: "a, b"),
        Case(schema: ["type": "object"], text: #"{"a": {"b": null}}"#, expected: ["a": ["b": nil]]),
        Case(schema: ["type": "object"], text: "{bad", expected: "{bad"),
        Case(schema: ["type": "null"], text: "null", expected: nil),
        Case(schema: ["type": ["integer", "null"]], text: "null", expected: nil),
        Case(schema: ["type": ["integer", "null"]], text: "3", expected: 3),
        Case(schema: ["type": ["string", "null"]], text: "null", expected: nil),
        Case(schema: ["type": ["string", "null"]], text: "3", expected: "3"),
        Case(schema: ["anyOf": [["type": "integer"], ["type": "null"]]], text: "5", expected: 5),
        Case(schema: ["type": "string"], text: "42", expected: "42"),
        Case(schema: ["type": "string"], text: "  spaced  ", expected: "  spaced  "),
        Case(schema: nil, text: #"{"a": [1]}"#, expected: ["a": [1]]),
        Case(schema: nil, text: "[1, 2]", expected: [1, 2]),
        Case(schema: nil, text: "42", expected: "42"),
        Case(schema: nil, text: "true", expected: "true"),
        Case(schema: ["description": "untyped"], text: "[oops", expected: "[oops"),
    ])
    func coercesTextBySchema(_ c: Case) {
        #expect(SchemaValueCoercion.coerce(text: c.text, schema: c.schema) == c.expected)
    }

    @Test func jsonValuesAreOnlyConvertedWhenTheirTypeIsWrong() {
        #expect(SchemaValueCoercion.coerce(value: "5", schema: ["type": "integer"]) == 5)
        #expect(SchemaValueCoercion.coerce(value: "5", schema: ["type": "string"]) == "5")
        #expect(SchemaValueCoercion.coerce(value: "[1]", schema: nil) == "[1]")
        #expect(SchemaValueCoercion.coerce(value: 5, schema: ["type": "string"]) == 5)
    }

    @Test func propertySchemaLookup() {
        let parameters: JSONValue = ["properties": ["a": ["type": "integer"]], "additionalProperties": ["type": "boolean"]]
        #expect(SchemaValueCoercion.propertySchema("a", in: parameters) == ["type": "integer"])
        #expect(SchemaValueCoercion.propertySchema("b", in: parameters) == ["type": "boolean"])
        #expect(SchemaValueCoercion.propertySchema("a", in: .null) == nil)
    }
}

@Suite struct TextToolCallParserTests {
    let parser = TextToolCallParser(tools: offeredTools, freeformTools: offeredFreeformTools)

    @Test func parsesAnEnvelopeOnItsOwn() {
        let calls = parser.parse(#"<tool_call>[{"name": "shell", "arguments": {}}, {"function": {"name": "read_file", "arguments": "{\"path\": \"x\"}"}}]</tool_call>"#)
        #expect(calls == [
            TextToolCall(name: "shell", arguments: [:]),
            TextToolCall(name: "read_file", arguments: ["path": "x"]),
        ])
    }

    @Test func rejectsTextAfterTheClosingTag() {
        #expect(parser.parse(#"<tool_call>{"name": "shell"}</tool_call> trailing"#) == nil)
        #expect(parser.parse(#"<tool_call>{"name": "shell"}</tool_call>"#) == [TextToolCall(name: "shell", arguments: [:])])
    }

    @Test(arguments: [
        (#" "command" "#, "command"), ("'command'", "command"), (#"["command"]"#, "command"),
        (#"["a","b"]"#, nil), ("", nil), ("a b", nil), ("a=b", nil),
    ] as [(String, String?)])
    func parameterKeys(raw: String, expected: String?) {
        #expect(TextToolCallParser.parameterKey(raw) == expected)
    }
}
