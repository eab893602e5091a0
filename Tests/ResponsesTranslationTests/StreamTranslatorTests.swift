import Testing
@testable import ResponsesTranslation

/// Builds a translator over the tools of a Responses request, with fixed identifiers.
func makeTranslator(tools: String = "[]", mode: TranslatedRequest.Mode = .respond, token: String = String(repeating: "0", count: 24)) -> StreamTranslator {
    let (catalog, _) = ToolCatalog.build(tools: json(tools).arrayValue ?? [], revealed: [])
    return StreamTranslator(configuration: .init(identifiers: ResponseIdentifiers(token: token), createdAt: 1_700_000_000,
                                                 model: "mimo-v2.5", catalog: catalog, mode: mode))
}

func chunk(_ text: String) -> ChatChunk { ChatChunk.decode(json(text)) }

func run(_ translator: inout StreamTranslator, _ chunks: [ChatChunk], finish: Bool = true) -> [SequencedEvent] {
    var events: [SequencedEvent] = []
    for c in chunks { events += translator.receive(c) }
    if finish { events += translator.finish() }
    return events
}

let codexTools = #"""
[{"type":"function","name":"exec_command","parameters":{"type":"object","properties":{"cmd":{"type":"string"},"yield_time_ms":{"type":"number"}},"required":["cmd"]}},
 {"type":"custom","name":"apply_patch","description":"patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},
 {"type":"namespace","name":"mcp__mini","tools":[{"type":"function","name":"ping","parameters":{"type":"object","properties":{"text":{"type":"string"}}}}]},
 {"type":"tool_search","execution":"client","parameters":{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"number"}}}},
 {"type":"local_shell"}]
