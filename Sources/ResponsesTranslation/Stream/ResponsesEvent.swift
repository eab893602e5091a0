/// One Responses streaming event, as Codex and the OpenAI SDKs parse it.
public enum ResponsesEvent: Sendable, Equatable {
    case created(ResponseObject)
    case inProgress(ResponseObject)
    case outputItemAdded(outputIndex: Int, item: OutputItem)
    case outputItemDone(outputIndex: Int, item: OutputItem)
    case contentPartAdded(itemID: String, outputIndex: Int)
    case contentPartDone(itemID: String, outputIndex: Int, text: String)
    case outputTextDelta(itemID: String, outputIndex: Int, delta: String)
    case outputTextDone(itemID: String, outputIndex: Int, text: String)
    case reasoningSummaryPartAdded(itemID: String, outputIndex: Int)
    case reasoningSummaryTextDelta(itemID: String, outputIndex: Int, delta: String)
    case reasoningSummaryTextDone(itemID: String, outputIndex: Int, text: String)
    case reasoningSummaryPartDone(itemID: String, outputIndex: Int, text: String)
    case functionCallArgumentsDelta(itemID: String, outputIndex: Int, delta: String)
    case functionCallArgumentsDone(itemID: String, outputIndex: Int, name: String, arguments: String)
    case customToolCallInputDelta(itemID: String, outputIndex: Int, delta: String)
    case customToolCallInputDone(itemID: String, outputIndex: Int, input: String)
    case completed(ResponseObject)
    case incomplete(ResponseObject)
    case failed(ResponseObject)

    public var type: String {
        switch self {
        case .created: "response.created"
        case .inProgress: "response.in_progress"
        case .outputItemAdded: "response.output_item.added"
        case .outputItemDone: "response.output_item.done"
        case .contentPartAdded: "response.content_part.added"
        case .contentPartDone: "response.content_part.done"
        case .outputTextDelta: "response.output_text.delta"
        case .outputTextDone: "response.output_text.done"
        case .reasoningSummaryPartAdded: "response.reasoning_summary_part.added"
        case .reasoningSummaryTextDelta: "response.reasoning_summary_text.delta"
        case .reasoningSummaryTextDone: "response.reasoning_summary_text.done"
        case .reasoningSummaryPartDone: "response.reasoning_summary_part.done"
        case .functionCallArgumentsDelta: "response.function_call_arguments.delta"
        case .functionCallArgumentsDone: "response.function_call_arguments.done"
        case .customToolCallInputDelta: "response.custom_tool_call_input.delta"
        case .customToolCallInputDone: "response.custom_tool_call_input.done"
        case .completed: "response.completed"
        case .incomplete: "response.incomplete"
        case .failed: "response.failed"
        }
    }

    /// True for the events that end a response.
    public var isTerminal: Bool {
        switch self {
        case .completed, .incomplete, .failed: true
        default: false
        }
    }
}

/// An event with its position in the stream.
public struct SequencedEvent: Sendable, Equatable {
    public var sequenceNumber: Int
    public var event: ResponsesEvent

