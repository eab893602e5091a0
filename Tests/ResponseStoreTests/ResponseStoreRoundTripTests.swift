import Testing
@testable import ResponseStore
import ResponsesTranslation
import TestSupport

@Suite("Saving and loading responses")
struct ResponseStoreRoundTripTests {
    @Test("a saved response comes back byte for byte: member order, unicode, number literals")
    func roundTripPreservesJSONExactly() async throws {
        let document = #"""
            {"id":"resp_exact","zeta":1,"alpha":{"b":[true,false,null],"a":"first"},"status":"completed",
             "output":[{"type":"message","role":"assistant","content":[{"type":"output_text",
               "text":"héllo, 世界 🎉 \"quoted\" back\\slash tab\t nul\u0000 \ud83d\ude00"}]}],
             "usage":{"input_tokens":123456789012345678901234567890,"ratio":1.50,"tiny":-1.0e-300,
               "huge":1E+400,"zero":-0}}
            """#
        let response = try JSONValue.parse(document)
        let input: [JSONValue] = [try JSONValue.parse(#"{"z":"ünïcödé","a":18446744073709551617,"m":[0.1,2e5]}"#)]
        let original = StoredResponse(
            id: "resp_exact", createdAt: 1_763_800_000, model: "mimo-v2.5-pro", status: "completed",
            response: response, inputItems: input)

        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            try await store.save(original)
            let loaded = try #require(try await store.response(id: "resp_exact"))

            #expect(loaded == original)
            // JSONValue's == ignores member order, so compare what a client would receive.
            #expect(loaded.response.serializedBytes() == original.response.serializedBytes())
            #expect(JSONValue.array(loaded.inputItems).serialized() == JSONValue.array(input).serialized())
            #expect(loaded.response.objectValue?.keys == ["id", "zeta", "alpha", "status", "output", "usage"])
            #expect(loaded.response["usage"]?["input_tokens"] == .number("123456789012345678901234567890"))
            #expect(loaded.response["usage"]?["huge"] == .number("1E+400"))
            #expect(loaded.inputItems.first?["a"] == .number("18446744073709551617"))
        }
    }

    @Test("an unknown id is nil, for both the response and the conversation")
    func unknownIdIsNil() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            try await store.save(SampleResponses.response(id: "resp_known", createdAt: 1))
            #expect(try await store.response(id: "resp_unknown") == nil)
            #expect(try await store.conversation(endingAt: "resp_unknown") == nil)
        }
    }

    @Test("saving an existing id replaces it in place")
    func saveUpsertsById() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            let first = SampleResponses.response(id: "resp_same", createdAt: 10, text: "draft", status: "incomplete")
            let second = SampleResponses.response(id: "resp_same", createdAt: 11, text: "the final, longer answer")
            try await store.save(first)
            try await store.save(second)

            #expect(try await store.response(id: "resp_same") == second)
            let stats = try await store.stats()
            #expect(stats.count == 1)
            #expect(stats.totalBytes == SampleResponses.storedSize(second))
            #expect(stats.oldestCreatedAt == 11 && stats.newestCreatedAt == 11)
        }
    }

    @Test("the conversation is the input items, then the output items, in order")
    func conversationIsInputThenOutput() async throws {
        let input: [JSONValue] = [
            SampleResponses.userMessage("list the files"),
            ["type": "function_call", "call_id": "call_1", "name": "shell", "arguments": "{\"cmd\":\"ls\"}"],
            ["type": "function_call_output", "call_id": "call_1", "output": "a.swift\nb.swift"],
        ]
        let output: [JSONValue] = [
            ["type": "reasoning", "id": "rs_1", "summary": []],
            ["type": "function_call", "call_id": "call_2", "name": "shell", "arguments": "{\"cmd\":\"cat a.swift\"}"],
            ["type": "message", "id": "msg_1", "role": "assistant", "content": []],
        ]
        let response: JSONValue = ["id": "resp_conv", "status": "completed", "output": .array(output)]
        let stored = StoredResponse(
            id: "resp_conv", createdAt: 5, model: "mimo-v2.5-pro", status: "completed", response: response,
            inputItems: input)
        let failed = StoredResponse(
            id: "resp_failed", createdAt: 6, model: "mimo-v2.5-pro", status: "failed",
            response: ["id": "resp_failed", "status": "failed", "error": ["code": "server_error"]],
            inputItems: input)

        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            try await store.save(stored)
            try await store.save(failed)
            let conversation = try #require(try await store.conversation(endingAt: "resp_conv"))
            #expect(conversation.map { $0.serialized() } == (input + output).map { $0.serialized() })
            // A response without output items contributes only its input.
            #expect(try await store.conversation(endingAt: "resp_failed") == input)
        }
    }

    @Test("a new store on the same directory sees what an earlier one saved")
    func recordsSurviveRestart() async throws {
        try await withTemporaryDirectory { directory in
            let saved = (1...3).map { SampleResponses.response(id: "resp_\($0)", createdAt: $0) }
            let first = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            for response in saved { try await first.save(response) }
            let statsBefore = try await first.stats()
            try await first.close()

            let second = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            for response in saved { #expect(try await second.response(id: response.id) == response) }
            #expect(try await second.stats() == statsBefore)
            try await second.save(SampleResponses.response(id: "resp_4", createdAt: 4))
            #expect(try await second.stats().count == 4)
        }
    }
}
