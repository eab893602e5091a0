import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import ResponsesTranslation
import NIOConcurrencyHelpers

/// Receives one MiMo response on the event loop it is delivered on (the client connection's, see
/// `MimoClient`) and decodes it right there.
///
/// Why a delegate and not `HTTPClientResponse.body`: the async body is a back-pressured sequence with
/// a high watermark of one buffer. When its consumer task has not been scheduled yet (a busy machine)
/// and MiMo closes the connection right after the finish chunk, AsyncHTTPClient drops the bytes it
/// had buffered and reports only the broken connection, so a finished answer would be failed and
/// Codex would redo the turn. Decoding each body part as it arrives, on the loop, loses nothing
/// (NIO delivers every read before it reports the close) and saves a thread hop per chunk.
/// The chunks go into an unbounded `ChunkBatchFeed` (MiMo's answers are small), in batches: everything
/// the body parts of one loop tick decoded (one socket read) is handed over together, so the pump on the
/// client connection's loop translates and writes it at once.
final class ChatStreamDelegate: HTTPClientResponseDelegate {
    typealias Response = Void

    /// What the caller of `MimoClient.open` learns once MiMo has answered.
    enum Answer: Sendable {
        /// 200: the chunks follow on `stream`.
        case streaming(UpstreamChunks)
        /// Any other status, with its body (read up to a limit; a cut body is kept as far as it came).
        case status(Int, HTTPHeaders, [UInt8])
    }

    private enum Phase {
        case waitingForHead
        case streaming(ChatStreamDecoder, ChunkBatchFeed)
        case readingErrorBody(Int, HTTPHeaders, [UInt8])
        case ended
    }

    private struct State {
        var phase: Phase = .waitingForHead
        var task: HTTPClient.Task<Void>?
        var cancelled = false
        /// Chunks decoded in this event-loop tick, handed over together when the tick's reads are done.
        var unsent: [ChatChunk] = []
        var handOverScheduled = false

        mutating func takeUnsent() -> [ChatChunk] {
            defer { unsent = [] }
            return unsent
        }
    }

    /// Chunks for the consumer and, when the stream is over, how it ended; run outside the lock.
    private struct Delivery {
        let feed: ChunkBatchFeed
        let chunks: [ChatChunk]
        /// nil: more may follow.
        let ending: ChatStreamDecoder.Verdict?

        func run() {
            if !chunks.isEmpty { feed.put(.batch(ChunkBatch(chunks, isLast: ending == .complete))) }
            switch ending {
            case nil: break
            case .complete?: feed.put(.finished)
            case .failed(let failure)?: feed.put(.failed(failure))
            }
        }
    }

    private let state = NIOLockedValueBox(State())
    private let answer: EventLoopPromise<Answer>
    private let errorBodyLimit: Int
    private let idleTimeout: Duration
    private let logger: Logger
    /// Runs once, when the stream is over for its consumer (finished, failed or abandoned).
    private let onStreamEnd: @Sendable () -> Void

    init(answer: EventLoopPromise<Answer>, errorBodyLimit: Int, idleTimeout: Duration, logger: Logger,
         onStreamEnd: @escaping @Sendable () -> Void) {
        self.answer = answer
        self.errorBodyLimit = errorBodyLimit
        self.idleTimeout = idleTimeout
        self.logger = logger
        self.onStreamEnd = onStreamEnd
    }

    /// Hands over the running request, so `cancel()` can stop it.
    func attach(_ task: HTTPClient.Task<Void>) {
        let cancelNow = state.withLockedValue { state in
            state.task = task
            return state.cancelled
        }
        if cancelNow { task.cancel() }
    }

