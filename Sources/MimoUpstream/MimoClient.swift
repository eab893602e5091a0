import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOHTTP1
import ResponsesTranslation
import NIOConcurrencyHelpers
import Synchronization

/// The real upstream: MiMo's `/chat/completions` over AsyncHTTPClient. Each call waits for an
/// admission slot, retries 429/5xx/connect failures with backoff until MiMo answers 200 (never after
/// the first chunk), then decodes the SSE body into chunks as they arrive. The slot is held until
/// the stream ends or its consumer goes away, whichever comes first.
public final class MimoClient: ChatUpstream {
    /// Where calls go; swapped by a reload or a cc-switch sync while calls are in flight (each call
    /// reads it once, when it starts).
    private let route: NIOLockedValueBox<UpstreamRoute>
    public var endpoint: UpstreamEndpoint { route.withLockedValue { $0.endpoint } }
    let admission: AdmissionGate
    let retryPolicy: RetryPolicy
    let idleTimeout: Duration
    let defaultBackoff: Duration
    let http: HTTPClient
    let logger: Logger
    private let nextID = Atomic<UInt64>(0)

    /// What a client turned away by the admission queue is told to wait: about one short answer's time.
    static let overloadRetryAfter: Duration = .seconds(5)

    /// Error bodies are read up to this size; more is never useful in a message.
    static let maxErrorBodyBytes = 256 * 1024

