import ResponsesTranslation

/// The shapes in which MiMo writes a shell call into `content` instead of `tool_calls`
/// (mimo-api.md §4.4, issue 14), for `SIM_TEXT_TOOL[_<SHAPE>] <command>`.
enum LeakedCallShape: String, CaseIterable, Sendable {
    /// `SIM_TEXT_TOOL`: the whole `<tool_call>` envelope, with the v2.5 template's newlines.
    case wrapped = ""
    /// `SIM_TEXT_TOOL_NO_OPENER`: v2.6's compact form without its `<tool_call>` opener, a stray closer after it.
    case noOpener = "NO_OPENER"
    /// `SIM_TEXT_TOOL_NO_CLOSER`: `<tool_call>` never closed, the answer goes on after the call.
    case noCloser = "NO_CLOSER"
    /// `SIM_TEXT_TOOL_INVOKE`: `<tml:function_calls>` around `<invoke>` (anomalyco/opencode#43385).
    case invoke = "INVOKE"
    /// `SIM_TEXT_TOOL_BARE_INVOKE`: `<invoke>` without its wrapper's opener, a stray closer after it.
    case bareInvoke = "BARE_INVOKE"
    /// `SIM_TEXT_TOOL_JSON`: a JSON object inside `<tool_call>`.
    case json = "JSON"
    /// `SIM_TEXT_TOOL_TOOLCALL`: `<toolcall><NAME>{json}</NAME></toolcall>` (sipeed/picoclaw#2104).
    case toolcall = "TOOLCALL"

    var keyword: String { rawValue.isEmpty ? "SIM_TEXT_TOOL" : "SIM_TEXT_TOOL_" + rawValue }

    /// The content MiMo would write for an `exec_command` call running `command`.
    func content(command: String) -> String {
        let quoted = JSONValue.string(command).serialized()
        switch self {
        case .wrapped:
            return "<tool_call>\n<function=exec_command>\n<parameter=cmd>\n\(command)\n</parameter>\n</function>\n</tool_call>"
        case .noOpener:
            return "Running it.<function=exec_command><parameter=cmd>\(command)</parameter></function></tool_call>"
        case .noCloser:
            return "<tool_call><function=exec_command><parameter=cmd>\(command)</parameter></function>\nRunning it now."
        case .invoke:
            return "<tml:function_calls>\n<invoke name=\"exec_command\">\n<parameter name=\"cmd\">\(command)</parameter>\n</invoke>\n</tml:function_calls>"
        case .bareInvoke:
            return "<invoke name=\"exec_command\"><parameter name=\"cmd\">\(command)</parameter></invoke>\n</function_calls>"
        case .json:
            return "<tool_call>\n{\"name\": \"exec_command\", \"arguments\": {\"cmd\": \(quoted)}}\n</tool_call>"
        case .toolcall:
            return "<toolcall><exec_command>{\"cmd\": \(quoted)}</exec_command></toolcall>"
        }
    }
}

/// The ways MiMo v2.6 writes the body of the freeform `apply_patch` tool as text (opencodex#5499), for
/// `SIM_TEXT_PATCH[_BARE] <path> <text>`.
enum LeakedPatchShape: String, CaseIterable, Sendable {
    /// `SIM_TEXT_PATCH`: the body right after `<function=apply_patch>`, closed by the parameter's closer.
    case afterFunctionTag = ""
    /// `SIM_TEXT_PATCH_BARE`: the bare patch, ending the answer.
    case bare = "BARE"

    var keyword: String { rawValue.isEmpty ? "SIM_TEXT_PATCH" : "SIM_TEXT_PATCH_" + rawValue }

    func content(patch: String) -> String {
        switch self {
        case .afterFunctionTag: "<tool_call><function=apply_patch>\(patch)</parameter></function></tool_call>"
        case .bare: "I'll add the file.\n\(patch)"
        }
    }
}
