import Testing
@testable import ResponsesTranslation

@Suite struct MessageTranslationTests {
    @Test func developerAndSystemBecomeSystemInOrderAndConsecutiveOnesMerge() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-pro","instructions":"base","input":[
          {"type":"message","role":"developer","content":[{"type":"input_text","text":"dev one"}]},
          {"type":"message","role":"system","content":"sys two"},
          {"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]},
          {"type":"message","role":"developer","content":[{"type":"input_text","text":"later note"}]}]}
        """#)
        let m = messages(r)
        #expect(m.count == 3)
        #expect(m[0] == json(#"{"role":"system","content":"base\n\ndev one\n\nsys two"}"#))
        #expect(m[1] == json(#"{"role":"user","content":"hi"}"#))
        #expect(m[2] == json(#"{"role":"system","content":"later note"}"#))
    }

    @Test func stringInputIsOneUserMessage() throws {
        let r = try translate(#"{"model":"mimo-v2.6-flash","input":"say hi"}"#)
        #expect(messages(r) == [json(#"{"role":"user","content":"say hi"}"#)])
    }

    @Test func userPartsKeepOrderWithImagesAndFilesBecomeNotes() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"type":"message","role":"user","content":[
          {"type":"input_text","text":"<image name=[Image #1]>"},
          {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"high"},
          {"type":"input_text","text":"</image>"},
          {"type":"input_file","filename":"notes.pdf","file_data":"data:application/pdf;base64,AAAA"},
          {"type":"input_text","text":""},
          {"type":"input_text","text":"describe"}]}]}
        """#)
        let content = try #require(messages(r).first?["content"]?.arrayValue)
        #expect(content.map { $0["type"]?.stringValue } == ["text", "image_url", "text", "text", "text"])
        #expect(content[1] == json(#"{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"high"}}"#))
        #expect(content[3]["text"]?.stringValue?.contains("notes.pdf") == true)
        #expect(r.containsImages)
    }

    @Test func httpImageURLsAreForwarded() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"role":"user","content":[{"type":"input_image","image_url":"https://example.com/a.png"}]}]}
        """#)
        let content = try #require(messages(r).first?["content"]?.arrayValue)
        // An image alone gets a text part: MiMo rejects image-only messages ("text is not set").
        #expect(content.first?["type"] == "text")
        #expect(content.last?["image_url"]?["url"] == "https://example.com/a.png")
    }

    @Test func priorAssistantTextIsKept() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[
          {"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]},
          {"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"hello!","annotations":[]}]},
          {"type":"message","role":"user","content":[{"type":"input_text","text":"again"}]}]}
        """#)
        #expect(messages(r)[1] == json(#"{"role":"assistant","content":"hello!"}"#))
    }

    @Test func unknownItemsAndRolesAreReportedNotFatal() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[
          {"type":"web_search_call","id":"ws_1","status":"completed"},
          {"type":"future_item","x":1}, 42,
          {"type":"message","role":"critic","content":"hmm"},
          {"type":"message","role":"user","content":"go"}]}
        """#)
        #expect(messages(r).count == 1)
        let dropped = r.notes.filter { $0.kind == .droppedItem }.map(\.detail)
        #expect(dropped.contains("web_search_call"))
        #expect(dropped.contains("future_item"))
        #expect(dropped.contains { $0.contains("not objects") })
        #expect(dropped.contains { $0.contains("critic") })
    }

    @Test func malformedTopLevelShapesAreClearErrors() {
        #expect(throws: RequestDecodingError.self) { try translate(#"[1,2]"#) }
        do {
            _ = try translate(#"{"input":5}"#)
            Issue.record("expected an error")
        } catch let error as RequestDecodingError {
            #expect(error.param == "input")
            #expect(error.message.contains("number"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite struct StepAssemblyTests {
    /// Codex replays one step as reasoning, message and calls; MiMo needs one assistant message.
    @Test func oneAssistantMessagePerStepWhateverTheOrder() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-pro","input":[
          {"type":"message","role":"user","content":"do two things"},
          {"type":"function_call","id":"fc_1","call_id":"call_a","name":"exec_command","arguments":"{\"cmd\":\"ls\"}"},
          {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Running both."}]},
          {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"plan"}],"encrypted_content":"ccmimolink:reasoning:v1:full plan"},
          {"type":"function_call","id":"fc_2","call_id":"call_b","name":"exec_command","arguments":"{\"cmd\":\"pwd\"}"},
          {"type":"function_call_output","call_id":"call_a","output":"a.txt"},
          {"type":"function_call_output","call_id":"call_b","output":"/tmp"}]}
        """#)
        let m = messages(r)
        #expect(m.count == 4)
        #expect(m[1] == json(#"""
        {"role":"assistant","content":"Running both.","reasoning_content":"full plan","tool_calls":[
          {"id":"call_a","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}},
          {"id":"call_b","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"pwd\"}"}}]}
        """#))
        #expect(m[2] == json(#"{"role":"tool","content":"a.txt","tool_call_id":"call_a"}"#))
        #expect(m[3] == json(#"{"role":"tool","content":"/tmp","tool_call_id":"call_b"}"#))
    }

    @Test func ourResponseTokensSeparateSteps() throws {
        let a = "fc_" + String(repeating: "a", count: 24) + "_1"
        let b = "rs_" + String(repeating: "b", count: 24) + "_0"
        let c = "fc_" + String(repeating: "b", count: 24) + "_1"
        let r = try translate(#"""
        {"model":"mimo-v2.6-pro","input":[{"role":"user","content":"x"},
          {"type":"function_call","id":"\#(a)","call_id":"c1","name":"f","arguments":"{}"},
          {"type":"reasoning","id":"\#(b)","summary":[],"encrypted_content":"ccmimolink:reasoning:v1:second"},
          {"type":"function_call","id":"\#(c)","call_id":"c2","name":"f","arguments":"{}"},
          {"type":"function_call_output","call_id":"c2","output":"ok"}]}
        """#)
        let m = messages(r)
        // Step one's call had no output: it gets a placeholder before step two begins.
        #expect(m.map { $0["role"]?.stringValue } == ["user", "assistant", "tool", "assistant", "tool"])
        #expect(m[2]["content"]?.stringValue == RequestTranslator.missingOutputPlaceholder)
        #expect(m[1]["reasoning_content"]?.stringValue == RequestTranslator.reasoningPlaceholder)
        #expect(m[3]["reasoning_content"] == "second")
        #expect(r.notes.contains { $0.kind == .missingOutput })
        #expect(r.notes.contains { $0.kind == .placeholderReasoning })
    }

    @Test func orphanOutputsAreDroppedAndDuplicatesRemoved() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"role":"user","content":"x"},
          {"type":"function_call_output","call_id":"ghost","output":"boo"},
          {"type":"function_call","id":"fc_1","call_id":"c1","name":"f","arguments":"{}"},
          {"type":"function_call","id":"fc_1","call_id":"c1","name":"f","arguments":"{}"},
          {"type":"function_call_output","call_id":"c1","output":"first"},
          {"type":"function_call_output","call_id":"c1","output":"second"}]}
        """#)
        let m = messages(r)
        #expect(m.count == 3)
        #expect(m[1]["tool_calls"]?.arrayValue?.count == 1)
        #expect(m[2]["content"] == "first")
        #expect(r.notes.contains(TranslationNote(.orphanOutput, "function_call_output ghost has no matching call")))
        #expect(r.notes.filter { $0.kind == .duplicateItem }.count == 2)
    }

    @Test func invalidOrEmptyArgumentsBecomeEmptyObject() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"role":"user","content":"x"},
          {"type":"function_call","call_id":"c1","name":"f","arguments":"{\"cmd\": \"ls"},
          {"type":"function_call","call_id":"c2","name":"f","arguments":""},
          {"type":"function_call","call_id":"c3","name":"f","arguments":"[1]"},
          {"type":"function_call_output","call_id":"c1","output":"a"},
          {"type":"function_call_output","call_id":"c2","output":"b"},
          {"type":"function_call_output","call_id":"c3","output":"c"}]}
        """#)
        let calls = try #require(messages(r)[1]["tool_calls"]?.arrayValue)
        #expect(calls.map { $0["function"]?["arguments"]?.stringValue } == ["{}", "{}", "{}"])
        #expect(r.notes.filter { $0.kind == .repairedArguments }.count == 2)  // empty is not a repair
    }

    @Test func arrayOutputsAreFlattenedAndImagesNotedForTextModels() throws {
        let textOnly = TranslationOptions(lineup: ModelLineup(refusedImages: ["mimo-v2.6-pro"]))
        let r = try translate(#"""
        {"model":"mimo-v2.6-pro","input":[{"role":"user","content":"x"},
          {"type":"function_call","call_id":"c1","name":"ping","namespace":"mcp__mini","arguments":"{}"},
          {"type":"function_call_output","call_id":"c1","output":[{"type":"input_text","text":"Wall time: 0.01 seconds\nOutput:"},{"type":"input_text","text":"pong"},{"type":"input_image","image_url":"data:image/png;base64,AA"}]},
          {"type":"message","role":"user","content":"next"}]}
        """#, options: textOnly)
        let m = messages(r)
        #expect(m[2]["role"] == "tool")
        #expect(m[2]["content"]?.stringValue?.hasPrefix("Wall time: 0.01 seconds\nOutput:\npong\n[1 image(s) omitted") == true)
        // The image in an *earlier* turn does not move the request to the vision model.
        #expect(r.upstreamModel == "mimo-v2.6-pro")
    }

    @Test func imagesFromToolsInTheCurrentTurnRouteToVisionAndFollowAsUserMessage() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-pro","input":[{"role":"user","content":"look at it"},
          {"type":"function_call","call_id":"c1","name":"view_image","arguments":"{\"path\":\"a.png\"}"},
          {"type":"function_call_output","call_id":"c1","output":[{"type":"input_image","image_url":"data:image/png;base64,AA"}]}]}
        """#, options: TranslationOptions(lineup: ModelLineup(refusedImages: ["mimo-v2.6-pro"])))
        #expect(r.upstreamModel == "mimo-v2.6-flash")
        #expect(r.modelOrigin == .imageRouting)
        let m = messages(r)
        #expect(m.map { $0["role"]?.stringValue } == ["user", "assistant", "tool", "user"])
        #expect(m[2]["content"]?.stringValue?.contains("attached in the next message") == true)
        #expect(m[3]["content"]?.arrayValue?.last?["type"] == "image_url")
        #expect(r.notes.contains { $0.kind == .modelRouted })
    }

    @Test func reasoningReplayPrefersOurBlobThenSummaryThenPlaceholder() throws {
        func reasoningContent(_ item: String) throws -> String? {
            let r = try translate(#"""
            {"model":"mimo-v2.6-flash","input":[{"role":"user","content":"x"},\#(item),
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":"ok"}]}
            """#)
            return messages(r)[1]["reasoning_content"]?.stringValue
        }
        let exact = "line one\n  line two with \"quotes\" and ünïcode 🚀\n"
        let blob = ReasoningCodec.encodeReasoning(exact)
        let encoded = JSONValue.string(blob).serialized()
        #expect(try reasoningContent(#"{"type":"reasoning","summary":[{"type":"summary_text","text":"short"}],"encrypted_content":\#(encoded)}"#) == exact)
        #expect(try reasoningContent(#"{"type":"reasoning","summary":[{"type":"summary_text","text":"short"}],"encrypted_content":"gAAAAB-foreign"}"#) == "short")
        #expect(try reasoningContent(#"{"type":"reasoning","summary":[],"encrypted_content":"gAAAAB-foreign"}"#) == RequestTranslator.reasoningPlaceholder)
    }

    @Test func noPlaceholderWhenThinkingIsOff() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","reasoning":{"effort":"none"},"input":[{"role":"user","content":"x"},
          {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
          {"type":"function_call_output","call_id":"c1","output":"ok"}]}
        """#)
        #expect(messages(r)[1]["reasoning_content"] == nil)
        #expect(r.body["thinking"] == json(#"{"type":"disabled"}"#))
    }

    @Test func customToolSearchAndLocalShellCallsReplayAsFunctions() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"role":"user","content":"x"},
          {"type":"custom_tool_call","id":"ctc_1","call_id":"c1","name":"apply_patch","input":"*** Begin Patch\n*** End Patch\n"},
          {"type":"tool_search_call","id":"tsc_1","call_id":"c2","execution":"client","arguments":{"query":"mini ping","limit":4}},
          {"type":"local_shell_call","id":"lsc_1","call_id":"c3","action":{"type":"exec","command":["ls","-la"],"working_directory":"/tmp"}},
          {"type":"custom_tool_call_output","call_id":"c1","output":"Exit code: 0"},
          {"type":"tool_search_output","call_id":"c2","execution":"client","tools":[{"type":"namespace","name":"mcp__mini","tools":[{"type":"function","name":"ping","description":"Ping it","defer_loading":true,"parameters":{"type":"object","properties":{"text":{"type":"string"}}}}]}]},
          {"type":"function_call_output","call_id":"c3","output":"total 0"}]}
        """#)
        let m = messages(r)
        let calls = try #require(m[1]["tool_calls"]?.arrayValue)
        #expect(calls[0]["function"] == json(#"{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\\n*** End Patch\\n\"}"}"#))
        #expect(calls[1]["function"] == json(#"{"name":"tool_search","arguments":"{\"query\":\"mini ping\",\"limit\":4}"}"#))
        #expect(calls[2]["function"] == json(#"{"name":"shell","arguments":"{\"command\":[\"ls\",\"-la\"],\"workdir\":\"/tmp\"}"}"#))
        #expect(m[3]["content"]?.stringValue?.contains("mcp__mini__ping: Ping it") == true)
        // The revealed tool becomes callable upstream.
        let names = r.body["tools"]?.arrayValue?.compactMap { $0["function"]?["name"]?.stringValue }
        #expect(names == ["mcp__mini__ping"])
        #expect(r.catalog.route(forUpstreamName: "mcp__mini__ping")?.namespace == "mcp__mini")
    }

    @Test func compactionItemsOfOursReplayAsSummary() throws {
        let blob = JSONValue.string(ReasoningCodec.encodeCompaction("We fixed the bug in a.swift.")).serialized()
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"role":"user","content":"first"},
          {"type":"compaction","id":"cmp_1","encrypted_content":\#(blob)},
          {"type":"compaction","id":"cmp_2","encrypted_content":"opaque-from-openai"},
          {"role":"user","content":"continue"}]}
        """#)
        let m = messages(r)
        #expect(m.count == 3)
        #expect(m[1]["content"]?.stringValue?.hasSuffix("We fixed the bug in a.swift.") == true)
        #expect(r.notes.contains { $0.kind == .droppedItem && $0.detail.contains("compaction") })
    }

    @Test func trailingCompactionTriggerAsksForASummaryWithoutTools() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],
         "input":[{"role":"user","content":"work"},{"type":"compaction_trigger"}]}
        """#)
        #expect(r.mode == .compact)
        #expect(r.body["tools"] == nil)
        #expect(messages(r).last?["content"]?.stringValue == RequestTranslator.compactionInstruction)
    }
}
