import ResponsesTranslation

/// Chat Completions bodies as a correct bridge sends them to MiMo.
enum ChatBodies {
    static func functionTool(_ name: String) -> JSONValue {
        ["type": "function", "function": ["name": .string(name), "description": "test tool", "parameters": ["type": "object", "properties": [:]]]]
    }

    static func request(
        messages: [JSONValue], model: String = "mimo-v2.6-pro", stream: Bool = true, thinking: Bool = true,
        tools: [String] = ["exec_command", "apply_patch"], includeUsage: Bool = true, maxCompletionTokens: Int? = nil,
        jsonObject: Bool = false
    ) -> JSONValue {
        var body: JSONObject = [
            "model": .string(model), "messages": .array(messages), "stream": .bool(stream),
            "thinking": ["type": thinking ? "enabled" : "disabled"],
        ]
        if stream { body["stream_options"] = ["include_usage": .bool(includeUsage)] }
        if !tools.isEmpty { body["tools"] = .array(tools.map(functionTool)) }
        if let maxCompletionTokens { body["max_completion_tokens"] = .int(maxCompletionTokens) }
        if jsonObject { body["response_format"] = ["type": "json_object"] }
        return .object(body)
    }

    static func user(_ text: String, model: String = "mimo-v2.6-pro", stream: Bool = true, thinking: Bool = true,
                     tools: [String] = ["exec_command", "apply_patch"], includeUsage: Bool = true,
                     maxCompletionTokens: Int? = nil, jsonObject: Bool = false) -> JSONValue {
        request(messages: [["role": "system", "content": "You are Codex."], ["role": "user", "content": .string(text)]],
                model: model, stream: stream, thinking: thinking, tools: tools, includeUsage: includeUsage,
                maxCompletionTokens: maxCompletionTokens, jsonObject: jsonObject)
    }

    /// A conversation ending with the result of one exec_command call.
    static func afterToolResult(_ output: String, reasoningReplayed: Bool = true, stream: Bool = true) -> JSONValue {
        var assistant: JSONObject = [
            "role": "assistant", "content": "",
            "tool_calls": [["id": "call_1", "type": "function", "function": ["name": "exec_command", "arguments": "{\"cmd\":\"echo hi\"}"]]],
        ]
        if reasoningReplayed { assistant["reasoning_content"] = "I should run it." }
        return request(messages: [
            ["role": "user", "content": "SIM_SHELL echo hi"], .object(assistant),
            ["role": "tool", "tool_call_id": "call_1", "content": .string(output)],
        ], stream: stream)
    }
}
