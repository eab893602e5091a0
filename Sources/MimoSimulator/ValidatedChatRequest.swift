/// The facts of an accepted Chat Completions request that a simulated MiMo needs to produce a plausible
/// reply: which model and mode, what the user last asked, which tools it may call, and whether it is
/// answering tool results.
public struct ValidatedChatRequest: Sendable, Equatable {
    /// A `tool` message that ends the conversation, i.e. a result the model has not yet reacted to.
    public struct ToolResult: Sendable, Equatable {
        public var toolCallID: String
        public var content: String
    }

    public var model: String
    public var traits: SimulatedMimoModel
    public var stream: Bool
    /// `stream_options.include_usage`: whether a streamed reply ends with a usage chunk.
    public var includeUsage: Bool
    /// `thinking.type == "enabled"`, or `thinking` absent (MiMo's default for every current model).
    public var thinkingEnabled: Bool
    /// The output cap the reply must respect: `max_completion_tokens`, else a valid `max_tokens`, else the
    /// model's maximum. It covers thinking and answer together.
    public var maxCompletionTokens: Int
    /// `response_format: {"type":"json_object"}`.
    public var wantsJSONObject: Bool
    public var messageCount: Int
    /// The role of the last message: `user` for a fresh question, `tool` when results await a reaction.
    public var lastRole: String
    /// Names of the function tools, in request order.
    public var toolNames: [String]
    /// The text of the last `user` message (string content, or its text parts joined by newlines).
    public var lastUserText: String?
    public var hasImages: Bool
    /// The `tool` messages after the last assistant message, in order, when the conversation ends with them.
    public var trailingToolResults: [ToolResult]
}
