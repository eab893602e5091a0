/// How a function name the model calls maps back to the tool Codex declared.
public struct ToolRoute: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A plain function (possibly inside a namespace): back as `function_call`.
        case function
        /// A freeform tool such as apply_patch, offered as a function taking `{input: string}`:
        /// back as `custom_tool_call` with the raw input.
        case custom
        /// Client-executed tool search: back as `tool_search_call` with object arguments.
        case toolSearch
        /// Legacy local_shell, offered as a `shell` function: back as `local_shell_call`.
        case localShell
    }

    public var kind: Kind
    /// The name Codex knows (the inner name for a namespaced tool).
    public var name: String
    public var namespace: String?
    /// The name MiMo sees.
    public var upstreamName: String
    /// The JSON Schema sent upstream, used to coerce arguments recovered from text.
    public var parameters: JSONValue
}
