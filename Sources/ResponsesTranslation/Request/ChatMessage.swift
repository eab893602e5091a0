/// One Chat Completions message as MiMo takes it.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, user, assistant, tool }

    public struct ToolCall: Sendable, Equatable {
        public var id: String
        public var name: String
        /// JSON object text; always valid JSON (MiMo answers 400 to malformed historical arguments).
        public var arguments: String
    }

    public var role: Role
    public var text: String
    /// For a user message with images: text and image parts in their original order. When present,
    /// content is sent as a part list; `text` then holds the same text for logs and tests.
    public var parts: [ContentPart]
    public var reasoningContent: String?
    public var toolCalls: [ToolCall]
    public var toolCallID: String?

    public init(role: Role, text: String, parts: [ContentPart] = [], reasoningContent: String? = nil,
                toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.text = text
        self.parts = parts
        self.reasoningContent = reasoningContent
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnique("role", .string(role.rawValue))
        if parts.isEmpty {
            // An assistant message carrying only tool calls omits content: some servers reject null.
            if !(role == .assistant && text.isEmpty && !toolCalls.isEmpty) { object.appendUnique("content", .string(text)) }
        } else {
            var encoded: [JSONValue] = []
            var hasText = false
            for part in parts {
                switch part {
                case .text(let t), .note(let t):
                    guard !t.isEmpty else { continue }  // MiMo: empty text parts are "text is not set"
                    hasText = true
                    encoded.append(["type": "text", "text": .string(t)])
                case .image(let url, let detail):
                    var imageURL: JSONObject = ["url": .string(url)]
                    if let detail, ["low", "high"].contains(detail) { imageURL["detail"] = .string(detail) }
                    encoded.append(["type": "image_url", "image_url": .object(imageURL)])
                }
            }
            // MiMo rejects a message whose image parts come without any text part.
            if !hasText { encoded.insert(["type": "text", "text": "(See the attached image.)"], at: 0) }
            object.appendUnique("content", .array(encoded))
        }
        if let reasoningContent { object.appendUnique("reasoning_content", .string(reasoningContent)) }
        if !toolCalls.isEmpty {
            object.appendUnique("tool_calls", .array(toolCalls.map { call in
                ["id": .string(call.id), "type": "function",
                 "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            }))
        }
        if let toolCallID { object.appendUnique("tool_call_id", .string(toolCallID)) }
        return .object(object)
    }
}
