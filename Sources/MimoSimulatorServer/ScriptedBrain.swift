import MimoSimulator
import ResponsesTranslation

/// The simulated model's mind: a deterministic reply from the validated conversation, so end-to-end
/// tests can script a Codex session with `SIM_…` directives (see `BrainDirective`).
///
/// - A conversation ending with tool results gets `Done. The tool said: <line>`, quoting the last
///   result (its first output line; see `quotedLine(ofToolResult:)`), so a test can see that tool
///   output reached the model.
/// - Otherwise the first directive in the last user message decides; without one the answer is
///   `Hello from the MiMo simulator.`
/// - With thinking on, every reply starts with reasoning: `Thinking about: <first 40 characters>`.
/// - `response_format: json_object` wraps a plain text answer as `{"reply": …}`.
struct ScriptedBrain: Sendable {
    static let greeting = "Hello from the MiMo simulator."

    func reply(to request: ValidatedChatRequest, body: JSONValue) -> SimulatedReply {
        let reasoning = request.thinkingEnabled ? Self.reasoning(about: request.lastUserText) : ""
        if let result = request.trailingToolResults.last {
            return textReply(reasoning, "Done. The tool said: \(Self.quotedLine(ofToolResult: result.content))", request)
        }
        switch request.lastUserText.flatMap(BrainDirective.first(in:)) {
        case .shell(let command)?:
            return SimulatedReply(reasoning: reasoning, toolCalls: [Self.shellCall(command, toolNames: request.toolNames)])
        case .parallel(let commands)?:
            return SimulatedReply(reasoning: reasoning, toolCalls: commands.map { Self.shellCall($0, toolNames: request.toolNames) })
        case .patch(let path, let text)?:
            let input = Self.patch(addingFile: path, text: text)
            let call = SimulatedReply.ToolCall(name: "apply_patch", arguments: JSONValue.object(["input": .string(input)]).serialized())
            return SimulatedReply(reasoning: reasoning, toolCalls: [call])
        case .textTool(let shape, let command)?:
            return SimulatedReply(reasoning: reasoning, content: shape.content(command: command))
        case .textPatch(let shape, let path, let text)?:
            return SimulatedReply(reasoning: reasoning, content: shape.content(patch: Self.patch(addingFile: path, text: text)))
        case .toolSearch(let query)?:
            let call = SimulatedReply.ToolCall(name: "tool_search", arguments: JSONValue.object(["query": .string(query), "limit": 8]).serialized())
            return SimulatedReply(reasoning: reasoning, toolCalls: [call])
        case .image?:
            let count = Self.imageCount(in: body)
            return textReply(reasoning, count == 0 ? "I see no image." : "I see \(count) image(s).", request)
        case nil:
            return textReply(reasoning, Self.greeting, request)
        }
    }

    private func textReply(_ reasoning: String, _ text: String, _ request: ValidatedChatRequest) -> SimulatedReply {
        let content = request.wantsJSONObject ? JSONValue.object(["reply": .string(text)]).serialized() : text
        return SimulatedReply(reasoning: reasoning, content: content)
    }

    static func reasoning(about userText: String?) -> String {
        let words = (userText ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "Thinking about: " + (words.isEmpty ? "the conversation" : String(words.prefix(40)))
    }

    /// A V4A patch adding the one-line file `path`.
    static func patch(addingFile path: String, text: String) -> String {
        "*** Begin Patch\n*** Add File: \(path)\n+\(text)\n*** End Patch\n"
    }

    /// `exec_command {"cmd": …}` when the request offers `exec_command`, else the classic
    /// `shell {"command": ["bash", "-lc", …]}`.
    static func shellCall(_ command: String, toolNames: [String]) -> SimulatedReply.ToolCall {
        if toolNames.contains("exec_command") {
            return .init(name: "exec_command", arguments: JSONValue.object(["cmd": .string(command)]).serialized())
        }
        let arguments: JSONValue = ["command": ["bash", "-lc", .string(command)]]
        return .init(name: "shell", arguments: arguments.serialized())
    }

    /// The line of a tool result worth quoting. Codex's `exec_command` results start with bookkeeping
    /// (`Chunk ID: …`, `Wall time: …`) before an `Output:` line, and the classic `shell` tool sends
    /// `{"output": …}`; in both cases the first line of the output is quoted, else the first non-empty line.
    static func quotedLine(ofToolResult content: String) -> String {
        var text = content
        if let output = (try? JSONValue.parse(content))?["output"]?.stringValue { text = output }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let nonEmpty: (Substring) -> Bool = { !$0.allSatisfy(\.isWhitespace) }
        if let marker = lines.firstIndex(where: { $0.trimmingTrailingWhitespace() == "Output:" }),
           let line = lines[(marker + 1)...].first(where: nonEmpty) {
            return String(line)
        }
        return lines.first(where: nonEmpty).map(String.init) ?? "(no output)"
    }

    /// `image_url` parts in all messages of the request.
    static func imageCount(in body: JSONValue) -> Int {
        (body["messages"]?.arrayValue ?? []).reduce(0) { count, message in
            count + (message["content"]?.arrayValue ?? []).filter { $0["type"]?.stringValue == "image_url" }.count
        }
    }
}

extension Substring {
    fileprivate func trimmingTrailingWhitespace() -> Substring {
        var text = self
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
