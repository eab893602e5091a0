/// One entry of a Responses `input` array, decoded leniently: fields of the wrong type read as absent,
/// and types we do not know become `.unknown` so the caller can report and skip them.
public enum InputItem: Sendable, Equatable {
    case message(InputMessage)
    case reasoning(ReasoningInput)
    case call(CallInput)
    case output(ToolOutputInput)
    case compaction(id: String?, encryptedContent: String)
    case compactionTrigger
    case unknown(type: String)
}

public struct InputMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, developer, user, assistant }
    public var id: String?
    /// The raw role; `role` is nil for roles MiMo does not know.
    public var rawRole: String
    public var content: [ContentPart]

    public var role: Role? { Role(rawValue: rawRole) }
}

public enum ContentPart: Sendable, Equatable {
    case text(String)
    case image(url: String, detail: String?)
    /// A part we cannot forward as is, already rendered to a short note for the model.
    case note(String)
}

public struct ReasoningInput: Sendable, Equatable {
    public var id: String?
    public var summary: [String]
    public var content: [String]
    public var encryptedContent: String?
}

/// A tool call the model made earlier, of any kind Codex replays.
public struct CallInput: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case function = "function_call"
        case custom = "custom_tool_call"
        case toolSearch = "tool_search_call"
        case localShell = "local_shell_call"
    }
    public var kind: Kind
    public var id: String?
    public var callID: String
    public var name: String
    public var namespace: String?
    /// Function-call arguments as JSON text, a custom tool's raw input, or the JSON of a
    /// tool_search / local_shell call, exactly as replayed.
    public var payload: String
}

public struct ToolOutputInput: Sendable, Equatable {
    public var type: String
    public var callID: String
    public var text: String
    public var images: [ContentPart]
    /// Tools revealed by a `tool_search_output`, as Codex declared them.
    public var revealedTools: [JSONValue]
}