    public init(endpoint: UpstreamEndpoint, admission: AdmissionGate, retryPolicy: RetryPolicy, connectTimeout: Duration,
                idleTimeout: Duration, defaultBackoff: Duration = .seconds(30), logger: Logger) {
        self.route = NIOLockedValueBox(UpstreamRoute(endpoint))
        self.admission = admission
        self.retryPolicy = retryPolicy
        self.idleTimeout = idleTimeout
        self.defaultBackoff = defaultBackoff
        self.logger = logger
        var configuration = HTTPClient.Configuration()
        // `read` is an idle timeout between bytes: it bounds both the wait for headers and silences mid-stream.
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: TimeAmount(connectTimeout),
                                                                 read: TimeAmount(idleTimeout))
        configuration.decompression = .disabled
        // Our RetryPolicy retries connect failures with backoff and a budget; AHC's own retry would
        // keep a refused connection pending until the connect timeout instead of failing at once.
        configuration.connectionPool.retryConnectionEstablishment = false
        // The admission gate decides how many MiMo requests run at once; AHC's default of 8 connections
        // per host would otherwise park the rest in its pool, where they fail after the connect timeout.
        // Two spare connections serve health probes.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit =
            max(8, admission.configuration.maxConcurrent + 2)
        // No distributed tracing here: without this, every request starts a span on the global no-op tracer.
        configuration.tracing.tracer = nil
        // Each request's head and body leave in one write (see RequestWriteCoalescer). The hook's name
        // says "debug"; it is AsyncHTTPClient's public way to reach a connection's pipeline.
        configuration.http1_1ConnectionDebugInitializer = RequestWriteCoalescer.install(on:)
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends the next calls to `endpoint`; calls already running keep theirs.
    public func reroute(to endpoint: UpstreamEndpoint) {
        let next = UpstreamRoute(endpoint)
        route.withLockedValue { $0 = next }
    }

    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// The JSON body for MiMo, written straight into the buffer that is sent: a large history is not
    /// built in an array and then copied. The size guess is the client's own body size plus an eighth
    /// (translation rarely grows it); a body that still does not fit is built in an array instead.
    static func requestBody(_ call: UpstreamCall) -> ByteBuffer {
        let guess = max(4096, call.bodySizeHint + call.bodySizeHint / 8)
        var buffer = ByteBufferAllocator().buffer(capacity: guess)
        let written = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: guess) { memory in
            call.body.write(into: memory) ?? 0
        }
        if written > 0 { return buffer }
        return ByteBuffer(bytes: call.body.serializedBytes(capacity: guess * 2))
    }

    public func open(_ call: UpstreamCall) async throws(UpstreamCallFailure) -> UpstreamChunks {
        let body = Self.requestBody(call)
        let route = self.route.withLockedValue { $0 }
        let endpoint = route.endpoint
        let key = call.apiKey
        var requestHeaders: HTTPHeaders = ["content-type": "application/json", "accept": "text/event-stream",
                                           "user-agent": "ccmimolink"]
        for header in AuthHeaderChoice.headers(for: key, tokenPlanHost: route.isTokenPlanHost) {
            requestHeaders.add(name: header.name, value: header.value)
        }
        let started = ContinuousClock.now
        var attempt = 0
        while true {
            let id = nextID.add(1, ordering: .relaxed).newValue
            let ticket: AdmissionTicket
            do {
                ticket = try await admission.acquire(id: id)
            } catch let rejection as AdmissionRejection {
                logger.warning("request turned away before MiMo", metadata: ["reason": "\(rejection)"])
                throw .overloaded(rejection, retryAfter: Self.overloadRetryAfter)
            } catch {
                throw .transport("cancelled while waiting for a free MiMo slot")
            }
            let answer: ChatStreamDelegate.Answer
            do {
                answer = try await send(body, to: route, headers: requestHeaders, ticket: ticket)
            } catch {
                admission.release(ticket)
                if Task.isCancelled { throw .transport("cancelled") }
                let detail = Self.describe(error)
                let decision = retryPolicy.decision(attempt: attempt + 1, failure: .connect, retryAfter: nil,
                                                    elapsed: .now - started, jitter: Double.random(in: 0.9...1.1))
                guard try await backOff(decision, attempt: &attempt, reason: ["reason": "\(detail)"]) else {
                    throw .transport("\(detail) (\(endpoint.host))")
                }
                continue
            }

            let status: Int, headers: HTTPHeaders, errorBytes: [UInt8]
            switch answer {
            case .streaming(let chunks):
                return chunks.answering(model: call.model)  // the ticket is released when the stream ends
            case .status(let code, let answerHeaders, let bytes):
                (status, headers, errorBytes) = (code, answerHeaders, bytes)
            }
            admission.release(ticket)
            let error = UpstreamErrorBody.parse(status: status, contentType: headers.first(name: "content-type"),
                                                body: errorBytes)
            let retryAfter = headers.first(name: "retry-after").flatMap { RetryAfter.parse($0, now: Date()) }
            if status == 429, error.kind == .rateLimited {
                admission.rateLimited(retryAfter: retryAfter)
            }
            // A Token Plan 402 "Insufficient account funds" is usually a burst, not an empty account
            // (MiMo issue #99): it is retried like a 429. A quota that is really exhausted (429 saying so)
            // is not.
            let decision: RetryDecision = error.kind == .insufficientQuota && status != 402
                ? .giveUp
                : retryPolicy.decision(attempt: attempt + 1, failure: .status(status), retryAfter: retryAfter,
                                       elapsed: .now - started, jitter: Double.random(in: 0.9...1.1))
            guard try await backOff(decision, attempt: &attempt, reason: ["upstream_status": "\(status)"]) else {
                throw .status(status, error, retryAfter: retryAfter ?? (status == 429 ? defaultBackoff : nil))
            }
        }
    }

    /// Waits out a `.retry` decision (logged) and returns true, or returns false for `.giveUp`. A call
    /// cancelled while it waits ends at once.
    private func backOff(_ decision: RetryDecision, attempt: inout Int, reason: Logger.Metadata) async throws(UpstreamCallFailure) -> Bool {
        guard case .retry(let delay) = decision else { return false }
        logger.notice("retrying MiMo request", metadata: reason.merging(["attempt": "\(attempt + 1)", "delay_ms": "\(delay.wholeMilliseconds)"]) { a, _ in a })
        attempt += 1
        try? await Task.sleep(for: delay)
        if Task.isCancelled { throw .transport("cancelled") }
        return true
    }

    /// Sends one attempt and waits for MiMo's answer: the chunk stream for a 200, else the status
    /// and its body. Throws what AsyncHTTPClient threw when no answer came (connect, TLS, timeout).
    private func send(_ body: ByteBuffer, to route: UpstreamRoute, headers: HTTPHeaders,
                      ticket: AdmissionTicket) async throws -> ChatStreamDelegate.Answer {
        let request = try route.chatCompletionsURL.map {
            try HTTPClient.Request(url: $0, method: .POST, headers: headers, body: .byteBuffer(body))
        } ?? HTTPClient.Request(url: route.endpoint.chatCompletionsURL, method: .POST, headers: headers, body: .byteBuffer(body))
        let loop = deliveryLoop()
        let promise = (loop ?? http.eventLoopGroup.any()).makePromise(of: ChatStreamDelegate.Answer.self)
        let admission = self.admission
        let delegate = ChatStreamDelegate(answer: promise, errorBodyLimit: Self.maxErrorBodyBytes,
                                          idleTimeout: idleTimeout, logger: logger) {
            admission.release(ticket)
        }
        return try await withTaskCancellationHandler {
            delegate.attach(http.execute(request: request, delegate: delegate, eventLoop: loop.map { .delegate(on: $0) } ?? .indifferent,
                                         deadline: .now() + .hours(24), logger: nil))
            return try await promise.futureResult.get()
        } onCancel: {
            delegate.cancel()
        }
    }

    /// The client connection's loop (`ConnectionAffinity`), when it belongs to our client's group: MiMo's
    /// answer is decoded there and reaches the stream pump, which runs there too, without a hand-off.
    ///
    /// `.delegate(on:)`, not `.delegateAndChannel(on:)`: AsyncHTTPClient closes a connection it opened
    /// for a required loop as soon as its request ends, so every request would pay a new TCP (and TLS)
    /// handshake. With a preferred loop the pool keeps its connections, and a connection on another
    /// loop costs one hop per socket read.
    private func deliveryLoop() -> (any EventLoop)? {
        guard let loop = ConnectionAffinity.executor?.eventLoop,
              http.eventLoopGroup.makeIterator().contains(where: { $0 === loop }) else { return nil }
        return loop
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return "cannot connect to \(error.host):\(error.port): \(describe(first.error))"
        }
        if let error = error as? IOError {
            return error.errnoCode == ECONNREFUSED ? "connection refused" : String(describing: error)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .readTimeout: return "MiMo did not answer in time"
            case .remoteConnectionClosed: return "MiMo closed the connection"
            default: return String(describing: error)
            }
        }
        return String(describing: error)
    }
}
