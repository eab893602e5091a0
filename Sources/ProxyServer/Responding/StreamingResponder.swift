import Hummingbird
import MimoUpstream
import NIOCore
import NIOPosix
import ResponsesTranslation

/// The I/O around `StreamPump` for a streamed answer: one sequence of pump events on the connection's
/// event loop, fed straight from where things happen (MiMo's answer opening, its batches as the loop
/// tick that read them ends, timers for keepalive ticks), and the pump's actions carried out on Codex's
/// socket and the exchange's bookkeeping. No task sits between MiMo's socket and the pump: each batch
/// is one hand-over, one event-loop job, to the task that writes it.
struct StreamingResponder: Sendable {
    let keepalive: Duration
    let exchange: Exchange

    func respond(translator: StreamTranslator, opening: UpstreamOpening, openTask: Task<Void, Never>) -> Response {
        let keepalive = self.keepalive
        let exchange = self.exchange
        // Hummingbird runs the body only if the response head could be written: a client that left
        // before that (reset while MiMo was still silent) would otherwise leave the request counted
        // in flight forever, with no log line and its MiMo stream running on.
        let unstarted = UnstartedBodyCleanup {
            openTask.cancel()
            await exchange.abandoned(translator: translator, upstreamStatus: nil, reason: .clientGoneBeforeStreamStarted)
        }
        let body = ResponseBody { writer in
            unstarted.started()
            var pump = StreamPump(translator: translator, keepalive: keepalive, now: .now)
            let (events, continuation) = AsyncStream.makeStream(of: StreamPump.Event.self)
            // The timers run on the connection's loop, where MiMo's chunks are decoded and Codex's
            // socket is written: no hand-off per chunk.
            let loop = ConnectionAffinity.executor?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
            let upstream = Self.feed(opening: opening, into: continuation)
            // Ticks for keepalives come from a timer on the loop: no task, no timer thread.
            let ticker = loop.scheduleRepeatedTask(initialDelay: TimeAmount(keepalive / 2), delay: TimeAmount(keepalive / 2)) { _ in
                continuation.yield(.tick)
            }
            var extraTick: Scheduled<Void>?
            defer {
                upstream.cancel()
                ticker.cancel(promise: nil)
                extraTick?.cancel()
                openTask.cancel()
                continuation.finish()
            }
            do {
                for await event in events {
                    for action in pump.receive(event, at: .now) {
                        switch action {
                        case .write(let events, let endFollows):
                            // The last events and the end of the response leave in one write.
                            if endFollows { ResponseWriteCoalescer.endFollows() }
                            try await writer.write(ResponseEncoding.sse(events))
                        case .archive:
                            await exchange.archive(pump.translator)
                        case .finish:
                            try await writer.finish(nil)
                        case .tick(let delay):
                            extraTick?.cancel()
                            extraTick = loop.scheduleTask(in: TimeAmount(delay)) { continuation.yield(.tick) }
                        }
                    }
                    if pump.isFinished { break }
                }
                // The sequence ends early only when this task is cancelled (the server stopping).
                guard pump.isFinished else { throw CancellationError() }
                await exchange.finish(translator: pump.translator, upstreamStatus: pump.upstreamStatus,
                                      ttfb: pump.firstChunkAt.map { $0 - exchange.started }, archived: true)
            } catch {
                // The client went away (or the server is stopping): the deferred cancellations end the
                // MiMo request at once, which frees its admission slot.
                await exchange.abandoned(translator: pump.translator, upstreamStatus: pump.upstreamStatus,
                                         reason: Self.reason(error))
                throw error
            }
        }
        return ResponseEncoding.sseResponse(body: body)
    }

    /// MiMo's answer, as pump events put straight into the pump's sequence where they happen: how it
    /// opened (or failed to), then its batches and its end. The result stops MiMo's stream when the
    /// response is over first.
    private static func feed(opening: UpstreamOpening,
                             into continuation: AsyncStream<StreamPump.Event>.Continuation) -> UpstreamFeedLink {
        let link = UpstreamFeedLink()
        opening.whenResolved { outcome in
            switch outcome {
            case .success(let chunks):
                continuation.yield(.opened(status: chunks.status))
                guard link.connect(chunks.feed) else { return }
                chunks.feed.attach { delivery in
                    switch delivery {
                    case .batch(let batch): continuation.yield(.batch(batch))
                    case .finished: continuation.yield(.ended)
                    case .failed(let error): continuation.yield(.failed(UpstreamFailureMapping.streamFailure(for: error)))
                    }
                }
            case .failure(let failure):
                var status: Int?
                if case .status(let code, _, _) = failure { status = code }
                continuation.yield(.openFailed(UpstreamFailureMapping.streamFailure(for: failure), status: status))
            }
        }
        return link
    }

    /// Why the stream was abandoned, for the log line.
    static func reason(_ error: any Error) -> AbandonReason {
        switch error {
        case is CancellationError: .daemonStopping
        case let error as IOError: .clientGone(detail: error.description)
        case let error as ChannelError: .clientGone(detail: "\(error)")
        default: .unexpected("\(error)")
        }
    }
}
