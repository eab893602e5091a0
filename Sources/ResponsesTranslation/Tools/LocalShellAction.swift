/// Codex's legacy `local_shell` tool is offered to MiMo as a `shell` function; these convert between
/// the function's arguments and the `local_shell_call.action` object.
enum LocalShellAction {
    static let parameters: JSONValue = [
        "type": "object",
        "properties": [
            "command": ["type": "array", "items": ["type": "string"],
                        "description": "The command and its arguments, e.g. [\"bash\", \"-lc\", \"ls -la\"]."],
            "workdir": ["type": "string", "description": "The working directory to run the command in."],
            "timeout_ms": ["type": "integer", "description": "How long the command may run, in milliseconds."],
        ],
        "required": ["command"],
        "additionalProperties": false,
    ]

    static func argumentsJSON(fromAction action: JSONValue) -> JSONValue {
        var args = JSONObject()
        args["command"] = action["command"] ?? .array([])
        if let dir = action["working_directory"], !dir.isNull { args["workdir"] = dir }
        if let timeout = action["timeout_ms"], !timeout.isNull { args["timeout_ms"] = timeout }
        return .object(args)
    }

    static func action(fromArguments args: JSONValue) -> JSONValue {
        var action: JSONObject = ["type": "exec"]
        switch args["command"] {
        case .array(let parts)?: action["command"] = .array(parts)
        case .string(let line)?: action["command"] = ["bash", "-lc", .string(line)]
        default: action["command"] = .array([])
        }
        if let dir = args["workdir"], !dir.isNull { action["working_directory"] = dir }
        if let timeout = args["timeout_ms"], !timeout.isNull { action["timeout_ms"] = timeout }
        action["env"] = .object([:])
        return .object(action)
    }
}
