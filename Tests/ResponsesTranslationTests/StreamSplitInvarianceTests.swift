import PropertyBased
import Testing
@testable import ResponsesTranslation

/// However MiMo (or a proxy in between) cuts the same answer into chunks, Codex must end up with the
/// same items. The script below is split at every boundary (exhaustively for one cut, randomly for
/// many) and the final response compared with the one-chunk-per-part baseline.
@Suite struct StreamSplitInvarianceTests {
    struct Script {
        var reasoning = "First, look at the files.\nThen run ls — carefully 🚀.\n"
        /// Every shape MiMo writes calls in as text (issue 14), each once.
        var content = "\n\nI'll check the directory and ping the server: ünïcödé \"quotes\" \\ slash.\n"
            + "<tool_call>\n<function=exec_command>\n<parameter=cmd>\ncat a.txt\n</parameter>\n<parameter=yield_time_ms>250</parameter>\n</function>\n</tool_call>"
            // no opening wrapper
            + "<function=exec_command><parameter=cmd>ls -a</parameter></function></tool_call>\n"
            // <invoke> in a wrapper that is never closed
            + "<tml:function_calls><tml:invoke name=\"mcp__mini__ping\"><tml:parameter name=\"text\">pong</tml:parameter></tml:invoke>\n"
            + "Then the patch.\n"
            + #"<tool_call>{"name": "exec_command", "arguments": {"cmd": "pwd"}}</tool_call>"#
            // a freeform body after <function=…>, then a bare patch ending the answer
            + "<tool_call><function=apply_patch>*** Begin Patch\n*** Add File: b.txt\n+bye\n*** End Patch\n</parameter></function></tool_call>\n"
            + "Last, the bare one:\n*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch\n"
        var calls: [(name: String, arguments: String)] = [
            ("exec_command", #"{"cmd":"ls -la","yield_time_ms":1000}"#),
            ("mcp__mini__ping", #"{"text":"héllo\nworld"}"#),
            ("apply_patch", #"{"input":"*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n"}"#),
        ]
    }

    static func pieces(_ s: String, cuts: [Int]) -> [String] {
        let chars = Array(s)
        guard !chars.isEmpty else { return [] }
        let positions = Set(cuts.map { $0 % (chars.count + 1) }).sorted()
        var result: [String] = []
        var start = 0
        for p in positions where p > start && p < chars.count {
            result.append(String(chars[start..<p]))
            start = p
        }
        result.append(String(chars[start...]))
        return result
    }

    static func chunks(_ script: Script, cuts: [Int]) -> [ChatChunk] {
        var chunks: [ChatChunk] = []
        for piece in pieces(script.reasoning, cuts: cuts) { chunks.append(ChatChunk(reasoning: piece)) }
        for piece in pieces(script.content, cuts: cuts) { chunks.append(ChatChunk(content: piece)) }
        for (index, call) in script.calls.enumerated() {
            let fragments = pieces(call.arguments, cuts: cuts.map { $0 &+ index * 7 })
            for (n, fragment) in fragments.enumerated() {
                chunks.append(ChatChunk(toolCalls: [.init(index: index, id: n == 0 ? "up_\(index)" : nil,
                                                          name: n == 0 ? call.name : nil, arguments: fragment)]))
            }
        }
        chunks.append(ChatChunk(finishReason: .toolCalls))
        chunks.append(ChatChunk(usage: Usage(inputTokens: 1000, cachedTokens: 200, outputTokens: 50, reasoningTokens: 20)))
        return chunks
    }

    static func finalResponse(_ chunks: [ChatChunk]) -> (ResponseObject, [SequencedEvent]) {
        var t = makeTranslator(tools: codexTools)
        let events = run(&t, chunks)
        return (t.response, events)
    }

    static let baseline = finalResponse(chunks(Script(), cuts: []))

    @Test func baselineIsWhatCodexShouldSee() {
        let (response, _) = Self.baseline
        #expect(response.status == .completed)
        #expect(response.output.count == 11)
        // The calls MiMo wrote as text are recovered, typed by the schema, mapped back to Codex's tools,
        // and never shown as text.
        let recovered: [(index: Int, name: String, namespace: String?, arguments: String)] = [
            (2, "exec_command", nil, #"{"cmd":"cat a.txt","yield_time_ms":250}"#),
            (3, "exec_command", nil, #"{"cmd":"ls -a"}"#),
            (4, "ping", "mcp__mini", #"{"text":"pong"}"#),
            (5, "exec_command", nil, #"{"cmd":"pwd"}"#),
        ]
        for expected in recovered {
            guard case .functionCall(_, _, let name, let namespace, let arguments, _) = response.output[expected.index],
                  name == expected.name, namespace == expected.namespace
            else { Issue.record("text call not recovered: \(response.output[expected.index])"); continue }
            #expect((try? JSONValue.parse(arguments)) == json(expected.arguments))
        }
        let patches = [
            (6, "*** Begin Patch\n*** Add File: b.txt\n+bye\n*** End Patch\n"),
            (9, "*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n"),
            (10, "*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch\n"),
        ]
        for (index, patch) in patches {
            guard case .customToolCall(_, _, "apply_patch", nil, let input, _) = response.output[index] else {
                Issue.record("apply_patch not mapped back: \(response.output[index])"); continue
            }
            #expect(input == patch)
        }
        #expect(response.outputText == "I'll check the directory and ping the server: ünïcödé \"quotes\" \\ slash.\n"
            + "\n\nThen the patch.\n\nLast, the bare one:\n")
    }

    @Test func everySingleCutGivesTheSameItems() {
        let script = Script()
        let longest = max(script.reasoning.count, script.content.count, script.calls.map(\.arguments.count).max()!)
        for cut in 0...longest {
            let (response, events) = Self.finalResponse(Self.chunks(script, cuts: [cut]))
            #expect(response == Self.baseline.0, "cut at \(cut)")
            #expect(events.map(\.sequenceNumber) == Array(0..<events.count))
        }
    }

    @Test func randomMultiCutsGiveTheSameItems() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...200).array(of: 0...40)) { cuts in
            let (response, events) = Self.finalResponse(Self.chunks(Script(), cuts: cuts))
            #expect(response == Self.baseline.0)
            // Deltas reassemble to the final texts.
            let deltas = events.compactMap { e -> String? in if case .outputTextDelta(_, _, let d) = e.event { d } else { nil } }
            #expect(deltas.joined() == response.outputText)
            #expect(!deltas.contains { $0.contains("<") })
        }
    }
}
