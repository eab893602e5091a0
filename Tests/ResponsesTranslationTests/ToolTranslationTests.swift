import MimoSimulator
import Testing
@testable import ResponsesTranslation

@Suite struct ToolTranslationTests {
    func tools(_ r: TranslatedRequest) -> [JSONValue] { r.body["tools"]?.arrayValue ?? [] }

    @Test func functionStrictIsSentOnlyAsBoolean() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":"x","tools":[
          {"type":"function","name":"a","description":"A","strict":false,"parameters":{"type":"object","properties":{"p":{"type":"string"}},"additionalProperties":false}},
          {"type":"function","name":"b","strict":null,"parameters":{"type":"object"}},
          {"type":"function","name":"c"}]}
        """#)
        let t = tools(r)
        #expect(t[0] == json(#"{"type":"function","function":{"name":"a","description":"A","parameters":{"type":"object","properties":{"p":{"type":"string"}},"additionalProperties":false},"strict":false}}"#))
        #expect(t[1]["function"]?["strict"] == nil)
        #expect(t[2]["function"]?["parameters"] == json(#"{"type":"object","properties":{}}"#))
    }

    @Test func customToolBecomesInputStringFunctionWithGrammar() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":"x","tools":[{"type":"custom","name":"apply_patch","description":"Edit files.","format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch hunk+ end_patch"}}]}
        """#)
        let fn = try #require(tools(r).first?["function"])
        #expect(fn["name"] == "apply_patch")
        #expect(fn["parameters"]?["required"] == ["input"])
        #expect(fn["description"]?.stringValue?.contains("start: begin_patch hunk+ end_patch") == true)
        #expect(r.catalog.route(forUpstreamName: "apply_patch")?.kind == .custom)
    }

    @Test func namespacesFlattenReversiblyAndHostedToolsAreDropped() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":"x","tools":[
          {"type":"namespace","name":"mcp__mini","description":"Tools in the mcp__mini namespace.","tools":[{"type":"function","name":"ping","parameters":{"type":"object"}}]},
          {"type":"namespace","name":"multi_agent_v1","tools":[{"type":"function","name":"spawn_agent"},{"type":"function","name":"wait_agent"}]},
          {"type":"web_search","external_web_access":false},{"type":"file_search"},{"type":"image_generation"},
          {"type":"computer_use_preview"},{"type":"code_interpreter"},{"type":"mcp","server_label":"x"},
          {"type":"local_shell"},{"type":"tool_search","execution":"client","parameters":{"type":"object","properties":{"query":{"type":"string"}}}}]}
        """#)
        let names = tools(r).compactMap { $0["function"]?["name"]?.stringValue }
        #expect(names == ["mcp__mini__ping", "multi_agent_v1__spawn_agent", "multi_agent_v1__wait_agent", "shell", "tool_search"])
        #expect(r.catalog.route(forUpstreamName: "multi_agent_v1__wait_agent") ==
                ToolRoute(kind: .function, name: "wait_agent", namespace: "multi_agent_v1",
                          upstreamName: "multi_agent_v1__wait_agent", parameters: json(#"{"type":"object","properties":{}}"#)))
        #expect(r.notes.filter { $0.kind == .droppedTool }.count == 6)
    }

    @Test func duplicateNamesKeepTheFirst() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":"x","tools":[
          {"type":"function","name":"a","description":"first"},{"type":"function","name":"a","description":"second"},
          {"type":"namespace","name":"ns","tools":[{"type":"function","name":"b"}]},{"type":"function","name":"ns__b"}]}
        """#)
        #expect(tools(r).compactMap { $0["function"]?["description"]?.stringValue }.first == "first")
        #expect(tools(r).count == 2)
    }

    @Test func longOrOddNamesAreSanitisedDeterministically() {
        let long = ToolCatalog.upstreamName(name: String(repeating: "x", count: 50), namespace: "mcp__a_really_long_server_name")
        #expect(long.count <= 64)
        #expect(long == ToolCatalog.upstreamName(name: String(repeating: "x", count: 50), namespace: "mcp__a_really_long_server_name"))
        #expect(ToolCatalog.upstreamName(name: "read.file", namespace: "mcp__fs") .allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }

    @Test(arguments: [
        (#""none""#, [String]()),
        (#""required""#, ["a", "b"]),
        (#"{"type":"function","name":"b"}"#, ["b"]),
        (#"{"type":"allowed_tools","mode":"auto","tools":[{"type":"function","name":"a"}]}"#, ["a"]),
        (#""auto""#, ["a", "b"]),
    ])
    func toolChoiceMapsToAutoHonestly(choice: String, offered: [String]) throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":"x","tool_choice":\#(choice),"tools":[{"type":"function","name":"a"},{"type":"function","name":"b"}]}
        """#)
        #expect(tools(r).compactMap { $0["function"]?["name"]?.stringValue } == offered)
        #expect(r.body["tool_choice"] == nil)  // MiMo honours only auto, its default
    }
}

@Suite struct RequestParameterTests {
    @Test func effortMapsToThinkingAndOutputCapAndSampling() throws {
        let on = try translate(#"{"model":"mimo-v2.6-pro","input":"x","reasoning":{"effort":"high"},"max_output_tokens":500000,"temperature":0.3,"stream":true}"#)
        #expect(on.body["thinking"] == json(#"{"type":"enabled"}"#))
        #expect(on.body["reasoning_effort"] == "high")
        #expect(on.body["max_completion_tokens"] == 131072)
        #expect(on.body["temperature"] == nil)
        #expect(on.body["stream_options"] == json(#"{"include_usage":true}"#))
        let off = try translate(#"{"model":"mimo-v2.6-flash","input":"x","reasoning":{"effort":"none"},"max_output_tokens":100,"temperature":3,"top_p":0}"#)
        #expect(off.body["thinking"] == json(#"{"type":"disabled"}"#))
        #expect(off.body["reasoning_effort"] == nil)
        #expect(off.body["max_completion_tokens"] == 100)
        #expect(off.body["temperature"]?.doubleValue == 1.5)
        #expect(off.body["top_p"]?.doubleValue == 0.01)
        #expect(off.body["stream"] == false)
        #expect(off.body["stream_options"] == nil)
        let unset = try translate(#"{"input":"x"}"#)
        #expect(unset.body["thinking"] == json(#"{"type":"enabled"}"#))
        #expect(unset.body["reasoning_effort"] == nil)
    }

    /// Codex sends efforts MiMo refuses (`minimal`, `xhigh`, `max`, `ultra`) and may invent more: each is
    /// clamped to one MiMo takes, or left to MiMo's default, and the log line says so.
    @Test(arguments: [("none", nil, false), ("minimal", "low", true), ("low", "low", true), ("medium", "medium", true),
                      ("high", "high", true), ("xhigh", "high", true), ("max", "high", true), ("ultra", "high", true),
                      ("HIGH", "high", true), ("turbo", nil, true)] as [(String, String?, Bool)])
    func everyCodexEffortBecomesOneMimoTakes(effort: String, sent: String?, thinking: Bool) throws {
        let r = try translate(#"{"model":"mimo-v2.6-pro","input":"x","reasoning":{"effort":"\#(effort)"}}"#)
        #expect(r.body["reasoning_effort"]?.stringValue == sent)
        #expect(r.body["thinking"]?["type"]?.stringValue == (thinking ? "enabled" : "disabled"))
        let clamped = !["none", "low", "medium", "high"].contains(effort.lowercased())
        #expect(r.notes.contains { $0.kind == .parameterAdjusted } == clamped)
        if case .failure(let rejection) = MimoRequestValidator().validate(r.body) {
            Issue.record("MiMo would refuse effort \(effort): \(rejection.param)")
        }
    }

    /// Fields Codex adds over time (0.169's `prompt_cache_options`, `client_metadata`, …) never reach
    /// MiMo: the upstream body is built from the fields the translator knows.
    @Test func unknownTopLevelFieldsAreNeverForwarded() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-pro","input":"x","prompt_cache_options":{"retention":"24h"},"prompt_cache_key":"t",
         "client_metadata":{"session_id":"s"},"service_tier":"flex","include":["reasoning.encrypted_content"],
         "some_future_field":[1,2,3],"store":false}
        """#)
        let sent = Set(r.body.objectValue?.keys ?? [])
        #expect(sent.isSubset(of: ["model", "messages", "tools", "parallel_tool_calls", "thinking", "reasoning_effort",
                                   "max_completion_tokens", "temperature", "top_p", "response_format", "stream",
                                   "stream_options"]))
    }

    @Test func modelRouting() throws {
        let options = TranslationOptions(activeModel: "mimo-v2.6-pro")
        #expect(try translate(#"{"model":"gpt-5.5","input":"x"}"#, options: options).upstreamModel == "mimo-v2.6-pro")
        #expect(try translate(#"{"model":"MiMo-V2.6-Flash","input":"x"}"#, options: options).upstreamModel == "mimo-v2.6-flash")
        #expect(try translate(#"{"input":"x"}"#, options: options).upstreamModel == "mimo-v2.6-pro")
        let image = #"{"model":"mimo-v2.6-pro","input":[{"role":"user","content":[{"type":"input_text","text":"see"},{"type":"input_image","image_url":"data:image/png;base64,AA"}]}]}"#
        // v2.6-pro's image support is disputed: it is tried, and a refusal is learned (ModelFallback).
        #expect(try translate(image, options: options).upstreamModel == "mimo-v2.6-pro")
        let learned = TranslationOptions(activeModel: "mimo-v2.6-pro", lineup: ModelLineup(refusedImages: ["mimo-v2.6-pro"]))
        #expect(try translate(image, options: learned).upstreamModel == "mimo-v2.6-flash")
    }

    /// A Codex `config.toml` from last summer names a retired id: the request goes to its successor,
    /// unless the upstream still serves the old id, and the log line says which.
    @Test func retiredClientModelsGoToTheirSuccessors() throws {
        let retired = try translate(#"{"model":"mimo-v2.5-pro","input":"x"}"#)
        #expect(retired.upstreamModel == "mimo-v2.6-pro")
        #expect(retired.modelOrigin == .client)
        #expect(retired.notes.contains { $0.description == "model_routed: mimo-v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro" })
        #expect(try translate(#"{"model":"mimo-v2.5","input":"x"}"#).upstreamModel == "mimo-v2.6-flash")
        #expect(try translate(#"{"model":"mimo-v2-pro","input":"x"}"#).upstreamModel == "mimo-v2.6-pro", "a chain of retirements is followed")
        let stillServed = TranslationOptions(lineup: ModelLineup(served: ["mimo-v2.5-pro", "mimo-v2.6-pro"]))
        let passed = try translate(#"{"model":"mimo-v2.5-pro","input":"x"}"#, options: stillServed)
        #expect(passed.upstreamModel == "mimo-v2.5-pro")
        #expect(!passed.notes.contains { $0.kind == .modelRouted })
        #expect(try translate(#"{"model":"mimo-pro","input":"x"}"#).upstreamModel == "mimo-v2.6-pro", "a family alias as a slug")
    }

    /// `ccmimoctl model` pins a model: every text request uses it, even one naming another MiMo model
    /// (a running Codex keeps sending the model it started with), and the switch is noted for the log.
    @Test func pinnedModelWinsForTextAndImagesStillGoToVision() throws {
        let pinned = TranslationOptions(activeModel: "mimo-v2.6-flash", pinnedModel: "mimo-v2.6-pro",
                                        lineup: ModelLineup(refusedImages: ["mimo-v2.6-pro"]))
        let named = try translate(#"{"model":"mimo-v2.6-flash","input":"x"}"#, options: pinned)
        #expect(named.upstreamModel == "mimo-v2.6-pro")
        #expect(named.modelOrigin == .pinned)
        #expect(named.notes.contains { $0.description.contains("mimo-v2.6-flash → mimo-v2.6-pro: pinned by ccmimoctl model") })
        #expect(try translate(#"{"model":"gpt-5.5","input":"x"}"#, options: pinned).upstreamModel == "mimo-v2.6-pro")
        let same = try translate(#"{"model":"mimo-v2.6-pro","input":"x"}"#, options: pinned)
        #expect(!same.notes.contains { $0.description.contains("pinned") })
        let image = #"{"model":"mimo-v2.6-flash","input":[{"role":"user","content":[{"type":"input_image","image_url":"data:image/png;base64,AA"}]}]}"#
        #expect(try translate(image, options: pinned).upstreamModel == "mimo-v2.6-flash")
        // Without a pin the client's MiMo model is honoured again.
        #expect(try translate(#"{"model":"mimo-v2.6-pro-ultraspeed","input":"x"}"#,
                              options: TranslationOptions(activeModel: "mimo-v2.6-flash")).upstreamModel == "mimo-v2.6-pro-ultraspeed")
    }

    @Test func jsonSchemaOutputBecomesJsonObjectPlusInstruction() throws {
        let r = try translate(#"""
        {"model":"mimo-v2.6-flash","input":[{"role":"developer","content":"base"},{"role":"user","content":"x"}],
         "text":{"verbosity":"medium","format":{"type":"json_schema","strict":true,"name":"codex_output_schema","schema":{"type":"object","properties":{"a":{"type":"string"}}}}}}
        """#)
        #expect(r.body["response_format"] == json(#"{"type":"json_object"}"#))
        #expect(messages(r)[0]["content"]?.stringValue?.contains(#"{"type":"object","properties":{"a":{"type":"string"}}}"#) == true)
    }

    @Test func parallelToolCallsForwardedOnlyWithTools() throws {
        #expect(try translate(#"{"input":"x","parallel_tool_calls":false,"tools":[{"type":"function","name":"a"}]}"#).body["parallel_tool_calls"] == false)
        #expect(try translate(#"{"input":"x","parallel_tool_calls":true}"#).body["parallel_tool_calls"] == nil)
    }
}
