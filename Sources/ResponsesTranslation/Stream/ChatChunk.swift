/// One Chat Completions stream chunk (or a whole non-stream completion) in the shapes MiMo and other
/// OpenAI-compatible servers produce: `delta` or `message`, `reasoning_content` / `reasoning` /
/// `reasoning_details`, tool calls in fragments or whole, usage in its own chunk, or an error object.
public struct ChatChunk: Sendable, Equatable {
    public struct ToolCallDelta: Sendable, Equatable {
        public var index: Int
        public var id: String?
        public var name: String?
        public var arguments: String?

        public init(index: Int, id: String? = nil, name: String? = nil, arguments: String? = nil) {
            self.index = index
            self.id = id
            self.name = name
            self.arguments = arguments
        }
    }

    public var content: String?
    public var reasoning: String?
    public var toolCalls: [ToolCallDelta]
    public var finishReason: String?
    public var usage: Usage?
    public var error: UpstreamError?

    public init(content: String? = nil, reasoning: String? = nil, toolCalls: [ToolCallDelta] = [],
                finishReason: String? = nil, usage: Usage? = nil, error: UpstreamError? = nil) {
        self.content = content
        self.reasoning = reasoning
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.usage = usage
        self.error = error
    }

    /// Decodes a chunk's JSON. Anything unreadable is simply absent: a chunk never fails a stream.
    public static func decode(_ json: JSONValue) -> ChatChunk {
        var chunk = ChatChunk()
        if let error = UpstreamError(json: json, status: nil) {
            chunk.error = error
            return chunk
        }
        if let usage = json["usage"], let parsed = Usage(chat: usage) { chunk.usage = parsed }
        guard let choices = json["choices"]?.arrayValue, !choices.isEmpty else { return chunk }
        // We never ask for n > 1; read choice 0 (by index when present).
        let choice = choices.first(where: { $0["index"]?.intValue == 0 }) ?? choices[0]
        if let reason = choice["finish_reason"]?.stringValue, !reason.isEmpty { chunk.finishReason = reason }
        guard let delta = choice["delta"] ?? choice["message"], delta.objectValue != nil else { return chunk }

        switch delta["content"] {
        case .string(let text)?: chunk.content = text
        case .array(let parts)?:
            chunk.content = parts.compactMap { $0["text"]?.stringValue }.joined()
        default: break
        }
        if let reasoning = delta["reasoning_content"]?.stringValue ?? delta["reasoning"]?.stringValue {
            chunk.reasoning = reasoning
        } else if let details = delta["reasoning_details"]?.arrayValue {
            let text = details.compactMap { $0["text"]?.stringValue ?? $0["summary"]?.stringValue }.joined()
            if !text.isEmpty { chunk.reasoning = text }
        }
        if let calls = delta["tool_calls"]?.arrayValue {
            for (position, call) in calls.enumerated() {
                let function = call["function"]
                let arguments: String?
                switch function?["arguments"] {
                case .string(let s)?: arguments = s
                case nil, .null?: arguments = nil
                case let other?: arguments = other.serialized()  // some servers send an object
                }
                chunk.toolCalls.append(ToolCallDelta(
                    index: call["index"]?.intValue ?? position,
                    id: call["id"]?.stringValue,
                    name: function?["name"]?.stringValue,
                    arguments: arguments))
            }
        } else if let legacy = delta["function_call"], legacy.objectValue != nil {
            chunk.toolCalls.append(ToolCallDelta(index: 0, name: legacy["name"]?.stringValue,
                                                 arguments: legacy["arguments"]?.stringValue))
        }
        return chunk
    }
}
