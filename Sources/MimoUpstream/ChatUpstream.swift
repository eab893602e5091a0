import NIOConcurrencyHelpers
import ResponsesTranslation

/// One Chat Completions call to MiMo, as the serving layer sees it: open a stream of decoded chunks,
/// or fail before any chunk with an error that says what MiMo answered. Admission, retries and SSE
/// decoding happen behind this protocol; tests substitute their own.
public protocol ChatUpstream: Sendable {
    func open(_ call: UpstreamCall) async throws(UpstreamCallFailure) -> UpstreamChunks
}

public struct UpstreamCall: Sendable {
    /// The MiMo request body (from `RequestTranslator`).
    public var body: JSONValue
    public var model: String
    /// The key to send and where it came from; only its redacted form is ever shown.
    public var apiKey: MimoAPIKey
    /// About how many bytes `body` serializes to (the client's request size serves), so a large body
    /// is written into one allocation.
    public var bodySizeHint: Int

    public init(body: JSONValue, model: String, apiKey: MimoAPIKey, bodySizeHint: Int = 0) {
        self.body = body
        self.model = model
        self.apiKey = apiKey
        self.bodySizeHint = bodySizeHint
    }

    /// The same call sent to another model: the body's `model` replaced, nothing else rebuilt.
    public func sent(to model: String) -> UpstreamCall {
        var call = self
        call.model = model
        if case .object(var object) = body {
            object["model"] = .string(model)
            call.body = .object(object)
        }
        return call
    }
}

/// Why a call produced no stream.
public enum UpstreamCallFailure: Error, Sendable, Equatable {
    /// MiMo answered with an error status (after any retries). `retryAfter` is MiMo's or our backoff.
    case status(Int, UpstreamError, retryAfter: Duration?)
    /// MiMo could not be reached (connect refused, DNS, TLS, timeout before headers).
    case transport(String)
    /// ccmimolink's own queue turned the request away (too many waiting, or waited too long); MiMo
    /// never saw it. `retryAfter` is when trying again is worthwhile.
    case overloaded(AdmissionRejection, retryAfter: Duration)
}

/// How an open stream ended badly (after the first chunk, so it is not retried).
public enum UpstreamStreamFailure: Error, Sendable, Equatable {
    case disconnected(String)
    case idleTimeout(Duration)
    case malformed(String)
}

/// The decoded chunks of one MiMo response. Iteration ends normally at `[DONE]` (or a clean EOF after
/// a finish reason); a broken stream throws `UpstreamStreamFailure`.
///
/// Chunks arrive in batches, one per read of MiMo's socket. A consumer that writes to a client takes
/// them from `feed` (a handler called on the loop that read them, each batch sent on in one write);
/// `batches()` gives them as an async stream, and iterating the sequence itself gives chunk after
/// chunk. Dropped unread, the chunks cancel MiMo's request.
public struct UpstreamChunks: AsyncSequence, Sendable {
    public typealias Element = ChatChunk
    /// The batches as they are decoded, for one consumer.
    public var feed: ChunkBatchFeed { unread.feed }
    /// The HTTP status, for the log line.
    public let status: Int
    /// The model that answers (the call's; a retry on another model gives another), for the log line.
    public private(set) var model: String?
    private let unread: UnreadCancellation

    public init(status: Int, feed: ChunkBatchFeed, model: String? = nil) {
        self.status = status
        self.unread = UnreadCancellation(feed)
        self.model = model
    }

    /// Chunks from an async stream of batches (test doubles): a task carries them into the feed, and a
    /// consumer's cancel cancels that task, which cancels the stream.
    public init(status: Int, batches: AsyncThrowingStream<ChunkBatch, any Error>, model: String? = nil) {
        let carrier = NIOLockedValueBox<Task<Void, Never>?>(nil)
        let feed = ChunkBatchFeed(onCancel: { carrier.withLockedValue { $0?.cancel() } })
        carrier.withLockedValue { task in
            task = Task {
                do {
                    for try await batch in batches { feed.put(.batch(batch)) }
                    feed.put(.finished)
                } catch {
                    feed.put(.failed(error))
                }
            }
        }
        self.init(status: status, feed: feed, model: model)
    }

    /// The same chunks, labelled with the model that answers them.
    public func answering(model: String) -> UpstreamChunks {
        var labelled = self
        labelled.model = model
        return labelled
    }

    /// The batches as an async stream (attaches to `feed`; take it once). Ending the iteration early
    /// cancels MiMo's request.
    public func batches() -> AsyncThrowingStream<ChunkBatch, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChunkBatch.self)
        let feed = self.feed
        continuation.onTermination = { termination in
            if case .cancelled = termination { feed.cancel() }
        }
        feed.attach { delivery in
            switch delivery {
            case .batch(let batch): continuation.yield(batch)
            case .finished: continuation.finish()
            case .failed(let error): continuation.finish(throwing: error)
            }
        }
        return stream
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(batches: batches().makeAsyncIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var batches: AsyncThrowingStream<ChunkBatch, any Error>.AsyncIterator
        var pending: [ChatChunk] = []
        var index = 0

        public mutating func next() async throws -> ChatChunk? {
            while index == pending.count {
                guard let batch = try await batches.next() else { return nil }
                (pending, index) = (batch.chunks, 0)
            }
            defer { index += 1 }
            return pending[index]
        }
    }

    /// Shared by every copy of one `UpstreamChunks`: when the last copy goes and no consumer attached,
    /// MiMo's request is cancelled (a client gone before its stream started), as a dropped async
    /// stream would.
    private final class UnreadCancellation: Sendable {
        let feed: ChunkBatchFeed
        init(_ feed: ChunkBatchFeed) { self.feed = feed }
        deinit { feed.cancelIfUnattached() }
    }
}

/// Chunks decoded from one read of MiMo's socket.
public struct ChunkBatch: Sendable {
    public var chunks: [ChatChunk]
    /// MiMo's answer ended in the same read (`[DONE]`): no chunk follows, so a consumer can finish
    /// its own stream in the same write.
    public var isLast: Bool

    public init(_ chunks: [ChatChunk], isLast: Bool = false) {
        self.chunks = chunks
        self.isLast = isLast
    }
}
