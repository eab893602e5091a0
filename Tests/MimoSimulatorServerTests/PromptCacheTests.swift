import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing

/// The simulator reports `prompt_tokens_details.cached_tokens` as a prefix cache would: the prompt a
/// key's request shares with that key's previous one, in whole blocks of 64 tokens.
@Suite struct PromptCacheTests {
    static let longSystem = String(repeating: "You are Codex, a careful coding agent. ", count: 40)

    static func conversation(_ turns: Int) -> JSONValue {
        var messages: [JSONValue] = [["role": "system", "content": .string(longSystem)]]
        for turn in 0..<turns {
            messages.append(["role": "user", "content": .string("question \(turn)")])
            messages.append(["role": "assistant", "content": .string("answer \(turn)")])
        }
        messages.append(["role": "user", "content": "next"])
        return ChatBodies.request(messages: messages, stream: false)
    }

    @Test func aRequestThatExtendsTheLastOneReportsItsSharedPrefixAsCached() async throws {
        try await SimulatorHarness.withRouter { client, state in
            let first = try await SimulatorHarness.postChat(client, Self.conversation(1))
            #expect(TestJSON.parse(first.body)["usage"]?["prompt_tokens_details"] == .null, "a cold cache reports null, as MiMo does")

            let second = try await SimulatorHarness.postChat(client, Self.conversation(2))
            let usage = try #require(TestJSON.parse(second.body)["usage"])
            let cached = try #require(usage["prompt_tokens_details"]?["cached_tokens"]?.intValue)
            let prompt = try #require(usage["prompt_tokens"]?.intValue)
            #expect(cached > 0 && cached < prompt)
            #expect(cached % TokenEstimate.cacheBlockTokens == 0)
            // The shared prefix runs up to the first byte that differs: inside the second user message.
            let a = Array(Self.conversation(1).serialized().utf8), b = Array(Self.conversation(2).serialized().utf8)
            let shared = zip(a, b).prefix { $0 == $1 }.count
            #expect(cached == shared / 4 / 64 * 64)

            // Another key has its own cache; the records carry what each reply reported.
            let other = try await SimulatorHarness.postChat(client, Self.conversation(2),
                                                            headers: [.authorization: "Bearer sk-other-key", .contentType: "application/json"])
            #expect(TestJSON.parse(other.body)["usage"]?["prompt_tokens_details"] == .null)
            let records = await state.recordedRequests()
            #expect(records.map { $0["usage"]?["prompt_tokens_details"]?["cached_tokens"]?.intValue } == [nil, cached, nil])
            #expect(records[1]["usage"]?["prompt_tokens"]?.intValue == prompt)

            // Clearing the records starts the cache cold again.
            await state.clearRecordedRequests()
            let cold = try await SimulatorHarness.postChat(client, Self.conversation(3))
            #expect(TestJSON.parse(cold.body)["usage"]?["prompt_tokens_details"] == .null)
        }
    }

    @Test func errorAnswersRecordNoUsage() async throws {
        try await SimulatorHarness.withRouter { client, state in
            _ = try await SimulatorHarness.postChat(client, ChatBodies.user("hi", model: "mimo-nonexistent", stream: false))
            #expect(await state.recordedRequests().first?["usage"] == .null)
        }
    }
}

enum TestJSON {
    static func parse(_ buffer: ByteBuffer) -> JSONValue { (try? JSONValue.parse(String(buffer: buffer))) ?? .null }
}
