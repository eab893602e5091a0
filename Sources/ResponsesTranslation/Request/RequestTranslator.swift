/// Responses request → MiMo Chat Completions request. Pure: the same input and options always give
/// the same body, and nothing here performs I/O.
public enum RequestTranslator {
    /// Said to MiMo when a tool call's reasoning is lost (e.g. a history from another provider):
    /// MiMo requires non-empty `reasoning_content` on every earlier assistant message with tool calls.
    public static let reasoningPlaceholder = "(The reasoning for this step is not available.)"
    public static let missingOutputPlaceholder = "[No output was recorded for this tool call.]"
    public static let emptyOutputPlaceholder = "(no output)"
    public static let compactionInstruction = """
        Summarise the conversation above for a handoff to another model that will continue the work \
        without seeing it. Include the user's goals and constraints, what has been done so far (files \
        changed, commands run, key results), decisions and their reasons, open problems, and the exact \
        next steps. Keep identifiers, paths and error messages verbatim. Be concise and factual, and \
        do not call any tools.
        """
    static let compactionReplayLead = "Summary of the earlier part of this conversation, which was compacted:\n\n"

    public static func translate(body: JSONValue, options: TranslationOptions) throws(RequestDecodingError) -> TranslatedRequest {
        translate(try ResponsesRequest.decode(body), options: options)
    }

    public static func translate(_ request: ResponsesRequest, options: TranslationOptions) -> TranslatedRequest {
        var notes: [TranslationNote] = []
        if request.undecodableItems > 0 {
            notes.append(TranslationNote(.droppedItem, "\(request.undecodableItems) input item(s) that are not objects"))
        }

        // Mode: a trailing compaction_trigger asks for a compaction item.
        var items = request.input
        var mode = TranslatedRequest.Mode.respond
        if case .compactionTrigger? = items.last {
            mode = .compact
            items.removeLast()
        }

        // Tools, including those revealed by earlier tool_search outputs.
        var revealed: [JSONValue] = []
        for case .output(let output) in items { revealed.append(contentsOf: output.revealedTools) }
        var (catalog, toolNotes) = ToolCatalog.build(tools: request.tools, revealed: revealed)
        notes.append(contentsOf: toolNotes)
        if mode == .compact { catalog.withdrawAll() } else { applyToolChoice(request.toolChoice, to: &catalog, notes: &notes) }

        // Model: the pin, else the MiMo model the client names, else the configured one; a retired id
        // becomes its successor unless the upstream still serves it; images in the current turn go
        // to the vision model when the chosen one does not take them.
        let imagesInTurn = containsImages(items[currentTurnStart(items)...])
        var choice = ModelChoice(id: options.activeModel, origin: .configured)
        if let pinned = options.pinnedModel {
            choice = ModelChoice(id: pinned, origin: .pinned)
        }
        if let slug = request.model, MimoModelName.isMimoModel(slug), let parsed = MimoModelName.parse(slug) {
            let resolution: ModelResolution
            switch parsed {
            case .id(let id): resolution = options.lineup.resolve(id: id, as: slug)
            case .newest(let family): resolution = options.lineup.resolve(id: options.lineup.newest(family), as: slug)
            }
            if options.pinnedModel == nil {
                choice = ModelChoice(id: resolution.id, origin: .client)
                if resolution.id != slug { notes.append(TranslationNote(.modelRouted, "\(resolution)")) }
            } else if resolution.id != choice.id {
                notes.append(TranslationNote(.modelRouted, "\(slug) → \(choice.id): pinned by ccmimoctl model"))
            }
        }
        if imagesInTurn, !options.lineup.acceptsImages(choice.id), choice.id != options.visionModel {
            notes.append(TranslationNote(.modelRouted, "\(choice.id) → \(options.visionModel): the turn contains images"))
            choice = ModelChoice(id: options.visionModel, origin: .imageRouting)
        }
        let upstreamModel = choice.id
        let traits = MimoModelFacts.facts(for: upstreamModel)
        let acceptsImages = options.lineup.acceptsImages(upstreamModel)
        let reasoning = MimoReasoning(codexEffort: request.reasoningEffort)
        let thinkingEnabled = reasoning.thinkingEnabled
        if let adjustment = MimoReasoning.adjustment(from: request.reasoningEffort) {
            notes.append(TranslationNote(.parameterAdjusted, adjustment))
        }

        var builder = HistoryBuilder(items: items, acceptsImages: acceptsImages, modelName: upstreamModel,
                                     thinkingEnabled: thinkingEnabled)
        if let instructions = request.instructions, !instructions.isEmpty {
            builder.appendSystem(instructions)
        }
        builder.build()
        notes.append(contentsOf: builder.notes)
        var messages = builder.messages

        // Structured output: MiMo only has json_object, so the schema travels as an instruction.
        var responseFormat: JSONValue?
        if let format = request.textFormat, let type = format["type"]?.stringValue {
            switch type {
            case "json_schema":
                responseFormat = ["type": "json_object"]
                let schema = (format["schema"] ?? .object([:])).serialized()
                let instruction = "Respond only with a JSON object that conforms to this JSON Schema:\n\(schema)"
                if let first = messages.firstIndex(where: { $0.role == .system }), first == 0 {
                    messages[first].text += "\n\n" + instruction
                } else {
                    messages.insert(ChatMessage(role: .system, text: instruction), at: 0)
                }
            case "json_object":
                responseFormat = ["type": "json_object"]
            default:
                break
            }
        }
        if mode == .compact {
            messages.append(ChatMessage(role: .user, text: compactionInstruction))
        }

        let upstreamStreams = options.streamUpstream ?? request.stream
        var body = JSONObject()
        body.appendUnique("model", .string(upstreamModel))
        body.appendUnique("messages", .array(messages.map(\.json)))
        if !catalog.upstreamTools.isEmpty {
            body.appendUnique("tools", .array(catalog.upstreamTools))
            if let parallel = request.parallelToolCalls { body.appendUnique("parallel_tool_calls", .bool(parallel)) }
        }
        body.appendUnique("thinking", ["type": .string(thinkingEnabled ? "enabled" : "disabled")])
        if let effort = reasoning.effort { body.appendUnique("reasoning_effort", .string(effort)) }
        if let requested = request.maxOutputTokens ?? options.defaultMaxCompletionTokens {
            let capped = min(max(requested, 1), traits.maxCompletionTokens)
            body.appendUnique("max_completion_tokens", .int(capped))
        }
        // In thinking mode MiMo forces its own sampling; only send sampling when thinking is off.
        if !thinkingEnabled {
            if let t = request.temperature { body.appendUnique("temperature", .double(min(max(t, 0), 1.5))) }
            if let p = request.topP { body.appendUnique("top_p", .double(min(max(p, 0.01), 1.0))) }
        }
        if let responseFormat { body.appendUnique("response_format", responseFormat) }
        body.appendUnique("stream", .bool(upstreamStreams))
        if upstreamStreams { body.appendUnique("stream_options", ["include_usage": true]) }

        return TranslatedRequest(
            body: .object(body), messages: messages, catalog: catalog, requestedModel: request.model,
            upstreamModel: upstreamModel, modelOrigin: choice.origin, thinkingEnabled: thinkingEnabled, clientStreams: request.stream,
            upstreamStreams: upstreamStreams, parallelToolCalls: request.parallelToolCalls ?? true, mode: mode,
            containsImages: builder.sentImages, notes: notes, echo: request.echo)
    }

