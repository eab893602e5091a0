import ResponsesTranslation

/// The `messages` array: each message's shape by role (mimo-api.md §4.2), then the rules that span
/// messages: reasoning replay (§4.3) and tool-call pairing.
extension MimoRequestValidator {
    enum Role: String, CaseIterable {
        case system, developer, user, assistant, tool
    }

    /// What the cross-message rules and the simulated reply need from one valid message.
    struct MessageFacts {
        var role: Role
        var toolCallIDs: [String] = []
        var hasReasoning = false
        /// `tool`: the call it answers and its text.
        var answers: String?
        var text: String?
        var imageCount = 0
    }

    struct Conversation {
        var messageCount: Int
        var lastRole: String
        var lastUserText: String?
        var hasImages: Bool
        var trailingToolResults: [ValidatedChatRequest.ToolResult]
    }

    func checkMessages(_ value: JSONValue?, thinkingEnabled: Bool) throws(MimoRejection) -> Conversation {
        guard let value else { throw PydanticDetail.missing("messages") }
        guard case .array(let items) = value else { throw PydanticDetail.wrongType("messages", "list") }
        guard !items.isEmpty else { throw PydanticDetail.emptyList("messages") }
        var facts: [MessageFacts] = []
        facts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            facts.append(try checkMessage(item, at: "messages.\(index)"))
        }

        // Mandatory since 2026-05-12: in thinking mode every assistant turn that called tools must bring
        // its reasoning back, or MiMo refuses with this exact body.
        if thinkingEnabled, facts.contains(where: { $0.role == .assistant && !$0.toolCallIDs.isEmpty && !$0.hasReasoning }) {
            throw MimoRejection.reasoningContentMissing
        }
        try checkToolPairing(facts)

