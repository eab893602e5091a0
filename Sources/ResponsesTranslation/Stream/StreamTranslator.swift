/// MiMo Chat Completions chunks → Responses streaming events, as a value-type state machine with no
/// I/O: `receive` each decoded chunk, then `finish()` at a clean end of stream or `fail(_:)` when
/// the upstream breaks. Every call returns the events to write, already numbered.
///
/// Guarantees: every item gets `output_item.added` before its deltas and `output_item.done` with
/// complete fields; calls are emitted done only once the stream has ended cleanly, so a failed
/// attempt never leaves half a tool call in Codex's history; the stream always ends in exactly one
/// of `response.completed`, `response.incomplete` or `response.failed`.
public struct StreamTranslator: Sendable {
    public struct Configuration: Sendable {
        public var identifiers: ResponseIdentifiers
        public var createdAt: Int
        /// The model named in the Response object (the MiMo model that answered).
        public var model: String
        public var catalog: ToolCatalog
        public var mode: TranslatedRequest.Mode
        public var echo: JSONObject
        public var recoverTextToolCalls: Bool

        public init(identifiers: ResponseIdentifiers = .random(), createdAt: Int, model: String,
                    catalog: ToolCatalog = ToolCatalog(), mode: TranslatedRequest.Mode = .respond,
                    echo: JSONObject = [:], recoverTextToolCalls: Bool = true) {
            self.identifiers = identifiers
            self.createdAt = createdAt
            self.model = model
            self.catalog = catalog
            self.mode = mode
            self.echo = echo
            self.recoverTextToolCalls = recoverTextToolCalls
        }

        public init(request: TranslatedRequest, identifiers: ResponseIdentifiers = .random(), createdAt: Int) {
            self.init(identifiers: identifiers, createdAt: createdAt, model: request.upstreamModel,
                      catalog: request.catalog, mode: request.mode, echo: request.echo)
        }
    }

    private struct OpenText {
        var index: Int
        var id: String
        var text = ""
    }

    private struct PendingCall {
        var upstreamID: String?
        var name = ""
        var arguments = ""
        var callID: String
        var outputIndex: Int?
        var itemID: String?
        var route: ToolRoute?
    }

    public let configuration: Configuration
    public private(set) var notes: [TranslationNote] = []
    public private(set) var isFinished = false
    public private(set) var usage: Usage?
    public private(set) var finishReason: ChatFinishReason?

    private var sequence = 0
    private var started = false
    private var nextOutputIndex = 0
    private var callCount = 0
    private var output: [Int: OutputItem] = [:]
    private var reasoning: OpenText?
    private var message: OpenText?
    private var heldWhitespace = ""
    private var calls: [PendingCall] = []
    private var slotForIndex: [Int: Int] = [:]
    private var scanner: TextToolCallScanner?
    private var compactionSummary = ""
    private var terminal: ResponseObject?

    public init(configuration: Configuration) {
        self.configuration = configuration
        let schemas = configuration.catalog.offeredSchemas
        if configuration.recoverTextToolCalls, configuration.mode == .respond, !schemas.isEmpty {
            scanner = TextToolCallScanner(tools: schemas, freeformTools: configuration.catalog.offeredFreeformNames)
        }
    }

    /// The response as it stands: in progress until the stream ends, then final.
    public var response: ResponseObject {
        if let terminal { return terminal }
        return ResponseObject(id: configuration.identifiers.responseID, createdAt: configuration.createdAt,
                              model: configuration.model, status: .inProgress, echo: configuration.echo)
    }

    // MARK: - Inputs

    /// `response.created` and `response.in_progress`. Called implicitly by the first other input.
    public mutating func start() -> [SequencedEvent] {
        guard !started else { return [] }
        started = true
        var events: [SequencedEvent] = []
        emit(.created(response), into: &events)
        emit(.inProgress(response), into: &events)
        return events
    }

    /// A `response.in_progress` event: a keepalive that resets Codex's idle timer (SSE comments don't).
    public mutating func keepalive() -> [SequencedEvent] {
        guard !isFinished else { return [] }
        var events = start()
        if events.isEmpty { emit(.inProgress(response), into: &events) }
        return events
    }

    public mutating func receive(_ chunk: ChatChunk) -> [SequencedEvent] {
        guard !isFinished else { return [] }
        var events = start()
        if let error = chunk.error {
            events += fail(error.responseFailure())
            return events
        }
        if let reasoningDelta = chunk.reasoning, !reasoningDelta.isEmpty {
            appendReasoning(reasoningDelta, into: &events)
        }
        if let content = chunk.content, !content.isEmpty {
            closeReasoning(into: &events)
            appendContent(content, into: &events)
        }
        if !chunk.toolCalls.isEmpty {
            closeReasoning(into: &events)
            for delta in chunk.toolCalls { appendToolCall(delta, into: &events) }
        }
        if let reason = chunk.finishReason { finishReason = reason }
        if let chunkUsage = chunk.usage { usage = chunkUsage }
        return events
    }

