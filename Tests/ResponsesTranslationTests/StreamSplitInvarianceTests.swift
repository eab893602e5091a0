import PropertyBased
import Testing
@testable import ResponsesTranslation

/// However MiMo (or a proxy in between) cuts the same answer into chunks, Codex must end up with the
/// same items. The script below is split at every boundary (exhaustively for one cut, randomly for
/// many) and the final response compared with the one-chunk-per-part baseline.
@Suite struct StreamSplitInvarianceTests {
    struct Script {
        var reasoning = "First, look at the files.\nThen run ls — carefully 🚀.\n"
        var content = "\n\nI'll check the directory and ping the server: ünïcödé \"quotes\" \\ slash.\n"
            + "<tool_call>\n<function=exec_command>\n<parameter=cmd>\ncat a.txt\n</parameter>\n<parameter=yield_time_ms>250</parameter>\n</function>\n</tool_call>"
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
        chunks.append(ChatChunk(finishReason: "tool_calls"))
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
        #expect(response.output.count == 6)
        // The call MiMo wrote as text is recovered, typed by the schema, and never shown as text.
        guard case .functionCall(_, _, "exec_command", nil, let recovered, _) = response.output[2] else {
            Issue.record("text call not recovered: \(response.output[2])"); return
        }
        #expect((try? JSONValue.parse(recovered)) == json(#"{"cmd":"cat a.txt","yield_time_ms":250}"#))
        #expect(response.outputText == "I'll check the directory and ping the server: ünïcödé \"quotes\" \\ slash.\n")
        guard case .customToolCall(_, _, "apply_patch", _, let input, _) = response.output[5] else {
            Issue.record("apply_patch not mapped back: \(response.output[5])"); return
        }
        #expect(input == "*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n")
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
