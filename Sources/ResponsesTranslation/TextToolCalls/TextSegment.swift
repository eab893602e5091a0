/// A tool call MiMo wrote into its visible `content` instead of `tool_calls`, recovered so that Codex
/// can run it like any structured call.
public struct TextToolCall: Sendable, Equatable {
    /// The tool name exactly as offered to the model.
    public var name: String
    /// Always a JSON object, with values coerced to the tool's parameter schema.
    public var arguments: JSONValue
}

/// One piece of assistant content, in order: text to show, or a call recovered from text.
public enum TextSegment: Sendable, Equatable {
    case text(String)
    case call(TextToolCall)
}
