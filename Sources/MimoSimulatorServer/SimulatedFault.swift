import ResponsesTranslation

/// A failure the simulator injects into one chat request, as MiMo (or the network) might fail it.
/// Faults come from the FIFO queue (`POST /__sim/faults`, `RunningMimoSimulator.enqueue`) or from
/// `SIM_FAULT_…` tokens in the last user message (see `FaultDirectives`).
public enum SimulatedFault: Sendable, Equatable {
    /// An HTTP error answer. `retryAfter` becomes a `Retry-After` header (MiMo itself sends none);
    /// `body` replaces MiMo's body for that status (`MimoErrorBodies.body(forStatus:)`).
    case status(Int, retryAfter: String? = nil, body: JSONValue? = nil)
    /// 429 for an exhausted Token Plan quota, without `Retry-After`.
    case quotaExhausted
    /// Closes the connection mid-body: no final chunk, no `[DONE]`.
    case disconnect(after: DisconnectPoint)
    /// Keeps the connection open and silent, then answers normally. Ends early when the client goes
    /// away or the simulator stops; never longer than `MimoSimulatorOptions.maxStall`.
    case stall(Duration, phase: StallPhase)
    /// An SSE `data: {"error":…}` frame. With status 200 it follows the reasoning of a normal stream;
    /// with an error status it is the whole body of that answer (MiMo's SSE-framed errors, §8).
    case errorFrame(status: Int = 200, body: JSONValue? = nil)
    /// A `data:` line that is not JSON, after the first chunk; the stream then goes on normally.
    case garbageLine
    /// A `data:` line of `bytes` bytes (a JSON string that never closes, then a line end) after the
    /// first chunk; the stream then goes on normally. Past the bridge's SSE line limit (16 MiB) it
    /// must abandon the stream instead of buffering without bound.
    case oversizedLine(bytes: Int = SimulatedFault.defaultOversizedLineBytes)

    /// One MiB past `ServerSentEventDecoder.defaultMaxLineBytes`.
    public static let defaultOversizedLineBytes = 17 << 20
}

/// Where a `disconnect` fault cuts the body.
public enum DisconnectPoint: String, Sendable, CaseIterable {
    /// Right after the response head.
    case headers
    /// After the last `reasoning_content` chunk.
    case reasoning
    /// After the last `content` chunk.
    case content
    /// After the first arguments fragment of the first tool call, leaving a half-written call.
    case toolArguments = "tool_arguments"
    /// After the chunk with `finish_reason`: the usage chunk and `[DONE]` never come.
    case finish
}

/// When a `stall` fault holds the request.
public enum StallPhase: String, Sendable, CaseIterable {
    /// Before the status line: the client waits for headers.
    case beforeHeaders = "before_headers"
    /// After the head of a 200 answer, before the first byte of the body.
    case afterHeaders = "after_headers"
}