    /// The caller went away: stop the request (the delegate then sees `HTTPClientError.cancelled`).
    func cancel() {
        let task = state.withLockedValue { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let status = Int(head.status.code)
        guard status == 200 else {
            state.withLockedValue { $0.phase = .readingErrorBody(status, head.headers, []) }
            return task.eventLoop.makeSucceededVoidFuture()
        }
        // The consumer went away mid-stream: stop reading. A stream that ended by itself leaves the
        // connection alone, so it goes back to the pool.
        let feed = ChunkBatchFeed(onCancel: { [weak self] in self?.cancel() }, onEnd: onStreamEnd)
        state.withLockedValue { $0.phase = .streaming(ChatStreamDecoder(), feed) }
        answer.succeed(.streaming(UpstreamChunks(status: 200, feed: feed)))
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        enum Next { case nothing, handOverAfterThisTick, deliver(Delivery) }
        let next: Next = state.withLockedValue { state in
            // Each payload is taken out and the phase parked at `.ended` before it is mutated, so the
            // decoder's pending bytes (and an error body) are changed in place rather than copied on
            // every body part.
            switch state.phase {
            case .streaming(var decoder, let feed):
                state.phase = .ended
                switch decoder.receive(buffer.readableBytesView) {
                case .chunks(let chunks):
                    state.phase = .streaming(decoder, feed)
                    // One HTTP chunk is one SSE event, and a read usually holds many: collect what this
                    // tick decodes and hand it over once, so it reaches Codex in one write.
                    state.unsent += chunks
                    guard !state.unsent.isEmpty, !state.handOverScheduled else { return .nothing }
                    state.handOverScheduled = true
                    return .handOverAfterThisTick
                case .done(let chunks):
                    logSkipped(decoder)
                    return .deliver(Delivery(feed: feed, chunks: state.takeUnsent() + chunks, ending: .complete))
                case .malformed(let detail):
                    logSkipped(decoder)
                    return .deliver(Delivery(feed: feed, chunks: state.takeUnsent(), ending: .failed(.malformed(detail))))
                }
            case .readingErrorBody(let status, let headers, var bytes):
                state.phase = .ended
                bytes.append(contentsOf: buffer.readableBytesView.prefix(max(0, errorBodyLimit - bytes.count)))
                state.phase = .readingErrorBody(status, headers, bytes)
                return .nothing
            case .waitingForHead, .ended:
                return .nothing
            }
        }
        switch next {
        case .nothing:
            break
        case .handOverAfterThisTick:
            // Runs after the rest of this read's body parts: a task queued from the loop waits its turn.
            task.eventLoop.execute { self.handOver() }
        case .deliver(let delivery):
            delivery.run()
            // An unreadable stream is abandoned: stop reading it.
            if case .failed = delivery.ending { task.cancel() }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    /// Runs after the reads of one event-loop tick: yields the chunks they decoded as one batch.
    private func handOver() {
        let delivery: Delivery? = state.withLockedValue { state in
            state.handOverScheduled = false
            guard case .streaming(_, let feed) = state.phase, !state.unsent.isEmpty else { return nil }
            return Delivery(feed: feed, chunks: state.takeUnsent(), ending: nil)
        }
        delivery?.run()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        end(.endOfBody)
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        let beforeHead = state.withLockedValue { state in
            guard case .waitingForHead = state.phase else { return false }
            state.phase = .ended
            return true
        }
        if beforeHead {
            answer.fail(error)
            return
        }
        if let error = error as? HTTPClientError, error == .readTimeout {
            end(.idleTimeout(idleTimeout))
        } else {
            end(.broken(MimoClient.describe(error)))
        }
    }

    private func end(_ ending: ChatStreamDecoder.Ending) {
        enum Next { case none, stream(Delivery), answer(Answer), noHead }
        let next: Next = state.withLockedValue { state in
            defer { state.phase = .ended }
            switch state.phase {
            case .streaming(var decoder, let feed):
                let (last, verdict) = decoder.end(ending)
                logSkipped(decoder)
                return .stream(Delivery(feed: feed, chunks: state.takeUnsent() + last, ending: verdict))
            case .readingErrorBody(let status, let headers, let bytes):
                // A cut error body still says something; keep what arrived.
                return .answer(.status(status, headers, bytes))
            case .waitingForHead:
                return .noHead  // AHC reports a head or an error first; kept total all the same
            case .ended:
                return .none
            }
        }
        switch next {
        case .none:
            break
        case .stream(let delivery):
            delivery.run()
        case .answer(let answer):
            self.answer.succeed(answer)
        case .noHead:
            answer.fail(HTTPClientError.remoteConnectionClosed)
        }
    }

    private func logSkipped(_ decoder: ChatStreamDecoder) {
        guard decoder.skippedLines > 0 else { return }
        logger.warning("skipped unreadable SSE data lines from MiMo", metadata: ["count": "\(decoder.skippedLines)"])
    }
}
