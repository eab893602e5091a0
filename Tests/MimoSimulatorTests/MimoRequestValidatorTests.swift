import ResponsesTranslation
import Testing
@testable import MimoSimulator

/// One test per MiMo request rule: each builds a request that breaks exactly that rule and checks the
/// status and body the simulator answers, next to requests that must pass.
@Suite struct MimoRequestValidatorTests {
    let validator = MimoRequestValidator()

    // MARK: Building blocks

    static func user(_ text: String) -> JSONValue { ["role": "user", "content": .string(text)] }

    static func call(_ id: String, name: String = "exec_command", arguments: String = #"{"cmd":"ls"}"#) -> JSONValue {
        ["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]
    }

    static func assistant(calls: [JSONValue], reasoning: JSONValue? = "I will list the files.") -> JSONValue {
        var message: JSONObject = ["role": "assistant", "content": "", "tool_calls": .array(calls)]
        if let reasoning { message["reasoning_content"] = reasoning }
        return .object(message)
    }

    static func tool(_ id: String, _ content: JSONValue = "README.md") -> JSONValue {
        ["role": "tool", "tool_call_id": .string(id), "content": content]
    }

    static func function(_ name: String, strict: JSONValue? = false) -> JSONValue {
        var function: JSONObject = [
            "name": .string(name), "description": "A tool.",
            "parameters": ["type": "object", "properties": [:], "additionalProperties": false],
        ]
        if let strict { function["strict"] = strict }
        return ["type": "function", "function": .object(function)]
    }

    static func body(
        model: String = "mimo-v2.6-pro", _ messages: [JSONValue] = [user("hi")], _ extra: JSONObject = [:]
    ) -> JSONValue {
        var object: JSONObject = ["model": .string(model), "messages": .array(messages)]
        for member in extra { object[member.key] = member.value }
        return .object(object)
    }

    func rejection(_ body: JSONValue) -> MimoRejection? {
        if case .failure(let rejection) = validator.validate(body) { return rejection }
        return nil
    }

    func accepted(_ body: JSONValue) -> ValidatedChatRequest? {
        switch validator.validate(body) {
        case .success(let request): return request
        case .failure(let rejection):
            Issue.record("unexpected rejection: \(rejection.body.serialized())")
            return nil
        }
    }

    /// A 400 "Param Incorrect" with exactly this detail, in MiMo's body shape.
    func expect400(_ body: JSONValue, _ param: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let rejection = rejection(body)
        #expect(rejection?.status == 400, sourceLocation: sourceLocation)
        #expect(rejection?.message == "Param Incorrect", sourceLocation: sourceLocation)
        #expect(rejection?.param == param, sourceLocation: sourceLocation)
        let expected: JSONValue = ["error": ["code": "400", "message": "Param Incorrect", "param": .string(param), "type": ""]]
        #expect(rejection?.body.serialized() == expected.serialized(), sourceLocation: sourceLocation)
    }

    // MARK: Valid requests

    @Test func acceptsMinimalRequestWithMiMoDefaults() throws {
        let request = try #require(accepted(Self.body()))
        #expect(request.model == "mimo-v2.6-pro")
        #expect(request.stream == false)
        #expect(request.includeUsage == false)
        #expect(request.thinkingEnabled == true)
        #expect(request.maxCompletionTokens == 131_072)
        #expect(request.lastUserText == "hi")
        #expect(request.lastRole == "user")
        #expect(request.messageCount == 1)
        #expect(request.hasImages == false)
    }

    @Test func acceptsWellFormedToolRoundTripWithEveryTolerance() throws {
        let messages: [JSONValue] = [
            ["role": "system", "content": "You are a coding agent."],
            ["role": "developer", "content": [["type": "text", "text": "Sandbox: read-only."]]],
            Self.user("list files, then read both"),
            Self.assistant(calls: [Self.call("call_a"), Self.call("call_b", name: "view_image", arguments: #"{"path":"a.png"}"#)]),
            ["role": "system", "content": "A system note between calls and results keeps the calls open."],
            Self.tool("call_b", "image viewed"),
            Self.tool("call_a"),
        ]
        let extra: JSONObject = [
            "stream": true, "stream_options": ["include_usage": true], "thinking": ["type": "enabled"],
            "tools": [Self.function("exec_command"), Self.function("view_image", strict: nil)],
            "tool_choice": "required", "parallel_tool_calls": true, "max_completion_tokens": 4096,
            "max_tokens": 999_999, "response_format": ["type": "json_object"], "temperature": .number("1.5"),
            "top_p": .number("0.01"), "stop": ["\n\n"], "frequency_penalty": 0, "reasoning_effort": nil,
        ]
        let request = try #require(accepted(Self.body(messages, extra)))
        #expect(request.stream && request.includeUsage && request.thinkingEnabled && request.wantsJSONObject)
        #expect(request.toolNames == ["exec_command", "view_image"])
        #expect(request.maxCompletionTokens == 4096)
        #expect(request.lastRole == "tool")
        #expect(request.lastUserText == "list files, then read both")
        #expect(request.trailingToolResults == [
            .init(toolCallID: "call_b", content: "image viewed"), .init(toolCallID: "call_a", content: "README.md"),
        ])
    }

    @Test func acceptsImageWithTextOnVisionModel() throws {
        let message: JSONValue = ["role": "user", "content": [
            ["type": "text", "text": "describe the image"],
            ["type": "image_url", "image_url": ["url": "data:image/png;base64,iVBORw0KGgo=", "detail": "high"]],
        ]]
        let request = try #require(accepted(Self.body(model: "mimo-v2.6-flash", [message])))
        #expect(request.hasImages)
        #expect(request.maxCompletionTokens == 131_072)
    }

    @Test func toleratesMaxTokensAsTheCapWhenMaxCompletionTokensIsAbsent() throws {
        let request = try #require(accepted(Self.body(model: "mimo-v2.6-flash", [Self.user("hi")], ["max_tokens": 1000])))
        #expect(request.maxCompletionTokens == 1000)
    }

    @Test(arguments: [JSONValue("required"), "none", ["type": "function", "function": ["name": "exec_command"]]])
    func toleratesAnyToolChoice(_ choice: JSONValue) {
        #expect(accepted(Self.body([Self.user("hi")], ["tool_choice": choice, "tools": [Self.function("exec_command")]])) != nil)
    }

    @Test func skipsReasoningReplayWhenThinkingIsDisabled() throws {
        let messages = [Self.user("ls"), Self.assistant(calls: [Self.call("call_a")], reasoning: nil), Self.tool("call_a")]
        let request = try #require(accepted(Self.body(messages, ["thinking": ["type": "disabled"]])))
        #expect(request.thinkingEnabled == false)
    }

    @Test func acceptsAssistantTextHistoryWithoutToolCalls() {
        let messages: [JSONValue] = [
            Self.user("hi"), ["role": "assistant", "content": [["type": "text", "text": "hello"]]],
            ["role": "assistant", "content": nil], Self.user("again"),
        ]
        #expect(accepted(Self.body(messages))?.lastUserText == "again")
    }

    // MARK: Body, model, messages

    @Test func rejectsNonObjectBody() {
        expect400(["model", "mimo-v2.6-pro"], "body: Input should be a valid dictionary")
    }

    @Test func rejectsUnparsableBodyText() {
        guard case .failure(let rejection) = validator.validate(bodyText: #"{"model":"#) else {
            Issue.record("invalid JSON was accepted")
            return
        }
        #expect(rejection.status == 400)
        #expect(rejection.param.hasPrefix("JSON decode error: invalid JSON at line 1"))
        if case .failure = validator.validate(bodyText: Self.body().serialized()) { Issue.record("valid text was rejected") }
    }

    @Test func rejectsMissingEmptyOrUnknownModel() {
        expect400(["messages": [Self.user("hi")]], "model: Field required")
        expect400(Self.body(model: ""), "model: String should have at least 1 character")
        expect400(["model": 5, "messages": [Self.user("hi")]], "model: Input should be a valid string")
        // Retired 2026-06-30 and Codex's own slugs are not served.
        expect400(Self.body(model: "mimo-v2-pro"), "Model not found: mimo-v2-pro")
        expect400(Self.body(model: "gpt-5.5"), "Model not found: gpt-5.5")
    }

    @Test func rejectsMissingOrEmptyMessages() {
        expect400(["model": "mimo-v2.6-pro"], "messages: Field required")
        expect400(["model": "mimo-v2.6-pro", "messages": "hi"], "messages: Input should be a valid list")
        expect400(Self.body([]), "messages: List should have at least 1 item after validation, not 0")
    }

    @Test func rejectsUnknownRole() {
        expect400(
            Self.body([["role": "function", "content": "x"]]),
            "messages.0: Input tag 'function' found using 'role' does not match any of the expected tags: 'system', 'developer', 'user', 'assistant', 'tool'")
        expect400(Self.body([["content": "x"]]), "messages.0: Unable to extract tag using discriminator 'role'")
    }

    // MARK: User content

    @Test func rejectsEmptyTextPart() {
        let message: JSONValue = ["role": "user", "content": [["type": "text", "text": "describe"], ["type": "text", "text": ""]]]
        expect400(Self.body([message]), "text is not set")
    }

    @Test func rejectsImageWithoutTextPart() {
        let message: JSONValue = ["role": "user", "content": [["type": "image_url", "image_url": ["url": "data:image/png;base64,AAAA"]]]]
        expect400(Self.body(model: "mimo-v2.6-flash", [message]), "text is not set")
    }

    @Test func rejectsResponsesStylePartTypes() {
        let message: JSONValue = ["role": "user", "content": [["type": "input_text", "text": "hi"]]]
        expect400(
            Self.body([message]),
            "messages.0.content.0: Input tag 'input_text' found using 'type' does not match any of the expected tags: 'text', 'image_url'")
    }

    @Test func rejectsImagePartWithoutURL() {
        let message: JSONValue = ["role": "user", "content": [["type": "text", "text": "see"], ["type": "image_url", "image_url": "data:x"]]]
        expect400(Self.body(model: "mimo-v2.6-flash", [message]), "messages.0.content.1.image_url: Input should be a valid dictionary")
    }

    @Test func answers404ForImageToTextOnlyModel() {
        let message: JSONValue = ["role": "user", "content": [
            ["type": "text", "text": "describe"], ["type": "image_url", "image_url": ["url": "data:image/png;base64,AAAA"]],
        ]]
        let textOnly = MimoRequestValidator(lineup: SimulatedModelLineup(textOnly: ["mimo-v2.6-pro"]))
        guard case .failure(let rejection) = textOnly.validate(Self.body(model: "mimo-v2.6-pro", [message])) else {
            Issue.record("an image to a text-only model was accepted")
            return
        }
        #expect(rejection.status == 404)
        #expect(rejection.message == "No endpoints found that support image input")
        #expect(rejection.body.serialized()
            == #"{"error":{"code":"404","message":"No endpoints found that support image input","param":"mimo-v2.6-pro does not accept image input","type":""}}"#)
        #expect(accepted(Self.body(model: "mimo-v2.6-pro", [message])) != nil, "by default v2.6-pro takes images, as cc-switch's preset says")
    }

    /// The v2.5 line was retired on 2026-10-21: its ids get MiMo's "Not supported model", unless the
    /// gateway is told to still serve them (to test bridges that pass a served old id through).
    @Test func retiredIdsAreNotSupportedUnlessStillServed() {
        #expect(rejection(Self.body(model: "mimo-v2.5-pro", [Self.user("hi")]))?.body.serialized()
            == #"{"error":{"code":"400","message":"Not supported model","param":"mimo-v2.5-pro","type":""}}"#)
        #expect(rejection(Self.body(model: "mimo-v2.5", [Self.user("hi")]))?.message == "Not supported model")
        #expect(rejection(Self.body(model: "mimo-v2-pro", [Self.user("hi")]))?.param == "Model not found: mimo-v2-pro")
        let old = MimoRequestValidator(lineup: SimulatedModelLineup(servesRetired: true))
        guard case .success(let request) = old.validate(Self.body(model: "mimo-v2.5", [Self.user("hi")], ["max_completion_tokens": 100])) else {
            Issue.record("a served old id was refused")
            return
        }
        #expect(request.model == "mimo-v2.5")
        guard case .failure(let rejection) = old.validate(Self.body(model: "mimo-v2.5", [Self.user("hi")], ["max_completion_tokens": 40_000])) else {
            Issue.record("v2.5's 32K cap was not enforced")
            return
        }
        #expect(rejection.param == "max_completion_tokens: Input should be less than or equal to 32768")
    }

    // MARK: Assistant messages

    @Test func rejectsImagePartInAssistantContent() {
        let message: JSONValue = ["role": "assistant", "content": [["type": "image_url", "image_url": ["url": "x"]]]]
        expect400(
            Self.body([Self.user("hi"), message]),
            "messages.1.content.0: Input tag 'image_url' found using 'type' does not match any of the expected tags: 'text'")
    }

    @Test func rejectsMalformedToolCalls() {
        func history(_ call: JSONValue) -> JSONValue {
            Self.body([Self.user("go"), Self.assistant(calls: [call])])
        }
        expect400(history(Self.call("")), "messages.1.tool_calls.0.id: String should have at least 1 character")
        expect400(history(["id": "call_a", "type": "custom", "function": ["name": "x", "arguments": "{}"]]),
                  "messages.1.tool_calls.0.type: Input should be 'function'")
        expect400(history(Self.call("call_a", name: "")), "messages.1.tool_calls.0.function.name: String should have at least 1 character")
        expect400(history(["id": "call_a", "type": "function", "function": ["name": "x", "arguments": ["cmd": "ls"]]]),
                  "messages.1.tool_calls.0.function.arguments: Input should be a valid string")
    }

    @Test func rejectsMalformedHistoricalArguments() {
        let truncated = Self.body([Self.user("go"), Self.assistant(calls: [Self.call("call_a", arguments: #"{"cmd": "ls"#)]), Self.tool("call_a")])
        #expect(rejection(truncated)?.param.hasPrefix("messages.1.tool_calls.0.function.arguments: Invalid JSON: ") == true)
        #expect(rejection(truncated)?.status == 400)
        let empty = Self.body([Self.user("go"), Self.assistant(calls: [Self.call("call_a", arguments: "")]), Self.tool("call_a")])
        #expect(rejection(empty)?.param.hasPrefix("messages.1.tool_calls.0.function.arguments: Invalid JSON: ") == true)
        let array = Self.body([Self.user("go"), Self.assistant(calls: [Self.call("call_a", arguments: "[1]")]), Self.tool("call_a")])
        expect400(array, "messages.1.tool_calls.0.function.arguments: Invalid JSON: expected an object, got array")
    }

    @Test func rejectsNonStringReasoningContent() {
        let messages = [Self.user("go"), Self.assistant(calls: [Self.call("call_a")], reasoning: ["text": "x"]), Self.tool("call_a")]
        expect400(Self.body(messages), "messages.1.reasoning_content: Input should be a valid string")
    }

    // MARK: Reasoning replay

    @Test(arguments: [nil, JSONValue(""), .null])
    func rejectsToolCallsWithoutReasoningInThinkingMode(_ reasoning: JSONValue?) {
        let messages = [
            Self.user("go"), Self.assistant(calls: [Self.call("call_a")]), Self.tool("call_a"),
            Self.assistant(calls: [Self.call("call_b")], reasoning: reasoning), Self.tool("call_b"),
        ]
        let documented = #"{"error":{"code":"400","message":"Param Incorrect","param":"The reasoning_content in the thinking mode must be passed back to the API.","type":""}}"#
        // Thinking absent (MiMo's default) and explicitly enabled both demand the replay.
        #expect(rejection(Self.body(messages))?.body.serialized() == documented)
        #expect(rejection(Self.body(messages, ["thinking": ["type": "enabled"]]))?.body.serialized() == documented)
        #expect(rejection(Self.body(messages))?.status == 400)
    }

    // MARK: Tool messages and pairing

    @Test func rejectsToolMessageWithListContent() {
        let messages = [Self.user("go"), Self.assistant(calls: [Self.call("call_a")]), Self.tool("call_a", [["type": "text", "text": "pong"]])]
        expect400(Self.body(messages), "text is not set")
    }

    @Test func rejectsToolMessageWithoutToolCallID() {
        expect400(Self.body([Self.user("go"), ["role": "tool", "content": "x"]]), "messages.1.tool_call_id: Field required")
    }

    @Test func rejectsOrphanToolMessages() {
        // Right after a user message, with an id no call carries, and a second answer to the same call.
        expect400(Self.body([Self.user("go"), Self.tool("call_a")]),
                  "messages.1: Messages with role 'tool' must be a response to a preceding message with 'tool_calls'; no open tool call has the id 'call_a'")
        expect400(Self.body([Self.user("go"), Self.assistant(calls: [Self.call("call_a")]), Self.tool("call_x")]),
                  "messages.2: Messages with role 'tool' must be a response to a preceding message with 'tool_calls'; no open tool call has the id 'call_x'")
        expect400(Self.body([Self.user("go"), Self.assistant(calls: [Self.call("call_a")]), Self.tool("call_a"), Self.tool("call_a")]),
                  "messages.3: Messages with role 'tool' must be a response to a preceding message with 'tool_calls'; no open tool call has the id 'call_a'")
        // Calls of an earlier assistant message cannot be answered after a later one.
        expect400(Self.body([
            Self.user("go"), Self.assistant(calls: [Self.call("call_a")]), Self.tool("call_a"),
            Self.assistant(calls: [Self.call("call_b")]), Self.tool("call_b"), Self.tool("call_a"),
        ]), "messages.5: Messages with role 'tool' must be a response to a preceding message with 'tool_calls'; no open tool call has the id 'call_a'")
    }

    @Test func rejectsUnansweredToolCalls() {
        let prefix = "messages.1: An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: "
        let parallel = Self.assistant(calls: [Self.call("call_a"), Self.call("call_b"), Self.call("call_c")])
        expect400(Self.body([Self.user("go"), parallel, Self.tool("call_b"), Self.user("next")]), prefix + "call_a, call_c")
        expect400(Self.body([Self.user("go"), parallel, Self.tool("call_a"), Self.tool("call_b")]), prefix + "call_c")
    }

    // MARK: Tools

    @Test func rejectsNullStrict() {
        expect400(Self.body([Self.user("hi")], ["tools": [Self.function("exec_command", strict: .null)]]), "Input should be a valid boolean")
    }

    @Test func rejectsDuplicateToolNames() {
        let tools: JSONValue = [Self.function("ping"), Self.function("exec_command"), Self.function("ping")]
        expect400(Self.body([Self.user("hi")], ["tools": tools]), "tools contains duplicate names")
    }

    @Test(arguments: ["mcp__mini.ping", "", String(repeating: "a", count: 65), "ping pong", "pïng"])
    func rejectsInvalidToolName(_ name: String) {
        expect400(Self.body([Self.user("hi")], ["tools": [Self.function(name)]]),
                  "tools.0.function.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'")
    }

    @Test func acceptsToolNameAtTheLimits() {
        let names = [String(repeating: "a", count: 64), "a", "mcp__mini__ping-2"]
        #expect(accepted(Self.body([Self.user("hi")], ["tools": .array(names.map { Self.function($0) })]))?.toolNames == names)
    }

    @Test func rejectsNonFunctionToolTypes() {
        let custom: JSONValue = ["type": "custom", "name": "apply_patch", "format": ["type": "grammar"]]
        expect400(Self.body([Self.user("hi")], ["tools": [custom]]),
                  "tools.0: Input tag 'custom' found using 'type' does not match any of the expected tags: 'function', 'web_search'")
        // Responses-shaped function tool: name at the top level, no `function` object.
        let flat: JSONValue = ["type": "function", "name": "exec_command", "parameters": ["type": "object"]]
        expect400(Self.body([Self.user("hi")], ["tools": [flat]]), "tools.0.function: Field required")
    }

    @Test func rejectsWebSearchWithoutPlugin() {
        let webSearch: JSONValue = ["type": "web_search", "web_search": ["max_keyword": 3]]
        expect400(Self.body([Self.user("hi")], ["tools": [Self.function("exec_command"), webSearch]]), "webSearchEnabled is false")
    }

    // MARK: Parameters

    @Test func rejectsInvalidThinking() {
        expect400(Self.body([Self.user("hi")], ["thinking": ["type": "auto"]]), "thinking.type: Input should be 'enabled' or 'disabled'")
        expect400(Self.body([Self.user("hi")], ["thinking": "enabled"]), "thinking: Input should be a valid dictionary")
        expect400(Self.body([Self.user("hi")], ["thinking": ["budget_tokens": 1024]]), "thinking.type: Field required")
    }

    /// v2.6 takes none|low|medium|high and refuses what Codex also sends (minimal, xhigh, max); `none`
    /// turns thinking off. v2.5 (when still served) refused `none`.
    @Test func reasoningEffortFollowsTheModelsRules() {
        for effort in ["low", "medium", "high"] {
            #expect(accepted(Self.body([Self.user("hi")], ["reasoning_effort": .string(effort)]))?.thinkingEnabled == true)
        }
        #expect(accepted(Self.body([Self.user("hi")], ["reasoning_effort": "none"]))?.thinkingEnabled == false)
        for effort in ["minimal", "xhigh", "max", "HIGH"] {
            expect400(Self.body([Self.user("hi")], ["reasoning_effort": .string(effort)]),
                      "reasoning_effort: Input should be 'none', 'low', 'medium' or 'high'")
        }
        let old = MimoRequestValidator(lineup: SimulatedModelLineup(servesRetired: true))
        guard case .failure(let rejection) = old.validate(Self.body(model: "mimo-v2.5-pro", [Self.user("hi")], ["reasoning_effort": "none"])) else {
            Issue.record("v2.5 took reasoning_effort none")
            return
        }
        #expect(rejection.param == "reasoning_effort: Input should be 'low', 'medium' or 'high'")
    }

    @Test func rejectsMaxCompletionTokensOutsideTheModelRange() {
        expect400(Self.body([Self.user("hi")], ["max_completion_tokens": 0]), "max_completion_tokens: Input should be greater than or equal to 1")
        expect400(Self.body([Self.user("hi")], ["max_completion_tokens": 131_073]), "max_completion_tokens: Input should be less than or equal to 131072")
        expect400(Self.body([Self.user("hi")], ["max_completion_tokens": "1024"]), "max_completion_tokens: Input should be a valid integer")
        expect400(Self.body([Self.user("hi")], ["max_completion_tokens": .number("10.5")]), "max_completion_tokens: Input should be a valid integer")
        #expect(accepted(Self.body([Self.user("hi")], ["max_completion_tokens": 131_072]))?.maxCompletionTokens == 131_072)
    }

    @Test func rejectsJSONSchemaResponseFormat() {
        let format: JSONValue = ["type": "json_schema", "json_schema": ["name": "codex_output_schema", "strict": true, "schema": ["type": "object"]]]
        expect400(Self.body([Self.user("hi")], ["response_format": format]), "response_format.type: Input should be 'text' or 'json_object'")
        #expect(accepted(Self.body([Self.user("hi")], ["response_format": ["type": "text"]]))?.wantsJSONObject == false)
    }

    @Test func rejectsStreamOptionsWithoutStreaming() {
        let detail = "The 'stream_options' parameter is only allowed when 'stream' is enabled."
        expect400(Self.body([Self.user("hi")], ["stream_options": ["include_usage": true]]), detail)
        expect400(Self.body([Self.user("hi")], ["stream": false, "stream_options": ["include_usage": true]]), detail)
    }

    @Test func rejectsSamplingOutsideMiMoRanges() {
        expect400(Self.body([Self.user("hi")], ["temperature": .number("1.6")]), "temperature: Input should be less than or equal to 1.5")
        expect400(Self.body([Self.user("hi")], ["temperature": .number("-0.1")]), "temperature: Input should be greater than or equal to 0")
        expect400(Self.body([Self.user("hi")], ["top_p": 0]), "top_p: Input should be greater than or equal to 0.01")
        expect400(Self.body([Self.user("hi")], ["top_p": .number("1.01")]), "top_p: Input should be less than or equal to 1")
        expect400(Self.body([Self.user("hi")], ["temperature": "hot"]), "temperature: Input should be a valid number")
    }
}