    /// The upstream stream ended cleanly (`[DONE]`, or EOF after a finish reason).
    public mutating func finish() -> [SequencedEvent] {
        guard !isFinished else { return [] }
        var events = start()
        if var scanner {
            let segments = scanner.finish()
            self.scanner = scanner
            handle(segments, into: &events)
        }
        if configuration.mode == .compact {
            return events + finishCompaction()
        }
        closeReasoning(into: &events)
        closeMessage(into: &events)
        for slot in calls.indices { closeCall(slot, into: &events) }

        var final = response
        final.output = orderedOutput()
        final.usage = usage ?? .zero
        final.incompleteReason = finishReason?.incompleteReason
        final.status = final.incompleteReason == nil ? .completed : .incomplete
        terminal = final
        isFinished = true
        emit(final.status == .completed ? .completed(final) : .incomplete(final), into: &events)
        return events
    }

    /// The upstream failed mid-stream. Open items are not marked done: Codex retries the request
    /// and must not keep half an answer in its history.
    public mutating func fail(_ failure: ResponseFailure) -> [SequencedEvent] {
        guard !isFinished else { return [] }
        var events = start()
        var final = response
        final.status = .failed
        final.error = failure
        final.output = orderedOutput()
        final.usage = usage ?? .zero
        terminal = final
        isFinished = true
        emit(.failed(final), into: &events)
        return events
    }

    // MARK: - Reasoning and text

    private mutating func appendReasoning(_ delta: String, into events: inout [SequencedEvent]) {
        guard configuration.mode == .respond else { return }
        if reasoning == nil {
            let index = allocateIndex()
            let id = configuration.identifiers.itemID(prefix: "rs", index: index)
            reasoning = OpenText(index: index, id: id)
            emit(.outputItemAdded(outputIndex: index, item: .reasoning(id: id, summary: "", encryptedContent: nil)), into: &events)
            emit(.reasoningSummaryPartAdded(itemID: id, outputIndex: index), into: &events)
        }
        reasoning!.text += delta
        emit(.reasoningSummaryTextDelta(itemID: reasoning!.id, outputIndex: reasoning!.index, delta: delta), into: &events)
    }

    private mutating func closeReasoning(into events: inout [SequencedEvent]) {
        guard let open = reasoning else { return }
        reasoning = nil
        close(open, as: .reasoning(id: open.id, summary: open.text, encryptedContent: ReasoningCodec.encodeReasoning(open.text)), after: [
            .reasoningSummaryTextDone(itemID: open.id, outputIndex: open.index, text: open.text),
            .reasoningSummaryPartDone(itemID: open.id, outputIndex: open.index, text: open.text),
        ], into: &events)
    }

    /// Ends an open reasoning or message item: its own done events, then the finished item.
    private mutating func close(_ open: OpenText, as item: OutputItem, after done: [ResponsesEvent], into events: inout [SequencedEvent]) {
        for event in done { emit(event, into: &events) }
        output[open.index] = item
        emit(.outputItemDone(outputIndex: open.index, item: item), into: &events)
    }

    private mutating func appendContent(_ content: String, into events: inout [SequencedEvent]) {
        if configuration.mode == .compact {
            compactionSummary += content
            return
        }
        guard var scanner else {
            appendText(content, into: &events)
            return
        }
        let segments = scanner.receive(content)
        self.scanner = scanner
        handle(segments, into: &events)
    }

    private mutating func handle(_ segments: [TextSegment], into events: inout [SequencedEvent]) {
        for segment in segments {
            switch segment {
            case .text(let text): appendText(text, into: &events)
            case .call(let call): emitRecoveredCall(call, into: &events)
            }
        }
    }

    private mutating func appendText(_ text: String, into events: inout [SequencedEvent]) {
        guard !text.isEmpty else { return }
        if message == nil {
            // Leading whitespace (MiMo often opens with "\n\n") does not open a message on its own.
            let combined = heldWhitespace + text
            guard let firstVisible = combined.firstIndex(where: { !$0.isWhitespace }) else {
                heldWhitespace = combined
                return
            }
            heldWhitespace = ""
            let index = allocateIndex()
            let id = configuration.identifiers.itemID(prefix: "msg", index: index)
            message = OpenText(index: index, id: id)
            emit(.outputItemAdded(outputIndex: index, item: .message(id: id, text: "", status: .inProgress)), into: &events)
            emit(.contentPartAdded(itemID: id, outputIndex: index), into: &events)
            let visible = String(combined[firstVisible...])
            message!.text += visible
            emit(.outputTextDelta(itemID: id, outputIndex: index, delta: visible), into: &events)
            return
        }
        message!.text += text
        emit(.outputTextDelta(itemID: message!.id, outputIndex: message!.index, delta: text), into: &events)
    }

