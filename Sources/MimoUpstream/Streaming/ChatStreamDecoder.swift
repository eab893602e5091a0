import ResponsesTranslation

/// MiMo's 200 body as a value-type state machine: bytes in, chat chunks out, and the verdict on how
/// the stream ended. The answer is whole at `[DONE]`, and also at a finish reason or an error frame
/// (some servers omit `[DONE]`, and a connection cut after the finish reason loses only the usage
/// chunk); an end anywhere else is a broken stream.
struct ChatStreamDecoder: Sendable {
    enum Step: Equatable, Sendable {
        /// More chunks may follow.
        case chunks([ChatChunk])
        /// `[DONE]` arrived: these are the last chunks, and any bytes after it are ignored.
        case done([ChatChunk])
        /// The stream is unreadable (a line or event over the decoder's limits).
        case malformed(String)
    }

    enum Verdict: Equatable, Sendable {
        case complete
        case failed(UpstreamStreamFailure)
    }

    /// How the transport ended the body.
    enum Ending: Equatable, Sendable {
        /// The body ended as HTTP framed it (chunked terminator or EOF).
        case endOfBody
        case idleTimeout(Duration)
        /// The connection broke; the text says how.
        case broken(String)
    }

    private var events: ServerSentEventDecoder
    private(set) var isDone = false
    /// A finish reason or an error frame arrived: the answer is whole even if `[DONE]` never does.
    private(set) var sawFinish = false
    /// `data:` lines that were not JSON; skipped, counted for one log line.
    private(set) var skippedLines = 0

    init(events: ServerSentEventDecoder = ServerSentEventDecoder()) {
        self.events = events
    }

    mutating func receive(_ bytes: some Sequence<UInt8>) -> Step {
        guard !isDone else { return .done([]) }
        do {
            return deliver(try events.receive(bytes))
        } catch {
            return .malformed(error.description)
        }
    }

    /// How the stream ends once the transport stopped, after the last `receive`.
    mutating func end(_ ending: Ending) -> (last: [ChatChunk], verdict: Verdict) {
        guard !isDone else { return ([], .complete) }
        var last: [ChatChunk] = []
        if ending == .endOfBody {
            // An unterminated last event still counts when the body ends cleanly.
            do {
                switch deliver(try events.finish()) {
                case .chunks(let chunks), .done(let chunks): last = chunks
                case .malformed(let detail): return ([], .failed(.malformed(detail)))
                }
            } catch {
                return ([], .failed(.malformed(error.description)))
            }
        }
        if isDone || sawFinish { return (last, .complete) }
        switch ending {
        case .endOfBody: return (last, .failed(.disconnected("MiMo closed the stream before it finished")))
        case .idleTimeout(let limit): return (last, .failed(.idleTimeout(limit)))
        case .broken(let detail): return (last, .failed(.disconnected(detail)))
        }
    }

    private mutating func deliver(_ decoded: [ServerSentEvent]) -> Step {
        var chunks: [ChatChunk] = []
        for event in decoded {
            if event.isDone {
                isDone = true
                return .done(chunks)
            }
            guard let json = try? JSONValue.parse(event.data) else {
                skippedLines += 1
                continue
            }
            let chunk = ChatChunk.decode(json)
            if chunk.finishReason != nil || chunk.error != nil { sawFinish = true }
            chunks.append(chunk)
        }
        return .chunks(chunks)
    }
}