"""#

@Suite struct StreamTranslatorTests {
    @Test func plainAnswerEmitsTheFullLifecycleInOrder() {
        var t = makeTranslator()
        let events = run(&t, [
            chunk(#"{"choices":[{"index":0,"delta":{"role":"assistant","content":"\n\nHel"}}]}"#),
            chunk(#"{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}"#),
            chunk(#"{"choices":[],"usage":{"prompt_tokens":57,"completion_tokens":72,"total_tokens":129,"completion_tokens_details":{"reasoning_tokens":10},"prompt_tokens_details":null}}"#),
        ])
        #expect(events.map(\.event.type) == [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
            "response.content_part.done", "response.output_item.done", "response.completed"])
        #expect(events.map(\.sequenceNumber) == Array(0..<events.count))
        guard case .completed(let response) = events.last?.event else { Issue.record("no completed"); return }
        #expect(response.outputText == "Hello")
        #expect(response.usage == Usage(inputTokens: 57, cachedTokens: 0, outputTokens: 72, reasoningTokens: 10, totalTokens: 129))
        #expect(response.json["usage"] == json(#"{"input_tokens":57,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},"output_tokens":72,"output_tokens_details":{"reasoning_tokens":10},"total_tokens":129}"#))
        #expect(response.id == "resp_" + String(repeating: "0", count: 24))
    }

    @Test func reasoningRoundTripsExactlyThroughEncryptedContent() throws {
        var t = makeTranslator(tools: codexTools)
        let thought = "Let me think…\n  indented \"quoted\" 🚀\n"
        let events = run(&t, [
            chunk(#"{"choices":[{"index":0,"delta":{"reasoning_content":"Let me think…\n  indented "}}]}"#),
            chunk(#"{"choices":[{"index":0,"delta":{"reasoning_content":"\"quoted\" 🚀\n"}}]}"#),
            chunk(#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"x","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}}]},"finish_reason":"tool_calls"}]}"#),
        ])
        #expect(events.contains { $0.event.type == "response.reasoning_summary_part.added" })
        let done = events.compactMap { e -> OutputItem? in if case .outputItemDone(_, let item) = e.event { item } else { nil } }
        #expect(done.count == 2)
        guard case .reasoning(_, let summary, let encrypted?) = done[0] else { Issue.record("no reasoning"); return }
        #expect(summary == thought)

        // Codex replays what it got; the next request must carry the exact reasoning back to MiMo.
        let replay = JSONValue.array([json(#"{"role":"user","content":"go"}"#)] + done.map(\.json)
            + [json(#"{"type":"function_call_output","call_id":"call_\#(String(repeating: "0", count: 24))_0","output":"a.txt"}"#)])
        let next = try RequestTranslator.translate(body: ["input": replay, "tools": json(codexTools)], options: .init())
        #expect(messages(next)[1]["reasoning_content"]?.stringValue == thought)
        #expect(ReasoningCodec.decodeReasoning(encrypted) == thought)
    }

    @Test(arguments: [
        // arguments in the first delta, name and id together
        [#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":"{\"cmd\":"}}]}}]}"#,
         #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ls\"}"}}]}}]}"#],
        // a whole call in one chunk
        [#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}}]},"finish_reason":"tool_calls"}]}"#],
        // id and name arriving late, after arguments began
        [#"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"cmd\""}}]}}]}"#,
         #"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"late","function":{"name":"exec_command","arguments":":\"ls\"}"}}]}}]}"#],
        // name repeated on every fragment
        [#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":"{\"cmd\""}}]}}]}"#,
         #"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":":\"ls\"}"}}]}}]}"#],
        // non-stream message with whole tool calls and no index
        [#"{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"a","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}}]},"finish_reason":"tool_calls"}]}"#],
    ])
    func toolCallShapesAllYieldTheSameCall(_ raw: [String]) {
        var t = makeTranslator(tools: codexTools)
        _ = run(&t, raw.map(chunk))
        let expected = OutputItem.functionCall(id: "fc_\(String(repeating: "0", count: 24))_0", callID: "call_\(String(repeating: "0", count: 24))_0",
                                               name: "exec_command", namespace: nil, arguments: #"{"cmd":"ls"}"#, status: .completed)
        #expect(t.response.output == [expected])
        #expect(t.response.status == .completed)
    }

    @Test func namesSplitInPiecesOrRepeatedBeforeArgumentsResolveOnce() {
        var split = makeTranslator(tools: codexTools)
        _ = run(&split, [
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"command","arguments":"{}"}}]}}]}"#),
        ])
        guard case .functionCall(_, _, "exec_command", _, _, _)? = split.response.output.first else {
            Issue.record("split name not joined: \(split.response.output)"); return
        }
        var repeated = makeTranslator(tools: codexTools)
        _ = run(&repeated, [
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"made_up"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"made_up","arguments":"{}"}}]}}]}"#),
        ])
        guard case .functionCall(_, _, "made_up", nil, "{}", _)? = repeated.response.output.first else {
            Issue.record("repeated name doubled: \(repeated.response.output)"); return
        }
    }

    @Test func interleavedIndicesAndReusedIndexWithNewIdsGiveSeparateCalls() {
        var t = makeTranslator(tools: codexTools)
        _ = run(&t, [
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":"{\"cmd\":"}},{"index":1,"id":"b","function":{"name":"ping","arguments":""}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"text\":\"hi\"}"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ls\"}"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"mcp__mini__ping","arguments":"{}"}}]}}]}"#),
        ])
        let calls = t.response.output.compactMap { item -> (String, String?, String)? in
            if case .functionCall(_, _, let name, let ns, let args, _) = item { (name, ns, args) } else { nil }
        }
        #expect(calls.count == 3)
        #expect(calls[0] == ("exec_command", nil, #"{"cmd":"ls"}"#))
        // "ping" is not a tool MiMo was offered under that name; it is passed on as called.
        #expect(calls[1] == ("ping", nil, #"{"text":"hi"}"#))
        // The flattened MCP name is mapped back to its namespace.
        #expect(calls[2] == ("ping", "mcp__mini", "{}"))
    }

    @Test func customToolSearchAndLocalShellCallsMapBack() {
        var t = makeTranslator(tools: codexTools)
        let events = run(&t, [
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\\n*** End Patch\\n\"}"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":1,"id":"b","function":{"name":"tool_search","arguments":"{\"query\":\"mini\",\"limit\":4}"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":2,"id":"c","function":{"name":"shell","arguments":"{\"command\":[\"ls\"],\"workdir\":\"/tmp\"}"}}]}}]}"#),
        ])
        let o = t.response.output
        guard o.count == 3, case .customToolCall(_, _, "apply_patch", nil, let input, .completed) = o[0],
              case .toolSearchCall(_, _, let searchArgs, _) = o[1], case .localShellCall(_, _, let action, _) = o[2] else {
            Issue.record("unexpected output \(o)"); return
        }
        #expect(input == "*** Begin Patch\n*** End Patch\n")
        #expect(searchArgs == json(#"{"query":"mini","limit":4}"#))
        #expect(action == json(#"{"type":"exec","command":["ls"],"working_directory":"/tmp","env":{}}"#))
        #expect(events.contains { $0.event == .customToolCallInputDone(itemID: o[0].id, outputIndex: 0, input: input) })
        // No function-call argument deltas leak for the custom tool's JSON wrapper.
        #expect(!events.contains { if case .functionCallArgumentsDelta(let id, _, _) = $0.event { id == o[0].id } else { false } })
    }

    @Test func freeformBodiesWrittenAsTextBecomeCustomToolCalls() {
        var t = makeTranslator(tools: codexTools)
        let events = run(&t, [
            chunk(#"{"choices":[{"delta":{"content":"Adding it.\n*** Begin Patch\n*** Add File: x.txt\n+y\n"}}]}"#),
            chunk(#"{"choices":[{"delta":{"content":"*** End Patch\n"},"finish_reason":"stop"}]}"#),
        ])
        let o = t.response.output
        guard o.count == 2, case .message(_, "Adding it.\n", _) = o[0],
              case .customToolCall(_, _, "apply_patch", nil, let input, .completed) = o[1]
        else { Issue.record("unexpected output \(o)"); return }
        #expect(input == "*** Begin Patch\n*** Add File: x.txt\n+y\n*** End Patch\n")
        #expect(events.contains { $0.event == .customToolCallInputDone(itemID: o[1].id, outputIndex: 1, input: input) })
    }

    @Test func leftoverClosingTagsAfterAStructuredCallOpenNoMessage() {
        var t = makeTranslator(tools: codexTools)
        let events = run(&t, [
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"content":"\n</function>\n</tool_call>"},"finish_reason":"tool_calls"}]}"#),
        ])
        guard t.response.output.count == 1, case .functionCall(_, _, "exec_command", _, _, _) = t.response.output[0] else {
            Issue.record("unexpected output \(t.response.output)"); return
        }
        #expect(!events.contains { $0.event.type == "response.output_text.delta" })
    }

    @Test func invalidArgumentsAreSalvagedAndNamelessCallsDropped() {
        var t = makeTranslator(tools: codexTools)
        _ = run(&t, [
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":"{\"cmd\": \"ls"}}]}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]}}]}"#),
        ])
        guard case .functionCall(_, _, _, _, let args, _)? = t.response.output.first else { Issue.record("no call"); return }
        #expect(args == "{}")
        #expect(t.response.output.count == 1)
        #expect(t.notes.map(\.kind) == [.repairedArguments, .droppedCall])
    }

    @Test(arguments: [
        ("stop", ResponseObject.Status.completed, String?.none),
        ("tool_calls", .completed, nil),
        ("length", .incomplete, "max_output_tokens"),
        ("repetition_truncation", .incomplete, "max_output_tokens"),
        ("content_filter", .incomplete, "content_filter"),
        ("", .completed, nil),
    ])
    func finishReasons(reason: String, status: ResponseObject.Status, incomplete: String?) {
        var t = makeTranslator()
        let finish = reason.isEmpty ? "null" : "\"\(reason)\""
        let events = run(&t, [chunk(#"{"choices":[{"delta":{"content":"x"},"finish_reason":\#(finish)}]}"#)])
        #expect(t.response.status == status)
        #expect(t.response.incompleteReason?.rawValue == incomplete)
        #expect(events.last?.event.type == (status == .completed ? "response.completed" : "response.incomplete"))
        // No usage chunk: all-zero usage, never a partial object.
        #expect(t.response.usage == .zero)
    }

    @Test func errorFrameBecomesFailedWithCodexCodeAndLeavesNoHalfItems() {
        var t = makeTranslator(tools: codexTools)
        let events = run(&t, [
            chunk(#"{"choices":[{"delta":{"content":"partial"}}]}"#),
            chunk(#"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"exec_command","arguments":"{"}}]}}]}"#),
            chunk(#"{"error":{"code":"429","message":"Too many requests","type":"limitation"}}"#),
        ])
        #expect(events.last?.event.type == "response.failed")
        #expect(t.response.error?.code == .rateLimitExceeded)
        #expect(t.response.error?.message.contains("try again in") == true)
        #expect(!events.contains { $0.event.type == "response.output_item.done" })
        #expect(t.finish().isEmpty)
    }

    @Test(arguments: [
        (#"{"error":{"code":"400","message":"Param Incorrect","param":"This model's maximum context length is 1048576 tokens, your request exceeds it"}}"#, CodexFailureCode.contextLengthExceeded),
        (#"{"type":"server_error","message":"Upstream request failed: Insufficient account funds"}"#, .insufficientQuota),
        (#"{"error":{"code":"400","message":"Param Incorrect","param":"The reasoning_content in the thinking mode must be passed back to the API.","type":""}}"#, .invalidPrompt),
        (#"{"error":{"message":"internal"}}"#, .serverError),
    ])
    func errorClassification(body: String, code: CodexFailureCode) {
        let status: Int? = body.contains("server_error") ? 402 : nil
        let error = UpstreamError(json: json(body), status: status)
        #expect(error?.responseFailure().code == code)
    }

    @Test func failMidStreamAndKeepaliveAndNothingAfterTheEnd() {
        var t = makeTranslator()
        var events = t.keepalive()
        #expect(events.map(\.event.type) == ["response.created", "response.in_progress"])
        events = t.keepalive()
        #expect(events.map(\.event.type) == ["response.in_progress"])
        events = t.receive(chunk(#"{"choices":[{"delta":{"content":"abc"}}]}"#))
        events = t.fail(.upstreamDisconnected("connection reset"))
        #expect(events.map(\.event.type) == ["response.failed"])
        #expect(t.response.error?.code == .serverError)
        #expect(t.keepalive().isEmpty && t.receive(chunk(#"{"choices":[{"delta":{"content":"x"}}]}"#)).isEmpty)
    }

    @Test func compactionModeEmitsExactlyOneCompactionItem() {
        var t = makeTranslator(mode: .compact)
        let events = run(&t, [
            chunk(#"{"choices":[{"delta":{"reasoning_content":"thinking"}}]}"#),
            chunk(#"{"choices":[{"delta":{"content":"Summary: "}}]}"#),
            chunk(#"{"choices":[{"delta":{"content":"did X."},"finish_reason":"stop"}]}"#),
        ])
        #expect(t.response.output.count == 1)
        guard case .compaction(_, let blob)? = t.response.output.first else { Issue.record("no compaction"); return }
        #expect(ReasoningCodec.decodeCompaction(blob) == "Summary: did X.")
        #expect(events.filter { $0.event.type == "response.output_item.done" }.count == 1)

        var empty = makeTranslator(mode: .compact)
        _ = run(&empty, [chunk(#"{"choices":[{"delta":{"content":"  "},"finish_reason":"stop"}]}"#)])
        #expect(empty.response.status == .failed)
    }

    @Test func eventsSerializeAsSSEAndFastPathMatchesGenericEncoding() throws {
        var t = makeTranslator()
        let events = run(&t, [
            chunk(#"{"choices":[{"delta":{"reasoning_content":"r\"1\n"}}]}"#),
            chunk(#"{"choices":[{"delta":{"content":"a\"b\\c\u0001é"}}]}"#),
        ])
        for e in events {
            var bytes: [UInt8] = []
            e.writeSSE(into: &bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("event: \(e.event.type)\ndata: "))
            #expect(text.hasSuffix("\n\n"))
            let data = text.split(separator: "\n")[1].dropFirst("data: ".count)
            #expect(try JSONValue.parse(String(data)) == e.json)
        }
    }

    @Test func responseIDsAreUnique() {
        let ids = Set((0..<10_000).map { _ in ResponseIdentifiers.random().responseID })
        #expect(ids.count == 10_000)
    }
}

@Suite struct CachedTokensReachCodexTests {
    /// MiMo reports cache hits in `prompt_tokens_details.cached_tokens`; Codex reads them from
    /// `usage.input_tokens_details.cached_tokens` of `response.completed` (codex-contract.md §4.3).
    @Test func cachedTokensAndReasoningTokensReachTheCompletedResponse() throws {
        var t = makeTranslator()
        let events = run(&t, [
            chunk(#"{"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}"#),
            chunk(#"{"choices":[],"usage":{"prompt_tokens":12000,"completion_tokens":300,"total_tokens":12300,"completion_tokens_details":{"reasoning_tokens":120},"prompt_tokens_details":{"cached_tokens":11520}}}"#),
        ])
        guard case .completed(let response) = events.last?.event else { Issue.record("no completed"); return }
        let usage = response.json["usage"]
        #expect(usage?["input_tokens"] == 12000)
        #expect(usage?["input_tokens_details"]?["cached_tokens"] == 11520)
        #expect(usage?["output_tokens_details"]?["reasoning_tokens"] == 120)
        #expect(usage?["total_tokens"] == 12300)
        // The SSE frame Codex parses carries the same object.
        var bytes: [UInt8] = []
        events.last?.writeSSE(into: &bytes)
        let data = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6)
        let wire = data.flatMap { try? JSONValue.parse(String($0)) }
        #expect(wire?["response"]?["usage"]?["input_tokens_details"]?["cached_tokens"] == 11520)
    }
}