    private mutating func closeMessage(into events: inout [SequencedEvent]) {
        guard let open = message else { return }
        message = nil
        close(open, as: .message(id: open.id, text: open.text, status: .completed), after: [
            .outputTextDone(itemID: open.id, outputIndex: open.index, text: open.text),
            .contentPartDone(itemID: open.id, outputIndex: open.index, text: open.text),
        ], into: &events)
    }

    // MARK: - Tool calls

    private mutating func appendToolCall(_ delta: ChatChunk.ToolCallDelta, into events: inout [SequencedEvent]) {
        guard configuration.mode == .respond else {
            notes.append(TranslationNote(.droppedCall, "a tool call during compaction"))
            return
        }
        var slot: Int
        if let existing = slotForIndex[delta.index] {
            slot = existing
            // Some servers reuse index 0 for every call and tell them apart by id.
            if let id = delta.id, let known = calls[slot].upstreamID, id != known {
                slot = newSlot(for: delta.index)
            }
        } else {
            slot = newSlot(for: delta.index)
        }
        if let id = delta.id, calls[slot].upstreamID == nil { calls[slot].upstreamID = id }
        if let name = delta.name, !name.isEmpty, calls[slot].outputIndex == nil {
            calls[slot].name = mergedName(calls[slot].name, name)
        }
        let arguments = delta.arguments ?? ""
        if calls[slot].outputIndex != nil {
            calls[slot].arguments += arguments
            streamArguments(slot, arguments, into: &events)
            return
        }
        calls[slot].arguments += arguments
        // Open once the name is settled: a known tool, or arguments have begun.
        let name = calls[slot].name
        if !name.isEmpty, configuration.catalog.route(forUpstreamName: name) != nil || !calls[slot].arguments.isEmpty {
            openCall(slot, into: &events)
            streamArguments(slot, calls[slot].arguments, into: &events)
        }
    }

    private mutating func newSlot(for index: Int) -> Int {
        calls.append(PendingCall(callID: nextCallID()))
        slotForIndex[index] = calls.count - 1
        return calls.count - 1
    }

    /// Names normally arrive whole, sometimes repeated on every fragment, rarely split in pieces.
    private func mergedName(_ current: String, _ incoming: String) -> String {
        if current.isEmpty || incoming == current { return current.isEmpty ? incoming : current }
        let catalog = configuration.catalog
        if catalog.route(forUpstreamName: current + incoming) != nil { return current + incoming }
        if catalog.route(forUpstreamName: incoming) != nil { return incoming }
        if catalog.route(forUpstreamName: current) != nil { return current }
        return current + incoming
    }

    private mutating func openCall(_ slot: Int, into events: inout [SequencedEvent]) {
        let index = allocateIndex()
        let route = configuration.catalog.route(forUpstreamName: calls[slot].name)
        calls[slot].route = route
        calls[slot].outputIndex = index
        let call = calls[slot]
        let item: OutputItem
        switch route?.kind {
        case .custom?:
            let id = configuration.identifiers.itemID(prefix: "ctc", index: index)
            calls[slot].itemID = id
            item = .customToolCall(id: id, callID: call.callID, name: route!.name, namespace: route!.namespace, input: "", status: .inProgress)
        case .toolSearch?:
            let id = configuration.identifiers.itemID(prefix: "tsc", index: index)
            calls[slot].itemID = id
            item = .toolSearchCall(id: id, callID: call.callID, arguments: .object([:]), status: .inProgress)
        case .localShell?:
            let id = configuration.identifiers.itemID(prefix: "lsc", index: index)
            calls[slot].itemID = id
            item = .localShellCall(id: id, callID: call.callID, action: ["type": "exec", "command": []], status: .inProgress)
        case .function?, nil:
            let id = configuration.identifiers.itemID(prefix: "fc", index: index)
            calls[slot].itemID = id
            item = .functionCall(id: id, callID: call.callID, name: route?.name ?? call.name, namespace: route?.namespace,
                                 arguments: "", status: .inProgress)
        }
        emit(.outputItemAdded(outputIndex: index, item: item), into: &events)
    }

    private mutating func streamArguments(_ slot: Int, _ fragment: String, into events: inout [SequencedEvent]) {
        guard !fragment.isEmpty, let index = calls[slot].outputIndex, let id = calls[slot].itemID else { return }
        if calls[slot].route == nil || calls[slot].route?.kind == .function {
            emit(.functionCallArgumentsDelta(itemID: id, outputIndex: index, delta: fragment), into: &events)
        }
    }