extension InputItem {
    /// Decodes one item. `nil` means the value was not an object at all.
    static func decode(_ value: JSONValue) -> InputItem? {
        guard let object = value.objectValue else { return nil }
        // Easy-input messages ({role, content}) carry no type.
        let type = object["type"]?.stringValue ?? (object["role"] != nil ? "message" : nil)
        switch type {
        case "message":
            return .message(InputMessage(
                id: object["id"]?.stringValue,
                rawRole: object["role"]?.stringValue ?? "",
                content: ContentPart.decodeContent(object["content"])))
        case "reasoning":
            return .reasoning(ReasoningInput(
                id: object["id"]?.stringValue,
                summary: (object["summary"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue },
                content: (object["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue },
                encryptedContent: object["encrypted_content"]?.stringValue))
        case "function_call":
            return .call(CallInput(kind: .function, id: object["id"]?.stringValue,
                                   callID: object["call_id"]?.stringValue ?? "", name: object["name"]?.stringValue ?? "",
                                   namespace: object["namespace"]?.stringValue,
                                   payload: Self.textOrJSON(object["arguments"])))
        case "custom_tool_call":
            return .call(CallInput(kind: .custom, id: object["id"]?.stringValue,
                                   callID: object["call_id"]?.stringValue ?? "", name: object["name"]?.stringValue ?? "",
                                   namespace: object["namespace"]?.stringValue,
                                   payload: object["input"]?.stringValue ?? ""))
        case "tool_search_call":
            return .call(CallInput(kind: .toolSearch, id: object["id"]?.stringValue,
                                   callID: object["call_id"]?.stringValue ?? "", name: ToolCatalog.toolSearchName,
                                   namespace: nil, payload: Self.textOrJSON(object["arguments"])))
        case "local_shell_call":
            let action = object["action"] ?? .object([:])
            return .call(CallInput(kind: .localShell, id: object["id"]?.stringValue,
                                   callID: object["call_id"]?.stringValue ?? object["id"]?.stringValue ?? "",
                                   name: ToolCatalog.localShellName, namespace: nil,
                                   payload: LocalShellAction.argumentsJSON(fromAction: action).serialized()))
        case "function_call_output", "custom_tool_call_output", "local_shell_call_output", "tool_search_output",
             "mcp_tool_call_output":
            let (text, images) = ToolOutputInput.flatten(object["output"])
            var revealed: [JSONValue] = []
            var body = text
            if type == "tool_search_output" {
                revealed = object["tools"]?.arrayValue ?? []
                body = ToolCatalog.describeRevealedTools(revealed)
            }
            return .output(ToolOutputInput(type: type!, callID: object["call_id"]?.stringValue ?? "",
                                           text: body, images: images, revealedTools: revealed))
        case "compaction", "compaction_summary":
            return .compaction(id: object["id"]?.stringValue, encryptedContent: object["encrypted_content"]?.stringValue ?? "")
        case "compaction_trigger":
            return .compactionTrigger
        default:
            return .unknown(type: type ?? "(no type)")
        }
    }

    static func textOrJSON(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: return s
        case nil, .null?: return ""
        case let other?: return other.serialized()
        }
    }
}

extension ContentPart {
    /// Message content: a string, or an array of typed parts. Empty text parts are dropped here,
    /// because MiMo rejects them ("text is not set").
    static func decodeContent(_ value: JSONValue?) -> [ContentPart] {
        switch value {
        case .string(let s)?: return s.isEmpty ? [] : [.text(s)]
        case .array(let parts)?: return parts.compactMap(decodePart)
        default: return []
        }
    }

    static func decodePart(_ part: JSONValue) -> ContentPart? {
        if case .string(let s) = part { return s.isEmpty ? nil : .text(s) }
        guard let object = part.objectValue else { return nil }
        switch object["type"]?.stringValue {
        case "input_text", "output_text", "text", "summary_text", "reasoning_text":
            guard let text = object["text"]?.stringValue, !text.isEmpty else { return nil }
            return .text(text)
        case "refusal":
            guard let text = object["refusal"]?.stringValue, !text.isEmpty else { return nil }
            return .text(text)
        case "input_image", "image_url", "output_image":
            let url = object["image_url"]?.stringValue ?? object["image_url"]?["url"]?.stringValue ?? object["url"]?.stringValue
            if let url, !url.isEmpty { return .image(url: url, detail: object["detail"]?.stringValue) }
            if let fileID = object["file_id"]?.stringValue { return .note("[image \(fileID) omitted: uploaded files are not available to this model]") }
            return nil
        case "input_file":
            let name = object["filename"]?.stringValue ?? object["file_id"]?.stringValue ?? object["file_url"]?.stringValue ?? "unnamed file"
            return .note("[attached file \(name): its contents are not forwarded to this model]")
        case "input_audio":
            return .note("[audio attachment omitted: not supported through this bridge]")
        case let type:
            if let text = object["text"]?.stringValue, !text.isEmpty { return .text(text) }
            return .note("[content part of type \(type ?? "unknown") omitted]")
        }
    }
}

extension ToolOutputInput {
    /// Tool outputs are a string or an array of parts; MiMo only takes text in `tool` messages.
    static func flatten(_ value: JSONValue?) -> (String, [ContentPart]) {
        switch value {
        case .string(let s)?: return (s, [])
        case .array(let parts)?:
            var texts: [String] = []
            var images: [ContentPart] = []
            for part in parts {
                switch ContentPart.decodePart(part) {
                case .text(let t)?: texts.append(t)
                case .note(let n)?: texts.append(n)
                case .image(let url, let detail)?: images.append(.image(url: url, detail: detail))
                case nil:
                    // encrypted_content parts and empties carry nothing the model can read.
                    break
                }
            }
            return (texts.joined(separator: "\n"), images)
        case nil, .null?: return ("", [])
        case let other?: return (other["text"]?.stringValue ?? other.serialized(), [])
        }
    }
}
