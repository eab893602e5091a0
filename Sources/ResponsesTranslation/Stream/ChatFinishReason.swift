/// Why MiMo stopped writing its answer (`finish_reason` in the last chunk), and how the response ends
/// for Codex. MiMo sends the five named cases (mimo-api.md); anything else an OpenAI-compatible server
/// says is kept as `other` and ends the response as completed.
public enum ChatFinishReason: Sendable, Hashable, RawRepresentable {
    /// The answer is whole: `response.completed`.
    case stop
    /// `max_completion_tokens` cut the answer: `response.incomplete` (`max_output_tokens`).
    case length
    /// The answer ends in tool calls: `response.completed`, and Codex runs them.
    case toolCalls
    /// MiMo's filter cut the answer: `response.incomplete` (`content_filter`).
    case contentFilter
    /// MiMo cut an answer that kept repeating itself: told as the output limit, the nearest reason
    /// Codex knows (`response.incomplete`, `max_output_tokens`).
    case repetitionTruncation
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "stop": self = .stop
        case "length": self = .length
        case "tool_calls": self = .toolCalls
        case "content_filter": self = .contentFilter
        case "repetition_truncation": self = .repetitionTruncation
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .stop: "stop"
        case .length: "length"
        case .toolCalls: "tool_calls"
        case .contentFilter: "content_filter"
        case .repetitionTruncation: "repetition_truncation"
        case .other(let reason): reason
        }
    }

    /// Why the response is incomplete; nil: it completed.
    public var incompleteReason: IncompleteReason? {
        switch self {
        case .length, .repetitionTruncation: .maxOutputTokens
        case .contentFilter: .contentFilter
        case .stop, .toolCalls, .other: nil
        }
    }
}
