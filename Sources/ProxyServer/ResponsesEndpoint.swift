import Foundation
import HTTPTypes
import Synchronization
import Hummingbird
import Logging
import MimoUpstream
import NIOCore
import NIOPosix
import ResponsesTranslation

/// `POST /v1/responses` (and `/v1/responses/compact`): body → translation → MiMo → events.
struct ResponsesEndpoint: Sendable {
    let dependencies: ProxyDependencies

    private var settings: ProxySettings { dependencies.settings }

    // MARK: - Request intake

    /// A request that has been read, decoded and translated, ready to send upstream.
    struct Prepared: Sendable {
        var translated: TranslatedRequest
        var call: UpstreamCall
        /// Where the request goes if MiMo refuses its model (a retired id, a refused image).
        var fallback: ModelFallback
        var key: MimoAPIKey
        var identifiers: ResponseIdentifiers
        var createdAt: Int
        var inputItems: [JSONValue]
        var store: Bool
        var started: ContinuousClock.Instant
        /// Large (a long history, or a stored conversation replayed): its CPU work runs on the global
        /// pool, not on the connection's event loop.
        var heavy: Bool
    }

    func create(_ request: Request, compact: Bool = false) async throws -> Response {
        let prepared = try await prepare(request, compact: compact)
        var configuration = StreamTranslator.Configuration(request: prepared.translated, identifiers: prepared.identifiers,
                                                           createdAt: prepared.createdAt)
        configuration.recoverTextToolCalls = settings.recoverTextToolCalls
        let translator = StreamTranslator(configuration: configuration)
        let exchange = Exchange(prepared: prepared, dependencies: dependencies)
        dependencies.activity.began()
        dependencies.metrics.adjust("ccmimolink_in_flight_streams", by: 1)

        // A request with no conversation at all (a client's connection test) gets an empty answer.
        if prepared.translated.messages.isEmpty {
            var t = translator
            let events = t.start() + t.finish()
            await exchange.finish(translator: t, upstreamStatus: nil, ttfb: nil)
            return prepared.translated.clientStreams && !compact ? Self.sseResponse(bytes: Self.sse(events)) : Self.json(t.response.json)
        }

        let opening = UpstreamOpening()
        let upstream = ModelFallbackOpening(upstream: dependencies.upstream, models: dependencies.models,
                                            refresher: dependencies.modelRefresh)
        let (call, fallback) = (prepared.call, prepared.fallback)
        // Serializing a large history for MiMo takes milliseconds: that happens on the global pool.
        let openTask = Task(executorPreference: prepared.heavy ? nil : ConnectionAffinity.executor) {
            do throws(UpstreamCallFailure) {
                opening.resolve(.success(try await upstream.open(call, fallback: fallback, rerouted: exchange.rerouted)))
            } catch {
                opening.resolve(.failure(error))
            }
        }

        if prepared.translated.clientStreams && !compact {
            if let outcome = await opening.wait(timeout: settings.commitDelay), case .failure(let failure) = outcome,
               let http = httpError(failure, prepared: prepared, clientStreams: true) {
                await exchange.fail(http, translator: translator)
                return http.response()
            }
            return streamingResponse(translator: translator, opening: opening, openTask: openTask, exchange: exchange)
        }
        return try await completeResponse(translator: translator, opening: opening, openTask: openTask, exchange: exchange,
                                          prepared: prepared, compact: compact)
    }

