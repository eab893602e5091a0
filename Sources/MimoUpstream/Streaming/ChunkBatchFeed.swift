import NIOConcurrencyHelpers

/// MiMo's decoded answer on its way from the delegate that reads it to the one consumer that passes
/// it on: batches, then how the stream ended. A consumer that attaches a handler is called right
/// where each batch is put in, on the loop that read it, so the stream pump's own event stream is the
/// only hand-over between MiMo's socket and Codex's (an async stream here would cost a task and an
/// event-loop job per batch to carry it over). Until a handler is attached, what arrives waits here.
public final class ChunkBatchFeed: Sendable {
    public enum Delivery: Sendable {
        case batch(ChunkBatch)
        /// The stream ended normally (`[DONE]`, or a clean end after a finish reason).
        case finished
        case failed(any Error)

        var isEnd: Bool {
            if case .batch = self { return false }
            return true
        }
    }

    private struct State {
        var waiting: [Delivery] = []
        var handler: (@Sendable (Delivery) -> Void)?
        /// The producer put the end in.
        var ended = false
        var cancelled = false
    }

    private let state = NIOLockedValueBox(State())
    private let onCancel: @Sendable () -> Void
    private let onEnd: @Sendable () -> Void

    /// `onCancel`: the consumer stopped before the end (stop reading MiMo). `onEnd`: runs once, when the
    /// stream is over for its consumer: its end was put in, or the consumer cancelled.
    public init(onCancel: @escaping @Sendable () -> Void = {}, onEnd: @escaping @Sendable () -> Void = {}) {
        self.onCancel = onCancel
        self.onEnd = onEnd
    }

    /// The producer's side: the next batch, or the end. Nothing is taken after the end or a cancel.
    public func put(_ delivery: Delivery) {
        let endsNow: Bool = state.withLockedValue { state in
            guard !state.ended, !state.cancelled else { return false }
            state.ended = delivery.isEnd
            // Under the lock, so that deliveries reach the handler in the order they were put in.
            if let handler = state.handler { handler(delivery) } else { state.waiting.append(delivery) }
            return state.ended
        }
        if endsNow { onEnd() }
    }

    /// The consumer's side: `handler` gets what waited, then every later delivery as it is put in. It
    /// runs under the feed's lock, so it must only hand the delivery over (never call into the feed).
    /// A consumer that stops before the end calls `cancel()`. Attach once.
    public func attach(_ handler: @escaping @Sendable (Delivery) -> Void) {
        state.withLockedValue { state in
            guard !state.cancelled else { return }
            precondition(state.handler == nil, "a ChunkBatchFeed has one consumer")
            for delivery in state.waiting { handler(delivery) }
            state.waiting = []
            if !state.ended { state.handler = handler }
        }
    }

    /// The consumer went away: stop MiMo's stream, unless it has already ended.
    public func cancel() {
        let stopsNow = state.withLockedValue { state in
            defer {
                state.cancelled = true
                state.handler = nil
                state.waiting = []
            }
            return !state.ended && !state.cancelled
        }
        if stopsNow {
            onCancel()
            onEnd()
        }
    }

    /// Cancels, unless a handler is attached (its owner cancels): for a consumer dropped unread.
    func cancelIfUnattached() {
        let unattached = state.withLockedValue { $0.handler == nil }
        if unattached { cancel() }
    }
}
