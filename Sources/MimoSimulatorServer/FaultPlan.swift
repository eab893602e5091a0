import ResponsesTranslation

/// The faults that apply to one chat request, merged from the queue and the user's text. Where two
/// faults of one kind meet, the first one wins (the queued fault comes first).
struct FaultPlan: Sendable, Equatable {
    /// An HTTP error to answer instead of a reply.
    struct ErrorAnswer: Sendable, Equatable {
        var status: Int
        var retryAfter: String?
        var body: JSONValue
    }

    var errorAnswer: ErrorAnswer?
    var stallBeforeHeaders: Duration?
    var stallAfterHeaders: Duration?
    var disconnect: DisconnectPoint?
    /// An SSE error frame: with status 200 inside the stream, else as the body of an error answer.
    var errorFrame: ErrorAnswer?
    var garbageLine = false
    /// The length of an oversized `data:` line to send after the first chunk.
    var oversizedLineBytes: Int?

    init() {}

    init(_ faults: [SimulatedFault]) {
        for fault in faults { add(fault) }
    }

    mutating func add(_ fault: SimulatedFault) {
        switch fault {
        case .status(let status, let retryAfter, let body):
            if errorAnswer == nil {
                errorAnswer = ErrorAnswer(status: status, retryAfter: retryAfter, body: body ?? MimoErrorBodies.body(forStatus: status))
            }
        case .quotaExhausted:
            if errorAnswer == nil { errorAnswer = ErrorAnswer(status: 429, retryAfter: nil, body: MimoErrorBodies.quotaExhausted) }
        case .disconnect(let point):
            if disconnect == nil { disconnect = point }
        case .stall(let duration, .beforeHeaders):
            if stallBeforeHeaders == nil { stallBeforeHeaders = duration }
        case .stall(let duration, .afterHeaders):
            if stallAfterHeaders == nil { stallAfterHeaders = duration }
        case .errorFrame(let status, let body):
            if errorFrame == nil {
                // A 200 stream that breaks down reports a server error; an error status carries its own body.
                let fallback = MimoErrorBodies.body(forStatus: status == 200 ? 500 : status)
                errorFrame = ErrorAnswer(status: status, retryAfter: nil, body: body ?? fallback)
            }
        case .garbageLine:
            garbageLine = true
        case .oversizedLine(let bytes):
            if oversizedLineBytes == nil { oversizedLineBytes = bytes }
        }
    }

    /// An error frame on an error status replaces the whole answer, as an error answer would.
    var framedErrorAnswer: ErrorAnswer? {
        guard let errorFrame, errorFrame.status != 200 else { return nil }
        return errorFrame
    }
}
