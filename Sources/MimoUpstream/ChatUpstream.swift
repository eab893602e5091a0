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
/// Chunks arrive in batches, one per read of MiMo's socket: a consumer that writes to a client can
/// send each batch in one write (`batches`); iterating the sequence itself gives chunk after chunk.
public struct UpstreamChunks: AsyncSequence, Sendable {
    public typealias Element = ChatChunk
    /// The chunks as they were decoded, a batch per socket read.
    public let batches: AsyncThrowingStream<ChunkBatch, any Error>
    /// The HTTP status, for the log line.
    public let status: Int
    /// The model that answers (the call's; a retry on another model gives another), for the log line.
    public private(set) var model: String?

    public init(status: Int, batches: AsyncThrowingStream<ChunkBatch, any Error>, model: String? = nil) {
        self.status = status
        self.batches = batches
        self.model = model
    }

    /// The same chunks, labelled with the model that answers them.
    public func answering(model: String) -> UpstreamChunks {
        var labelled = self
        labelled.model = model
        return labelled
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(batches: batches.makeAsyncIterator())
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
