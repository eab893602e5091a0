/// A Responses output item, in the shapes Codex accepts in `response.output_item.done`.
public enum OutputItem: Sendable, Equatable {
    case message(id: String, text: String, status: ItemStatus)
    case reasoning(id: String, summary: String, encryptedContent: String?)
    case functionCall(id: String, callID: String, name: String, namespace: String?, arguments: String, status: ItemStatus)
    case customToolCall(id: String, callID: String, name: String, namespace: String?, input: String, status: ItemStatus)
    case toolSearchCall(id: String, callID: String, arguments: JSONValue, status: ItemStatus)
    case localShellCall(id: String, callID: String, action: JSONValue, status: ItemStatus)
    case compaction(id: String, encryptedContent: String)

    public var id: String {
        switch self {
        case .message(let id, _, _), .reasoning(let id, _, _), .functionCall(let id, _, _, _, _, _),
             .customToolCall(let id, _, _, _, _, _), .toolSearchCall(let id, _, _, _), .localShellCall(let id, _, _, _),
             .compaction(let id, _):
            id
        }
    }

    public var json: JSONValue {
        switch self {
        case .message(let id, let text, let status):
            return ["type": "message", "id": .string(id), "status": .string(status.rawValue), "role": "assistant",
                    "content": [["type": "output_text", "text": .string(text), "annotations": [], "logprobs": []]]]
        case .reasoning(let id, let summary, let encrypted):
            var object: JSONObject = ["type": "reasoning", "id": .string(id)]
            object["summary"] = summary.isEmpty ? .array([]) : [["type": "summary_text", "text": .string(summary)]]
            if let encrypted { object["encrypted_content"] = .string(encrypted) }
            return .object(object)
        case .functionCall(let id, let callID, let name, let namespace, let arguments, let status):
            var object: JSONObject = ["type": "function_call", "id": .string(id), "status": .string(status.rawValue),
                                      "call_id": .string(callID), "name": .string(name)]
            if let namespace { object["namespace"] = .string(namespace) }
            object["arguments"] = .string(arguments)
            return .object(object)
        case .customToolCall(let id, let callID, let name, let namespace, let input, let status):
            var object: JSONObject = ["type": "custom_tool_call", "id": .string(id), "status": .string(status.rawValue),
                                      "call_id": .string(callID), "name": .string(name)]
            if let namespace { object["namespace"] = .string(namespace) }
            object["input"] = .string(input)
            return .object(object)
        case .toolSearchCall(let id, let callID, let arguments, let status):
            return ["type": "tool_search_call", "id": .string(id), "call_id": .string(callID), "status": .string(status.rawValue),
                    "execution": "client", "arguments": arguments]
        case .localShellCall(let id, let callID, let action, let status):
            return ["type": "local_shell_call", "id": .string(id), "call_id": .string(callID), "status": .string(status.rawValue),
                    "action": action]
        case .compaction(let id, let encrypted):
            return ["type": "compaction", "id": .string(id), "encrypted_content": .string(encrypted)]
        }
    }
}
