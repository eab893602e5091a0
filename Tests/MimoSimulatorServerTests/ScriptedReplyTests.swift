import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
@testable import ResponsesTranslation
import Testing

/// Every brain directive, streamed in MiMo's shape (mimo-api.md §5) and as one completion.
@Suite struct ScriptedReplyTests {
    static func stream(_ body: JSONValue) async throws -> (TestResponse, AssembledStream) {
        try await SimulatorHarness.withRouter { client, _ in
            let response = try await SimulatorHarness.postChat(client, body)
            return try (response, AssembledStream(response.chunks))
        }
    }

    static func complete(_ body: JSONValue) async throws -> JSONValue {
        try await SimulatorHarness.withRouter { client, _ in
            let response = try await SimulatorHarness.postChat(client, body)
            #expect(response.status.code == 200)
            return try #require(response.json)
        }
    }

    @Test func defaultReplyStreamsReasoningThenContent() async throws {
        let (response, reply) = try await Self.stream(ChatBodies.user("Say hello to the simulator please, in one short line"))
        #expect(response.status.code == 200)
        #expect(response.headers[.contentType] == "text/event-stream")
        #expect(reply.reasoning == "Thinking about: Say hello to the simulator please, in on")
        #expect(reply.content == "Hello from the MiMo simulator.")
        #expect(reply.kindsInOrder == ["reasoning", "content"])
        #expect(reply.reasoningChunkCount > 1)
        #expect(reply.contentChunkCount > 1)
        #expect(reply.finishReason == "stop")
        #expect(response.text.hasSuffix("data: [DONE]\n\n"))
        let id = try #require(reply.completionIDs.first)
        #expect(reply.completionIDs.count == 1)
        #expect(id.count == 32 && id.allSatisfy { $0.isHexDigit })
        #expect(try response.chunks.allSatisfy { $0["object"] == "chat.completion.chunk" && $0["model"] == "mimo-v2.6-pro" })
    }

    @Test func usageChunkComesLastWithEmptyChoices() async throws {
        let (response, reply) = try await Self.stream(ChatBodies.user("hello"))
        let last = try #require(response.chunks.last)
        #expect(last["choices"] == [])
        let usage = try #require(reply.usage)
        #expect((usage["prompt_tokens"]?.intValue ?? 0) > 10)
        #expect(usage["completion_tokens_details"]?["reasoning_tokens"]?.intValue == TokenEstimate.tokens(characters: reply.reasoning.count))
        #expect(usage["prompt_tokens_details"] == .null)
        #expect(usage["total_tokens"]?.intValue == (usage["prompt_tokens"]?.intValue ?? 0) + (usage["completion_tokens"]?.intValue ?? 0))

        let (withoutUsage, plain) = try await Self.stream(ChatBodies.user("hello", includeUsage: false))
        #expect(plain.usage == nil)
        #expect(withoutUsage.text.hasSuffix("data: [DONE]\n\n"))
    }

