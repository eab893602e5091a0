import ResponsesTranslation

/// Frames a `SimulatedReply` the way MiMo does (mimo-api.md §5): one `chat.completion` object, or a
/// stream of `chat.completion.chunk` events — reasoning deltas, then content deltas, then tool-call
/// fragments, a final chunk with `finish_reason`, an optional usage chunk with `choices: []`, `[DONE]`.
struct ChatCompletionEncoder: Sendable {
    let identifiers: CompletionIdentifiers
    let created: Int
    let model: String
    let promptTokens: Int
    /// Served by the prompt cache; 0 is sent as `prompt_tokens_details: null`, as MiMo does.
    var cachedTokens = 0

    /// Piece sizes, in characters: small enough that every part arrives in several deltas.
    static let reasoningPiece = 16
    static let contentPiece = 12
    static let argumentsPiece = 8

    func completion(_ reply: SimulatedReply) -> JSONValue {
        let message: JSONValue = [
            "role": "assistant",
            "content": reply.content.isEmpty && !reply.toolCalls.isEmpty ? .null : .string(reply.content),
            "tool_calls": reply.toolCalls.isEmpty ? .null : .array(reply.toolCalls.enumerated().map { index, call -> JSONValue in
                [
                    "id": .string(identifiers.toolCallID(index)), "type": "function",
                    "function": ["name": .string(call.name), "arguments": .string(call.arguments)],
                ]
            }),
            "reasoning_content": reply.reasoning.isEmpty ? .null : .string(reply.reasoning),
        ]
        return [
            "id": .string(identifiers.completionID), "object": "chat.completion", "created": .int(created),
            "model": .string(model),
            "choices": [["index": 0, "finish_reason": .string(reply.finishReason), "message": message]],
            "usage": usage(reply),
        ]
    }

    func frames(_ reply: SimulatedReply, includeUsage: Bool) -> [StreamFrame] {
        var frames: [StreamFrame] = []
        var isFirst = true
        // The first delta names the role, as OpenAI-compatible servers do.
        func delta(_ fields: JSONObject) -> JSONValue {
            var fields = fields
            if isFirst {
                fields = JSONObject([.init(key: "role", value: "assistant")] + fields.members)
                isFirst = false
            }
            return .object(fields)
        }
        for piece in Self.pieces(reply.reasoning, size: Self.reasoningPiece) {
            frames.append(chunk(delta(["content": .null, "reasoning_content": .string(piece)]), phase: .reasoning))
        }
        for piece in Self.pieces(reply.content, size: Self.contentPiece) {
            frames.append(chunk(delta(["content": .string(piece), "reasoning_content": .null]), phase: .content))
        }
        for (index, call) in reply.toolCalls.enumerated() {
            let start: JSONValue = [
                "index": .int(index), "id": .string(identifiers.toolCallID(index)), "type": "function",
                "function": ["name": .string(call.name), "arguments": ""],
            ]
            frames.append(chunk(delta(["tool_calls": [start]]), phase: .toolCallStart))
            for piece in Self.pieces(call.arguments, size: Self.argumentsPiece) {
                let fragment: JSONValue = ["index": .int(index), "function": ["arguments": .string(piece)]]
                frames.append(chunk(delta(["tool_calls": [fragment]]), phase: .toolArguments))
            }
        }
        frames.append(chunk(.object([:]), phase: .finish, finishReason: reply.finishReason))
        if includeUsage {
            let usageChunk: JSONValue = [
                "id": .string(identifiers.completionID), "object": "chat.completion.chunk", "created": .int(created),
                "model": .string(model), "choices": [], "usage": usage(reply),
            ]
            frames.append(.data(usageChunk.serialized(), phase: .usage))
        }
        frames.append(.data("[DONE]", phase: .done))
        return frames
    }

    func usage(_ reply: SimulatedReply) -> JSONValue {
        let completionTokens = TokenEstimate.completionTokens(reply)
        return [
            "prompt_tokens": .int(promptTokens), "completion_tokens": .int(completionTokens),
            "total_tokens": .int(promptTokens + completionTokens),
            "completion_tokens_details": ["reasoning_tokens": .int(TokenEstimate.reasoningTokens(reply))],
            "prompt_tokens_details": cachedTokens > 0 ? ["cached_tokens": .int(cachedTokens)] : .null,
        ]
    }

    /// An SSE error frame, `data: {"error":…}`.
    static func errorFrame(_ body: JSONValue) -> StreamFrame {
        .data(body.serialized(), phase: .finish)
    }

    private func chunk(_ delta: JSONValue, phase: StreamFrame.Phase, finishReason: String? = nil) -> StreamFrame {
        let value: JSONValue = [
            "id": .string(identifiers.completionID), "object": "chat.completion.chunk", "created": .int(created),
            "model": .string(model),
            "choices": [["index": 0, "delta": delta, "finish_reason": finishReason.map(JSONValue.string) ?? .null]],
        ]
        return .data(value.serialized(), phase: phase)
    }

    /// Splits `text` into pieces of at most `size` characters, and into at least two when it has two
    /// characters or more, so every part of a reply really is streamed in fragments.
    static func pieces(_ text: String, size: Int) -> [String] {
        guard !text.isEmpty else { return [] }
        let characters = Array(text)
        let pieceSize = max(1, min(size, (characters.count + 1) / 2))
        return stride(from: 0, to: characters.count, by: pieceSize).map {
            String(characters[$0..<min($0 + pieceSize, characters.count)])
        }
    }
}