        let lastAssistant = facts.lastIndex { $0.role == .assistant } ?? -1
        let trailing: [ValidatedChatRequest.ToolResult] =
            facts.last?.role == .tool
            ? facts[(lastAssistant + 1)...].compactMap { fact in
                guard fact.role == .tool, let id = fact.answers else { return nil }
                return ValidatedChatRequest.ToolResult(toolCallID: id, content: fact.text ?? "")
            } : []
        return Conversation(
            messageCount: facts.count, lastRole: facts[facts.count - 1].role.rawValue,
            lastUserText: facts.last { $0.role == .user }?.text,
            hasImages: facts.contains { $0.imageCount > 0 }, trailingToolResults: trailing)
    }

    func checkMessage(_ item: JSONValue, at loc: String) throws(MimoRejection) -> MessageFacts {
        guard case .object(let message) = item else { throw PydanticDetail.wrongType(loc, "dictionary") }
        guard let roleName = message["role"]?.stringValue else {
            throw PydanticDetail.missingTag(loc, discriminator: "role")
        }
        guard let role = Role(rawValue: roleName) else {
            throw PydanticDetail.unknownTag(
                loc, found: roleName, discriminator: "role", expected: Role.allCases.map(\.rawValue))
        }
        var facts = MessageFacts(role: role)
        switch role {
        case .system, .developer:
            guard let content = message["content"] else { throw PydanticDetail.missing("\(loc).content") }
            facts.text = try checkTextContent(content, at: "\(loc).content", requireText: true)
        case .user:
            try checkUserContent(message["content"], at: "\(loc).content", into: &facts)
        case .assistant:
            try checkAssistant(message, at: loc, into: &facts)
        case .tool:
            try checkToolMessage(message, at: loc, into: &facts)
        }
        return facts
    }

    /// A string, or a list of `text` parts only (system, developer and assistant content).
    func checkTextContent(_ content: JSONValue, at loc: String, requireText: Bool) throws(MimoRejection) -> String {
        switch content {
        case .string(let text):
            return text
        case .array(let parts):
            var texts: [String] = []
            for (index, part) in parts.enumerated() {
                let partLoc = "\(loc).\(index)"
                let (type, object) = try partType(part, at: partLoc)
                guard type == "text" else {
                    throw PydanticDetail.unknownTag(partLoc, found: type, discriminator: "type", expected: ["text"])
                }
                texts.append(try checkTextPart(object, at: partLoc))
            }
            if requireText && texts.isEmpty { throw MimoRejection.textNotSet }
            return texts.joined(separator: "\n")
        default:
            throw PydanticDetail.wrongType(loc, "string")
        }
    }

    /// A string, or `text` / `image_url` parts with at least one non-empty text part (§4.2: an image alone
    /// is "text is not set").
    func checkUserContent(_ value: JSONValue?, at loc: String, into facts: inout MessageFacts) throws(MimoRejection) {
        guard let content = value else { throw PydanticDetail.missing(loc) }
        switch content {
        case .string(let text):
            facts.text = text
        case .array(let parts):
            var texts: [String] = []
            for (index, part) in parts.enumerated() {
                let partLoc = "\(loc).\(index)"
                let (type, object) = try partType(part, at: partLoc)
                switch type {
                case "text":
                    texts.append(try checkTextPart(object, at: partLoc))
                case "image_url":
                    try checkImagePart(object, at: partLoc)
                    facts.imageCount += 1
                default:
                    throw PydanticDetail.unknownTag(
                        partLoc, found: type, discriminator: "type", expected: ["text", "image_url"])
                }
            }
            if texts.isEmpty { throw MimoRejection.textNotSet }
            facts.text = texts.joined(separator: "\n")
        default:
            throw PydanticDetail.wrongType(loc, "string")
        }
    }

    func partType(_ part: JSONValue, at loc: String) throws(MimoRejection) -> (String, JSONObject) {
        guard case .object(let object) = part else { throw PydanticDetail.wrongType(loc, "dictionary") }
        guard let type = object["type"] else { throw PydanticDetail.missingTag(loc, discriminator: "type") }
        return (type.stringValue ?? type.serialized(), object)
    }

    /// A missing, null or empty `text` is MiMo's "text is not set".
    func checkTextPart(_ part: JSONObject, at loc: String) throws(MimoRejection) -> String {
        guard let value = present(part["text"]) else { throw MimoRejection.textNotSet }
        guard let text = value.stringValue else { throw PydanticDetail.wrongType("\(loc).text", "string") }
        guard !text.isEmpty else { throw MimoRejection.textNotSet }
        return text
    }

    /// `{"type":"image_url","image_url":{"url":…,"detail"?}}`; `detail` is not checked.
    func checkImagePart(_ part: JSONObject, at loc: String) throws(MimoRejection) {
        guard let image = part["image_url"] else { throw PydanticDetail.missing("\(loc).image_url") }
        guard case .object(let object) = image else {
            throw PydanticDetail.wrongType("\(loc).image_url", "dictionary")
        }
        guard let urlValue = object["url"] else { throw PydanticDetail.missing("\(loc).image_url.url") }
        guard let url = urlValue.stringValue else { throw PydanticDetail.wrongType("\(loc).image_url.url", "string") }
        guard !url.isEmpty else { throw PydanticDetail.emptyString("\(loc).image_url.url") }
    }

    /// `content` (string, text parts, null or absent), `tool_calls`, `reasoning_content` (string).
    func checkAssistant(_ message: JSONObject, at loc: String, into facts: inout MessageFacts) throws(MimoRejection) {
        if let content = present(message["content"]) {
            facts.text = try checkTextContent(content, at: "\(loc).content", requireText: false)
        }
        if let reasoning = present(message["reasoning_content"]) {
            guard let text = reasoning.stringValue else {
                throw PydanticDetail.wrongType("\(loc).reasoning_content", "string")
            }
            facts.hasReasoning = !text.isEmpty
        }
        // An empty `tool_calls` array is tolerated: MiMo's answer to it is undocumented.
        guard let calls = present(message["tool_calls"]) else { return }
        guard case .array(let items) = calls else { throw PydanticDetail.wrongType("\(loc).tool_calls", "list") }
        for (index, call) in items.enumerated() {
            facts.toolCallIDs.append(try checkToolCall(call, at: "\(loc).tool_calls.\(index)"))
        }
    }

    /// `{id, type:"function", function:{name, arguments}}`; `arguments` must be a JSON object in text.
    /// MiMo 400s on malformed historical arguments (§4.4); the wording of that detail is ours.
    func checkToolCall(_ call: JSONValue, at loc: String) throws(MimoRejection) -> String {
        guard case .object(let object) = call else { throw PydanticDetail.wrongType(loc, "dictionary") }
        let id = try nonEmptyString(object["id"], at: "\(loc).id")
        guard let type = object["type"] else { throw PydanticDetail.missing("\(loc).type") }
        guard type.stringValue == "function" else { throw PydanticDetail.notLiteral("\(loc).type", allowed: ["function"]) }
        guard let function = object["function"] else { throw PydanticDetail.missing("\(loc).function") }
        guard case .object(let functionObject) = function else {
            throw PydanticDetail.wrongType("\(loc).function", "dictionary")
        }
        _ = try nonEmptyString(functionObject["name"], at: "\(loc).function.name")
        guard let argumentsValue = functionObject["arguments"] else {
            throw PydanticDetail.missing("\(loc).function.arguments")
        }
        guard let arguments = argumentsValue.stringValue else {
            throw PydanticDetail.wrongType("\(loc).function.arguments", "string")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(arguments)
        } catch {
            throw MimoRejection.paramIncorrect("\(loc).function.arguments: Invalid JSON: \(error.reason)")
        }
        guard parsed.objectValue != nil else {
            throw MimoRejection.paramIncorrect(
                "\(loc).function.arguments: Invalid JSON: expected an object, got \(parsed.typeName)")
        }
        return id
    }

    /// `tool_call_id` (non-empty string) and string `content`; list content is "text is not set" (§4.2).
    func checkToolMessage(_ message: JSONObject, at loc: String, into facts: inout MessageFacts) throws(MimoRejection) {
        facts.answers = try nonEmptyString(message["tool_call_id"], at: "\(loc).tool_call_id")
        guard let content = message["content"] else { throw PydanticDetail.missing("\(loc).content") }
        switch content {
        case .string(let text): facts.text = text
        case .array: throw MimoRejection.textNotSet
        default: throw PydanticDetail.wrongType("\(loc).content", "string")
        }
    }

    func nonEmptyString(_ value: JSONValue?, at loc: String) throws(MimoRejection) -> String {
        guard let value else { throw PydanticDetail.missing(loc) }
        guard let text = value.stringValue else { throw PydanticDetail.wrongType(loc, "string") }
        guard !text.isEmpty else { throw PydanticDetail.emptyString(loc) }
        return text
    }

    /// Chat semantics: a `tool` message answers a still-open call of the nearest preceding assistant
    /// message, and every call is answered before the next user or assistant message (or the end).
    /// System and developer messages do not close the window. The wording follows OpenAI's own errors,
    /// which OpenAI-compatible servers share; MiMo's exact text is undocumented.
    func checkToolPairing(_ facts: [MessageFacts]) throws(MimoRejection) {
        var open: (index: Int, ids: [String])?
        var answered: Set<String> = []

        func closeOpenCalls() throws(MimoRejection) {
            guard let calls = open else { return }
            let missing = calls.ids.filter { !answered.contains($0) }
            guard missing.isEmpty else {
                throw MimoRejection.paramIncorrect(
                    "messages.\(calls.index): An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: \(missing.joined(separator: ", "))")
            }
            open = nil
            answered = []
        }

        for (index, fact) in facts.enumerated() {
            switch fact.role {
            case .tool:
                let id = fact.answers ?? ""
                guard let calls = open, calls.ids.contains(id), !answered.contains(id) else {
                    throw MimoRejection.paramIncorrect(
                        "messages.\(index): Messages with role 'tool' must be a response to a preceding message with 'tool_calls'; no open tool call has the id '\(id)'")
                }
                answered.insert(id)
            case .user, .assistant:
                try closeOpenCalls()
                if !fact.toolCallIDs.isEmpty { open = (index, fact.toolCallIDs) }
            case .system, .developer:
                break
            }
        }
        try closeOpenCalls()
    }
}
