import MimoUpstream
import ResponsesTranslation

/// What a streamed response does, decided without sockets or timers: from MiMo's side of the
/// exchange (its answer opening or failing, batches of chunks, the end) and from ticks of time, it
/// says what to write to Codex, when to archive the response, and when the stream is over.
///
/// - Each batch (what one read of MiMo's socket held) is one write; the opening events
///   (`response.created`, `response.in_progress`) ride with the first one.
/// - While MiMo is silent, a keepalive (`response.in_progress`) goes out once `keepalive` has passed
///   since the last write: Codex's idle timer ignores SSE comments.
/// - After MiMo's headers, the opening events wait `openingEventsDelay` for the first chunk, then go
///   out alone.
/// - The last events are marked `endFollows`, so the response's end leaves in the same write, and the
///   response is archived just before them, so a client can GET it the moment it sees the end.
struct StreamPump: Sendable {
    enum Event: Sendable {
        /// MiMo answered 200 (`status`); its chunks follow as batches.
        case opened(status: Int)
        /// MiMo's answer failed before it opened, after every retry; `status` when it answered one.
        case openFailed(ResponseFailure, status: Int?)
        case batch(ChunkBatch)
        /// MiMo's stream ended without saying it finished (a clean EOF after chunks).
        case ended
        case failed(ResponseFailure)
        /// Time has passed: keepalives and the opening events' delay are decided here.
        case tick
    }

    enum Action: Sendable, Equatable {
        /// Write these events; `endFollows`: they are the last, the end of the response comes next.
        case write([SequencedEvent], endFollows: Bool)
        /// Save the response now (its final event is about to go out).
        case archive
        /// Write the end of the response. Nothing follows.
        case finish
        /// Send a `.tick` after this long (once, on top of the regular ticks).
        case tick(after: Duration)
    }

    private enum Phase: Sendable, Equatable {
        case waitingForAnswer
        case streaming(openedAt: ContinuousClock.Instant)
        case finished
    }

    static let openingEventsDelay: Duration = .milliseconds(50)

    private(set) var translator: StreamTranslator
    /// MiMo's HTTP status, for the log line.
    private(set) var upstreamStatus: Int?
    /// When the first chunk arrived, for the log line's time to first byte.
    private(set) var firstChunkAt: ContinuousClock.Instant?
    private var phase = Phase.waitingForAnswer
    /// The opening events, until something goes out with them.
    private var unsent: [SequencedEvent]
    private var lastWrite: ContinuousClock.Instant
    private let keepalive: Duration

    /// `now`: when the response's body started (the head went out).
    init(translator: StreamTranslator, keepalive: Duration, now: ContinuousClock.Instant) {
        var translator = translator
        unsent = translator.start()
        self.translator = translator
        self.keepalive = keepalive
        lastWrite = now
    }

    var isFinished: Bool { phase == .finished }

    mutating func receive(_ event: Event, at now: ContinuousClock.Instant) -> [Action] {
        guard phase != .finished else { return [] }
        switch event {
        case .opened(let status):
            upstreamStatus = status
            phase = .streaming(openedAt: now)
            return unsent.isEmpty ? [] : [.tick(after: Self.openingEventsDelay)]
        case .openFailed(let failure, let status):
            upstreamStatus = status
            return end(with: translator.fail(failure), at: now)
        case .batch(let batch):
            if firstChunkAt == nil { firstChunkAt = now }
            var events: [SequencedEvent] = []
            for chunk in batch.chunks where !translator.isFinished { events += translator.receive(chunk) }
            if batch.isLast { events += translator.finish() }
            return translator.isFinished ? end(with: events, at: now) : write(events, at: now)
        case .ended:
            return end(with: translator.finish(), at: now)
        case .failed(let failure):
            return end(with: translator.fail(failure), at: now)
        case .tick:
            if case .streaming(let openedAt) = phase, !unsent.isEmpty, now - openedAt >= Self.openingEventsDelay {
                return write([], at: now)
            }
            return now - lastWrite >= keepalive ? write(translator.keepalive(), at: now) : []
        }
    }

    /// The opening events go with the first events written, whatever they are.
    private mutating func write(_ events: [SequencedEvent], at now: ContinuousClock.Instant) -> [Action] {
        let out = unsent + events
        guard !out.isEmpty else { return [] }
        unsent = []
        lastWrite = now
        return [.write(out, endFollows: false)]
    }

    private mutating func end(with events: [SequencedEvent], at now: ContinuousClock.Instant) -> [Action] {
        let out = unsent + events
        unsent = []
        lastWrite = now
        phase = .finished
        return [.archive, .write(out, endFollows: true), .finish]
    }
}