    public var json: JSONValue {
        var o = JSONObject()
        o.appendUnique("type", .string(event.type))
        o.appendUnique("sequence_number", .int(sequenceNumber))
        switch event {
        case .created(let r), .inProgress(let r), .completed(let r), .incomplete(let r), .failed(let r):
            o.appendUnique("response", r.json)
        case .outputItemAdded(let index, let item), .outputItemDone(let index, let item):
            o.appendUnique("output_index", .int(index))
            o.appendUnique("item", item.json)
        case .contentPartAdded(let id, let index):
            appendItem(&o, id, index)
            o.appendUnique("content_index", 0)
            o.appendUnique("part", ["type": "output_text", "text": "", "annotations": [], "logprobs": []])
        case .contentPartDone(let id, let index, let text):
            appendItem(&o, id, index)
            o.appendUnique("content_index", 0)
            o.appendUnique("part", ["type": "output_text", "text": .string(text), "annotations": [], "logprobs": []])
        case .outputTextDelta(let id, let index, let delta):
            appendItem(&o, id, index)
            o.appendUnique("content_index", 0)
            o.appendUnique("delta", .string(delta))
            o.appendUnique("logprobs", [])
        case .outputTextDone(let id, let index, let text):
            appendItem(&o, id, index)
            o.appendUnique("content_index", 0)
            o.appendUnique("text", .string(text))
            o.appendUnique("logprobs", [])
        case .reasoningSummaryPartAdded(let id, let index):
            appendItem(&o, id, index)
            o.appendUnique("summary_index", 0)
            o.appendUnique("part", ["type": "summary_text", "text": ""])
        case .reasoningSummaryTextDelta(let id, let index, let delta):
            appendItem(&o, id, index)
            o.appendUnique("summary_index", 0)
            o.appendUnique("delta", .string(delta))
        case .reasoningSummaryTextDone(let id, let index, let text):
            appendItem(&o, id, index)
            o.appendUnique("summary_index", 0)
            o.appendUnique("text", .string(text))
        case .reasoningSummaryPartDone(let id, let index, let text):
            appendItem(&o, id, index)
            o.appendUnique("summary_index", 0)
            o.appendUnique("part", ["type": "summary_text", "text": .string(text)])
        case .functionCallArgumentsDelta(let id, let index, let delta):
            appendItem(&o, id, index)
            o.appendUnique("delta", .string(delta))
        case .functionCallArgumentsDone(let id, let index, let name, let arguments):
            appendItem(&o, id, index)
            o.appendUnique("name", .string(name))
            o.appendUnique("arguments", .string(arguments))
        case .customToolCallInputDelta(let id, let index, let delta):
            appendItem(&o, id, index)
            o.appendUnique("delta", .string(delta))
        case .customToolCallInputDone(let id, let index, let input):
            appendItem(&o, id, index)
            o.appendUnique("input", .string(input))
        }
        return .object(o)
    }

    private func appendItem(_ o: inout JSONObject, _ id: String, _ index: Int) {
        o.appendUnique("item_id", .string(id))
        o.appendUnique("output_index", .int(index))
    }

    /// Writes a non-negative integer's digits without allocating a String.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value > 0 else {
            out.append(UInt8(ascii: "0"))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// The event as one SSE frame: `event:` line, `data:` line, blank line.
    public func writeSSE(into out: inout [UInt8]) {
        out.append(contentsOf: "event: ".utf8)
        out.append(contentsOf: event.type.utf8)
        out.append(contentsOf: "\ndata: ".utf8)
        switch event {
        case .outputTextDelta(let id, let index, let delta):
            // The hot path: written directly, same bytes as `json.serialized()`.
            writeDelta(#"{"type":"response.output_text.delta","sequence_number":"#, id, index, #","content_index":0,"delta":"#, delta, into: &out)
            out.append(contentsOf: #","logprobs":[]}"#.utf8)
        case .reasoningSummaryTextDelta(let id, let index, let delta):
            writeDelta(#"{"type":"response.reasoning_summary_text.delta","sequence_number":"#, id, index, #","summary_index":0,"delta":"#, delta, into: &out)
            out.append(UInt8(ascii: "}"))
        default:
            json.write(into: &out)
        }
        out.append(contentsOf: "\n\n".utf8)
    }

    /// A delta event's members up to its last one, in `json`'s order: type and sequence number, item,
    /// output index, the part's index (`content_index` or `summary_index`, always 0) and the delta.
    private func writeDelta(_ head: StaticString, _ id: String, _ index: Int, _ partIndexAndDeltaKey: StaticString, _ delta: String,
                            into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount))
        Self.appendDecimal(sequenceNumber, to: &out)
        out.append(contentsOf: #","item_id":"#.utf8)
        JSONValue.writeString(id, into: &out)
        out.append(contentsOf: #","output_index":"#.utf8)
        Self.appendDecimal(index, to: &out)
        out.append(contentsOf: UnsafeBufferPointer(start: partIndexAndDeltaKey.utf8Start, count: partIndexAndDeltaKey.utf8CodeUnitCount))
        JSONValue.writeString(delta, into: &out)
    }
}
