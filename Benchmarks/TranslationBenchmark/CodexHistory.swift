import ResponsesTranslation

/// Builds Codex-shaped request bodies of a chosen size: the developer prompt, the real tool set, and
/// repeated steps of reasoning, shell calls with large outputs, and assistant replies.
enum CodexHistory {
    static let tools: JSONValue = [
        ["type": "function", "name": "exec_command", "description": "Runs a command in a PTY, returning output or a session ID for ongoing interaction.", "strict": false,
         "parameters": ["type": "object", "properties": [
            "cmd": ["type": "string", "description": "Shell command to execute."],
            "workdir": ["type": "string", "description": "Optional working directory to run the command in; defaults to the turn cwd."],
            "yield_time_ms": ["type": "number", "description": "How long to wait (in milliseconds) for output before yielding."],
            "max_output_tokens": ["type": "number", "description": "Maximum number of tokens to return. Excess output will be truncated."],
            "shell": ["type": "string", "description": "Shell binary to launch. Defaults to the user's default shell."],
            "tty": ["type": "boolean", "description": "Whether to allocate a TTY for the command."],
            "login": ["type": "boolean", "description": "Whether to run the shell with -l/-i semantics."],
         ], "required": ["cmd"], "additionalProperties": false]],
        ["type": "function", "name": "write_stdin", "description": "Writes characters to an existing unified exec session and returns recent output.", "strict": false,
         "parameters": ["type": "object", "properties": ["session_id": ["type": "number"], "chars": ["type": "string"]], "required": ["session_id"], "additionalProperties": false]],
        ["type": "custom", "name": "apply_patch", "description": "The `apply_patch` tool can be used to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.",
         "format": ["type": "grammar", "syntax": "lark", "definition": "start: begin_patch hunk+ end_patch\nbegin_patch: \"*** Begin Patch\" LF\nend_patch: \"*** End Patch\" LF?\nhunk: add_hunk | delete_hunk | update_hunk\n"]],
        ["type": "namespace", "name": "mcp__mini", "description": "Tools in the mcp__mini namespace.",
         "tools": [["type": "function", "name": "ping", "parameters": ["type": "object", "properties": ["text": ["type": "string"]]]]]],
        ["type": "tool_search", "execution": "client", "description": "# Tool discovery", "parameters": ["type": "object", "properties": ["query": ["type": "string"], "limit": ["type": "number"]], "required": ["query"]]],
        ["type": "web_search", "external_web_access": false],
    ]

    static func outputText(step: Int, bytes: Int) -> String {
        var line = "drwxr-xr-x  2 user user  4096 Nov 22 18:\(step % 60) src/module_\(step)/ \"quoted\" — ünïcode\n"
        var text = "Chunk ID: \(step)\nWall time: 0.1030 seconds\nProcess exited with code 0\nOutput:\n"
        while text.utf8.count < bytes { text += line; line = "\t" + line.dropFirst() }
        return text
    }

    /// A request body of at least `targetBytes` serialized bytes.
    static func body(targetBytes: Int) -> [UInt8] {
        var input: [JSONValue] = [
            ["type": "message", "role": "developer", "content": [["type": "input_text", "text": .string(String(repeating: "You are a coding agent running in the Codex CLI. ", count: 350))]]],
            ["type": "message", "role": "user", "content": [["type": "input_text", "text": "<environment_context>\n  <cwd>/home/user/proj</cwd>\n  <shell>bash</shell>\n</environment_context>"]]],
            ["type": "message", "role": "user", "content": [["type": "input_text", "text": "Refactor the module and run the tests."]]],
        ]
        var step = 0
        var size = 0
        while size < targetBytes {
            let token = String(repeating: String(step % 10), count: 24)
            input.append(["type": "reasoning", "id": .string("rs_\(token)_0"), "summary": [["type": "summary_text", "text": "Checking step \(step)."]],
                          "content": .null, "encrypted_content": .string(ReasoningCodec.encodeReasoning(String(repeating: "I should look at the next file and compare. ", count: 20)))])
            input.append(["type": "function_call", "status": "completed", "id": .string("fc_\(token)_1"), "name": "exec_command",
                          "arguments": .string(#"{"cmd": "ls -la src/module_\#(step)", "yield_time_ms": 1000}"#), "call_id": .string("call_\(token)_0")])
            input.append(["type": "function_call_output", "id": .string("fco_\(step)"), "call_id": .string("call_\(token)_0"),
                          "output": .string(outputText(step: step, bytes: 6_000))])
            if step % 5 == 4 {
                input.append(["type": "message", "status": "completed", "id": .string("msg_\(token)_2"), "role": "assistant",
                              "content": [["type": "output_text", "text": "Module \(step) looks fine; moving on.", "annotations": []]]])
                input.append(["type": "message", "role": "user", "content": [["type": "input_text", "text": "continue"]]])
            }
            step += 1
            if step % 20 == 0 { size = requestBody(input).serializedBytes().count }
        }
        return requestBody(input).serializedBytes()
    }

    static func requestBody(_ input: [JSONValue]) -> JSONValue {
        ["model": "mimo-v2.6-pro", "stream": true, "input": .array(input), "tools": tools, "tool_choice": "auto",
         "parallel_tool_calls": true, "reasoning": ["effort": "high"], "store": false, "include": ["reasoning.encrypted_content"],
         "prompt_cache_key": "01a20406-cf59-7ae1-aa54-b621c185d604"]
    }
}
