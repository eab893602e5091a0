/// Rebuilds Chat messages from Codex's flat item history.
///
/// Codex replays each model step as separate items (reasoning, message, calls) followed by the call
/// outputs. MiMo needs one assistant message per step carrying its text, its full
/// `reasoning_content` and all its `tool_calls`, followed by one `tool` message per call. Items from
/// the same step are recognised by the response token in their ids when we produced them, and by
/// position otherwise. Outputs are attached to their calls wherever they appear; orphans are dropped,
/// missing outputs get an explicit placeholder, and replayed duplicates are removed.
struct HistoryBuilder {
    private struct Step {
        var token: String?
        var texts: [String] = []
        var reasoning: [String] = []
        var calls: [CallInput] = []
        var isEmpty: Bool { texts.isEmpty && reasoning.isEmpty && calls.isEmpty }
    }

    let items: [InputItem]
    let acceptsImages: Bool
    let modelName: String
    let thinkingEnabled: Bool
    private(set) var messages: [ChatMessage] = []
    private(set) var notes: [TranslationNote] = []
    private(set) var sentImages = false

    private var outputs: [String: ToolOutputInput] = [:]
    private var seenCallIDs: Set<String> = []
    private var step: Step?
    private var syntheticCallIDs = 0

    init(items: [InputItem], acceptsImages: Bool, modelName: String, thinkingEnabled: Bool) {
        self.items = items
        self.acceptsImages = acceptsImages
        self.modelName = modelName
        self.thinkingEnabled = thinkingEnabled
    }

    mutating func appendSystem(_ text: String) {
        guard !text.isEmpty else { return }
        // Consecutive system messages are merged: Codex sends several developer messages in a row.
        if let last = messages.indices.last, messages[last].role == .system {
            messages[last].text += "\n\n" + text
        } else {
            messages.append(ChatMessage(role: .system, text: text))
        }
    }

    mutating func build() {
        for case .output(let output) in items {
            if outputs[output.callID] == nil {
                outputs[output.callID] = output
            } else {
                notes.append(TranslationNote(.duplicateItem, "\(output.type) \(output.callID) replayed twice, kept the first"))
            }
        }

        for item in items {
            switch item {
            case .message(let message):
                switch message.role {
                case .system?, .developer?:
                    flushStep()
                    appendSystem(systemText(message))
                case .user?:
                    flushStep()
                    appendUser(message)
                case .assistant?:
                    continueStep(itemID: message.id)
                    let text = message.content.compactMap { part -> String? in
                        switch part {
                        case .text(let t), .note(let t): t
                        case .image: nil
                        }
                    }.joined()
                    if !text.isEmpty { step!.texts.append(text) }
                case nil:
                    notes.append(TranslationNote(.droppedItem, "message with role \"\(message.rawRole)\", which MiMo does not accept"))
                }
            case .reasoning(let reasoning):
                continueStep(itemID: reasoning.id)
                if let text = Self.reasoningText(reasoning) {
                    step!.reasoning.append(text)
                }
            case .call(var call):
                if call.callID.isEmpty {
                    syntheticCallIDs += 1
                    call.callID = "call_missing_\(syntheticCallIDs)"
                    notes.append(TranslationNote(.repairedArguments, "\(call.kind.rawValue) \(call.name) had no call_id"))
                }
                if seenCallIDs.contains(call.callID) {
                    notes.append(TranslationNote(.duplicateItem, "\(call.kind.rawValue) \(call.callID) replayed twice, kept the first"))
                    continue
                }
                seenCallIDs.insert(call.callID)
                continueStep(itemID: call.id)
                step!.calls.append(call)
            case .output:
                // Outputs close a step; they are emitted right after their calls.
                flushStep()
            case .compaction(_, let blob):
                flushStep()
                if let summary = ReasoningCodec.decodeCompaction(blob), !summary.isEmpty {
                    messages.append(ChatMessage(role: .user, text: RequestTranslator.compactionReplayLead + summary))
                } else {
                    notes.append(TranslationNote(.droppedItem, "compaction item produced by another server (its content is opaque)"))
                }
            case .compactionTrigger:
                notes.append(TranslationNote(.droppedItem, "compaction_trigger that is not the last input item"))
            case .unknown(let type):
                notes.append(TranslationNote(.droppedItem, type))
            }
        }
        flushStep()

        var reportedOrphans: Set<String> = []
        for case .output(let output) in items where !seenCallIDs.contains(output.callID) {
            if reportedOrphans.insert(output.callID).inserted {
                notes.append(TranslationNote(.orphanOutput, "\(output.type) \(output.callID) has no matching call"))
            }
        }
    }

    /// The exact reasoning we streamed (from `encrypted_content`), else the summary, else the raw
    /// reasoning content; nil when none is readable.
    static func reasoningText(_ reasoning: ReasoningInput) -> String? {
        if let blob = reasoning.encryptedContent, let text = ReasoningCodec.decodeReasoning(blob), !text.isEmpty {
            return text
        }
        let summary = reasoning.summary.filter { !$0.isEmpty }.joined(separator: "\n\n")
        if !summary.isEmpty { return summary }
        let content = reasoning.content.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return content.isEmpty ? nil : content
    }