    /// MiMo honours only `tool_choice: "auto"`, so other choices become the closest honest equivalent.
    static func applyToolChoice(_ choice: JSONValue?, to catalog: inout ToolCatalog, notes: inout [TranslationNote]) {
        switch choice {
        case nil, .null?, .string("auto")?:
            return
        case .string("none")?:
            catalog.withdrawAll()
        case .string("required")?:
            notes.append(TranslationNote(.toolChoiceApproximated, "required → auto: MiMo cannot force a tool call"))
        case .object(let object)?:
            let type = object["type"]?.stringValue ?? ""
            if type == "allowed_tools" {
                let names = (object["tools"]?.arrayValue ?? []).compactMap { tool -> String? in
                    guard let name = tool["name"]?.stringValue else { return nil }
                    return tool["namespace"]?.stringValue.map { ToolCatalog.upstreamName(name: name, namespace: $0) } ?? name
                }
                catalog.restrictOffered(to: Set(names))
                if object["mode"]?.stringValue == "required" {
                    notes.append(TranslationNote(.toolChoiceApproximated, "allowed_tools required → auto over the allowed tools"))
                }
            } else if let name = object["name"]?.stringValue {
                let upstream = object["namespace"]?.stringValue.map { ToolCatalog.upstreamName(name: name, namespace: $0) } ?? name
                catalog.restrictOffered(to: [upstream])
                notes.append(TranslationNote(.toolChoiceApproximated, "forced \(name) → auto with only that tool offered"))
            } else {
                notes.append(TranslationNote(.toolChoiceApproximated, "\(type.isEmpty ? "unknown" : type) tool choice → auto"))
            }
        case let other?:
            notes.append(TranslationNote(.toolChoiceApproximated, "tool_choice \(other.serialized()) → auto"))
        }
    }

    /// The current turn starts at the last user message; earlier turns are history.
    static func currentTurnStart(_ items: [InputItem]) -> Int {
        for index in items.indices.reversed() {
            if case .message(let message) = items[index], message.role == .user { return index }
        }
        return 0
    }

    static func containsImages(_ items: ArraySlice<InputItem>) -> Bool {
        for item in items {
            switch item {
            case .message(let message):
                if message.content.contains(where: { if case .image = $0 { true } else { false } }) { return true }
            case .output(let output):
                if !output.images.isEmpty { return true }
            default:
                continue
            }
        }
        return false
    }
}