    private mutating func closeCall(_ slot: Int, into events: inout [SequencedEvent]) {
        if calls[slot].outputIndex == nil {
            guard !calls[slot].name.isEmpty else {
                notes.append(TranslationNote(.droppedCall, "a tool call without a name (arguments: \(calls[slot].arguments.count) bytes)"))
                return
            }
            openCall(slot, into: &events)
        }
        let call = calls[slot]
        guard let index = call.outputIndex, let id = call.itemID else { return }
        let parsed = try? JSONValue.parse(call.arguments)
        let item: OutputItem
        switch call.route?.kind {
        case .custom?:
            let input: String
            if let text = parsed?["input"]?.stringValue {
                input = text
            } else if let object = parsed?.objectValue, object.count == 1, let only = object.members.first?.value.stringValue {
                input = only
            } else {
                // The model ignored the wrapper and wrote the raw input; pass it on as written.
                input = call.arguments
            }
            emit(.customToolCallInputDelta(itemID: id, outputIndex: index, delta: input), into: &events)
            emit(.customToolCallInputDone(itemID: id, outputIndex: index, input: input), into: &events)
            item = .customToolCall(id: id, callID: call.callID, name: call.route!.name, namespace: call.route!.namespace,
                                   input: input, status: .completed)
        case .toolSearch?:
            let arguments: JSONValue = parsed?.objectValue != nil ? parsed! : .object([:])
            item = .toolSearchCall(id: id, callID: call.callID, arguments: arguments, status: .completed)
        case .localShell?:
            item = .localShellCall(id: id, callID: call.callID, action: LocalShellAction.action(fromArguments: parsed ?? .object([:])),
                                   status: .completed)
        case .function?, nil:
            var arguments = call.arguments
            if parsed?.objectValue == nil {
                if call.arguments.contains(where: { !$0.isWhitespace }) {
                    notes.append(TranslationNote(.repairedArguments, "\(call.name): arguments were not a JSON object, sent {}"))
                }
                arguments = "{}"
            }
            let name = call.route?.name ?? call.name
            emit(.functionCallArgumentsDone(itemID: id, outputIndex: index, name: name, arguments: arguments), into: &events)
            item = .functionCall(id: id, callID: call.callID, name: name, namespace: call.route?.namespace,
                                 arguments: arguments, status: .completed)
        }
        output[index] = item
        emit(.outputItemDone(outputIndex: index, item: item), into: &events)
    }

    /// A call MiMo wrote as text: the scanner already checked the tool exists and coerced values.
    private mutating func emitRecoveredCall(_ call: TextToolCall, into events: inout [SequencedEvent]) {
        calls.append(PendingCall(name: call.name, arguments: call.arguments.serialized(), callID: nextCallID()))
        let slot = calls.count - 1
        openCall(slot, into: &events)
        closeCall(slot, into: &events)
        // Done already; the slot is last, so removing it leaves slotForIndex valid.
        calls.removeLast()
    }

    // MARK: - Compaction

    private mutating func finishCompaction() -> [SequencedEvent] {
        var events: [SequencedEvent] = []
        let summary = compactionSummary.trimmedWhitespace
        guard !summary.isEmpty else {
            return fail(ResponseFailure(code: .serverError, message: "MiMo returned an empty summary for compaction"))
        }
        let index = allocateIndex()
        let item = OutputItem.compaction(id: configuration.identifiers.itemID(prefix: "cmp", index: index),
                                         encryptedContent: ReasoningCodec.encodeCompaction(summary))
        output[index] = item
        emit(.outputItemAdded(outputIndex: index, item: item), into: &events)
        emit(.outputItemDone(outputIndex: index, item: item), into: &events)
        var final = response
        final.status = .completed
        final.output = [item]
        final.usage = usage ?? .zero
        terminal = final
        isFinished = true
        emit(.completed(final), into: &events)
        return events
    }

    // MARK: - Plumbing

    private mutating func nextCallID() -> String {
        defer { callCount += 1 }
        return configuration.identifiers.callID(index: callCount)
    }

    private mutating func allocateIndex() -> Int {
        defer { nextOutputIndex += 1 }
        return nextOutputIndex
    }

    private func orderedOutput() -> [OutputItem] {
        output.keys.sorted().compactMap { output[$0] }
    }

    private mutating func emit(_ event: ResponsesEvent, into events: inout [SequencedEvent]) {
        events.append(SequencedEvent(sequenceNumber: sequence, event: event))
        sequence += 1
    }
}
