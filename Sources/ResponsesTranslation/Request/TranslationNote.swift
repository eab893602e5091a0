/// Something the translation changed or left out, reported to the caller so it can be logged.
/// Nothing here fails a request: Codex keeps working and the log says what happened.
public struct TranslationNote: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case droppedItem = "dropped_item"
        case droppedTool = "dropped_tool"
        case droppedContent = "dropped_content"
        case droppedField = "dropped_field"
        case repairedArguments = "repaired_arguments"
        case orphanOutput = "orphan_output"
        case missingOutput = "missing_output"
        case duplicateItem = "duplicate_item"
        case placeholderReasoning = "placeholder_reasoning"
        case toolChoiceApproximated = "tool_choice_approximated"
        case modelRouted = "model_routed"
        case parameterAdjusted = "parameter_adjusted"
        case droppedCall = "dropped_call"
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}
