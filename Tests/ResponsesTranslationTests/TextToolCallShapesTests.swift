import Testing
@testable import ResponsesTranslation

/// The malformed shapes MiMo really writes (issue 14; opencodex#5499, anomalyco/opencode#43385,
/// omlx#844 for the bare `<function=…>`, vLLM #58019), each checked whole, one character at a time and
/// cut at every offset.
@Suite struct TextToolCallShapesTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: [TextSegment]
        var testDescription: String { name }
    }

    static let patch = "*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n"

    @Test(arguments: [
        Shape(name: "no <tool_call> opener (v2.6 compact)",
              input: "Running it.<function=shell><parameter=command>ls -la</parameter></function></tool_call>\nDone.",
              expected: [.text("Running it."), call("shell", ["command": "ls -la"]), .text("\nDone.")]),
        Shape(name: "no <tool_call> opener (v2.5 newlines)",
              input: "<function=shell>\n<parameter=command>\nls -la\n</parameter>\n</function>\n</tool_call>",
              expected: [call("shell", ["command": "ls -la"]), .text("\n")]),
        Shape(name: "no <tool_call> opener, no </function>",
              input: "<function=shell><parameter=command>ls</parameter></tool_call>",
              expected: [call("shell", ["command": "ls"])]),
        Shape(name: "bare <function name=…> with JSON arguments",
              input: #"<function name="shell">{"command": "ls", "timeout_ms": "9"}</function>"#,
              expected: [call("shell", ["command": "ls", "timeout_ms": 9])]),
        Shape(name: "no </tool_call>, text follows",
              input: "<tool_call><function=shell><parameter=command>pwd</parameter></function>\nNow the next step.",
              expected: [call("shell", ["command": "pwd"]), .text("\nNow the next step.")]),
        Shape(name: "no closer at all, text follows",
              input: "<tool_call><function=shell><parameter=command>pwd</parameter>\nok",
              expected: [call("shell", ["command": "pwd"]), .text("\nok")]),
        Shape(name: "bare <function=…> without any closer, text follows",
              input: "<function=shell><parameter=command>pwd</parameter> ok",
              expected: [call("shell", ["command": "pwd"]), .text(" ok")]),
        Shape(name: "no </tool_call> before the next <tool_call>",
              input: "<tool_call><function=shell><parameter=command>a</parameter></function>\n"
                  + "<tool_call><function=shell><parameter=command>b</parameter></function></tool_call>",
              expected: [call("shell", ["command": "a"]), .text("\n"), call("shell", ["command": "b"])]),
        Shape(name: "<invoke> without <function_calls>, stray closer after it",
              input: "<invoke name=\"shell\">\n<parameter name=\"command\">ls</parameter>\n</invoke>\n</function_calls>",
              expected: [call("shell", ["command": "ls"]), .text("\n")]),
        Shape(name: "<tml:function_calls> never closed",
              input: "<tml:function_calls>\n<tml:invoke name=\"shell\">\n<tml:parameter name=\"command\">ls</tml:parameter>\n</tml:invoke>\nDone.",
              expected: [call("shell", ["command": "ls"]), .text("\nDone.")]),
        Shape(name: "<invoke> without </invoke> inside <function_calls>",
              input: "<function_calls><invoke name=\"read_file\"><parameter name=\"path\">a.txt</parameter></function_calls>",
              expected: [call("read_file", ["path": "a.txt"])]),
        Shape(name: "JSON inside <tool_call>",
              input: "<tool_call>\n{\"name\": \"shell\", \"arguments\": {\"command\": \"ls\", \"timeout_ms\": 100}}\n</tool_call>",
              expected: [call("shell", ["command": "ls", "timeout_ms": 100])]),
        Shape(name: "freeform exec body right after <function=exec> (opencodex#5499)",
              input: "Checking.<tool_call><function=exec>const r = await tools.exec_command({ cmd: \"git status\" });\n"
                  + "if (a < b) text(r)</parameter></function></tool_call>",
              expected: [.text("Checking."), call("exec", ["input": "const r = await tools.exec_command({ cmd: \"git status\" });\nif (a < b) text(r)"])]),
        Shape(name: "freeform body holding tags, JSON and a </parameter> of its own",
              input: "<tool_call><function=exec>text('<invoke name=\"shell\">{\"') // a </parameter> here\nok()"
                  + "</parameter></function></tool_call> Done.",
              expected: [call("exec", ["input": "text('<invoke name=\"shell\">{\"') // a </parameter> here\nok()"]), .text(" Done.")]),
        Shape(name: "freeform apply_patch body right after <function=apply_patch>",
              input: "<tool_call><function=apply_patch>\(patch)</parameter></function></tool_call>",
              expected: [call("apply_patch", ["input": .string(patch)])]),
        Shape(name: "freeform body in a bare <function=…>, v2.5 newlines",
              input: "<function=exec>\ntext(1)\n</parameter>\n</function>",
              expected: [call("exec", ["input": "text(1)"])]),
        Shape(name: "bare V4A patch ending the answer",
              input: "I'll add the file.\n\(patch)\n",
              expected: [.text("I'll add the file.\n"), call("apply_patch", ["input": .string(patch)])]),
        Shape(name: "bare V4A patch with CRLF and no final line break",
              input: "*** Begin Patch\r\n*** Delete File: old.txt\r\n*** End Patch",
              expected: [call("apply_patch", ["input": "*** Begin Patch\r\n*** Delete File: old.txt\r\n*** End Patch"])]),
        Shape(name: "parameter values may hold the closing tags",
              input: "<tool_call><function=shell><parameter=command>echo '</function></tool_call>' >> notes.xml"
                  + "</parameter></function></tool_call>",
              expected: [call("shell", ["command": "echo '</function></tool_call>' >> notes.xml"])]),
        Shape(name: "JSON strings may hold tags",
              input: #"<tool_call>{"name": "shell", "arguments": {"command": "echo '<parameter=x>' '</tool_call>'"}}</tool_call> ok"#,
              expected: [call("shell", ["command": "echo '<parameter=x>' '</tool_call>'"]), .text(" ok")]),
        Shape(name: "JSON arguments of a bare call may hold tags",
              input: #"<function=shell>{"command": "grep -c '</function>' a.xml"}</function> ok"#,
              expected: [call("shell", ["command": "grep -c '</function>' a.xml"]), .text(" ok")]),
    ])
    func shapeIsRecoveredHoweverItIsCut(_ shape: Shape) {
        #expect(scanEverySplit(shape.input) == shape.expected)
    }

    // MARK: - Leftover closing tags

    @Test(arguments: [
        ("Done.</tool_call>", "Done."),
        ("Done.\n</function>\n</tool_call>\n", "Done.\n\n\n"),
        ("</parameter></function></tool_call>", ""),
        ("All set. </TOOL_CALL> ", "All set.  "),
    ])
    func closingTagsWithoutOpenerAtTheEndAreDropped(input: String, shown: String) {
        #expect(scanEverySplit(input) == (shown.isEmpty ? [] : [.text(shown)]))
    }

    @Test(arguments: [
        "a </tool_call> b",
        "The wrapper is <tool_call> and it closes with </tool_call>",
        "<invoke name=\"nope\"><parameter name=\"x\">1</parameter></invoke>",
        "```xml\n</function>\n```",
    ])
    func closingTagsElsewhereArePlainText(input: String) {
        #expect(scanEverySplit(input) == [.text(input)])
    }

    @Test func closingTagsRightAfterARecoveredCallAreDropped() {
        let input = "<tool_call><function=shell><parameter=command>ls</parameter></function></tool_call></tool_call>\n</function> then more"
        #expect(scanEverySplit(input) == [call("shell", ["command": "ls"]), .text("\n then more")])
    }

    @Test func aCallToAToolNotOfferedStaysTextButLosesItsStrayWrapperCloser() {
        let input = "<function=rm_rf><parameter=path>/</parameter></function></tool_call>"
        #expect(scanEverySplit(input) == [.text("<function=rm_rf><parameter=path>/</parameter></function>")])
    }

    @Test func aClosingTagIsHeldOnlyUntilTextFollowsIt() {
        var scanner = makeScanner()
        #expect(scanner.receive("Done.</tool_call>") == [.text("Done.")])
        #expect(scanner.isHolding)
        #expect(scanner.receive("\n") == [])
        #expect(scanner.receive(" More.") == [.text("</tool_call>\n More.")])
        #expect(!scanner.isHolding)
        #expect(scanner.finish() == [])
    }

    // MARK: - Freeform bodies

    @Test(arguments: [
        // No `</parameter>`: nothing shows where the input ends.
        "<tool_call><function=exec>text(1)</function></tool_call>",
        // A patch cut short must not be applied.
        "<tool_call><function=apply_patch>*** Begin Patch\n*** Add File: a.txt\n+a</parameter></function></tool_call>",
        // An empty input.
        "<tool_call><function=exec>\n</parameter></function></tool_call>",
    ])
    func unclearFreeformBodyIsText(input: String) {
        #expect(scanEverySplit(input) == [.text(input)])
    }

    @Test func malformedJSONStillEndsAtTheClosingTag() {
        // A brace short: the JSON never closes, so the `<` of the closer ends it and the envelope.
        let input = #"<tool_call>{"name": "shell", "arguments": {"command": "ls"}</tool_call> Then <tool_call>{"name": "shell"}</tool_call>"#
        #expect(scanEverySplit(input) == [
            .text(#"<tool_call>{"name": "shell", "arguments": {"command": "ls"}</tool_call> Then "#), call("shell", [:]),
        ])
    }

    @Test func freeformBodyIsRawOnlyForFreeformTools() {
        // `shell` takes parameters, so text after its tag is not an input.
        let input = "<tool_call><function=shell>ls</parameter></function></tool_call>"
        #expect(scan(input) == [.text(input)])
    }

    @Test(arguments: [
        // Fenced: the closing fence follows the patch.
        "Here is the patch:\n```\n\(TextToolCallShapesTests.patch)```\n",
        // Prose follows the patch.
        "\(TextToolCallShapesTests.patch)Apply it with `git apply` once reviewed.",
        // Mentioned inside a line.
        "Start with *** Begin Patch and end with *** End Patch.",
        "Patches look like this: *** Begin Patch\n*** Add File: a\n+x\n*** End Patch\n",
        // The begin line is not alone on its line.
        "*** Begin Patch format:\n*** Add File: a\n+x\n*** End Patch\n",
        // Indented, as in a list.
        "  *** Begin Patch\n  *** Add File: a\n  +x\n  *** End Patch\n",
        // No file operation.
        "*** Begin Patch\n*** End Patch\n",
        // Never ends.
        "*** Begin Patch\n*** Add File: a.txt\n+x\n",
        // The end line is part of a longer line.
        "*** Begin Patch\n*** Add File: a.txt\n+x\n*** End Patch here\n",
    ])
    func patchShownInProseIsText(input: String) {
        #expect(scanEverySplit(input) == [.text(input)])
    }

    @Test func barePatchNeedsApplyPatchOfferedAsFreeform() {
        let input = TextToolCallShapesTests.patch
        #expect(scan([input], freeformTools: ["exec"]) == [.text(input)])
        #expect(scan([input]) == [call("apply_patch", ["input": .string(input)])])
    }

    @Test func barePatchIsHeldAndReleasedOnceTextFollowsIt() {
        var scanner = makeScanner()
        #expect(scanner.receive("Plan:\n* one\n*** Begin Pat") == [.text("Plan:\n* one\n")])
        #expect(scanner.isHolding)
        #expect(scanner.receive("ch\n*** Add File: a\n+x\n*** End Patch\n\n") == [])
        #expect(scanner.receive("That was an example.") == [
            .text("*** Begin Patch\n*** Add File: a\n+x\n*** End Patch\n\nThat was an example."),
        ])
        #expect(!scanner.isHolding)
        // A markdown bullet is not held at all.
        #expect(scanner.receive("\n* two") == [.text("\n* two")])
        #expect(!scanner.isHolding)
    }

    // MARK: - Prose that names the tags

    @Test(arguments: [
        ("<function=shell>", " is how MiMo writes a call"),
        ("<invoke name=\"shell\">", "\nwraps a call"),
        ("<tool_call>", " tags wrap calls"),
        ("<function_calls>", "`"),
    ])
    func openingTagFollowedByProseIsReleasedWithTheNextCharacter(tag: String, prose: String) {
        var scanner = makeScanner()
        #expect(scanner.receive(tag) == [])
        #expect(scanner.isHolding)
        let released = scanner.receive(prose) + scanner.finish()
        #expect(merged(released) == [.text(tag + prose)])
    }

    @Test(arguments: [
        "<function=shell></function>",
        "Use <function> elements for that.",
        "A <parameter=command> tag holds the value.",
        "`<function=shell><parameter=command>` starts it",
    ])
    func tagsThatCannotBeACallAreText(input: String) {
        #expect(scanEverySplit(input) == [.text(input)])
    }

    // MARK: - Values

    @Test(arguments: [
        // v2.5: a line break after the opening tag and one before the closing tag frame the value.
        ("<parameter=command>\nprintf hi\n</parameter>", "printf hi"),
        ("<parameter=command>\r\nprintf hi\r\n</parameter>", "printf hi"),
        ("<parameter=command>\n\nprintf hi\n\n</parameter>", "\nprintf hi\n"),
        // v2.6 is compact: a line break on one side only is the value's own.
        ("<parameter=command>printf hi\n</parameter>", "printf hi\n"),
        ("<parameter=command>\nprintf hi</parameter>", "\nprintf hi"),
        ("<parameter=command> printf hi </parameter>", " printf hi "),
    ])
    func framingNewlinesAreStrippedOnlyInPairs(parameter: String, value: String) {
        #expect(scan("<function=shell>\(parameter)</function>") == [call("shell", ["command": .string(value)])])
    }

    // MARK: - Bounded hold

    @Test func barePatchLongerThanTheHoldLimitIsText() {
        let input = TextToolCallShapesTests.patch + " "
        let length = TextToolCallShapesTests.patch.utf8.count
        for deltas in [[input], input.map { String($0) }] {
            #expect(scan(deltas, holdLimit: length + 1) == [call("apply_patch", ["input": .string(TextToolCallShapesTests.patch)])])
            #expect(scan(deltas, holdLimit: length - 1) == [.text(input)])
        }
    }

    /// Found by fuzz-text-tool-calls: an opening tag longer than the hold limit was read past its end.
    @Test func openingTagLongerThanTheHoldLimitIsText() {
        let input = "<tml:function_calls>77<<fuitcame=\""
        for deltas in [[input], input.map { String($0) }] {
            #expect(scan(deltas, holdLimit: 16) == [.text(input)])
        }
    }

    @Test func runOfClosingTagsIsBoundedByTheHoldLimit() {
        let input = "x" + String(repeating: "</tool_call>", count: 10)
        for deltas in [[input], input.map { String($0) }] {
            #expect(scan(deltas, holdLimit: 200) == [.text("x")])
            // Past the limit a run is released as text piece by piece; only closing tags can go.
            let limited = scan(deltas, holdLimit: 50)
            #expect(limited == scan([input], holdLimit: 50))
            guard case .text(let released)? = limited.first, limited.count == 1 else {
                Issue.record("not one text: \(limited)"); continue
            }
            #expect(released.hasPrefix("x</tool_call>") && isInputLessTrailingClosingTags(released, input))
        }
    }
}
