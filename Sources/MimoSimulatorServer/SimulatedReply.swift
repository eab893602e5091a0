/// What the simulated model answers, before it is framed as a completion or a stream.
struct SimulatedReply: Sendable, Equatable {
    struct ToolCall: Sendable, Equatable {
        var name: String
        /// The arguments JSON text, exactly as streamed.
        var arguments: String
    }

    /// Empty when thinking is off.
    var reasoning: String
    var content: String
    var toolCalls: [ToolCall]
    /// `stop`, `tool_calls` or `length`.
    var finishReason: String

    init(reasoning: String, content: String = "", toolCalls: [ToolCall] = []) {
        self.reasoning = reasoning
        self.content = content
        self.toolCalls = toolCalls
        self.finishReason = toolCalls.isEmpty ? "stop" : "tool_calls"
    }
}
