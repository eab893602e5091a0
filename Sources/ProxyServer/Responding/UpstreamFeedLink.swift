import MimoUpstream
import NIOConcurrencyHelpers

/// The streamed response's hold on MiMo's feed, which it meets only when MiMo's answer opens (possibly
/// after the response is over): cancelling the link cancels the feed it holds, or the one it meets
/// later.
final class UpstreamFeedLink: Sendable {
    private struct State {
        var feed: ChunkBatchFeed?
        var cancelled = false
    }

    private let state = NIOLockedValueBox(State())

    /// Holds `feed`; false (and `feed` cancelled) when the response is already over.
    func connect(_ feed: ChunkBatchFeed) -> Bool {
        let over = state.withLockedValue { state in
            if !state.cancelled { state.feed = feed }
            return state.cancelled
        }
        if over { feed.cancel() }
        return !over
    }

    func cancel() {
        let feed = state.withLockedValue { state in
            state.cancelled = true
            defer { state.feed = nil }
            return state.feed
        }
        feed?.cancel()
    }
}