    private func prepare(_ request: Request, compact: Bool) async throws -> Prepared {
        let started = ContinuousClock.now
        // Responses-Lite slugs replace tools with a JavaScript code-mode sandbox a Chat Completions
        // model cannot drive; answering would give a session that looks alive but can do nothing.
        if request.headers[HTTPField.Name("x-openai-internal-codex-responses-lite")!]?.lowercased() == "true" {
            throw OpenAIErrorResponse(status: 400, message: "This Codex model slug uses Responses-Lite (code mode), which MiMo cannot serve. Set `model = \"\(ModelDefaults.text)\"` (or another mimo-* model; `ccmimoctl models` lists them) in ~/.codex/config.toml.",
                                      code: "responses_lite_unsupported")
        }
        let tooLarge = OpenAIErrorResponse(status: 413, message: "The request body is larger than the limit of \(settings.maxBodyBytes) bytes (MIMO_PROXY_MAX_BODY_BYTES).",
                                           code: "request_too_large")
        var buffer = ByteBuffer()
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }) {
            guard declared <= settings.maxBodyBytes else { throw tooLarge }
            // One allocation for a large history instead of a dozen doublings, each a copy.
            buffer.reserveCapacity(declared)
        }
        do {
            try await request.body.collect(upTo: settings.maxBodyBytes, into: &buffer)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        }
        // A large history, or a small body that replays a stored conversation, is parsed and translated
        // on the global pool, not on the connection's loop, whose other connections would wait for it.
        // (The key's name in the raw bytes is enough: a false match only costs a thread hop.)
        let heavy = buffer.readableBytes > ConnectionAffinity.largeBodyBytes || Self.mentionsPreviousResponse(buffer)
        if heavy, ConnectionAffinity.executor != nil {
            return try await withTaskExecutorPreference(globalConcurrentExecutor) {
                try await interpret(buffer, of: request, compact: compact, started: started, heavy: heavy)
            }
        }
        return try await interpret(buffer, of: request, compact: compact, started: started, heavy: heavy)
    }

    private static let previousResponseKey = Array(#""previous_response_id""#.utf8)

    /// Whether the raw body contains the key `"previous_response_id"`. Every request pays this scan, so
    /// it jumps from quote to quote with `memchr` rather than comparing at every byte.
    private static func mentionsPreviousResponse(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { body in
            guard var next = body.baseAddress else { return false }
            let end = next + body.count
            let key = previousResponseKey
            while end - next >= key.count, let found = memchr(next, Int32(key[0]), end - next) {
                let quote = UnsafeRawPointer(found)
                if end - quote >= key.count, memcmp(quote, key, key.count) == 0 { return true }
                next = quote + 1
            }
            return false
        }
    }

    /// Parses, decodes and translates a request body that has been read.
    private func interpret(_ buffer: ByteBuffer, of request: Request, compact: Bool,
                           started: ContinuousClock.Instant, heavy: Bool) async throws -> Prepared {
        let body: JSONValue
        do {
            body = try buffer.withUnsafeReadableBytes { bytes in
                try Result { () throws(JSONParseError) in try JSONValue.parse(bytes) }.get()
            }
        } catch {
            throw OpenAIErrorResponse(status: 400, message: "The request body is not valid JSON: \(error)", code: "invalid_json")
        }

        var inputItems = Self.rawInputItems(body)
        var effectiveBody = body
        if let previous = body["previous_response_id"]?.stringValue {
            guard let archive = dependencies.archive,
                  let history = try await archive.conversation(endingAt: previous) else {
                throw OpenAIErrorResponse(status: 404, message: "No stored response with id '\(previous)'. It may have expired from the response store, or it was created with store=false.",
                                          code: "response_not_found", param: "previous_response_id")
            }
            inputItems = history + inputItems
            if case .object(var object) = body {
                object["input"] = .array(inputItems)
                effectiveBody = .object(object)
            }
        }
        if compact, case .object(var object) = effectiveBody {
            // Compaction is a request whose input ends in compaction_trigger; its answer is one compaction item.
            object["input"] = .array(inputItems + [["type": "compaction_trigger"]])
            object["stream"] = false
            effectiveBody = .object(object)
        }

        let decoded: ResponsesRequest
        do {
            decoded = try ResponsesRequest.decode(effectiveBody)
        } catch {
            throw OpenAIErrorResponse(status: 400, message: error.message, code: "invalid_request", param: error.param)
        }
        let options = dependencies.models.translationOptions(defaultMaxCompletionTokens: settings.defaultMaxOutputTokens,
                                                             streamUpstream: true)
        let translated = RequestTranslator.translate(decoded, options: options)

        guard let key = dependencies.resolveKey({ name in HTTPField.Name(name).flatMap { request.headers[$0] } }) else {
            throw OpenAIErrorResponse(status: 401, message: dependencies.missingKeyMessage, code: "missing_api_key")
        }
        dependencies.modelRefresh?.requestSeen(key: key)
        let identifiers = ResponseIdentifiers.random()
        return Prepared(translated: translated,
                        call: UpstreamCall(body: translated.body, model: translated.upstreamModel, apiKey: key,
                                           bodySizeHint: buffer.readableBytes),
                        fallback: ModelFallback(request: translated, options: options),
                        key: key, identifiers: identifiers, createdAt: Int(Date().timeIntervalSince1970),
                        inputItems: inputItems, store: body["store"]?.boolValue ?? true, started: started, heavy: heavy)
    }

    /// The request's input as items (a string input becomes one user message), for the archive.
    static func rawInputItems(_ body: JSONValue) -> [JSONValue] {
        switch body["input"] {
        case .string(let text)?: return [["type": "message", "role": "user", "content": [["type": "input_text", "text": .string(text)]]]]
        case .array(let items)?: return items
        default: return []
        }
    }

    private func httpError(_ failure: UpstreamCallFailure, prepared: Prepared, clientStreams: Bool) -> OpenAIErrorResponse? {
        let key = prepared.key
        return UpstreamFailureMapping.httpError(for: failure, clientStreams: clientStreams) { error in
            dependencies.authAdvice(key, error)
        }
    }

    // MARK: - Streaming

    private enum PumpEvent: Sendable {
        case chunks(ChunkBatch)
        case ended
        case failed(any Error)
        case tick

        var isTick: Bool {
            if case .tick = self { true } else { false }
        }
    }

    /// How long the opening events (`response.created`, `response.in_progress`) wait for MiMo's first
    /// chunk after its headers, to go out in the same write.
    static let openingEventsDelay: Duration = .milliseconds(50)

    private func streamingResponse(translator: StreamTranslator, opening: UpstreamOpening, openTask: Task<Void, Never>,
                                   exchange: Exchange) -> Response {
        let keepalive = settings.keepaliveInterval
        // Hummingbird runs this body only if the response head could be written: a client that left
        // before that (reset while MiMo was still silent) would otherwise leave the request counted
        // in flight forever, with no log line and its MiMo stream running on.
        let unstarted = UnstartedBodyCleanup {
            openTask.cancel()
            await exchange.abandoned(translator: translator, upstreamStatus: nil, reason: "client gone before the stream started")
        }
        let body = ResponseBody { writer in
            unstarted.started()
            var translator = translator
            var upstreamStatus: Int?
            var firstChunkAt: ContinuousClock.Instant?
            var producer: Task<Void, Never>?
            var ticker: RepeatedTask?
            defer {
                producer?.cancel()
                ticker?.cancel(promise: nil)
                openTask.cancel()
            }
            do {
                // The stream's opening events go out with MiMo's first chunks, in one write (usually
                // MiMo's headers and first chunks arrive together); alone when MiMo then stays silent for
                // `openingEventsDelay`, or with the first keepalive while MiMo has not answered yet.
                var unsent = translator.start()

                // Wait for MiMo to answer, keeping Codex's idle timer alive (prefill of a large history).
                var chunks: UpstreamChunks?
                while chunks == nil {
                    switch await opening.wait(timeout: keepalive) {
                    case .success(let opened)?:
                        chunks = opened
                        upstreamStatus = opened.status
                    case .failure(let failure)?:
                        if case .status(let status, _, _) = failure { upstreamStatus = status }
                        let failed = unsent + translator.fail(UpstreamFailureMapping.streamFailure(for: failure))
                        await exchange.archive(translator)
                        ResponseWriteCoalescer.endFollows()
                        try await writer.write(Self.sse(failed))
                        try await writer.finish(nil)
                        await exchange.finish(translator: translator, upstreamStatus: upstreamStatus, ttfb: nil, archived: true)
                        return
                    case nil:
                        try Task.checkCancellation()
                        try await writer.write(Self.sse(unsent + translator.keepalive()))
                        unsent = []
                    }
                }

                let (events, continuation) = AsyncStream.makeStream(of: PumpEvent.self)
                // The relay runs on the connection's loop, where MiMo's chunks are decoded and Codex's
                // socket is written: no hand-off per chunk.
                let affinity = ConnectionAffinity.executor
                producer = Task(executorPreference: affinity) { [chunks] in
                    do {
                        for try await batch in chunks!.batches { continuation.yield(.chunks(batch)) }
                        continuation.yield(.ended)
                    } catch {
                        continuation.yield(.failed(error))
                    }
                    continuation.finish()
                }
                // Ticks for keepalives come from a timer on the loop: no task, no timer thread.
                ticker = (affinity?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any())
                    .scheduleRepeatedTask(initialDelay: TimeAmount(min(keepalive / 2, Self.openingEventsDelay)),
                                          delay: TimeAmount(keepalive / 2)) { _ in
                        continuation.yield(.tick)
                    }
                var lastWrite = ContinuousClock.now
                var archived = false
                pump: for await event in events {
                    var out: [SequencedEvent]
                    switch event {
                    case .chunks(let batch):
                        if firstChunkAt == nil { firstChunkAt = .now }
                        // A batch is what one read of MiMo's socket held: it goes to Codex in one write,
                        // with the end of the stream when MiMo's answer ended in that read.
                        var events: [SequencedEvent] = []
                        for chunk in batch.chunks where !translator.isFinished { events += translator.receive(chunk) }
                        if batch.isLast { events += translator.finish() }
                        out = events
                    case .ended:
                        out = translator.finish()
                    case .failed(let error):
                        out = translator.fail(UpstreamFailureMapping.streamFailure(for: error))
                    case .tick:
                        out = unsent.isEmpty && ContinuousClock.now - lastWrite >= keepalive ? translator.keepalive() : []
                    }
                    if !unsent.isEmpty, !out.isEmpty || event.isTick {
                        out = unsent + out
                        unsent = []
                    }
                    if !out.isEmpty {
                        if translator.isFinished {
                            if !archived {
                                await exchange.archive(translator)
                                archived = true
                            }
                            // The last events and the end of the response (after the loop) leave in one write.
                            ResponseWriteCoalescer.endFollows()
                        }
                        try await writer.write(Self.sse(out))
                        lastWrite = .now
                    }
                    if translator.isFinished { break pump }
                }
                try await writer.finish(nil)
                await exchange.finish(translator: translator, upstreamStatus: upstreamStatus,
                                      ttfb: firstChunkAt.map { $0 - exchange.started }, archived: archived)
            } catch {
                // The client went away (or the server is stopping): the deferred cancellations end the
                // MiMo request at once, which frees its admission slot.
                await exchange.abandoned(translator: translator, upstreamStatus: upstreamStatus, reason: String(describing: error))
                throw error
            }
        }
        return Self.sseResponse(body: body)
    }

    // MARK: - Complete (stream: false, and compaction)

    private func completeResponse(translator: StreamTranslator, opening: UpstreamOpening, openTask: Task<Void, Never>,
                                  exchange: Exchange, prepared: Prepared, compact: Bool) async throws -> Response {
        var translator = translator
        _ = translator.start()
        guard let outcome = await opening.wait(timeout: nil) else {
            openTask.cancel()
            await exchange.abandoned(translator: translator, upstreamStatus: nil, reason: "cancelled")
            throw CancellationError()
        }
        let chunks: UpstreamChunks
        switch outcome {
        case .failure(let failure):
            let http = httpError(failure, prepared: prepared, clientStreams: false)
                ?? OpenAIErrorResponse(status: 502, message: UpstreamFailureMapping.streamFailure(for: failure).message)
            await exchange.fail(http, translator: translator)
            return http.response()
        case .success(let opened):
            chunks = opened
        }
        var firstChunkAt: ContinuousClock.Instant?
        do {
            for try await chunk in chunks {
                if firstChunkAt == nil { firstChunkAt = .now }
                _ = translator.receive(chunk)
                if translator.isFinished { break }
            }
            _ = translator.finish()
        } catch {
            _ = translator.fail(UpstreamFailureMapping.streamFailure(for: error))
        }
        await exchange.finish(translator: translator, upstreamStatus: chunks.status, ttfb: firstChunkAt.map { $0 - exchange.started })
        let response = translator.response
        if response.status == .failed, let error = response.error {
            return OpenAIErrorResponse(status: 502, message: error.message, code: error.code.rawValue).response()
        }
        if compact {
            // The v1 compact endpoint answers with the items to continue from: the user's messages and the summary.
            let userMessages = prepared.inputItems.filter { $0["type"]?.stringValue == "message" && $0["role"]?.stringValue == "user" }
            return Self.json(["id": .string(response.id), "object": "response.compaction", "created_at": .int(response.createdAt),
                              "output": .array(userMessages + response.output.map(\.json)),
                              "usage": response.usage?.json ?? Usage.zero.json])
        }
        return Self.json(response.json)
    }

    // MARK: - Encoding

    static func sse(_ events: [SequencedEvent]) -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 160)
        for event in events { event.writeSSE(into: &bytes) }
        return ByteBuffer(bytes: bytes)
    }

    static let sseHeaders: HTTPFields = [
        .contentType: "text/event-stream; charset=utf-8",
        .cacheControl: "no-cache",
        HTTPField.Name("X-Accel-Buffering")!: "no",
    ]

    static func sseResponse(body: ResponseBody) -> Response {
        Response(status: .ok, headers: sseHeaders, body: body)
    }

    static func sseResponse(bytes: ByteBuffer) -> Response {
        Response(status: .ok, headers: sseHeaders, body: ResponseBody(byteBuffer: bytes))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serializedBytes())))
    }
}

/// Runs `cleanup` when it is released without `started()` having been called: the bookkeeping of a
/// streaming body Hummingbird dropped unwritten.
final class UnstartedBodyCleanup: Sendable {
    private let didStart = Atomic<Bool>(false)
    private let cleanup: @Sendable () async -> Void

    init(_ cleanup: @escaping @Sendable () async -> Void) { self.cleanup = cleanup }

    func started() { didStart.store(true, ordering: .relaxed) }

    deinit {
        guard !didStart.load(ordering: .relaxed) else { return }
        Task { [cleanup] in await cleanup() }
    }
}