    @Test func thinkingOffMeansNoReasoning() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("hello", thinking: false))
        #expect(reply.reasoning.isEmpty)
        #expect(reply.kindsInOrder == ["content"])
    }

    @Test func shellDirectiveCallsExecCommandInFragments() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("<environment_context/>\nSIM_SHELL echo hello world"))
        #expect(reply.finishReason == "tool_calls")
        #expect(reply.content.isEmpty)
        let call = try #require(reply.orderedCalls.first)
        #expect(reply.orderedCalls.count == 1)
        #expect(call.name == "exec_command")
        #expect(call.id?.hasPrefix("call_") == true)
        #expect(try JSONValue.parse(call.arguments) == ["cmd": "echo hello world"])
        #expect(reply.argumentChunkCount > 1)
        #expect(reply.kindsInOrder == ["reasoning", "tool_calls"])
    }

    @Test func shellDirectiveUsesShellWithoutExecCommand() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("SIM_SHELL ls", tools: ["shell"]))
        let call = try #require(reply.orderedCalls.first)
        #expect(call.name == "shell")
        #expect(try JSONValue.parse(call.arguments) == ["command": ["bash", "-lc", "ls"]])
    }

    @Test func parallelDirectiveMakesTwoCallsInOneMessage() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("SIM_PARALLEL git status ;; git log -1"))
        let calls = reply.orderedCalls
        #expect(calls.map(\.name) == ["exec_command", "exec_command"])
        #expect(try calls.map { try JSONValue.parse($0.arguments) } == [["cmd": "git status"], ["cmd": "git log -1"]])
        #expect(Set(calls.compactMap(\.id)).count == 2)
    }

    @Test func patchDirectiveCallsApplyPatch() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("SIM_PATCH notes.txt hello there"))
        let call = try #require(reply.orderedCalls.first)
        #expect(call.name == "apply_patch")
        #expect(try JSONValue.parse(call.arguments) == ["input": "*** Begin Patch\n*** Add File: notes.txt\n+hello there\n*** End Patch\n"])
    }

    @Test func toolSearchDirectiveCallsToolSearch() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("SIM_TOOL_SEARCH spawn agent"))
        let call = try #require(reply.orderedCalls.first)
        #expect(call.name == "tool_search")
        #expect(try JSONValue.parse(call.arguments) == ["query": "spawn agent", "limit": 8])
    }

    @Test func textToolDirectiveLeaksTheCallIntoContent() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("SIM_TEXT_TOOL cat README.md"))
        #expect(reply.calls.isEmpty)
        #expect(reply.content == "<tool_call>\n<function=exec_command>\n<parameter=cmd>\ncat README.md\n</parameter>\n</function>\n</tool_call>")
        #expect(reply.finishReason == "stop")
    }

    @Test(arguments: LeakedCallShape.allCases)
    func everyTextToolShapeIsContentThatTheBridgeRecovers(shape: LeakedCallShape) async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("\(shape.keyword) printf 'a \"b\"' > c.txt"))
        #expect(reply.calls.isEmpty)
        #expect(reply.finishReason == "stop")
        #expect(reply.content == shape.content(command: "printf 'a \"b\"' > c.txt"))
        // What the simulator writes is what ccmimolinkd turns back into the call.
        var scanner = TextToolCallScanner(tools: ["exec_command": ["type": "object", "properties": ["cmd": ["type": "string"]]]])
        let segments = scanner.receive(reply.content) + scanner.finish()
        let calls = segments.compactMap { if case .call(let call) = $0 { call } else { nil } }
        #expect(calls == [TextToolCall(name: "exec_command", arguments: ["cmd": "printf 'a \"b\"' > c.txt"])])
        #expect(!segments.contains { if case .text(let text) = $0 { text.contains("<") } else { false } })
    }

    @Test(arguments: LeakedPatchShape.allCases)
    func everyTextPatchShapeIsContentThatTheBridgeRecovers(shape: LeakedPatchShape) async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("\(shape.keyword) notes.txt hello there"))
        let patch = "*** Begin Patch\n*** Add File: notes.txt\n+hello there\n*** End Patch\n"
        #expect(reply.calls.isEmpty)
        #expect(reply.content == shape.content(patch: patch))
        var scanner = TextToolCallScanner(tools: ["apply_patch": .null], freeformTools: ["apply_patch"])
        let segments = scanner.receive(reply.content) + scanner.finish()
        let calls = segments.compactMap { if case .call(let call) = $0 { call } else { nil } }
        #expect(calls == [TextToolCall(name: "apply_patch", arguments: ["input": .string(patch)])])
    }

    @Test func imageDirectiveCountsImages() async throws {
        let image: JSONValue = ["type": "image_url", "image_url": ["url": "data:image/png;base64,AAAA"]]
        let message: JSONValue = ["role": "user", "content": [["type": "text", "text": "SIM_IMAGE what is this"], image, image]]
        let (_, two) = try await Self.stream(ChatBodies.request(messages: [message], model: "mimo-v2.6-flash"))
        #expect(two.content == "I see 2 image(s).")
        let (_, none) = try await Self.stream(ChatBodies.user("SIM_IMAGE", model: "mimo-v2.6-flash"))
        #expect(none.content == "I see no image.")
    }

    @Test func toolResultsAreQuoted() async throws {
        let output = "Chunk ID: 1ce6da\nWall time: 0.1012 seconds\nProcess exited with code 0\nOriginal token count: 16\nOutput:\nhello\n"
        let (_, reply) = try await Self.stream(ChatBodies.afterToolResult(output))
        #expect(reply.content == "Done. The tool said: hello")
        #expect(reply.finishReason == "stop")
        #expect(reply.reasoning.hasPrefix("Thinking about: SIM_SHELL echo hi"))
    }

    @Test func nonStreamedReplyIsOneCompletion() async throws {
        let completion = try await Self.complete(ChatBodies.user("hello", stream: false))
        #expect(completion["object"] == "chat.completion")
        #expect(completion["id"]?.stringValue?.count == 32)
        let choice = try #require(completion["choices"]?.arrayValue?.first)
        #expect(choice["finish_reason"] == "stop")
        #expect(choice["message"]?["content"] == "Hello from the MiMo simulator.")
        #expect(choice["message"]?["tool_calls"] == .null)
        #expect(choice["message"]?["reasoning_content"] == "Thinking about: hello")
        #expect(completion["usage"]?["prompt_tokens_details"] == .null)
    }

    @Test func nonStreamedToolCall() async throws {
        let completion = try await Self.complete(ChatBodies.user("SIM_SHELL pwd", stream: false))
        let choice = try #require(completion["choices"]?.arrayValue?.first)
        #expect(choice["finish_reason"] == "tool_calls")
        #expect(choice["message"]?["content"] == .null)
        let call = try #require(choice["message"]?["tool_calls"]?.arrayValue?.first)
        #expect(call["function"]?["name"] == "exec_command")
        #expect(call["function"]?["arguments"] == #"{"cmd":"pwd"}"#)
    }

    @Test func smallTokenCapEndsWithLength() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("hello", maxCompletionTokens: 6))
        #expect(reply.finishReason == "length")
        #expect(reply.reasoning.count + reply.content.count == 24)
    }

    @Test func jsonObjectFormatWrapsTheText() async throws {
        let (_, reply) = try await Self.stream(ChatBodies.user("hello", jsonObject: true))
        #expect(try JSONValue.parse(reply.content) == ["reply": "Hello from the MiMo simulator."])
    }
}