    private func systemText(_ message: InputMessage) -> String {
        message.content.compactMap { part -> String? in
            switch part {
            case .text(let t), .note(let t): t
            case .image: "[image omitted from a system message]"
            }
        }.joined(separator: "\n")
    }

    private mutating func appendUser(_ message: InputMessage) {
        var parts: [ContentPart] = []
        var hasImage = false
        for part in message.content {
            switch part {
            case .image where acceptsImages:
                hasImage = true
                parts.append(part)
            case .image:
                parts.append(.note("[image omitted: \(modelName) does not take images]"))
                notes.append(TranslationNote(.droppedContent, "an image in an earlier turn (\(modelName) is text-only)"))
            case .text, .note:
                parts.append(part)
            }
        }
        let text = parts.compactMap { part -> String? in
            switch part {
            case .text(let t), .note(let t): t
            case .image: nil
            }
        }.joined(separator: "\n")
        if text.isEmpty && !hasImage {
            notes.append(TranslationNote(.droppedContent, "an empty user message"))
            return
        }
        sentImages = sentImages || hasImage
        messages.append(ChatMessage(role: .user, text: text, parts: hasImage ? parts : []))
    }

    /// Starts a new step when the item carries another response's token. Items without our ids stay
    /// in the current step whatever their order, as long as no user message or output intervenes.
    private mutating func continueStep(itemID: String?) {
        let token = itemID.flatMap(ResponseIdentifiers.token(inItemID:))
        guard let current = step else {
            step = Step(token: token)
            return
        }
        if let token, let currentToken = current.token, token != currentToken {
            flushStep()
            step = Step(token: token)
        } else if current.token == nil, let token {
            step!.token = token
        }
    }

    private mutating func flushStep() {
        guard let current = step else { return }
        step = nil
        guard !current.texts.isEmpty || !current.calls.isEmpty else {
            if !current.isEmpty {
                notes.append(TranslationNote(.droppedItem, "reasoning with no answer or call after it"))
            }
            return
        }

        var reasoning: String? = current.reasoning.isEmpty ? nil : current.reasoning.joined(separator: "\n\n")
        if reasoning == nil, thinkingEnabled, !current.calls.isEmpty {
            reasoning = RequestTranslator.reasoningPlaceholder
            notes.append(TranslationNote(.placeholderReasoning, "a step with \(current.calls.count) call(s) had no readable reasoning"))
        }
        let toolCalls = current.calls.map { call in
            ChatMessage.ToolCall(id: call.callID, name: upstreamName(call), arguments: upstreamArguments(call))
        }
        messages.append(ChatMessage(role: .assistant, text: current.texts.joined(separator: "\n\n"),
                                    reasoningContent: reasoning, toolCalls: toolCalls))

        var images: [ContentPart] = []
        for call in current.calls {
            guard let output = outputs[call.callID] else {
                notes.append(TranslationNote(.missingOutput, "\(call.kind.rawValue) \(call.callID) (\(call.name)) had no output"))
                messages.append(ChatMessage(role: .tool, text: RequestTranslator.missingOutputPlaceholder, toolCallID: call.callID))
                continue
            }
            var text = output.text.isEmpty && output.images.isEmpty ? RequestTranslator.emptyOutputPlaceholder : output.text
            if !output.images.isEmpty {
                if acceptsImages {
                    if text.isEmpty { text = "(The tool returned \(output.images.count) image(s), attached in the next message.)" }
                    images.append(.text("Image output of tool call \(call.callID):"))
                    images.append(contentsOf: output.images)
                } else {
                    text += (text.isEmpty ? "" : "\n") + "[\(output.images.count) image(s) omitted: \(modelName) does not take images]"
                    notes.append(TranslationNote(.droppedContent, "\(output.images.count) image(s) in the output of \(call.callID)"))
                }
            }
            messages.append(ChatMessage(role: .tool, text: text, toolCallID: call.callID))
        }
        // MiMo takes only text in tool messages; images from tools follow as a user message.
        if !images.isEmpty {
            sentImages = true
            let text = images.compactMap { if case .text(let t) = $0 { t } else { nil } }.joined(separator: "\n")
            messages.append(ChatMessage(role: .user, text: text, parts: images))
        }
    }

    private func upstreamName(_ call: CallInput) -> String {
        switch call.kind {
        case .function, .custom: ToolCatalog.upstreamName(name: call.name, namespace: call.namespace)
        case .toolSearch: ToolCatalog.toolSearchName
        case .localShell: ToolCatalog.localShellName
        }
    }

    /// Historical arguments must be a JSON object: MiMo answers 400 to anything else.
    private mutating func upstreamArguments(_ call: CallInput) -> String {
        if call.kind == .custom {
            return JSONValue.object(["input": .string(call.payload)]).serialized()
        }
        if let parsed = try? JSONValue.parse(call.payload), case .object = parsed {
            return call.payload
        }
        if call.payload.contains(where: { !$0.isWhitespace }) {
            notes.append(TranslationNote(.repairedArguments, "\(call.callID) (\(call.name)): arguments were not a JSON object, sent {}"))
        }
        return "{}"
    }
}
