@testable import ResponsesTranslation
import Testing

/// The strings Codex acts on, pinned: a renamed case compiles, a changed string does not pass here.
/// Each table lists every case, so a new case fails until its string is written down too.
@Suite struct CodexContractWireTests {
    @Test func failureCodesAndWhetherTheyEndTheTurn() {
        // world-2026-12.md §2: Codex 0.169 ends the turn on these after one attempt; the others are retried.
        let pinned: [CodexFailureCode: (String, endsTheTurn: Bool)] = [
            .contextLengthExceeded: ("context_length_exceeded", true),
            .insufficientQuota: ("insufficient_quota", true),
            .rateLimitExceeded: ("rate_limit_exceeded", false),
            .invalidPrompt: ("invalid_prompt", true),
            .modelNotFound: ("model_not_found", true),
            .contentPolicyViolation: ("content_policy_violation", true),
            .serverError: ("server_error", false),
        ]
        #expect(pinned.count == CodexFailureCode.allCases.count)
        for code in CodexFailureCode.allCases {
            #expect(code.rawValue == pinned[code]?.0)
            #expect(code.endsTheTurn == pinned[code]?.endsTheTurn)
        }
    }

    @Test func finishReasonsReadAndMapAsMiMoSendsThem() throws {
        let pinned: [(String, ChatFinishReason, IncompleteReason?)] = [
            ("stop", .stop, nil),
            ("length", .length, .maxOutputTokens),
            ("tool_calls", .toolCalls, nil),
            ("content_filter", .contentFilter, .contentFilter),
            ("repetition_truncation", .repetitionTruncation, .maxOutputTokens),
            ("eos", .other("eos"), nil),
        ]
        for (wire, reason, incomplete) in pinned {
            #expect(ChatFinishReason(rawValue: wire) == reason)
            #expect(reason.rawValue == wire)
            #expect(reason.incompleteReason == incomplete)
        }
        let chunk = ChatChunk.decode(try JSONValue.parse(#"{"choices":[{"delta":{},"finish_reason":"tool_calls"}]}"#))
        #expect(chunk.finishReason == .toolCalls)
    }

    @Test func incompleteReasonsItemAndResponseStatuses() {
        #expect(Dictionary(uniqueKeysWithValues: IncompleteReason.allCases.map { ($0, $0.rawValue) })
            == [.maxOutputTokens: "max_output_tokens", .contentFilter: "content_filter"])
        #expect(Dictionary(uniqueKeysWithValues: ItemStatus.allCases.map { ($0, $0.rawValue) })
            == [.inProgress: "in_progress", .completed: "completed"])
        #expect(Dictionary(uniqueKeysWithValues: ResponseObject.Status.allCases.map { ($0, $0.rawValue) })
            == [.inProgress: "in_progress", .completed: "completed", .incomplete: "incomplete", .failed: "failed"])
    }

    @Test func statusesReachTheEventsAsStrings() {
        var translator = StreamTranslator(configuration: .init(identifiers: ResponseIdentifiers(token: "t"), createdAt: 1, model: "m"))
        let events = translator.receive(ChatChunk(content: "Hi")) + translator.receive(ChatChunk(finishReason: .length))
            + translator.finish()
        let json = events.map { $0.json.serialized() }
        #expect(json.contains { $0.contains(#""type":"response.output_item.added""#) && $0.contains(#""status":"in_progress""#) })
        #expect(json.contains { $0.contains(#""type":"response.output_item.done""#) && $0.contains(#""status":"completed""#) })
        #expect(json.last?.contains(#""status":"incomplete""#) == true)
        #expect(json.last?.contains(#""incomplete_details":{"reason":"max_output_tokens"}"#) == true)
    }
}
