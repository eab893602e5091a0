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
    public var finishReason: ChatFinishReason?
    public var usage: Usage?
    public var error: UpstreamError?

    public init(content: String? = nil, reasoning: String? = nil, toolCalls: [ToolCallDelta] = [],
                finishReason: ChatFinishReason? = nil, usage: Usage? = nil, error: UpstreamError? = nil) {
        self.content = content
        self.reasoning = reasoning
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.usage = usage
        self.error = error
    }

    /// Decodes a chunk's JSON. Anything unreadable is simply absent: a chunk never fails a stream.
    /// Runs once per streamed token, so each object is walked once rather than queried key by key.
    public static func decode(_ json: JSONValue) -> ChatChunk {
        var chunk = ChatChunk()
        guard case .object(let object) = json else { return chunk }
        var choices: [JSONValue]?
        var mayBeError = false
        for member in object {
            switch member.key {
            case "choices": choices = member.value.arrayValue
            case "usage": if let usage = Usage(chat: member.value) { chunk.usage = usage }
            case "error", "message": mayBeError = true
            default: continue
            }
        }
        if mayBeError, let error = UpstreamError(json: json, status: nil) {
            chunk.error = error
            return chunk
        }
        guard let choices, !choices.isEmpty else { return chunk }
        // We never ask for n > 1; read choice 0 (by index when present).
        let choice = choices.count == 1 ? choices[0] : (choices.first(where: { $0["index"]?.intValue == 0 }) ?? choices[0])
        guard case .object(let choiceObject) = choice else { return chunk }
        var delta: JSONObject?
        for member in choiceObject {
            switch member.key {
            case "delta", "message": if case .object(let o) = member.value { delta = o }
            case "finish_reason": if case .string(let reason) = member.value, !reason.isEmpty { chunk.finishReason = ChatFinishReason(rawValue: reason) }
            default: continue
            }
        }
        guard let delta else { return chunk }
        for member in delta {
            switch member.key {
            case "content":
                switch member.value {
                case .string(let text): chunk.content = text
                case .array(let parts): chunk.content = parts.compactMap { $0["text"]?.stringValue }.joined()
                default: break
                }
            case "reasoning_content", "reasoning":
                if case .string(let text) = member.value, chunk.reasoning == nil || member.key == "reasoning_content" {
                    chunk.reasoning = text
                }
            case "reasoning_details":
                guard chunk.reasoning == nil, let details = member.value.arrayValue else { continue }
                let text = details.compactMap { $0["text"]?.stringValue ?? $0["summary"]?.stringValue }.joined()
                if !text.isEmpty { chunk.reasoning = text }
            case "tool_calls":
                guard let calls = member.value.arrayValue else { continue }
                for (position, call) in calls.enumerated() { chunk.toolCalls.append(toolCallDelta(call, position: position)) }
            case "function_call":
                guard member.value.objectValue != nil, chunk.toolCalls.isEmpty else { continue }
                chunk.toolCalls.append(ToolCallDelta(index: 0, name: member.value["name"]?.stringValue,
                                                     arguments: member.value["arguments"]?.stringValue))
            default:
                continue
            }
        }
        return chunk
    }

    static func toolCallDelta(_ call: JSONValue, position: Int) -> ToolCallDelta {
        let function = call["function"]
        let arguments: String?
        switch function?["arguments"] {
        case .string(let s)?: arguments = s
        case nil, .null?: arguments = nil
        case let other?: arguments = other.serialized()  // some servers send an object
        }
        return ToolCallDelta(index: call["index"]?.intValue ?? position, id: call["id"]?.stringValue,
                             name: function?["name"]?.stringValue, arguments: arguments)
    }
}
