import FuzzSupport
import ResponsesTranslation
import ServerSentEvents

/// The stream path a MiMo answer takes: bytes cut anywhere → `ServerSentEventDecoder` → `JSONValue.parse`
/// → `ChatChunk.decode` → `StreamTranslator`, stopping at `[DONE]` as MimoClient does.
///
/// Input: a flags byte (decoder limits, mode, tools, text-call recovery, keepalives, framing check), a
/// split byte (how the body is cut into network chunks; 0 = one chunk), then the event-stream body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSEStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(fuzzBytes(data, size))
    let flags = input.byte()
    let split = input.byte()
    let body = Array(input.remaining)
    let limits = decoderLimits[Int(flags & 0b11)]
    let pieceRanges = pieces(count: body.count, seed: UInt64(split), maxPiece: 1 + Int(split % 32))

    // The decoder's result does not depend on where the body was cut.
    let whole = decode([0..<body.count], of: body, limits: limits)
    let cut = decode(pieceRanges, of: body, limits: limits)
    require(whole == cut, "SSE decoding depends on the split: \(whole) vs \(cut)")

    var translator = StreamTranslator(configuration: .init(
        identifiers: ResponseIdentifiers(token: String(repeating: "a", count: 24)), createdAt: 1_700_000_000,
        model: "mimo-v2.5", catalog: flags & 0b1_0000 == 0 ? codexCatalog : ToolCatalog(),
        mode: flags & 0b100 == 0 ? .respond : .compact, recoverTextToolCalls: flags & 0b1000 == 0))
    let keepalives = flags & 0b10_0000 != 0
    var emitted: [SequencedEvent] = []

    // MimoClient.stream's delivery loop, minus the I/O.
    var decoder = ServerSentEventDecoder(maxLineBytes: limits.line, maxEventBytes: limits.event)
    var done = false
    var sawFinish = false
    func deliver(_ events: [ServerSentEvent]) {
        for event in events where !done {
            if event.isDone { done = true; return }
            guard let json = try? JSONValue.parse(event.data) else { continue }
            let chunk = ChatChunk.decode(json)
            if chunk.finishReason != nil || chunk.error != nil { sawFinish = true }
            emitted += translator.receive(chunk)
        }
    }
    do throws(SSEDecodingError) {
        for range in pieceRanges where !done {
            deliver(try decoder.receive(body[range]))
            if keepalives { emitted += translator.keepalive() }
        }
        if !done { deliver(try decoder.finish()) }
        emitted += done || sawFinish ? translator.finish() : translator.fail(.upstreamDisconnected("closed early"))
    } catch {
        emitted += translator.fail(.upstreamDisconnected(error.description))
    }

    checkLifecycle(emitted)
    require(translator.receive(ChatChunk(content: "late")).isEmpty && translator.finish().isEmpty,
            "the translator emitted after its terminal event")
    // The framing check costs as much as the rest together, so half the inputs (flag bit 6) skip it.
    if flags & 0b100_0000 != 0 { for event in emitted { checkFraming(event) } }
    return 0
}

enum DecodeOutcome: Equatable {
    case events([ServerSentEvent])
    case failed(SSEDecodingError)
}

func decode(_ ranges: [Range<Int>], of body: [UInt8], limits: (line: Int, event: Int)) -> DecodeOutcome {
    var decoder = ServerSentEventDecoder(maxLineBytes: limits.line, maxEventBytes: limits.event)
    var events: [ServerSentEvent] = []
    do throws(SSEDecodingError) {
        for range in ranges { events += try decoder.receive(body[range]) }
        events += try decoder.finish()
        return .events(events)
    } catch {
        return .failed(error)
    }
}

/// The daemon's default (MiMo sends one `data:` line per event), and small limits so the fuzzer reaches them.
let decoderLimits: [(line: Int, event: Int)] = [
    (ServerSentEventDecoder.defaultMaxLineBytes, ServerSentEventDecoder.defaultMaxLineBytes),
    (64, 64), (256, 96), (40, 1024),
]

/// Codex's tool kinds: a function, a freeform custom tool, an MCP namespace, tool_search, local_shell.
let codexCatalog: ToolCatalog = {
    let tools = #"""
        [{"type":"function","name":"exec_command","parameters":{"type":"object","properties":{"cmd":{"type":"string"},"yield_time_ms":{"type":"number"},"login":{"type":"boolean"},"args":{"type":"array","items":{"type":"string"}}},"required":["cmd"]}},
         {"type":"custom","name":"apply_patch","description":"patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},
         {"type":"namespace","name":"mcp__mini","tools":[{"type":"function","name":"ping","parameters":{"type":"object","properties":{"text":{"type":"string"}}}}]},
         {"type":"tool_search","execution":"client","parameters":{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"number"}}}},
         {"type":"local_shell"}]
        """#
    let declared = (try? JSONValue.parse(tools))?.arrayValue ?? []
    precondition(declared.count == 5, "the fuzz catalog failed to parse")
    return ToolCatalog.build(tools: declared, revealed: []).0
}()

/// Responses' event contract as Codex relies on it.
func checkLifecycle(_ events: [SequencedEvent]) {
    require(events.map(\.sequenceNumber) == Array(0..<events.count), "sequence numbers are not 0, 1, 2, …")
    require(events.count >= 3, "fewer events than created, in_progress and a terminal")
    require(events[0].event.type == "response.created" && events[1].event.type == "response.in_progress",
            "the stream does not open with created, in_progress")
    require(events.filter(\.event.isTerminal).count == 1 && events.last!.event.isTerminal,
            "the stream does not end in exactly one terminal event")

    var added: [Int: OutputItem] = [:]
    var done: [Int: OutputItem] = [:]
    for event in events {
        switch event.event {
        case .outputItemAdded(let index, let item):
            require(added[index] == nil, "output index \(index) added twice")
            added[index] = item
        case .outputItemDone(let index, let item):
            require(added[index]?.id == item.id, "output index \(index) done without a matching added")
            require(done[index] == nil, "output index \(index) done twice")
            done[index] = item
        case .outputTextDelta(let id, let index, _), .reasoningSummaryTextDelta(let id, let index, _),
             .functionCallArgumentsDelta(let id, let index, _), .customToolCallInputDelta(let id, let index, _):
            require(added[index]?.id == id && done[index] == nil, "a delta for item \(index) that is not open")
        default:
            break
        }
    }
    switch events.last!.event {
    case .completed(let response), .incomplete(let response):
        require(done.count == added.count, "a clean end left items open")
        require(response.output == done.keys.sorted().map { done[$0]! }, "the final output is not the done items in order")
    case .failed(let response):
        require(response.error != nil, "a failed response without an error")
    default:
        break
    }
}

/// Each event is one SSE frame whose data is the event's JSON on one line. (That the serializer's
/// output parses back is the request target's check; re-parsing every event here would halve the speed.)
func checkFraming(_ event: SequencedEvent) {
    var frame: [UInt8] = []
    event.writeSSE(into: &frame)
    let serialized = event.json.serializedBytes()
    require(frame == Array("event: \(event.event.type)\ndata: ".utf8) + serialized + Array("\n\n".utf8),
            "writeSSE differs from the event's JSON for \(event.event.type)")
    var decoder = ServerSentEventDecoder()
    let decoded = (try? decoder.receive(frame)) ?? []
    require(decoded.count == 1 && decoded[0].event == event.event.type && Array(decoded[0].data.utf8) == serialized,
            "an event frame does not decode back to its JSON")
}

@main enum FuzzSSEStreamMain {
    static func main() { runLibFuzzer(fuzzSSEStream) }
}
